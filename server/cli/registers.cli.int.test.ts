import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitTree } from '@server/test/factories.ts';
import { createCliHarness, type CliHarness } from '@server/test/cli-harness.ts';

let harness: CliHarness;
let dataDir: string;
const cli = (...args: string[]) => harness.cli(...args);
const withDb: CliHarness['withDb'] = (work) => harness.withDb(work);

beforeAll(async () => {
  harness = await createCliHarness('danhgia-cli-bieu06-');
  dataDir = harness.dataDir;
  await withDb(async (db) => {
    const tree = await createUnitTree(db);
    const d = (code: string, received: string, due: string, resolved: string | null, field = 'Hộ tịch') => ({
      unit_id: tree.communeA.id,
      code,
      field,
      channel: 'truc_tiep' as const,
      received_on: received,
      due_on: due,
      resolved_on: resolved,
      source: 'import' as const,
    });
    await db
      .insertInto('tthc_dossiers')
      .values([
        d('1', '2026-02-02', '2026-02-10', '2026-02-05'),
        d('2', '2026-02-02', '2026-02-10', '2026-02-12'),
        d('3', '2025-12-31', '2026-01-10', null, 'Chứng thực'),
      ])
      .execute();
  });
}, 120_000);
afterAll(() => harness.drop());

describe('registers command', () => {
  it('prints Biểu 06 as JSON with exactly the agreed keys, and as a readable table', async () => {
    const out = await cli(
      'registers',
      'report',
      'bieu-06',
      '--unit',
      '19',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
      '--json',
    );
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(Object.keys(json)).toEqual(['unit', 'from', 'to', 'total', 'byField', 'problems']);
    expect(json.unit).toBe('19');
    expect(json.total).toEqual({
      received: 3,
      online: 0,
      direct: 2,
      carriedOver: 1,
      resolved: 2,
      early: 1,
      onTime: 0,
      late: 1,
      pending: 1,
      pendingWithinDue: 0,
      pendingOverdue: 1,
    });
    expect(json.byField.map((f: { field: string }) => f.field)).toEqual(['Chứng thực', 'Hộ tịch']);
    expect(Object.keys(json.byField[0])).toEqual(['field', ...Object.keys(json.total)]);
    expect(json.problems).toEqual([]);

    const table = await cli(
      'registers',
      'report',
      'bieu-06',
      '--unit',
      '05443',
      '--from',
      '2026-01-01',
      '--to',
      '2026-06-30',
    );
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(
      'Biểu 06/VPCP/KSTT — Phường Phan Đình Phùng, từ 01/01/2026 đến 30/06/2026',
    );
    expect(table.stdout).toMatch(/Tổng cộng\s+3\s+0\s+2\s+1\s+2\s+1\s+0\s+1\s+1\s+0\s+1/);
  });

  it('imports a commune’s totals from a CSV file, refusing a bad one whole', async () => {
    const header =
      'linh_vuc;tong_so_nhan;nhan_truc_tuyen;nhan_truc_tiep_buu_chinh;tu_ky_truoc;da_giai_quyet;truoc_han;dung_han;qua_han;dang_giai_quyet;dang_trong_han;dang_qua_han';
    const bad = path.join(dataDir, 'bad.csv');
    writeFileSync(bad, `${header}\nHộ tịch;1770;0;1770;0;1757;98;1609;48;13;4;x\n`);
    const refused = await cli(
      'registers',
      'import',
      'bieu-06',
      '--unit',
      '05500',
      '--from',
      '2022-01-01',
      '--to',
      '2022-05-30',
      '--file',
      bad,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Dòng 2, cột dang_qua_han: "x" không phải số nguyên');

    const good = path.join(dataDir, 'good.csv');
    writeFileSync(good, `${header}\nHộ tịch;1770;0;1770;0;1757;98;1609;48;13;4;9\n`);
    const imported = await cli(
      'registers',
      'import',
      'bieu-06',
      '--unit',
      '05500',
      '--from',
      '2022-01-01',
      '--to',
      '2022-05-30',
      '--file',
      good,
    );
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Đã nhập 1 lĩnh vực Biểu 06 của Xã Đại Phúc');
    expect(imported.stdout).toContain(
      'Chưa khớp: Lĩnh vực Hộ tịch: cột 7 (1.757) khác cột 8 + 9 + 10 (1.755)',
    );

    const province = await cli(
      'registers',
      'report',
      'bieu-06',
      '--unit',
      '19',
      '--from',
      '2022-01-01',
      '--to',
      '2022-05-30',
      '--json',
    );
    expect(JSON.parse(province.stdout).total.received).toBe(1770);
  });
});
