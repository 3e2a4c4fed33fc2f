import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { convertDocxFilesToPdf, findSoffice } from '@server/platform/documents/pdf.ts';
import { documents, renderDocument } from './documents.registry.ts';
import { loadExample, repoPath } from './test-helpers.ts';

const soffice = findSoffice();
const reason =
  'LibreOffice (soffice) chưa được cài: bỏ qua kiểm tra PDF (CI cài libreoffice-writer-nogui, poppler-utils)';
if (!soffice) console.warn(reason);

describe.skipIf(!soffice)(`PDF through LibreOffice${soffice ? '' : ` — ${reason}`}`, () => {
  it(
    'converts every form in one run to A4 PDFs whose first page has the text',
    { timeout: 180_000 },
    async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-pdf-test-'));
      const files: string[] = [];
      for (const { form } of documents.forms) {
        const { buffer, fileName } = await renderDocument(form, loadExample(form), 'docx');
        const file = path.join(dir, fileName);
        writeFileSync(file, buffer);
        files.push(file);
      }
      const pdfs = await convertDocxFilesToPdf(files, dir);
      expect(pdfs).toHaveLength(documents.forms.length);
      for (const pdf of pdfs) {
        const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
        expect(info, pdf).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts/);
        const firstPage = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], {
          encoding: 'utf8',
        });
        expect(firstPage, pdf).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
        expect(firstPage, pdf).toContain('Độc lập - Tự do - Hạnh phúc');
        // One serif family on every page: a font without Ơ ư ạ… (fonts-liberation 1.x) makes LibreOffice
        // fill the missing letters from DejaVu, and the page mixes two typefaces.
        const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' })
          .split('\n')
          .slice(2)
          .map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''))
          .filter(Boolean);
        expect(fonts.length, pdf).toBeGreaterThan(0);
        expect(
          fonts.filter((f) => !/^LiberationSerif(-Bold|-Italic|-BoldItalic)?$/.test(f)),
          pdf,
        ).toEqual([]);
      }
      // Page one of Mẫu 01, for a person to look at (test-artifacts/ is gitignored).
      const artifacts = repoPath('test-artifacts');
      mkdirSync(artifacts, { recursive: true });
      const mau01 = pdfs.find((p) => path.basename(p).startsWith('mau-01'))!;
      const mau01Text = execFileSync('pdftotext', ['-f', '1', '-l', '1', mau01, '-'], { encoding: 'utf8' });
      expect(mau01Text).toContain('Long Hoa, ngày 19 tháng 12 năm 2023');
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        mau01,
        path.join(artifacts, 'mau-01-page1'),
      ]);
    },
  );

  it('renders PDF through renderDocument', { timeout: 120_000 }, async () => {
    const out = await renderDocument('mau-10', loadExample('mau-10'), 'pdf');
    expect(out.contentType).toBe('application/pdf');
    expect(out.buffer.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
