import { sql } from 'kysely';
import type { Executor } from '@server/db/executor.ts';

/**
 * Counts one hit of `key` in `limiter`'s current window (started by the first hit, `windowMs` long),
 * in one statement: concurrent hits from any instance are all counted. The count stops at max + 1, so
 * a refused hit does not lengthen anything. Returns the count and the seconds left in the window.
 */
export async function hitAttemptCounter(
  db: Executor,
  limiter: string,
  key: string,
  max: number,
  windowMs: number,
): Promise<{ hits: number; waitSeconds: number }> {
  const { rows } = await sql<{ hits: number; wait_seconds: number }>`
    insert into attempt_counters as c (limiter, key, hits, window_ends_at)
    values (${limiter}, ${key}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
    on conflict (limiter, key) do update set
      hits = case when c.window_ends_at <= now() then 1 else least(c.hits + 1, ${max}::integer + 1) end,
      window_ends_at = case when c.window_ends_at <= now() then excluded.window_ends_at else c.window_ends_at end
    returning hits, greatest(1, ceil(extract(epoch from (window_ends_at - now()))))::int as wait_seconds`.execute(
    db,
  );
  const row = rows[0]!;
  return { hits: row.hits, waitSeconds: row.wait_seconds };
}

/** The hits of `key` in its current window (0 when none) and the seconds left in it. */
export async function readAttemptCounter(
  db: Executor,
  limiter: string,
  key: string,
): Promise<{ hits: number; waitSeconds: number }> {
  const { rows } = await sql<{ hits: number; wait_seconds: number }>`
    select hits, greatest(1, ceil(extract(epoch from (window_ends_at - now()))))::int as wait_seconds
    from attempt_counters
    where limiter = ${limiter} and key = ${key} and window_ends_at > now()`.execute(db);
  return rows[0] ? { hits: rows[0].hits, waitSeconds: rows[0].wait_seconds } : { hits: 0, waitSeconds: 0 };
}

/** Removes counters whose window has ended. */
export async function pruneAttemptCounters(db: Executor): Promise<number> {
  const result = await db
    .deleteFrom('attempt_counters')
    .where('window_ends_at', '<=', sql<Date>`now()`)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
