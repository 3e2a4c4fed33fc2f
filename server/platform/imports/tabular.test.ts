import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { csvParseOnly, fastCsvRows, openTabular, readTabularHeaders, type TabularRow } from './tabular.ts';

const dir = await mkdtemp(join(tmpdir(), 'tabular-'));
let n = 0;
async function file(content: string | Buffer): Promise<string> {
  const path = join(dir, `f${n++}`);
  await writeFile(path, content);
  return path;
}
async function all(path: string): Promise<{ headers: string[]; rows: TabularRow[] }> {
  const t = await openTabular(path);
  const rows: TabularRow[] = [];
  for await (const r of t.rows) rows.push(r);
  return { headers: t.headers, rows };
}

describe('reading a spreadsheet export', () => {
  it('reads UTF-8 CSV with a BOM, quoted commas and line numbers as in the file', async () => {
    const path = await file('\uFEFFma_ho_so,ten_thu_tuc\n\nA1,"Chứng thực, bản sao"\r\nA2,Khai sinh\n');
    const { headers, rows } = await all(path);
    expect(headers).toEqual(['ma_ho_so', 'ten_thu_tuc']);
    expect(rows).toEqual([
      { line: 3, cells: { ma_ho_so: 'A1', ten_thu_tuc: 'Chứng thực, bản sao' } },
      { line: 4, cells: { ma_ho_so: 'A2', ten_thu_tuc: 'Khai sinh' } },
    ]);
  });

  it('reads a semicolon-separated CSV (Excel with the Vietnamese list separator) without a BOM', async () => {
    const { rows } = await all(await file('Mã hồ sơ;Lĩnh vực\nB1;Hộ tịch\n'));
    expect(rows[0]!.cells).toEqual({ 'Mã hồ sơ': 'B1', 'Lĩnh vực': 'Hộ tịch' });
  });

  it('reads the first worksheet of an XLSX, dates as yyyy-mm-dd', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow(['ma_ho_so', 'ngay_tiep_nhan', 'so_hoa']);
    ws.addRow(['C1', new Date(Date.UTC(2026, 0, 2)), 1]);
    ws.addRow([]);
    ws.addRow(['C2', '05/01/2026 08:15', '']);
    wb.addWorksheet('Khác').addRow(['x']);
    const path = await file(Buffer.from(await wb.xlsx.writeBuffer()));
    const { headers, rows } = await all(path);
    expect(headers).toEqual(['ma_ho_so', 'ngay_tiep_nhan', 'so_hoa']);
    expect(rows).toEqual([
      { line: 2, cells: { ma_ho_so: 'C1', ngay_tiep_nhan: '2026-01-02', so_hoa: '1' } },
      { line: 4, cells: { ma_ho_so: 'C2', ngay_tiep_nhan: '05/01/2026 08:15', so_hoa: '' } },
    ]);
    expect(await readTabularHeaders(path)).toEqual({ kind: 'xlsx', headers });
  });

  it('refuses an empty file and a header with two columns of the same name, in Vietnamese', async () => {
    await expect(openTabular(await file(''))).rejects.toThrow('Tệp trống: không có dòng tiêu đề.');
    await expect(openTabular(await file('a,b,a\n1,2,3\n'))).rejects.toThrow(
      'Dòng tiêu đề có hai cột cùng tên "a".',
    );
  });
});

describe('the fast CSV reader reads exactly what csv-parse reads', () => {
  /** A seeded generator, so that a failure can be replayed. */
  function random(seed: number) {
    let s = seed >>> 0;
    return (n: number) => {
      s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
      return s % n;
    };
  }
  const PIECES = ['a', 'Hộ tịch', ' ', ',', ';', '"', '""', '\n', '\r\n', '\r', '1', 'x', '\uFEFF', 'đ'];
  function cell(pick: (n: number) => number, delimiter: string): string {
    const kind = pick(10);
    if (kind < 5) return ['', 'HS-1', 'Chứng thực', '2025-01-02', '0'][pick(5)]!;
    const text = Array.from({ length: 1 + pick(4) }, () => PIECES[pick(PIECES.length)]!).join('');
    // Mostly well-formed quoting; now and then a stray quote for csv-parse to refuse.
    if (kind < 9) return `"${text.replace(/"/g, '""')}"`;
    return kind === 9 && pick(2) === 0 ? text : text.replace(/["\r\n]/g, '').replaceAll(delimiter, '');
  }
  function csvText(pick: (n: number) => number): { text: string; delimiter: string } {
    const delimiter = [',', ';', '\t'][pick(3)]!;
    const newline = ['\n', '\r\n'][pick(2)]!;
    const lines = Array.from({ length: 1 + pick(12) }, () =>
      pick(8) === 0 ? '' : Array.from({ length: 1 + pick(5) }, () => cell(pick, delimiter)).join(delimiter),
    );
    return {
      text: (pick(4) === 0 ? '\uFEFF' : '') + lines.join(newline) + (pick(2) ? newline : ''),
      delimiter,
    };
  }
  /** The bytes in random pieces, so records, quotes, CRLF and UTF-8 characters straddle chunks. */
  function chunked(bytes: Buffer, pick: (n: number) => number): Readable {
    const pieces: Buffer[] = [];
    for (let i = 0; i < bytes.length;) {
      const size = 1 + pick(12);
      pieces.push(bytes.subarray(i, i + size));
      i += size;
    }
    return Readable.from(pieces);
  }
  async function read(rows: AsyncIterable<{ line: number; cells: string[] }>) {
    const out: Array<{ line: number; cells: string[] }> = [];
    try {
      for await (const row of rows) out.push(row);
      return { rows: out };
    } catch (error) {
      return { rows: out, error: (error as Error).message };
    }
  }

  it('gives the same records, line numbers and errors on 1,000 generated files', async () => {
    let fast = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      const pick = random(seed);
      const { text, delimiter } = csvText(pick);
      const bytes = Buffer.from(text, 'utf8');
      const expected = await read(csvParseOnly(Readable.from([bytes]), delimiter));
      const actual = await read(fastCsvRows(chunked(bytes, pick), delimiter));
      // On an error the file is refused whole, so only the message counts (csv-parse drops the records
      // it had not handed on yet when it fails; the fast reader has handed them on).
      if (expected.error) expect({ seed, error: actual.error }).toEqual({ seed, error: expected.error });
      else expect({ seed, ...actual }).toEqual({ seed, ...expected });
      if (!expected.error) fast++;
    }
    // The generator must exercise both the fast path and csv-parse's refusals.
    expect(fast).toBeGreaterThan(300);
    expect(fast).toBeLessThan(950);
  }, 30_000);
});
