import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { Database } from '@server/db/schema.ts';
import type { Executor } from '@server/db/executor.ts';
import type { JobProgress } from './jobs.tables.ts';
import {
  claimNextJob,
  insertJob,
  markJobFailed,
  markJobSucceeded,
  requeueStaleJobs,
  setJobProgress,
} from './jobs.repo.ts';

export type JobContext = {
  jobId: number;
  attempt: number;
  db: Kysely<Database>;
  log: Logger;
  /** Records progress so the UI can show "12/45 văn bản". */
  progress(done: number, total: number, message?: string): Promise<void>;
};

/** A declared job: its id (`feature.action`), payload schema and handler. */
export type JobDefinition<P = unknown> = {
  name: string;
  payload: ZodType<P>;
  maxAttempts?: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs?: number;
  handler(payload: P, ctx: JobContext): Promise<unknown>;
};

export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}

/**
 * Adds a job. Pass the business transaction as `executor`: the job row then commits or rolls
 * back with the change that asked for it.
 */
export async function enqueue<P>(
  executor: Executor,
  job: JobDefinition<P>,
  payload: P,
  options: { runAt?: Date; createdBy?: string | null; unitId?: string | null } = {},
): Promise<number> {
  const checked = job.payload.parse(payload);
  return insertJob(executor, {
    name: job.name,
    payload: checked,
    maxAttempts: job.maxAttempts ?? 3,
    runAt: options.runAt,
    createdBy: options.createdBy ?? null,
    unitId: options.unitId ?? null,
  });
}

const STALE_AFTER = '15 minutes';

/** Polls the jobs table, runs one job at a time, retries with exponential backoff, and leaves
 * failures visible (status 'failed', last_error) instead of dropping them. */
export class JobWorker {
  private readonly byName: Map<string, JobDefinition<unknown>>;
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly db: Kysely<Database>,
    definitions: JobDefinition<never>[],
    private readonly options: { pollMs: number; log: Logger },
  ) {
    this.byName = new Map(definitions.map((d) => [d.name, d as unknown as JobDefinition<unknown>]));
  }

  start() {
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.requeueStale();
        while (!this.stopped && (await this.runOnce()));
      } catch (error) {
        this.options.log.error({ err: error }, 'job worker poll failed');
      }
      if (!this.stopped) this.timer = setTimeout(() => void (this.current = tick()), this.options.pollMs);
    };
    this.current = tick();
  }

  /** Stops polling and waits for the job in hand to finish. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  /** Claims and runs one due job; false when none was due. */
  async runOnce(): Promise<boolean> {
    const names = [...this.byName.keys()];
    if (names.length === 0) return false;
    const job = await claimNextJob(this.db, names, this.workerId);
    if (!job) return false;
    const def = this.byName.get(job.name)!;
    const log = this.options.log.child({ job: job.name, jobId: job.id, attempt: job.attempts });
    try {
      const payload = def.payload.parse(job.payload);
      const result = await def.handler(payload, {
        jobId: job.id,
        attempt: job.attempts,
        db: this.db,
        log,
        progress: async (done, total, message) => {
          const progress: JobProgress = { done, total, ...(message ? { message } : {}) };
          await setJobProgress(this.db, job.id, progress);
        },
      });
      await markJobSucceeded(this.db, job.id, result);
      log.info('job succeeded');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = job.attempts >= job.max_attempts;
      const delay = (def.backoffMs ?? 5000) * 2 ** (job.attempts - 1);
      await markJobFailed(this.db, job.id, message, finalAttempt ? null : new Date(Date.now() + delay));
      log.warn({ err: error, finalAttempt }, 'job failed');
    }
    return true;
  }

  /** A job left 'running' by a process that died goes back to the queue. */
  private async requeueStale() {
    await requeueStaleJobs(this.db, STALE_AFTER);
  }
}
