import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { loadAuditKey, setAuditKey } from '@server/platform/audit/audit-key.ts';
import { createCliHarness, type CliHarness } from '@server/test/cli-harness.ts';
import { TEST_ENGINE } from '@server/test/test-db.ts';

let harness: CliHarness;
let dataDir: string;
const cli = (...args: string[]) => harness.cli(...args);
const withDb: CliHarness['withDb'] = (work) => harness.withDb(work);

beforeAll(async () => {
  harness = await createCliHarness('danhgia-cli-');
  dataDir = harness.dataDir;
});
afterAll(() => harness.drop());

// Each case spawns the CLI (tsx, a cold transform cache on a fresh clone): seconds per command.
describe('command line', { timeout: 180_000 }, () => {
  it('imports one province, lists it with or without diacritics, and creates a user', () => {
    const imported = cli('units', 'import', '--province', '19');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Đã nhập 1 tỉnh\/thành phố và 92 đơn vị cấp xã mới, 2 tỉnh và \d+ xã cũ/,
    );
    expect(imported.stdout.trim().split('\n')).toHaveLength(1);

    const again = cli('units', 'import', '--province', '19');
    expect(again.stdout).toContain('không có thay đổi');

    const plain = cli('units', 'list', '--province', '19', '--search', 'dai phuc');
    expect(plain.stdout).toContain('05488  Xã Đại Phúc');
    const accented = cli('units', 'list', '--search', 'Đại Phúc');
    expect(accented.stdout).toContain('Xã Đại Phúc');

    const created = cli(
      'users',
      'create',
      '--username',
      'sotuphap19',
      '--name',
      'Trần Thị Hồng',
      '--role',
      'province_admin',
      '--unit',
      '19',
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Đã tạo người dùng sotuphap19 .* Mật khẩu tạm: \S{14}/);
    const duplicate = cli(
      'users',
      'create',
      '--username',
      'sotuphap19',
      '--name',
      'X',
      '--role',
      'viewer',
      '--unit',
      '19',
    );
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('Tên đăng nhập đã tồn tại');
  });

  it('signs everyone out with sessions end-all', () => {
    const ended = cli('sessions', 'end-all');
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/^Đã kết thúc \d+ phiên đăng nhập\. Mọi người dùng phải đăng nhập lại\./);
    expect(cli('sessions').code).toBe(2);
  });

  it('refuses a guessable --password before touching the database', () => {
    const weak = cli(
      'users',
      'create',
      '--username',
      'canbob',
      '--name',
      'Cán Bộ B',
      '--role',
      'viewer',
      '--unit',
      '19',
      '--password',
      'canbob12',
    );
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^Mật khẩu quá dễ đoán\./);
  });

  it('refuses a corrupted unit list in Vietnamese, naming the field, and imports nothing', async () => {
    const file = path.join(dataDir, 'merges-bad.json');
    writeFileSync(
      file,
      JSON.stringify({ data: [{ level1_id: '01', name: 'Thành phố Hà Nội', merges: [] }] }),
    );
    const bad = cli('units', 'import', '--file', file, '--no-history');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('không có dữ liệu nào được ghi');
    expect(bad.stderr).toContain('data[0].level2s: thiếu danh sách đơn vị cấp xã (level2s)');
    expect(bad.stderr).not.toMatch(/at |TypeError|iterable/);
    writeFileSync(file, '');
    expect(cli('units', 'import', '--file', file, '--no-history').stderr).toContain('(toàn tệp): tệp trống');
  });

  it('verifies the audit chain, then names the first tampered row', async () => {
    const ok = cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Nhật ký toàn vẹn: \d+ dòng/);

    const badId = await withDb(async (db) => {
      // Written as the CLI would, with the key it created in DATA_DIR.
      setAuditKey(loadAuditKey({ dataDir }));
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++)
          await writeAudit(trx, {
            action: 'unit.updated',
            objectType: 'unit',
            objectId: `x${i}`,
            diff: { i },
          });
      });
      const rows = await db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(2).execute();
      const target = rows[1]!.id;
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
      await db
        .updateTable('audit_log')
        .set({ diff: JSON.stringify({ i: 99 }) })
        .where('id', '=', target)
        .execute();
      return target;
    });
    const bad = cli('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`dòng số ${badId}`);
    expect(bad.stderr).toContain('nội dung dòng đã bị sửa');
  });

  it.skipIf(TEST_ENGINE === 'postgres')('refuses to open a data folder the app is using', () => {
    writeFileSync(path.join(dataDir, 'danhgia.lock'), String(process.pid));
    try {
      const blocked = cli('audit', 'verify');
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('đang được tiến trình khác');
    } finally {
      rmSync(path.join(dataDir, 'danhgia.lock'), { force: true });
    }
  });
});
