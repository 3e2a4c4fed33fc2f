import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { checkDatabaseNotAhead, migrate, pendingMigrations, readMigrationFiles } from './migrator.ts';
import { createServerDatabase, createTestDatabase, TEST_ENGINE } from '@server/test/test-db.ts';
import type { Db } from './client.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function freshDatabase() {
  const database = await createTestDatabase({ migrate: false });
  cleanups.push(() => database.drop());
  return database;
}

describe('migrations', () => {
  it('apply every file once, in order, and record them', async () => {
    const { db } = await freshDatabase();
    const files = readMigrationFiles();
    expect(await pendingMigrations(db)).toEqual(files.map((f) => f.name));
    const first = await migrate(db);
    expect(first.applied).toEqual(files.map((f) => f.name));
    const second = await migrate(db);
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(files.length);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('are applied once when two starts race', async () => {
    const database = await freshDatabase();
    let other: Db = database.db;
    if (database.url) {
      // A second pool on the same server database: a truly concurrent process.
      const second = await openDatabase({ engine: 'postgres', url: database.url, poolSize: 2 });
      cleanups.unshift(() => second.close());
      other = second.db;
    }
    const [a, b] = await Promise.all([migrate(database.db), migrate(other)]);
    const total = readMigrationFiles().length;
    expect(a.applied.length + b.applied.length).toBe(total);
    const rows = await database.db.selectFrom('schema_migrations').select('name').execute();
    expect(rows).toHaveLength(total);
  });

  it('refuse to run when an applied migration was edited', async () => {
    const { db } = await freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(path.join(dir, '20260101_0000_create_things.sql'), 'create table things (id int);');
    await migrate(db, readMigrationFiles(dir));
    writeFileSync(path.join(dir, '20260101_0000_create_things.sql'), 'create table things (id bigint);');
    await expect(migrate(db, readMigrationFiles(dir))).rejects.toThrow(/đã bị sửa sau khi áp dụng/);
  });

  it('refuse a database ahead of this code (a migration it does not ship), starting or migrating', async () => {
    const { db } = await freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(path.join(dir, '20260101_0000_create_a.sql'), 'create table a (id int);');
    writeFileSync(path.join(dir, '20260101_0001_create_b.sql'), 'create table b (id int);');
    await migrate(db, readMigrationFiles(dir));
    // The older version of the application ships only the first file.
    const older = readMigrationFiles(dir).slice(0, 1);
    const message =
      /Cơ sở dữ liệu mới hơn phiên bản ứng dụng này: có 1 migration đã áp dụng mà phiên bản này không có \(20260101_0001_create_b\.sql\)/;
    await expect(checkDatabaseNotAhead(db, older)).rejects.toThrow(message);
    await expect(migrate(db, older)).rejects.toThrow(message);
    await expect(checkDatabaseNotAhead(db, readMigrationFiles(dir))).resolves.toBeUndefined();
  });

  it('roll back entirely when one fails, naming the file', async () => {
    const { db } = await freshDatabase();
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    writeFileSync(path.join(dir, '20260101_0000_create_a.sql'), 'create table a (id int);');
    writeFileSync(
      path.join(dir, '20260101_0001_create_b.sql'),
      'create table b (id int references nowhere(id));',
    );
    await expect(migrate(db, readMigrationFiles(dir))).rejects.toThrow(/20260101_0001_create_b\.sql/);
    const exists = await sql<{ present: boolean }>`select to_regclass('a') is not null as present`.execute(
      db,
    );
    expect(exists.rows[0]!.present).toBe(false);
  });
});

/** Tables, columns, constraints and indexes as the catalog describes them, engine-independent. */
async function describeSchema(db: Db) {
  const columns = await sql<Record<string, unknown>>`
    select table_name, column_name, data_type, is_nullable, column_default, ordinal_position
    from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`.execute(
    db,
  );
  const constraints = await sql<Record<string, unknown>>`
    select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as definition
    from pg_constraint where connamespace = 'public'::regnamespace
      -- PostgreSQL 18 (PGlite) also lists NOT NULL as constraints; nullability is compared above.
      and contype <> 'n'
    order by 1, 2`.execute(db);
  const indexes = await sql<Record<string, unknown>>`
    select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by 1, 2`.execute(
    db,
  );
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

describe('schema on both engines', () => {
  it.skipIf(TEST_ENGINE !== 'postgres')(
    'is identical on PGlite and on the PostgreSQL server',
    async () => {
      const pglite = await openDatabase({ engine: 'pglite', dataDir: null });
      cleanups.push(() => pglite.close());
      const server = await createServerDatabase(process.env.TEST_DATABASE_URL!);
      const pgHandle = await openDatabase({ engine: 'postgres', url: server.url, poolSize: 2 });
      cleanups.push(async () => {
        await pgHandle.close();
        await server.drop();
      });
      await migrate(pglite.db);
      await migrate(pgHandle.db);
      const a = await describeSchema(pglite.db);
      const b = await describeSchema(pgHandle.db);
      expect(a.columns.length).toBeGreaterThan(20);
      expect(a).toEqual(b);
    },
    120_000,
  );
});
