import { afterEach, describe, expect, it } from 'vitest';
import { docxToPdf, findSoffice, PdfUnavailableError } from './pdf.ts';

describe('PDF conversion without LibreOffice', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('says in Vietnamese that LibreOffice is missing', async () => {
    process.env.PATH = '/nonexistent';
    expect(findSoffice()).toBeUndefined();
    const error = await docxToPdf(Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PdfUnavailableError);
    expect((error as Error).message).toMatch(/^Chưa cài LibreOffice nên không tạo được PDF/);
  });
});
