import { randomInt } from 'node:crypto';
import { scopePaths, type Actor } from '@shared/access/actor.ts';
import type { Role } from '@shared/access/roles.ts';
import type { Db } from '@server/db/client.ts';
import type { Trx } from '@server/db/executor.ts';
import { findUnitById, type UnitRow } from '@server/features/units/units.repo.ts';
import { canViewUnit } from '@server/features/units/units.policy.ts';
import { isNationwide } from '@server/features/units/units.scope.ts';
import { deleteUserSessions } from '@server/features/auth/sessions.repo.ts';
import { setPassword } from '@server/features/auth/users-auth.repo.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { hashPassword } from '@server/platform/auth/passwords.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import { isSystem, type SignedInContext, type SystemContext } from '@server/platform/context.ts';
import {
  canDeactivate,
  canGrantRole,
  canRemoveRole,
  canResetPassword,
  canViewUser,
  roleFitsUnit,
  ROLE_UNIT_LEVELS,
} from './users.policy.ts';
import { presentUser, subjectOf } from './users.presenter.ts';
import {
  deleteGrant,
  findGrants,
  findUserById,
  findUsers,
  insertGrant,
  insertUser,
  setUserActive,
  usernameTaken,
} from './users.repo.ts';
import type { CreateUserBody, ListUsersQuery, RoleGrantInput } from './users.schemas.ts';

const USER_NOT_FOUND = 'Không tìm thấy người dùng.';
const LEVEL_LABELS = { nation: 'toàn quốc', province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' };

/** A readable one-time password: 12 characters without look-alikes (0/O, 1/l/I). */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const chars = Array.from({ length: 12 }, () => alphabet[randomInt(alphabet.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

/** Users the actor may see: those holding a role in the actor's users.read scope. */
export async function listUsers(ctx: SignedInContext, query: ListUsersQuery) {
  const paths = scopePaths(ctx.actor, 'users.read');
  let unitPath: string | undefined;
  if (query.unitId) {
    const unit = await findUnitById(ctx.app.db, query.unitId);
    if (!unit || !canViewUnit(ctx.actor, unit)) throw new NotFoundError('Không tìm thấy đơn vị hành chính.');
    unitPath = unit.path;
  }
  const { rows, total } = await findUsers(
    ctx.app.db,
    { paths: isNationwide(paths) ? null : paths, search: query.search, unitPath, status: query.status },
    query.pageSize,
    (query.page - 1) * query.pageSize,
  );
  const grants = await findGrants(
    ctx.app.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) =>
      presentUser(
        ctx.actor,
        r,
        grants.filter((g) => g.user_id === r.id),
      ),
    ),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** A user and their roles, or 404 when none of their roles is in the actor's scope. */
async function loadVisibleUser(ctx: SignedInContext, id: string) {
  const user = await findUserById(ctx.app.db, id);
  if (!user) throw new NotFoundError(USER_NOT_FOUND);
  const grants = await findGrants(ctx.app.db, [user.id]);
  if (!canViewUser(ctx.actor, subjectOf(user, grants))) throw new NotFoundError(USER_NOT_FOUND);
  return { user, grants, subject: subjectOf(user, grants) };
}

export async function getUser(ctx: SignedInContext, id: string) {
  const { user, grants } = await loadVisibleUser(ctx, id);
  return presentUser(ctx.actor, user, grants);
}

/**
 * The unit of a new role, checked: exists and visible (else 404), grantable (else 403), right level (else 400).
 * The system (command line, see SystemContext) may grant any role at any unit the role fits.
 */
async function checkGrant(ctx: SignedInContext | SystemContext, grant: RoleGrantInput): Promise<UnitRow> {
  const unit = await findUnitById(ctx.app.db, grant.unitId);
  if (!unit || (!isSystem(ctx) && !canViewUnit(ctx.actor, unit)))
    throw new NotFoundError('Không tìm thấy đơn vị hành chính.');
  if (!isSystem(ctx) && !canGrantRole(ctx.actor, grant.role, unit)) {
    throw new ForbiddenError(
      grant.role === 'system_admin'
        ? 'Chỉ quản trị hệ thống mới được cấp vai trò quản trị hệ thống.'
        : 'Bạn chỉ được cấp vai trò tại các đơn vị thuộc phạm vi quản lý của mình.',
    );
  }
  assertRoleFits(grant.role, unit);
  return unit;
}

function assertRoleFits(role: Role, unit: UnitRow) {
  if (!roleFitsUnit(role, unit)) {
    const levels = ROLE_UNIT_LEVELS[role].map((l) => LEVEL_LABELS[l]).join(', ');
    throw new ValidationError(
      unit.valid_to !== null
        ? `Đơn vị ${unit.name} đã hết hiệu lực: không cấp vai trò mới tại đây.`
        : `Vai trò này chỉ cấp tại đơn vị ${levels}.`,
      [{ field: 'unitId', message: 'Đơn vị không phù hợp với vai trò' }],
    );
  }
}

export type NewUser = {
  username: string;
  fullName: string;
  email?: string | null;
  password?: string;
  roles: { role: Role; unit: UnitRow }[];
};

/**
 * Creates a user with roles, in one transaction with its audit row. Without a password a random
 * one is generated; either way the user must change it at first sign-in. Returns the password
 * only when generated (shown once, never stored in clear).
 */
async function insertUserWithRoles(
  db: Db,
  input: NewUser,
  by: { actor: Actor | null; ip: string | null },
): Promise<{ id: string; generatedPassword: string | null }> {
  if (await usernameTaken(db, input.username)) throw new ConflictError('Tên đăng nhập đã tồn tại.');
  for (const r of input.roles) assertRoleFits(r.role, r.unit);
  const generatedPassword = input.password ? null : generatePassword();
  const passwordHash = await hashPassword(input.password ?? generatedPassword!);
  const id = await db.transaction().execute(async (trx) => {
    const row = await insertUser(trx, {
      username: input.username,
      full_name: input.fullName,
      email: input.email ?? null,
      password_hash: passwordHash,
    });
    const seen = new Set<string>();
    for (const r of input.roles) {
      const key = `${r.role}|${r.unit.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      await insertGrant(trx, row.id, r.role, r.unit.id);
    }
    await writeAudit(trx, {
      action: 'user.created',
      objectType: 'user',
      objectId: row.id,
      unitId: input.roles[0]?.unit.id ?? null,
      diff: {
        username: { from: null, to: input.username },
        full_name: { from: null, to: input.fullName },
        email: { from: null, to: input.email ?? null },
        roles: { from: [], to: input.roles.map((r) => ({ role: r.role, unit_id: r.unit.id })) },
        password: { from: null, to: generatedPassword ? 'generated' : 'set by administrator' },
      },
      actor: by.actor,
      ip: by.ip,
    });
    return row.id;
  });
  return { id, generatedPassword };
}

/**
 * Creates a user (route POST /api/users and CLI `users create`). The command line creates as the
 * system — how the first system administrator is made — and gets back only the new id.
 */
export async function createUser(
  ctx: SignedInContext,
  body: CreateUserBody,
): Promise<{ user: Awaited<ReturnType<typeof getUser>>; generatedPassword: string | null }>;
export async function createUser(
  ctx: SystemContext,
  body: CreateUserBody,
): Promise<{ user: { id: string }; generatedPassword: string | null }>;
export async function createUser(ctx: SignedInContext | SystemContext, body: CreateUserBody) {
  const roles: NewUser['roles'] = [];
  for (const grant of body.roles) roles.push({ role: grant.role, unit: await checkGrant(ctx, grant) });
  const created = await insertUserWithRoles(
    ctx.app.db,
    { username: body.username, fullName: body.fullName, email: body.email, password: body.password, roles },
    { actor: ctx.actor, ip: ctx.ip },
  );
  const user = isSystem(ctx) ? { id: created.id } : await getUser(ctx, created.id);
  return { user, generatedPassword: created.generatedPassword };
}

/** Sets a new one-time password, forces a change at next sign-in and ends the user's sessions. */
export async function resetPassword(ctx: SignedInContext, id: string) {
  const { user, subject, grants } = await loadVisibleUser(ctx, id);
  if (!canResetPassword(ctx.actor, subject)) throw new ForbiddenError();
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await ctx.app.db.transaction().execute(async (trx) => {
    await setPassword(trx, user.id, passwordHash, true);
    const ended = await deleteUserSessions(trx, user.id);
    await writeAudit(trx, {
      action: 'user.password-reset',
      objectType: 'user',
      objectId: user.id,
      unitId: grants[0]?.unit_id ?? null,
      diff: {
        password_hash: { from: '***', to: '***' },
        must_change_password: { from: user.must_change_password, to: true },
        sessions_ended: ended,
      },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  return { temporaryPassword: password };
}

/** Deactivates (ending their sessions) or reactivates a user. Idempotent. */
export async function setActive(ctx: SignedInContext, id: string, active: boolean) {
  const { user, subject, grants } = await loadVisibleUser(ctx, id);
  if (!canDeactivate(ctx.actor, subject)) throw new ForbiddenError();
  if (user.is_active !== active) {
    await ctx.app.db.transaction().execute(async (trx) => {
      await setUserActive(trx, user.id, active);
      const ended = active ? 0 : await deleteUserSessions(trx, user.id);
      await writeAudit(trx, {
        action: active ? 'user.activated' : 'user.deactivated',
        objectType: 'user',
        objectId: user.id,
        unitId: grants[0]?.unit_id ?? null,
        diff: {
          is_active: { from: user.is_active, to: active },
          ...(active ? {} : { sessions_ended: ended }),
        },
        actor: ctx.actor,
        ip: ctx.ip,
      });
    });
  }
  return getUser(ctx, user.id);
}

export async function addRole(ctx: SignedInContext, id: string, grant: RoleGrantInput) {
  const { user, grants } = await loadVisibleUser(ctx, id);
  const unit = await checkGrant(ctx, grant);
  if (grants.some((g) => g.role === grant.role && g.unit_id === unit.id)) {
    throw new ConflictError('Người dùng đã có vai trò này tại đơn vị này.');
  }
  await ctx.app.db.transaction().execute(async (trx: Trx) => {
    const row = await insertGrant(trx, user.id, grant.role, unit.id);
    await writeAudit(trx, {
      action: 'user.role-granted',
      objectType: 'user',
      objectId: user.id,
      unitId: unit.id,
      diff: {
        roles: { from: rolesOf(grants), to: [...rolesOf(grants), { role: grant.role, unit_id: unit.id }] },
        assignment_id: row.id,
      },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  return getUser(ctx, user.id);
}

export async function removeRole(ctx: SignedInContext, id: string, assignmentId: string) {
  const { user, grants, subject } = await loadVisibleUser(ctx, id);
  const grant = grants.find((g) => g.id === assignmentId);
  if (!grant || !canViewUnit(ctx.actor, { path: grant.unit_path }))
    throw new NotFoundError('Không tìm thấy vai trò.');
  if (!canRemoveRole(ctx.actor, subject, { role: grant.role, unitPath: grant.unit_path }))
    throw new ForbiddenError();
  const remaining = grants.filter((g) => g.id !== grant.id);
  await ctx.app.db.transaction().execute(async (trx) => {
    await deleteGrant(trx, grant.id);
    await writeAudit(trx, {
      action: 'user.role-revoked',
      objectType: 'user',
      objectId: user.id,
      unitId: grant.unit_id,
      diff: { roles: { from: rolesOf(grants), to: rolesOf(remaining) } },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  // The user may now hold no role in the actor's scope: present them from what was loaded.
  return presentUser(ctx.actor, user, remaining);
}

function rolesOf(grants: { role: Role; unit_id: string }[]) {
  return grants.map((g) => ({ role: g.role, unit_id: g.unit_id }));
}
