import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';
import { sharedParsers } from './types.ts';
import { rememberPgClient } from './pg-copy.ts';

export type Db = Kysely<Database>;

export type DatabaseHandle = {
  db: Db;
  engine: 'pglite' | 'postgres';
  close(): Promise<void>;
};

export type DatabaseTarget =
  | {
      engine: 'pglite';
      dataDir: string | null /* null: in memory, for tests */;
      /** Tests: start from a dumped data directory instead of initdb (server/test/pglite-template.ts). */
      loadDataDir?: Blob;
    }
  | { engine: 'postgres'; url: string; poolSize?: number };

/** Opens the embedded PGlite database or a PostgreSQL server pool; same Kysely API for both.
 * `wrapDialect` is a test hook (server/test/rollback-dialect.ts); the application passes none. */
export async function openDatabase(
  target: DatabaseTarget,
  options: { wrapDialect?: (dialect: Dialect) => Dialect } = {},
): Promise<DatabaseHandle> {
  const wrap = options.wrapDialect ?? ((dialect: Dialect) => dialect);
  if (target.engine === 'pglite') {
    let dir: string | undefined;
    if (target.dataDir) {
      dir = path.join(target.dataDir, 'pgdata');
      mkdirSync(dir, { recursive: true });
    }
    const pglite = await PGlite.create(dir, { parsers: sharedParsers, loadDataDir: target.loadDataDir });
    const db = new Kysely<Database>({ dialect: wrap(new PGliteDialect(pglite)) });
    return {
      db,
      engine: 'pglite',
      async close() {
        await db.destroy();
        await pglite.close();
      },
    };
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        const parser = sharedParsers[oid];
        return parser ?? pg.types.getTypeParser(oid, format as 'text');
      }) as typeof pg.types.getTypeParser,
    },
  });
  // Known by backend pid, for COPY inside a transaction (pg-copy.ts).
  pool.on('connect', rememberPgClient);
  // Fail at boot, with the server's own words, rather than on the first request.
  const client = await pool.connect();
  client.release();
  const db = new Kysely<Database>({ dialect: wrap(new PostgresDialect({ pool })) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}
