import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffRecords, hashAuditRow, verifyAuditChain, writeAudit } from './audit.ts';
import { writeAuditCheckpoint } from './audit-anchor.ts';

let database: TestDatabase;
/** A second database whose cases each start from an empty log and are rolled back afterwards (the DDL
 * too: triggers, constraints); a fresh database per such case cost seconds each (issue #9). */
let scratch: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  scratch = await createTestDatabase({ rollback: true });
  await scratch.rollback!.begin();
});
afterAll(async () => {
  await database?.drop();
  await scratch?.drop();
});

/** Runs `work` on `scratch`, from an empty log, and undoes everything it did. */
async function onScratch<T>(work: (db: TestDatabase['db']) => Promise<T>): Promise<T> {
  await scratch.rollback!.mark();
  try {
    expect(await scratch.db.selectFrom('audit_log').select('id').execute()).toEqual([]);
    return await work(scratch.db);
  } finally {
    await scratch.rollback!.reset();
  }
}

async function write(n: number, db = database.db) {
  for (let i = 0; i < n; i++) {
    await db.transaction().execute((trx) =>
      writeAudit(trx, {
        action: 'unit.updated',
        objectType: 'unit',
        objectId: `u${i}`,
        diff: diffRecords({ name: 'Xã Cũ', code: '1' }, { name: `Xã Mới ${i}`, code: '1' }),
        actor: { userId: '00000000-0000-4000-8000-000000000001', fullName: 'Nguyễn Văn A' },
        ip: '127.0.0.1',
      }),
    );
  }
}

describe('audit trail', () => {
  it('records only what changed and hides secrets', () => {
    expect(diffRecords({ a: 1, b: 2, password_hash: 'x' }, { a: 1, b: 3, password_hash: 'y' })).toEqual({
      b: { from: 2, to: 3 },
      password_hash: { from: '***', to: '***' },
    });
  });

  it('rolls back with the change it belongs to', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await writeAudit(trx, { action: 'unit.updated', objectType: 'unit', objectId: 'rolled-back' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow();
    const rows = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('object_id', '=', 'rolled-back')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('chains rows so the whole trail verifies, also under concurrent writers', async () => {
    await Promise.all([write(5), write(5), write(5)]);
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ ok: true, rows: 15 });
  });

  it('names the first tampered row', async () => {
    const rows = await database.db.selectFrom('audit_log').select('id').orderBy('id').execute();
    const victim = rows[7]!.id;
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set diff = '{"name": {"from": "Xã Cũ", "to": "Xã Giả"}}' where id = ${victim}`.execute(
      database.db,
    );
    const report = await verifyAuditChain(database.db, 4);
    expect(report).toMatchObject({ ok: false, badRowId: victim });
  });

  it('detects a deleted row', async () => {
    await onScratch(async (db) => {
      await write(4, db);
      const rows = await db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
      await sql`delete from audit_log where id = ${rows[1]!.id}`.execute(db);
      expect(await verifyAuditChain(db)).toMatchObject({ ok: false, badRowId: rows[2]!.id });
    });
  });
});

describe('tampering with the audit trail', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-audit-anchor-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A fresh log of 6 rows, checkpointed outside the database, tampered with, then verified. */
  async function tamper(
    change: (db: TestDatabase['db'], ids: number[], anchorFile: string) => Promise<void>,
  ) {
    const anchorFile = path.join(dir, `${Math.random().toString(36).slice(2)}.jsonl`);
    return onScratch(async (db) => {
      await writeAuditCheckpoint(db, anchorFile); // at first start: empty log
      for (let i = 0; i < 6; i++)
        await db
          .transaction()
          .execute((trx) =>
            writeAudit(trx, { action: 'unit.updated', objectType: 'unit', objectId: `u${i}`, diff: { i } }),
          );
      await writeAuditCheckpoint(db, anchorFile);
      const ids = (await db.selectFrom('audit_log').select('id').orderBy('id').execute()).map((r) => r.id);
      expect(await verifyAuditChain(db, { anchorFile })).toMatchObject({
        ok: true,
        rows: 6,
        checkpoints: 2,
      });
      // As a database superuser could; the application's role cannot.
      await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db);
      await sql`alter table audit_log disable trigger audit_log_no_truncate`.execute(db);
      await change(db, ids, anchorFile);
      return { report: await verifyAuditChain(db, { anchorFile }), ids };
    });
  }

  /** Recomputes the public hashes from the row `fromId` on, as someone without the key would. */
  async function recompute(db: TestDatabase['db'], fromId: number, mac: 'keep' | 'clear') {
    const rows = await db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    let prev = rows.filter((r) => r.id < fromId).at(-1)?.hash;
    for (const row of rows.filter((r) => r.id >= fromId)) {
      const hash = hashAuditRow(prev ?? '0'.repeat(64), {
        at: row.at.toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        action: row.action,
        object_type: row.object_type,
        object_id: row.object_id,
        unit_id: row.unit_id,
        diff: row.diff,
        ip: row.ip,
      });
      await sql`update audit_log set prev_hash = ${prev ?? '0'.repeat(64)}, hash = ${hash},
        mac = ${mac === 'keep' ? row.mac : null} where id = ${row.id}`.execute(db);
      prev = hash;
    }
  }

  it('the database refuses to update, delete or truncate the log', async () => {
    // An earlier test played a superuser; the trigger is back on as after any migration.
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await write(1);
    await expect(sql`update audit_log set action = 'x'`.execute(database.db)).rejects.toThrow(
      /chỉ được ghi thêm/,
    );
    await expect(sql`delete from audit_log`.execute(database.db)).rejects.toThrow(/chỉ được ghi thêm/);
    await expect(sql`truncate audit_log`.execute(database.db)).rejects.toThrow(/chỉ được ghi thêm/);
  });

  it('names an edited row', async () => {
    const { report, ids } = await tamper(async (db, ids) => {
      await sql`update audit_log set diff = '{"i": 99}' where id = ${ids[2]}`.execute(db);
    });
    expect(report).toMatchObject({ ok: false, badRowId: ids[2] });
    expect(!report.ok && report.reason).toBe(
      `dòng số ${ids[2]}: nội dung dòng đã bị sửa (mã băm không khớp)`,
    );
  });

  it('names a row deleted in the middle', async () => {
    const { report, ids } = await tamper(async (db, ids) => {
      await sql`delete from audit_log where id = ${ids[2]}`.execute(db);
    });
    expect(!report.ok && report.reason).toBe(
      `dòng số ${ids[3]}: thiếu dòng — giữa dòng số ${ids[1]} và dòng số ${ids[3]} có dòng đã bị xoá`,
    );
  });

  it('names rows deleted at the end (the chain alone would still verify)', async () => {
    const { report, ids } = await tamper(async (db) => {
      await sql`delete from audit_log where id = (select max(id) from audit_log)`.execute(db);
    });
    expect(report).toMatchObject({ ok: false, rows: 5 });
    expect(!report.ok && report.reason).toMatch(
      new RegExp(
        `^thiếu các dòng sau dòng số ${ids[4]}: điểm neo lúc .+ ghi nhận dòng cuối là dòng số ${ids[5]} \\(6 dòng\\), ` +
          'nhật ký hiện chỉ còn 5 dòng — các dòng cuối đã bị xoá$',
      ),
    );
  });

  it('names a log emptied by delete or truncate', async () => {
    for (const statement of [sql`delete from audit_log`, sql`truncate audit_log`]) {
      const { report } = await tamper(async (db) => {
        await statement.execute(db);
      });
      expect(report).toMatchObject({ ok: false, rows: 0, badRowId: null });
      expect(!report.ok && report.reason).toMatch(
        /^nhật ký trống nhưng điểm neo lúc .+ đã ghi nhận 6 dòng — toàn bộ nhật ký đã bị xoá$/,
      );
    }
  });

  it('names reordered rows', async () => {
    const { report, ids } = await tamper(async (db, ids) => {
      // Swap every column but the id of two rows.
      const cols = sql.raw(
        'at, actor_id, actor_name, action, object_type, object_id, unit_id, diff, ip, prev_hash, hash, mac',
      );
      await sql`alter table audit_log drop constraint audit_log_hash_key`.execute(db);
      await sql`create temp table swap as select id, ${cols} from audit_log where id in (${ids[2]}, ${ids[3]})`.execute(
        db,
      );
      await sql`update audit_log a set (${cols}) = (select ${cols} from swap s where s.id = ${ids[3]}) where a.id = ${ids[2]}`.execute(
        db,
      );
      await sql`update audit_log a set (${cols}) = (select ${cols} from swap s where s.id = ${ids[2]}) where a.id = ${ids[3]}`.execute(
        db,
      );
      await sql`drop table swap`.execute(db);
    });
    expect(!report.ok && report.reason).toBe(
      `dòng số ${ids[2]}: thứ tự các dòng đã bị đảo (dòng này lẽ ra nối tiếp dòng số ${ids[3]})`,
    );
  });

  it('names hashes recomputed with the public function after an edit (no key)', async () => {
    const { report, ids } = await tamper(async (db, ids) => {
      await sql`update audit_log set diff = '{"i": 99}' where id = ${ids[2]}`.execute(db);
      await recompute(db, ids[2]!, 'keep');
    });
    expect(report).toMatchObject({ ok: false, badRowId: ids[2] });
    expect(!report.ok && report.reason).toContain(
      `dòng số ${ids[2]}: mã băm đã được tính lại mà không có khoá bí mật (mã xác thực HMAC không khớp)`,
    );
    const cleared = await tamper(async (db, ids) => {
      await sql`delete from audit_log where id = ${ids[1]}`.execute(db);
      await recompute(db, ids[2]!, 'clear');
    });
    expect(!cleared.report.ok && cleared.report.reason).toContain(
      `dòng số ${cleared.ids[2]}: không có mã xác thực (HMAC)`,
    );
  });

  it('names an edited or missing checkpoint file', async () => {
    const edited = await tamper(async (_db, _ids, anchorFile) => {
      writeFileSync(anchorFile, readFileSync(anchorFile, 'utf8').replace('"rows":6', '"rows":5'));
    });
    expect(!edited.report.ok && edited.report.reason).toMatch(/tệp điểm neo .+ bị sửa ở dòng 2/);
    const missing = await tamper(async (_db, _ids, anchorFile) => unlinkSync(anchorFile));
    expect(!missing.report.ok && missing.report.reason).toMatch(/^không tìm thấy tệp điểm neo/);
  });
});
