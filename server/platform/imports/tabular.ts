/**
 * Reading a spreadsheet export row by row, the same way for every register: CSV (UTF-8 with or
 * without BOM, comma or semicolon) or XLSX (first worksheet). The first non-empty row is the
 * header. Rows stream, so a million-row file never sits in memory; each row keeps its line number
 * in the file (header = 1) for error reports.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { ValidationError } from '@server/platform/http/errors.ts';

export type TabularKind = 'csv' | 'xlsx';

export interface TabularRow {
  /** Line (CSV) or row (XLSX) number in the file, the header being 1 when it is the first line. */
  line: number;
  /** Cell text by header (trimmed); dates in XLSX cells are written yyyy-mm-dd. */
  cells: Record<string, string>;
}

export interface TabularFile {
  kind: TabularKind;
  headers: string[];
  rows: AsyncIterable<TabularRow>;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** CSV or XLSX, from the file's first bytes (an XLSX is a ZIP), not its name. */
export async function detectTabularKind(path: string): Promise<TabularKind> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
  } finally {
    await handle.close();
  }
}

/** Opens a CSV or XLSX file; throws a Vietnamese ValidationError when it has no header row. */
export async function openTabular(path: string): Promise<TabularFile> {
  const kind = await detectTabularKind(path);
  const iterator = (kind === 'xlsx' ? xlsxRows(path) : csvRows(path))[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw new ValidationError('Tệp trống: không có dòng tiêu đề.');
  const headerCells = first.value.cells;
  const headers = headerCells.map((h) => h.trim());
  if (headers.every((h) => h === '')) throw new ValidationError('Tệp không có dòng tiêu đề.');
  const seen = new Set<string>();
  for (const h of headers) {
    if (h && seen.has(h)) throw new ValidationError(`Dòng tiêu đề có hai cột cùng tên "${h}".`);
    seen.add(h);
  }
  async function* rows(): AsyncGenerator<TabularRow> {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { line, cells } = next.value;
      if (cells.every((c) => c.trim() === '')) continue;
      const record: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) record[h] = (cells[i] ?? '').trim();
      });
      yield { line, cells: record };
    }
  }
  return { kind, headers: headers.filter(Boolean), rows: rows() };
}

/** The header row only (for the column-mapping screen). */
export async function readTabularHeaders(path: string): Promise<{ kind: TabularKind; headers: string[] }> {
  const file = await openTabular(path);
  const it = file.rows[Symbol.asyncIterator]();
  await it.return?.();
  return { kind: file.kind, headers: file.headers };
}

type RawRow = { line: number; cells: string[] };

async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    const firstLine = buf.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0] ?? '';
    const count = (c: string) => firstLine.split(c).length - 1;
    return count(';') > count(',') ? ';' : count('\t') > count(',') ? '\t' : ',';
  } finally {
    await handle.close();
  }
}

async function* csvRows(path: string): AsyncGenerator<RawRow> {
  const parser = createReadStream(path).pipe(
    parse({
      bom: true,
      delimiter: await sniffDelimiter(path),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>)
      yield { line: info.lines, cells: record };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`Không đọc được tệp CSV: ${message}`);
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
  }
  return String(value);
}

async function* xlsxRows(path: string): AsyncGenerator<RawRow> {
  // The whole workbook is read at once: ExcelJS's streaming reader sometimes reaches a worksheet before
  // it has parsed workbook.xml and fails ("reading 'sheets'"), depending on timing. Large files come as CSV.
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ValidationError(`Không đọc được tệp Excel (.xlsx): ${message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return;
  const rows: RawRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    rows.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  yield* rows;
}
