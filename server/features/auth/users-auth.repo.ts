import { sql } from 'kysely';
import type { Executor } from '@server/db/executor.ts';

export async function findUserByUsername(db: Executor, username: string) {
  return db
    .selectFrom('users')
    .selectAll()
    .where(sql<string>`lower(username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
}

export async function recordFailedSignIn(
  db: Executor,
  userId: string,
  failures: number,
  lockedUntil: Date | null,
) {
  await db
    .updateTable('users')
    .set({ failed_login_count: failures, locked_until: lockedUntil, updated_at: new Date() })
    .where('id', '=', userId)
    .execute();
}

export async function recordSuccessfulSignIn(db: Executor, userId: string) {
  await db
    .updateTable('users')
    .set({ failed_login_count: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}

export async function setPassword(db: Executor, userId: string, passwordHash: string, mustChange: boolean) {
  await db
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: mustChange,
      password_changed_at: new Date(),
      failed_login_count: 0,
      locked_until: null,
      updated_at: new Date(),
    })
    .where('id', '=', userId)
    .execute();
}

/** Until when a name that is no account is locked after failed sign-ins (null: not locked). */
export async function findUnknownNameLock(db: Executor, username: string): Promise<Date | null> {
  const row = await db
    .selectFrom('sign_in_unknown_names')
    .select('locked_until')
    .where('username', '=', username)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.locked_until ?? null;
}

/**
 * Counts one more failed sign-in in a row of a name that is no account, atomically, as a real account
 * counts them: the `max`-th locks the name for `lockMinutes` and starts the count again. Returns the
 * failures in a row including this one. Rows untouched for a day are removed.
 */
export async function recordUnknownNameFailure(
  db: Executor,
  username: string,
  max: number,
  lockMinutes: number,
): Promise<number> {
  const { rows } = await sql<{ failures: number; locked: boolean }>`
    insert into sign_in_unknown_names as u (username, failures, locked_until, updated_at)
    values (${username}, case when 1 >= ${max}::integer then 0 else 1 end,
      case when 1 >= ${max}::integer then now() + ${lockMinutes}::integer * interval '1 minute' end, now())
    on conflict (username) do update set
      failures = case when (case when u.locked_until is not null then 0 else u.failures end) + 1 >= ${max}::integer
        then 0 else (case when u.locked_until is not null then 0 else u.failures end) + 1 end,
      locked_until = case when (case when u.locked_until is not null then 0 else u.failures end) + 1 >= ${max}::integer
        then now() + ${lockMinutes}::integer * interval '1 minute' end,
      updated_at = now()
    returning failures, locked_until is not null as locked`.execute(db);
  await db
    .deleteFrom('sign_in_unknown_names')
    .where('updated_at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
  const row = rows[0]!;
  return row.locked ? max : row.failures;
}
