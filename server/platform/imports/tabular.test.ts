import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { openTabular, readTabularHeaders, type TabularRow } from './tabular.ts';

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
