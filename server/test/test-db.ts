import { randomBytes } from 'node:crypto';
import type { Dialect } from 'kysely';
import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { pgliteTemplate } from './pglite-template.ts';
import { RollbackDialect, type RollbackControl } from './rollback-dialect.ts';
import { setAuditKey } from '@server/platform/audit/audit-key.ts';

/** The audit key of tests run in this process (the app loads AUDIT_KEY or DATA_DIR/audit.key). */
export const TEST_AUDIT_KEY = Buffer.from('danhgia-test-audit-key-0123456789abcdef');
setAuditKey(TEST_AUDIT_KEY);

/** Which engine this test run uses: the PostgreSQL server named by TEST_DATABASE_URL, else PGlite. */
export const TEST_ENGINE: 'pglite' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

export type TestDatabase = DatabaseHandle & {
  url?: string;
  /** With `rollback: true`: seed, then `begin()`, and `mark()`/`reset()` around each case. */
  rollback?: RollbackControl;
  drop(): Promise<void>;
};

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new database created on
 * the server (and dropped afterwards), so tests never share state and run the same on both engines.
 */
export async function createTestDatabase(
  options: { migrate?: boolean; rollback?: boolean } = {},
): Promise<TestDatabase> {
  let rollbackDialect: RollbackDialect | undefined;
  const wrapDialect = options.rollback
    ? (dialect: Dialect) => (rollbackDialect = new RollbackDialect(dialect))
    : undefined;
  let handle: DatabaseHandle;
  let url: string | undefined;
  let dropServerDb = async () => {};
  if (TEST_ENGINE === 'postgres') {
    const created = await createServerDatabase(process.env.TEST_DATABASE_URL!);
    url = created.url;
    dropServerDb = created.drop;
    handle = await openDatabase({ engine: 'postgres', url, poolSize: 5 }, { wrapDialect });
  } else {
    // The run's migrated template when there is one (`migrate` then only confirms it is current), or its
    // empty one: either way no initdb here.
    const template = pgliteTemplate(options.migrate === false ? 'empty' : 'migrated');
    handle = await openDatabase({ engine: 'pglite', dataDir: null, loadDataDir: template }, { wrapDialect });
  }
  if (options.migrate !== false) await migrate(handle.db);
  return {
    ...handle,
    url,
    rollback: rollbackDialect?.control,
    async drop() {
      await handle.close();
      await dropServerDb();
    },
  };
}

/** Creates an empty database on the server named by `adminUrl`; returns its URL and a dropper. */
export async function createServerDatabase(
  adminUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `danhgia_t_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
