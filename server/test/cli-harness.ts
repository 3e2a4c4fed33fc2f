/**
 * The CLI against a real database, as a user's command finds it: an embedded one in a temporary DATA_DIR
 * (PGlite), or a fresh database on the server (TEST_DATABASE_URL). Commands run in the test's process
 * (`cli`) or as the real binary (`cliProcess`); see cli-run.ts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { primeDataDir } from './pglite-template.ts';
import { runCliInProcess, runCliProcess, type CliEnv, type CliResult } from './cli-run.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './test-db.ts';

export type CliHarness = {
  dataDir: string;
  /** One command in this process, on the harness's database. */
  cli(...args: string[]): Promise<CliResult>;
  /** One command as the real binary in a node process of its own (seconds of CPU: keep these few). */
  cliProcess(...args: string[]): CliResult;
  /** Opens the CLI's database from the test (only while no CLI runs: PGlite has one owner). */
  withDb<T>(work: (db: DatabaseHandle['db']) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
};

export async function createCliHarness(prefix: string): Promise<CliHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  let serverDb: TestDatabase | undefined;
  let env: CliEnv = { DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (TEST_ENGINE === 'postgres') {
    serverDb = await createTestDatabase();
    env = { DATABASE_URL: serverDb.url!, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  } else {
    await primeDataDir(dataDir);
  }
  return {
    dataDir,
    cli: (...args) => runCliInProcess(args, env),
    cliProcess: (...args) => runCliProcess(args, env),
    async withDb(work) {
      if (serverDb) return work(serverDb.db);
      const handle = await openDatabase({ engine: 'pglite', dataDir });
      try {
        await migrate(handle.db);
        return await work(handle.db);
      } finally {
        await handle.close();
      }
    },
    drop: async () => serverDb?.drop(),
  };
}
