import pino from 'pino';
import type { AppContext } from '@server/app-context.ts';
import { loadConfig, type Config } from '@server/config.ts';
import { openDatabase, type Db } from '@server/db/client.ts';
import { lockDataDir } from '@server/db/data-dir-lock.ts';
import { migrate, pendingMigrations } from '@server/db/migrator.ts';
import { anchorFileIn, writeAuditCheckpoint } from '@server/platform/audit/audit-anchor.ts';
import { loadAuditKey, setAuditKey } from '@server/platform/audit/audit-key.ts';
import { createAttemptLimiters } from '@server/platform/auth/attempt-limiter.ts';
import { createFileStore } from '@server/platform/storage/file-store.ts';

export class CliError extends Error {}

/**
 * Opens the database the way the app does (PGlite in DATA_DIR, or DATABASE_URL), runs `work`, and
 * closes it. In embedded mode the CLI takes the data-directory lock like the app, so it refuses to
 * run while the app is running on the same folder, and brings the schema up to date.
 */
export async function withCliDatabase<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return withCliApp((app) => work(app.db));
}

/**
 * Like withCliDatabase, but hands over the application's parts as the server has them, so a command
 * can call a service with `cliContext(app)` (server/platform/context.ts) exactly as a route does.
 */
export async function withCliApp<T>(work: (app: AppContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  let unlock = () => {};
  if (config.engine === 'pglite') {
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (error) {
      throw new CliError((error as Error).message);
    }
  }
  try {
    const handle = await openDatabase(
      config.engine === 'pglite'
        ? { engine: 'pglite', dataDir: config.dataDir }
        : { engine: 'postgres', url: config.databaseUrl!, poolSize: 2 },
    ).catch((error: Error) => {
      throw new CliError(`Không kết nối được cơ sở dữ liệu: ${error.message}`);
    });
    try {
      if (config.engine === 'pglite') await migrate(handle.db);
      else {
        const pending = await pendingMigrations(handle.db);
        if (pending.length)
          throw new CliError(
            `Cơ sở dữ liệu còn ${pending.length} migration chưa áp dụng. Hãy chạy: npm run db:migrate`,
          );
      }
      setAuditKey(loadAuditKey({ auditKey: config.auditKey, dataDir: config.dataDir }));
      const result = await work(cliApp(config, handle.db, handle.engine));
      // The command may have written audit rows: checkpoint the new head, as the server does.
      await writeAuditCheckpoint(handle.db, anchorFileIn(config.dataDir));
      return result;
    } finally {
      await handle.close();
    }
  } finally {
    unlock();
  }
}

/** Runs a command body, turning CliError into a Vietnamese message on stderr and exit code 1. */
export async function runCli(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function cliApp(config: Config, db: Db, engine: AppContext['engine']): AppContext {
  return {
    config,
    db,
    engine,
    // Warnings and errors only, on stderr: stdout is the command's output. Through process.stderr (not
    // a file descriptor of its own) so a command run inside the tests' process has its warnings captured.
    log: pino({ level: 'warn', base: { app: 'danhgia-cli' } }, process.stderr),
    ...createAttemptLimiters(db),
    files: createFileStore(config.storage),
  };
}
