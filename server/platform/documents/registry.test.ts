import ExcelJS from 'exceljs';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { docxParagraphs } from './docx-text.ts';
import { nd30Document } from './nd30.ts';
import { bodyParagraph } from './nd30-text.ts';
import {
  createDocumentRenderer,
  defineDocument,
  DocumentDataError,
  UnknownDocumentError,
} from './registry.ts';
import { addTableSheet, createWorkbook } from './xlsx.ts';

const schema = z.object({
  title: z.string().min(1),
  rows: z.array(z.object({ name: z.string(), points: z.number() })),
});

const renderer = createDocumentRenderer([
  defineDocument({
    form: 'thu',
    title: 'Mẫu thử',
    schema,
    fileName: () => 'thu',
    docx: (d) => nd30Document([{ children: [bodyParagraph(d.title)] }]),
    xlsx: (d) => {
      const wb = createWorkbook();
      addTableSheet(wb, {
        name: 'Thử',
        headerLeft: ['UBND'],
        headerRight: ['CỘNG HÒA'],
        title: [d.title],
        columns: [
          { header: 'Tên', width: 20 },
          { header: 'Điểm', width: 10 },
        ],
        rows: d.rows.map((r) => ({ cells: [r.name, r.points] })),
      });
      return wb;
    },
  }),
]);

describe('renderDocument', () => {
  it('renders DOCX from validated data', async () => {
    const out = await renderer.renderDocument('thu', { title: 'Xin chào', rows: [] }, 'docx');
    expect(out.fileName).toBe('thu.docx');
    expect(out.contentType).toContain('wordprocessingml');
    expect(await docxParagraphs(out.buffer)).toEqual(['Xin chào']);
  });

  it('renders XLSX whose numbers read back as numbers', async () => {
    const out = await renderer.renderDocument(
      'thu',
      { title: 'Bảng', rows: [{ name: 'A', points: 84.66 }] },
      'xlsx',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(out.buffer as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.pageSetup.paperSize).toBe(9);
    const values: unknown[] = [];
    sheet.eachRow((row) => row.eachCell((cell) => values.push(cell.value)));
    expect(values).toContain('Bảng');
    expect(values).toContain(84.66);
  });

  it('names each invalid field in Vietnamese', async () => {
    const error = await renderer
      .renderDocument('thu', { title: '', rows: [{ name: 'A', points: 'x' }] }, 'docx')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DocumentDataError);
    const issues = (error as DocumentDataError).issues;
    expect(issues.some((i) => i.startsWith('title:'))).toBe(true);
    expect(issues.some((i) => i.startsWith('rows[0].points:'))).toBe(true);
    expect((error as Error).message).toMatch(/không hợp lệ/);
  });

  it('rejects unknown forms and formats with the list of what exists', async () => {
    const unknown = await renderer.renderDocument('khac', {}, 'docx').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(UnknownDocumentError);
    expect((unknown as UnknownDocumentError).available).toEqual(['thu']);
    expect(renderer.get('thu').formats).toEqual(['docx', 'xlsx', 'pdf']);
  });
});
