import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import type { Database } from '@server/db/schema.ts';
import type { Executor } from '@server/db/executor.ts';
import type { Mailer } from '@server/platform/mail/mailer.ts';
import type { FileStore } from '@server/platform/storage/file-store.ts';
import type { JobProgress } from './jobs.tables.ts';
import {
  claimNextJob,
  hasQueuedJob,
  insertJob,
  markJobFailed,
  findRunningJobLocks,
  markJobSucceeded,
  requeueAbandonedJobs,
  setJobProgress,
  touchJobHeartbeat,
} from './jobs.repo.ts';
import { isProcessAlive, sweepJobTempDirs } from './temp-dirs.ts';

export type JobContext = {
  jobId: number;
  attempt: number;
  db: Kysely<Database>;
  log: Logger;
  /** Records progress so the UI can show "12/45 văn bản". */
  progress(done: number, total: number, message?: string): Promise<void>;
  /** Outgoing e-mail, null when SMTP is not configured. */
  mailer: Mailer | null;
  /** The file store every instance shares (a job's output is read back by whichever instance is asked). */
  files: FileStore;
};

/** The store of a worker built without one (tests of jobs that write no file). */
const NO_FILE_STORE: FileStore = {
  put: () => Promise.reject(new Error('JobWorker: no file store given')),
  get: () => Promise.reject(new Error('JobWorker: no file store given')),
  delete: () => Promise.reject(new Error('JobWorker: no file store given')),
};

/** A declared job: its id (`feature.action`), payload schema and handler. */
export type JobDefinition<P = unknown> = {
  name: string;
  payload: ZodType<P>;
  maxAttempts?: number;
  /** First retry delay; doubles on each further attempt. */
  backoffMs?: number;
  /**
   * Prefix of the scratch folders the handler makes with makeJobTempDir (temp-dirs.ts): the worker
   * removes those a killed process left behind when it starts. Several when the handler's helpers make
   * their own (the PDF converter's LibreOffice profile).
   */
  tempDirPrefix?: string | readonly string[];
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

/**
 * Queues `job` unless one of its name already waits: how a recurring job keeps exactly one run
 * ahead (it is queued at boot, and each run queues the next one inside its own transaction).
 * Two processes starting at once may both queue one; recurring jobs are idempotent for that.
 */
export async function enqueueUnlessQueued<P>(
  executor: Executor,
  job: JobDefinition<P>,
  payload: P,
  options: { runAt?: Date } = {},
): Promise<number | null> {
  if (await hasQueuedJob(executor, job.name)) return null;
  return enqueue(executor, job, payload, options);
}

/** How often a running job's worker touches its heartbeat; it is stale after three missed beats. */
export const DEFAULT_HEARTBEAT_MS = 5000;
const STALE_BEATS = 3;

const ABANDONED = {
  requeued:
    'Tiến trình xử lý đã dừng đột ngột khi công việc đang chạy; công việc được đưa lại hàng đợi để chạy lại.',
  failed: 'Tiến trình xử lý đã dừng đột ngột khi công việc đang chạy và công việc đã hết số lần thử.',
};

/** Polls the jobs table, runs one job at a time, retries with exponential backoff, and leaves
 * failures visible (status 'failed', last_error) instead of dropping them. While a job runs its
 * heartbeat is touched every `heartbeatMs`; a job whose heartbeat stopped (killed process) goes
 * back to the queue after three missed beats, at once when its process is known dead. */
export class JobWorker {
  private readonly byName: Map<string, JobDefinition<unknown>>;
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();
  private stopped = true;
  private readonly heartbeatMs: number;
  private readonly host = hostname();

  constructor(
    private readonly db: Kysely<Database>,
    definitions: JobDefinition<never>[],
    private readonly options: {
      pollMs: number;
      log: Logger;
      heartbeatMs?: number;
      mailer?: Mailer | null;
      files?: FileStore;
    },
  ) {
    this.byName = new Map(definitions.map((d) => [d.name, d as unknown as JobDefinition<unknown>]));
    this.heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  }

  /** A running job whose heartbeat is older than this has lost its worker. */
  get staleMs() {
    return this.heartbeatMs * STALE_BEATS;
  }

  start() {
    this.stopped = false;
    let first = true;
    const tick = async () => {
      if (this.stopped) return;
      try {
        await this.requeueAbandoned(first);
        if (first) await this.sweepTempDirs();
        first = false;
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
    const heartbeat = setInterval(() => {
      touchJobHeartbeat(this.db, job.id, this.workerId).then(
        (mine) => {
          if (!mine) log.warn('job heartbeat: the job is no longer held by this worker');
        },
        (error: unknown) => log.warn({ err: error }, 'job heartbeat failed'),
      );
    }, this.heartbeatMs);
    try {
      const payload = def.payload.parse(job.payload);
      const result = await def.handler(payload, {
        jobId: job.id,
        attempt: job.attempts,
        db: this.db,
        log,
        mailer: this.options.mailer ?? null,
        files: this.options.files ?? NO_FILE_STORE,
        progress: async (done, total, message) => {
          const progress: JobProgress = { done, total, ...(message ? { message } : {}) };
          await setJobProgress(this.db, job.id, progress);
        },
      });
      // A converter started by a killed process can outlive it and write into its folders after
      // the start-up sweep: sweep again once a job of that kind has run.
      if (def.tempDirPrefix) await this.sweepTempDirs();
      await markJobSucceeded(this.db, job.id, result);
      log.info('job succeeded');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const finalAttempt = job.attempts >= job.max_attempts;
      const delay = (def.backoffMs ?? 5000) * 2 ** (job.attempts - 1);
      await markJobFailed(this.db, job.id, message, finalAttempt ? null : new Date(Date.now() + delay));
      log.warn({ err: error, finalAttempt }, 'job failed');
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  }

  /**
   * Jobs left 'running' by a process that died go back to the queue: at once, on the first pass,
   * when the process that held them was on this machine and no longer exists (a restart after a
   * crash); otherwise when their heartbeat is stale. A live heartbeat is never taken over.
   */
  async requeueAbandoned(checkDeadProcesses = true) {
    const dead: number[] = [];
    if (checkDeadProcesses) {
      for (const lock of await findRunningJobLocks(this.db)) {
        const [host, pid] = splitWorkerId(lock.locked_by);
        if (host === this.host && pid !== process.pid && !isProcessAlive(pid)) dead.push(lock.id);
      }
    }
    const ids = await requeueAbandonedJobs(this.db, this.staleMs, dead, ABANDONED);
    if (ids.length) this.options.log.warn({ jobIds: ids }, 'jobs of a stopped process taken back');
    return ids;
  }

  /** Scratch folders of the declared jobs left behind by a killed process. */
  private async sweepTempDirs() {
    const prefixes = new Set([...this.byName.values()].flatMap((d) => d.tempDirPrefix ?? []));
    for (const prefix of prefixes) {
      const removed = await sweepJobTempDirs(prefix, this.staleMs);
      if (removed.length) this.options.log.info({ removed }, 'leftover job temp folders removed');
    }
  }
}

/** `host:pid:random` → [host, pid]. */
function splitWorkerId(workerId: string | null): [string, number] {
  const parts = (workerId ?? '').split(':');
  parts.pop();
  const pid = Number(parts.pop());
  return [parts.join(':'), pid];
}
