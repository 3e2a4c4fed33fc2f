import { sql, type Kysely } from 'kysely';
import type { Database } from '@server/db/schema.ts';
import type { Executor } from '@server/db/executor.ts';
import type { JobProgress } from './jobs.tables.ts';

export async function insertJob(
  executor: Executor,
  row: {
    name: string;
    payload: unknown;
    maxAttempts: number;
    runAt?: Date;
    createdBy: string | null;
    unitId: string | null;
  },
): Promise<number> {
  const inserted = await executor
    .insertInto('jobs')
    .values({
      name: row.name,
      payload: JSON.stringify(row.payload),
      max_attempts: row.maxAttempts,
      ...(row.runAt ? { run_at: row.runAt } : {}),
      created_by: row.createdBy,
      unit_id: row.unitId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

export type ClaimedJob = {
  id: number;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

/** Claims the next due job among `names` for `workerId` (skipping rows another worker holds). */
export async function claimNextJob(
  db: Kysely<Database>,
  names: string[],
  workerId: string,
): Promise<ClaimedJob | undefined> {
  const claimed = await sql<ClaimedJob>`
      update jobs set status = 'running', attempts = attempts + 1, locked_at = now(),
        locked_by = ${workerId}, heartbeat_at = now(), updated_at = now()
      where id = (
        select id from jobs
        where status = 'queued' and run_at <= now() and name = any(${names})
        order by run_at, id
        for update skip locked
        limit 1
      )
      returning id, name, payload, attempts, max_attempts`.execute(db);
  return claimed.rows[0];
}

export async function setJobProgress(db: Kysely<Database>, id: number, progress: JobProgress) {
  await db
    .updateTable('jobs')
    .set({ progress: JSON.stringify(progress), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function markJobSucceeded(db: Kysely<Database>, id: number, result: unknown) {
  await db
    .updateTable('jobs')
    .set({
      status: 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
      finished_at: new Date(),
      updated_at: new Date(),
      locked_at: null,
      heartbeat_at: null,
    })
    .where('id', '=', id)
    .execute();
}

/** Records a failed attempt: back to the queue at `retryAt`, or 'failed' for good when null. */
export async function markJobFailed(db: Kysely<Database>, id: number, message: string, retryAt: Date | null) {
  await db
    .updateTable('jobs')
    .set({
      status: retryAt ? 'queued' : 'failed',
      last_error: message,
      run_at: retryAt ?? undefined,
      finished_at: retryAt ? null : new Date(),
      locked_at: null,
      heartbeat_at: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

/** Tells the queue that `workerId` is still running job `id`; false when the job is no longer its own. */
export async function touchJobHeartbeat(
  db: Kysely<Database>,
  id: number,
  workerId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('locked_by', '=', workerId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The running jobs and who holds them, for finding those whose process is gone. */
export async function findRunningJobLocks(db: Kysely<Database>) {
  return db.selectFrom('jobs').select(['id', 'locked_by']).where('status', '=', 'running').execute();
}

/**
 * Takes back the running jobs whose worker is gone: those listed in `ids` (their process is known
 * dead) and those whose heartbeat is older than `staleMs`. Each goes back to the queue with the
 * reason in last_error, or is marked failed when it had no attempt left. Returns the ids taken back.
 */
export async function requeueAbandonedJobs(
  db: Kysely<Database>,
  staleMs: number,
  ids: number[],
  reason: { requeued: string; failed: string },
): Promise<number[]> {
  // The heartbeat is compared with the database's clock only, so clock skew between hosts is harmless.
  const result = await sql<{ id: number }>`
      update jobs set
        status = case when attempts >= max_attempts then 'failed' else 'queued' end,
        last_error = case when attempts >= max_attempts then ${reason.failed} else ${reason.requeued} end,
        finished_at = case when attempts >= max_attempts then now() else null end,
        locked_at = null, heartbeat_at = null, updated_at = now()
      where status = 'running'
        and (id = any(${ids}::bigint[])
          or coalesce(heartbeat_at, locked_at) < now() - make_interval(secs => ${staleMs / 1000}))
      returning id`.execute(db);
  return result.rows.map((r) => Number(r.id));
}

/** One job's status as the progress UI shows it. */
export async function findJob(db: Kysely<Database>, id: number) {
  return db
    .selectFrom('jobs')
    .select([
      'id',
      'name',
      'status',
      'attempts',
      'max_attempts',
      'progress',
      'last_error',
      'result',
      'created_by',
      'created_at',
      'finished_at',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a job of this name waits in the queue (a recurring job keeps one there). */
export async function hasQueuedJob(executor: Executor, name: string): Promise<boolean> {
  const row = await executor
    .selectFrom('jobs')
    .select('id')
    .where('name', '=', name)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
