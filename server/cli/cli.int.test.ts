import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { loadAuditKey, setAuditKey } from '@server/platform/audit/audit-key.ts';
import { createCliHarness, type CliHarness } from '@server/test/cli-harness.ts';
import { TEST_AUDIT_KEY, TEST_ENGINE } from '@server/test/test-db.ts';

let harness: CliHarness;
let dataDir: string;
const cli = (...args: string[]) => harness.cli(...args);
const withDb: CliHarness['withDb'] = (work) => harness.withDb(work);

beforeAll(async () => {
  harness = await createCliHarness('danhgia-cli-');
  dataDir = harness.dataDir;
});
afterAll(() => harness.drop());

describe('command line', () => {
  it('imports one province, lists it with or without diacritics, and creates a user', async () => {
    const imported = await cli('units', 'import', '--province', '19');
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /^Đã nhập 1 tỉnh\/thành phố và 92 đơn vị cấp xã mới, 2 tỉnh và \d+ xã cũ/,
    );
    expect(imported.stdout.trim().split('\n')).toHaveLength(1);

    const again = await cli('units', 'import', '--province', '19');
    expect(again.stdout).toContain('không có thay đổi');

    const plain = await cli('units', 'list', '--province', '19', '--search', 'dai phuc');
    expect(plain.stdout).toContain('05488  Xã Đại Phúc');
    const accented = await cli('units', 'list', '--search', 'Đại Phúc');
    expect(accented.stdout).toContain('Xã Đại Phúc');

    const created = await cli(
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
    const duplicate = await cli(
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

  it('signs everyone out with sessions end-all', async () => {
    const ended = await cli('sessions', 'end-all');
    expect(ended.stderr).toBe('');
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/^Đã kết thúc \d+ phiên đăng nhập\. Mọi người dùng phải đăng nhập lại\./);
    expect((await cli('sessions')).code).toBe(2);
  });

  it('refuses a guessable --password before touching the database', async () => {
    const weak = await cli(
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
    const bad = await cli('units', 'import', '--file', file, '--no-history');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('không có dữ liệu nào được ghi');
    expect(bad.stderr).toContain('data[0].level2s: thiếu danh sách đơn vị cấp xã (level2s)');
    expect(bad.stderr).not.toMatch(/at |TypeError|iterable/);
    writeFileSync(file, '');
    expect((await cli('units', 'import', '--file', file, '--no-history')).stderr).toContain(
      '(toàn tệp): tệp trống',
    );
  });

  it('shows the usage with --help (exit 0) and after an unknown command (exit 2)', async () => {
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toBe('');
    expect(help.stderr).toMatch(/^Cách dùng: npm run --silent cli -- <lệnh> \[tuỳ chọn\]\nCác lệnh:\n/);
    const unknown = await cli('khong-co');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(`Lệnh không tồn tại: khong-co\n${help.stderr}`);
  });

  // The one test of the real binary (tsx, the exit code reaching the shell, the data folder taken and
  // released by a process of its own); every other case runs the same entry in this process.
  it(
    'works as a program of its own: usage and exit code, then a command on the database',
    { timeout: 180_000 },
    () => {
      const unknown = harness.cliProcess('khong-co');
      expect(unknown.code).toBe(2);
      expect(unknown.stdout).toBe('');
      expect(unknown.stderr).toMatch(/^Lệnh không tồn tại: khong-co\nCách dùng: /);
      for (const command of [
        'frameworks',
        'score',
        'document',
        'units',
        'users',
        'audit',
        'sessions',
        'registers',
      ])
        expect(unknown.stderr).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
      expect(unknown.stderr).not.toContain('(chưa có)');

      const listed = harness.cliProcess('units', 'list', '--search', 'Đại Phúc');
      expect(listed.stderr).toBe('');
      expect(listed.code).toBe(0);
      expect(listed.stdout).toContain('05488  Xã Đại Phúc');
    },
  );

  it('verifies the audit chain, then names the first tampered row', async () => {
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Nhật ký toàn vẹn: \d+ dòng/);

    const badId = await withDb(async (db) => {
      // Written as the CLI would, with the key it created in DATA_DIR; the files run after this one in
      // the worker write with the tests' key.
      setAuditKey(loadAuditKey({ dataDir }));
      try {
        await db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++)
            await writeAudit(trx, {
              action: 'unit.updated',
              objectType: 'unit',
              objectId: `x${i}`,
              diff: { i },
            });
        });
      } finally {
        setAuditKey(TEST_AUDIT_KEY);
      }
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
    const bad = await cli('audit', 'verify');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`dòng số ${badId}`);
    expect(bad.stderr).toContain('nội dung dòng đã bị sửa');
  });

  it.skipIf(TEST_ENGINE === 'postgres')('refuses to open a data folder the app is using', async () => {
    // A live process other than this one (the command runs in this one): the process that started the tests.
    writeFileSync(path.join(dataDir, 'danhgia.lock'), String(process.ppid));
    try {
      const blocked = await cli('audit', 'verify');
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain('đang được tiến trình khác');
    } finally {
      rmSync(path.join(dataDir, 'danhgia.lock'), { force: true });
    }
  });
});
