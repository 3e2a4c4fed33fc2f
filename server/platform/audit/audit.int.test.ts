import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { diffRecords, verifyAuditChain, writeAudit } from './audit.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function write(n: number) {
  for (let i = 0; i < n; i++) {
    await database.db.transaction().execute((trx) =>
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
    await sql`update audit_log set diff = '{"name": {"from": "Xã Cũ", "to": "Xã Giả"}}' where id = ${victim}`.execute(
      database.db,
    );
    const report = await verifyAuditChain(database.db, 4);
    expect(report).toMatchObject({ ok: false, badRowId: victim });
  });

  it('detects a deleted row', async () => {
    const fresh = await createTestDatabase();
    try {
      const saved = database;
      database = fresh;
      await write(4);
      database = saved;
      const rows = await fresh.db.selectFrom('audit_log').select('id').orderBy('id').execute();
      await sql`delete from audit_log where id = ${rows[1]!.id}`.execute(fresh.db);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ ok: false, badRowId: rows[2]!.id });
    } finally {
      await fresh.drop();
    }
  });
});
