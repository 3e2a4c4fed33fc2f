import { hostname } from 'node:os';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { Database } from '@server/db/schema.ts';
import type { JobProgress } from './jobs.tables.ts';

type Executor = Kysely<Database> | Transaction<Database>;

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
  const row = await executor
    .insertInto('jobs')
    .values({
      name: job.name,
      payload: JSON.stringify(checked),
      max_attempts: job.maxAttempts ?? 3,
      ...(options.runAt ? { run_at: options.runAt } : {}),
      created_by: options.createdBy ?? null,
      unit_id: options.unitId ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
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
    const claimed = await sql<{
      id: number;
      name: string;
      payload: unknown;
      attempts: number;
      max_attempts: number;
    }>`
      update jobs set status = 'running', attempts = attempts + 1, locked_at = now(),
        locked_by = ${this.workerId}, updated_at = now()
      where id = (
        select id from jobs
        where status = 'queued' and run_at <= now() and name = any(${names})
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, name, payload, attempts, max_attempts`.execute(this.db);
    const job = claimed.rows[0];
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
          await this.db
            .updateTable('jobs')
            .set({ progress: JSON.stringify(progress), updated_at: new Date() })
            .where('id', '=', job.id)
            .execute();
        },
      });
      await this.db
        .updateTable('jobs')
        .set({
          status: 'succeeded',
          result: result === undefined ? null : JSON.stringify(result),
          finished_at: new Date(),
          updated_at: new Date(),
          locked_at: null,
        })
        .where('id', '=', job.id)
        .execute();
      log.info('job succeeded');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = job.attempts >= job.max_attempts;
      const delay = (def.backoffMs ?? 5000) * 2 ** (job.attempts - 1);
      await this.db
        .updateTable('jobs')
        .set({
          status: finalAttempt ? 'failed' : 'queued',
          last_error: message,
          run_at: finalAttempt ? undefined : new Date(Date.now() + delay),
          finished_at: finalAttempt ? new Date() : null,
          locked_at: null,
          updated_at: new Date(),
        })
        .where('id', '=', job.id)
        .execute();
      log.warn({ err: error, finalAttempt }, 'job failed');
    }
    return true;
  }

  /** A job left 'running' by a process that died goes back to the queue. */
  private async requeueStale() {
    await sql`update jobs set status = 'queued', locked_at = null, updated_at = now()
      where status = 'running' and locked_at < now() - ${STALE_AFTER}::interval`.execute(this.db);
  }
}
