/**
 * Reading a spreadsheet export row by row, the same way for every register: CSV (UTF-8 with or
 * without BOM, comma or semicolon) or XLSX (first worksheet). The first non-empty row is the
 * header. Rows stream, so a million-row file never sits in memory; each row keeps its line number
 * in the file (header = 1) for error reports.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
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

/** csv-parse's reading of a CSV stream (the reference; the rest of a file the fast reader hands over). */
async function* csvParseRows(source: Readable, delimiter: string): AsyncGenerator<RawRow> {
  const parser = source.pipe(
    parse({
      bom: true,
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }),
  );
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number };
  }>)
    yield { line: info.lines, cells: record };
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
/** Past this without a line feed (a file of carriage returns only?), csv-parse reads the rest. */
const LONGEST_LINE = 1 << 22;

/**
 * One record starting at `start` of `text` that has a quote somewhere: RFC 4180 fields (a quoted field
 * may hold delimiters, doubled quotes and line feeds). Answers 'more' when the record may continue past
 * the text read so far, 'other' for anything the fast reader leaves to csv-parse (a quote inside an
 * unquoted field, text after a closing quote, a carriage return that is not part of CRLF, an unclosed
 * quote at the end of the file: csv-parse reads them, or words the error, as it always did).
 */
export function splitQuotedRecord(
  text: string,
  start: number,
  delimiter: number,
  atEnd: boolean,
): { cells: string[]; next: number; newlines: number } | 'more' | 'other' {
  const cells: string[] = [];
  const length = text.length;
  let newlines = 0;
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === QUOTE) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = text.indexOf('"', from);
        if (q === -1 || (q + 1 === length && !atEnd)) return atEnd ? 'other' : 'more';
        if (text.charCodeAt(q + 1) === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        value += text.slice(from, q);
        const raw = text.slice(i + 1, q);
        if (raw.includes('\r')) return 'other';
        for (let n = raw.indexOf('\n'); n !== -1; n = raw.indexOf('\n', n + 1)) newlines++;
        i = q + 1;
        break;
      }
      cells.push(value);
    } else {
      let j = i;
      while (j < length) {
        const c = text.charCodeAt(j);
        if (c === delimiter || c === LF || c === CR) break;
        if (c === QUOTE) return 'other';
        j++;
      }
      cells.push(text.slice(i, j));
      i = j;
    }
    if (i >= length) return atEnd ? { cells, next: i, newlines } : 'more';
    const c = text.charCodeAt(i);
    if (c === delimiter) {
      i++;
      if (i >= length && !atEnd) return 'more';
      continue;
    }
    if (c === LF) return { cells, next: i + 1, newlines };
    if (c !== CR) return 'other';
    if (i + 1 >= length) return atEnd ? { cells, next: i + 1, newlines } : 'more';
    return text.charCodeAt(i + 1) === LF ? { cells, next: i + 2, newlines } : 'other';
  }
}

/**
 * CSV rows as csv-parse reads them (bom, the three record delimiters, uneven rows, empty lines
 * skipped, the line where each record ends), faster: a line with no quote is split on the
 * delimiter; a quoted record goes through splitQuotedRecord; anything else hands the rest of the file
 * to csv-parse, fed blank lines first so that it counts lines (and words its errors) as if it had
 * read the whole file. tabular.test.ts compares the two on generated files.
 */
export async function* fastCsvRows(source: Readable, delimiterChar: string): AsyncGenerator<RawRow> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const decoder = new StringDecoder('utf8');
  const decode = (chunk: Buffer | string) => (typeof chunk === 'string' ? chunk : decoder.write(chunk));
  const delimiter = delimiterChar.charCodeAt(0);
  let text = '';
  let pos = 0;
  let line = 1;
  let atEnd = false;
  let first = true;
  const more = async () => {
    const next = await chunks.next();
    if (next.done) {
      atEnd = true;
      text = text.slice(pos) + decoder.end();
      pos = 0;
      return;
    }
    text = text.slice(pos) + decode(next.value);
    pos = 0;
    if (first && text !== '') {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
  };
  try {
    await more();
    for (;;) {
      let lf = text.indexOf('\n', pos);
      while (lf === -1 && !atEnd && text.length - pos < LONGEST_LINE) {
        await more();
        lf = text.indexOf('\n', pos);
      }
      if (lf === -1 && !atEnd) break;
      if (pos >= text.length && atEnd) return;
      const end = lf === -1 ? text.length : lf;
      const lineEnd = end > pos && text.charCodeAt(end - 1) === CR ? end - 1 : end;
      const lineText = text.slice(pos, lineEnd);
      if (!lineText.includes('"')) {
        if (lineText.includes('\r')) break;
        if (lineText !== '') yield { line, cells: lineText.split(delimiterChar) };
        pos = lf === -1 ? text.length : lf + 1;
        line++;
        continue;
      }
      const record = splitQuotedRecord(text, pos, delimiter, atEnd);
      if (record === 'more') {
        await more();
        continue;
      }
      if (record === 'other') break;
      line += record.newlines;
      yield { line, cells: record.cells };
      line++;
      pos = record.next;
    }
    // The rest, from the start of the record the fast reader left, through csv-parse.
    const rest = text.slice(pos);
    async function* remaining() {
      yield '\n'.repeat(line - 1) + rest;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield decode(next.value);
      if (!atEnd) yield decoder.end();
    }
    yield* csvParseRows(Readable.from(remaining()), delimiterChar);
  } finally {
    await chunks.return?.();
  }
}

/** The reference reader (csv-parse alone), for tests. */
export function csvParseOnly(source: Readable, delimiter: string) {
  return csvParseRows(source, delimiter);
}

async function* csvRows(path: string): AsyncGenerator<RawRow> {
  const delimiter = await sniffDelimiter(path);
  try {
    yield* fastCsvRows(createReadStream(path, { highWaterMark: 1 << 20 }), delimiter);
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
