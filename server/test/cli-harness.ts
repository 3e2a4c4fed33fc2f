/**
 * The CLI run as a user runs it (`node --import tsx server/cli/main.ts …`) against a real database: an embedded
 * one in a temporary DATA_DIR (PGlite), or a fresh database on the server (TEST_DATABASE_URL).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type DatabaseHandle } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { pgliteTemplate } from './pglite-template.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from './test-db.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliHarness = {
  dataDir: string;
  cli(...args: string[]): { code: number | null; stdout: string; stderr: string };
  /** Opens the CLI's database from the test (only while no CLI runs: PGlite has one owner). */
  withDb<T>(work: (db: DatabaseHandle['db']) => Promise<T>): Promise<T>;
  drop(): Promise<void>;
};

export async function createCliHarness(prefix: string): Promise<CliHarness> {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  let serverDb: TestDatabase | undefined;
  let env: NodeJS.ProcessEnv = { DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  if (TEST_ENGINE === 'postgres') {
    serverDb = await createTestDatabase();
    env = { DATABASE_URL: serverDb.url, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  } else {
    // The data folder starts as a copy of the run's migrated template: the CLI's first start would
    // otherwise run initdb and every migration (≈ 10 s of CPU per harness, issue #9).
    const primed = await openDatabase({ engine: 'pglite', dataDir, loadDataDir: pgliteTemplate() });
    await primed.close();
  }
  return {
    dataDir,
    cli(...args) {
      // One node process (as `npm run cli` ends up running); `npx tsx` would start three.
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        timeout: 120_000,
      });
      return {
        code: result.status,
        stdout: result.stdout,
        stderr: result.stderr,
      };
    },
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
