/** Test helpers: the example data files and DOCX/XLSX readers. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Parsed docs/examples/<form>.json. */
export function loadExample(form: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(root, 'docs/examples', `${form}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Absolute path inside the repository. */
export function repoPath(...parts: string[]): string {
  return path.join(root, ...parts);
}

/** All cell values of the first sheet of an XLSX, row by row. */
export async function xlsxRows(buffer: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const values: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell) => values.push(cell.value));
    rows.push(values);
  });
  return rows;
}
