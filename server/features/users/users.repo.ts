import { compareVietnamese } from '@shared/format/vi.ts';
import { sql } from 'kysely';
import type { Role } from '@shared/access/roles.ts';
import type { Executor } from '@server/db/executor.ts';
import { escapeLike, pathInScope } from '@server/features/units/units.scope.ts';

export type UserRow = {
  id: string;
  username: string;
  full_name: string;
  email: string | null;
  is_active: boolean;
  must_change_password: boolean;
  locked_until: Date | null;
  created_at: Date;
};

export type GrantRow = {
  id: string;
  user_id: string;
  role: Role;
  unit_id: string;
  unit_name: string;
  unit_code: string;
  unit_path: string;
};

const USER_COLUMNS = [
  'users.id',
  'users.username',
  'users.full_name',
  'users.email',
  'users.is_active',
  'users.must_change_password',
  'users.locked_until',
  'users.created_at',
] as const;

export type UserListFilter = {
  /** null: every user (nationwide scope); else users holding a role under one of these paths. */
  paths: string[] | null;
  search?: string;
  /** Users holding a role at this unit or below it. */
  unitPath?: string;
  status: 'active' | 'inactive' | 'all';
};

/** Users in scope (SQL), by full name; returns the page and the total. */
export async function findUsers(db: Executor, filter: UserListFilter, limit: number, offset: number) {
  let query = db.selectFrom('users');
  if (filter.paths !== null) {
    const paths = filter.paths;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as ra')
          .innerJoin('units as u', 'u.id', 'ra.unit_id')
          .select('ra.id')
          .whereRef('ra.user_id', '=', 'users.id')
          .where((e) => pathInScope(e, 'u.path', paths)),
      ),
    );
  }
  if (filter.unitPath) {
    const unitPath = filter.unitPath;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('role_assignments as ra2')
          .innerJoin('units as u2', 'u2.id', 'ra2.unit_id')
          .select('ra2.id')
          .whereRef('ra2.user_id', '=', 'users.id')
          .where('u2.path', 'like', `${unitPath}%`),
      ),
    );
  }
  if (filter.search) {
    const pattern = `%${escapeLike(filter.search.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql<string>`lower(users.username)`, 'like', pattern),
        eb(sql<string>`lower(users.full_name)`, 'like', pattern),
      ]),
    );
  }
  if (filter.status !== 'all') query = query.where('users.is_active', '=', filter.status === 'active');
  // Vietnamese order ("Đ" after "D", tones secondary) is not available in SQL on both engines
  // (PGlite has no ICU collations), and a province's users number in the hundreds: sort here.
  const all = (await query.select(USER_COLUMNS).limit(MAX_SORTED_USERS).execute()) as UserRow[];
  all.sort(
    (a, b) => compareVietnamese(a.full_name, b.full_name) || compareVietnamese(a.username, b.username),
  );
  return { rows: all.slice(offset, offset + limit), total: all.length };
}

const MAX_SORTED_USERS = 20_000;

export async function findUserById(db: Executor, id: string) {
  return (await db.selectFrom('users').select(USER_COLUMNS).where('users.id', '=', id).executeTakeFirst()) as
    UserRow | undefined;
}

/** The roles of some users with their units. */
export async function findGrants(db: Executor, userIds: string[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return db
    .selectFrom('role_assignments')
    .innerJoin('units', 'units.id', 'role_assignments.unit_id')
    .select([
      'role_assignments.id',
      'role_assignments.user_id',
      'role_assignments.role',
      'role_assignments.unit_id',
      'units.name as unit_name',
      'units.code as unit_code',
      'units.path as unit_path',
    ])
    .where('role_assignments.user_id', 'in', userIds)
    .orderBy('role_assignments.created_at')
    .execute();
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where(sql<string>`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Executor,
  values: { username: string; full_name: string; email: string | null; password_hash: string },
) {
  return db
    .insertInto('users')
    .values({ ...values, must_change_password: true })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertGrant(db: Executor, userId: string, role: Role, unitId: string) {
  return db
    .insertInto('role_assignments')
    .values({ user_id: userId, role, unit_id: unitId })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function deleteGrant(db: Executor, id: string) {
  await db.deleteFrom('role_assignments').where('id', '=', id).execute();
}

export async function setUserActive(db: Executor, id: string, active: boolean) {
  await db
    .updateTable('users')
    .set({ is_active: active, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}
