import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './client.ts';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
const FILE_PATTERN = /^\d{8}_\d{4}_[a-z0-9_]+\.sql$/;
// Any constant shared by every process of this application; taken for the whole transaction.
const MIGRATION_LOCK_KEY = 726_001;

export type MigrationFile = { name: string; sql: string; checksum: string };
export type MigrationReport = { applied: string[]; alreadyApplied: number; ms: number };

export class MigrationError extends Error {}

/** Reads migrations/*.sql in name (= time) order. */
export function readMigrationFiles(dir = MIGRATIONS_DIR): MigrationFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      if (!FILE_PATTERN.test(name)) {
        throw new MigrationError(
          `Tên tệp migration không đúng mẫu YYYYMMDD_HHMM_động_từ_đối_tượng.sql: ${name}`,
        );
      }
      const text = readFileSync(path.join(dir, name), 'utf8');
      return { name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
    });
}

/**
 * Applies pending migrations in one transaction under an advisory lock: two processes starting
 * at once queue on the lock, and the second finds nothing left to do. A migration that was
 * edited after it was applied stops the start (migrations are never edited once landed).
 */
export async function migrate(db: Db, files = readMigrationFiles()): Promise<MigrationReport> {
  const started = performance.now();
  const applied = await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      name text primary key,
      checksum text not null,
      applied_at timestamptz not null default now()
    )`.execute(trx);
    const done = await trx.selectFrom('schema_migrations').select(['name', 'checksum']).execute();
    const known = new Map(done.map((row) => [row.name, row.checksum]));
    for (const [name, checksum] of known) {
      const file = files.find((f) => f.name === name);
      if (file && file.checksum !== checksum) {
        throw new MigrationError(
          `Migration ${name} đã bị sửa sau khi áp dụng; hãy tạo một migration mới thay vì sửa.`,
        );
      }
    }
    refuseIfAhead([...known.keys()], files);
    const pending = files.filter((f) => !known.has(f.name));
    for (const file of pending) {
      try {
        await sql.raw(file.sql).execute(trx);
      } catch (error) {
        throw new MigrationError(`Migration ${file.name} thất bại: ${(error as Error).message}`);
      }
      await trx
        .insertInto('schema_migrations')
        .values({ name: file.name, checksum: file.checksum })
        .execute();
    }
    return pending.map((f) => f.name);
  });
  return { applied, alreadyApplied: files.length - applied.length, ms: performance.now() - started };
}

/** Names of migration files not yet applied (for server mode, where start does not migrate). */
export async function pendingMigrations(db: Db, files = readMigrationFiles()): Promise<string[]> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('schema_migrations') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return files.map((f) => f.name);
  const done = new Set(
    (await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name),
  );
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}

/**
 * Refuses a database that is ahead of this code: a migration recorded there that this version does
 * not ship (a newer version migrated it, then an older one was started, e.g. a rollback of the
 * binaries without the database). Running on it could write rows the newer schema does not expect.
 */
function refuseIfAhead(applied: string[], files: MigrationFile[]) {
  const shipped = new Set(files.map((f) => f.name));
  const unknown = applied.filter((name) => !shipped.has(name)).sort();
  if (unknown.length)
    throw new MigrationError(
      `Cơ sở dữ liệu mới hơn phiên bản ứng dụng này: có ${unknown.length} migration đã áp dụng mà phiên bản này không có (${unknown.join(', ')}). ` +
        'Hãy chạy phiên bản ứng dụng mới nhất (bản đã nâng cấp cơ sở dữ liệu); ứng dụng không khởi động để tránh ghi sai dữ liệu.',
    );
}

/** Throws MigrationError when the database records a migration this code does not ship (see refuseIfAhead). */
export async function checkDatabaseNotAhead(db: Db, files = readMigrationFiles()): Promise<void> {
  const exists = await sql<{
    present: boolean;
  }>`select to_regclass('schema_migrations') is not null as present`.execute(db);
  if (!exists.rows[0]?.present) return;
  const applied = (await db.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name);
  refuseIfAhead(applied, files);
}
