import type { Db } from '@server/db/client.ts';
import type { Actor, RoleGrant } from '@shared/access/actor.ts';
import type { Executor } from '@server/db/executor.ts';
import type { SessionStore } from '@server/platform/auth/session-plugin.ts';

export async function insertSession(
  db: Executor,
  row: {
    id: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('sessions')
    .values({
      id: row.id,
      user_id: row.userId,
      csrf_token: row.csrfToken,
      expires_at: row.expiresAt,
      ip: row.ip,
      user_agent: row.userAgent,
    })
    .execute();
}

/** A live session of an active user, or undefined. */
export async function findLiveSession(db: Db, id: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.username',
      'users.full_name',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', new Date())
    .where('users.is_active', '=', true)
    .executeTakeFirst();
}

export async function touchSession(db: Db, id: string, expiresAt: Date) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(), expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Executor, id: string) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes every session of a user except, optionally, one; returns how many were removed. */
export async function deleteUserSessions(db: Executor, userId: string, exceptId?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptId) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes every session of every user; returns how many were removed. */
export async function deleteAllSessions(db: Executor): Promise<number> {
  const result = await db.deleteFrom('sessions').executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The roles a user holds, with each unit's path for scope checks. */
export async function loadGrants(db: Db, userId: string): Promise<RoleGrant[]> {
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('units', 'units.id', 'role_assignments.unit_id')
    .select([
      'role_assignments.role',
      'units.id as unitId',
      'units.path as unitPath',
      'units.name as unitName',
    ])
    .where('role_assignments.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ role: r.role, unitId: r.unitId, unitPath: r.unitPath, unitName: r.unitName }));
}

export async function loadActor(db: Db, userId: string, username: string, fullName: string): Promise<Actor> {
  return { userId, username, fullName, grants: await loadGrants(db, userId) };
}

/** What the session hook (platform/auth/session-plugin.ts) reads sessions and actors with. */
export const sessionStore: SessionStore = { findLiveSession, loadActor, touchSession };
