import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from './app.ts';
import type { AppContext } from './app-context.ts';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/client.ts';
import { lockDataDir } from './db/data-dir-lock.ts';
import { withStartupLock } from './db/startup-lock.ts';
import { checkDatabaseNotAhead, migrate, pendingMigrations } from './db/migrator.ts';
import { seedDemo, type DemoSeedResult } from './db/seeds/demo.seed.ts';
import { createAttemptLimiters } from './platform/auth/attempt-limiter.ts';
import { jobDefinitions, scheduleRecurringJobs } from './jobs.ts';
import { JobWorker } from './platform/jobs/queue.ts';
import { createFileStore } from './platform/storage/file-store.ts';
import { createMailer } from './platform/mail/mailer.ts';
import { setClockOffsetDays } from './platform/clock/clock.ts';
import { syncBuiltinFrameworks } from './features/frameworks/frameworks.catalog.ts';
import { loadBuiltinCalendarOnFirstStart } from './features/calendar/calendar.service.ts';
import { anchorFileIn, writeAuditCheckpoint } from './platform/audit/audit-anchor.ts';
import { loadAuditKey, setAuditKey } from './platform/audit/audit-key.ts';

/** How often the running server checkpoints the audit chain's head outside the database. */
const AUDIT_CHECKPOINT_MS = 60_000;

export type Running = {
  ctx: AppContext;
  app: FastifyInstance;
  worker: JobWorker;
  seed: DemoSeedResult;
  migrated: string[];
  close(): Promise<void>;
};

export class BootError extends Error {}

/**
 * Opens the database, brings its schema up to date (embedded mode) or checks it is (server mode),
 * seeds demo data when asked, and builds the app and the job worker. Does not listen.
 */
export async function boot(config: Config, log: Logger): Promise<Running> {
  let unlock = () => {};
  if (config.engine === 'pglite') {
    try {
      unlock = lockDataDir(config.dataDir);
    } catch (error) {
      throw new BootError((error as Error).message);
    }
  }
  let handle: DatabaseHandle | undefined;
  try {
    handle = await openDatabase(
      config.engine === 'pglite'
        ? { engine: 'pglite', dataDir: config.dataDir }
        : { engine: 'postgres', url: config.databaseUrl!, poolSize: config.databasePoolSize },
    ).catch((error: Error) => {
      throw new BootError(`Không kết nối được cơ sở dữ liệu: ${error.message}`);
    });
    let migrated: string[] = [];
    if (config.engine === 'pglite') {
      migrated = (await migrate(handle.db)).applied;
    } else {
      await checkDatabaseNotAhead(handle.db);
      const pending = await pendingMigrations(handle.db);
      if (pending.length) {
        throw new BootError(
          `Cơ sở dữ liệu còn ${pending.length} migration chưa áp dụng (${pending.join(', ')}). Hãy chạy: npm run db:migrate`,
        );
      }
    }
    setClockOffsetDays(config.clockOffsetDays);
    setAuditKey(loadAuditKey({ auditKey: config.auditKey, dataDir: config.dataDir }));
    const anchorFile = anchorFileIn(config.dataDir);
    await writeAuditCheckpoint(handle.db, anchorFile);
    // Instances started at once take turns here; the first does the work, the others find it done.
    const seed = await withStartupLock(handle.db, async (db) => {
      await syncBuiltinFrameworks(db);
      await loadBuiltinCalendarOnFirstStart(db);
      const seeded = config.seedDemo ? await seedDemo(db) : { seeded: false };
      await scheduleRecurringJobs(db);
      return seeded;
    });
    const ctx: AppContext = {
      config,
      db: handle.db,
      engine: handle.engine,
      log,
      ...createAttemptLimiters(handle.db),
      files: createFileStore(config.storage),
    };
    const app = await buildApp(ctx, { serveWeb: config.env !== 'test' });
    const mailer = createMailer(config.mail);
    const worker = new JobWorker(handle.db, jobDefinitions, {
      pollMs: config.jobPollMs,
      log: log.child({ component: 'jobs' }),
      mailer,
      files: ctx.files,
    });
    const db = handle;
    const checkpoint = () =>
      writeAuditCheckpoint(db.db, anchorFile).catch((error: unknown) =>
        log.error({ err: error }, 'audit checkpoint failed'),
      );
    const checkpoints = setInterval(() => void checkpoint(), AUDIT_CHECKPOINT_MS);
    checkpoints.unref();
    return {
      ctx,
      app,
      worker,
      seed,
      migrated,
      async close() {
        await app.close();
        await worker.stop();
        mailer?.close();
        clearInterval(checkpoints);
        await checkpoint();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    await handle?.close().catch(() => {});
    unlock();
    throw error;
  }
}
