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
