import { can, scopePaths, type Actor } from '@shared/access/actor.ts';
import type { Role } from '@shared/access/roles.ts';
import type { UnitLevel } from '@server/features/units/units.tables.ts';
import { isNationwide } from '@server/features/units/units.scope.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

/** A role held by the user being looked at, with its unit's path. */
export type UserGrant = { role: Role; unitPath: string };
export type UserSubject = { id: string; grants: UserGrant[] };

/** At which levels of the hierarchy each role may be held. */
export const ROLE_UNIT_LEVELS: Record<Role, readonly UnitLevel[]> = {
  system_admin: ['nation'],
  province_admin: ['province'],
  province_reviewer: ['province'],
  council_member: ['province'],
  council_secretary: ['province'],
  commune_chairman: ['commune'],
  commune_officer: ['commune'],
  viewer: ['nation', 'province', 'commune'],
};

/** Whether the actor is a system administrator (the `system.admin` permission, held nationwide). */
export function holdsSystemAdmin(actor: Actor): boolean {
  return can(actor, 'system.admin');
}

/** A user is visible when one of their roles lies in the actor's users.read scope (role-less users: nationwide readers only). */
export function canViewUser(actor: Actor, user: UserSubject): boolean {
  if (user.id === actor.userId) return true;
  if (isNationwide(scopePaths(actor, 'users.read'))) return true;
  return user.grants.some((g) => can(actor, 'users.read', g.unitPath));
}

/**
 * Managing a user (reset password, deactivate) needs users.manage over EVERY unit where they hold
 * a role, and system_admin to touch a system administrator: a province admin cannot lock out a
 * user who also works for another province.
 */
export function canManageUser(actor: Actor, user: UserSubject): boolean {
  if (user.grants.some((g) => g.role === 'system_admin') && !holdsSystemAdmin(actor)) return false;
  if (isNationwide(scopePaths(actor, 'users.manage'))) return true;
  return user.grants.length > 0 && user.grants.every((g) => can(actor, 'users.manage', g.unitPath));
}

/** Administrator actions on oneself go through the user's own account page instead. */
export function canResetPassword(actor: Actor, user: UserSubject): boolean {
  return user.id !== actor.userId && canManageUser(actor, user);
}

export function canDeactivate(actor: Actor, user: UserSubject): boolean {
  return user.id !== actor.userId && canManageUser(actor, user);
}

/** Granting `role` at a unit: users.manage there; only system_admin grants system_admin. */
export function canGrantRole(actor: Actor, role: Role, unit: { path: string }): boolean {
  if (role === 'system_admin' && !holdsSystemAdmin(actor)) return false;
  return can(actor, 'users.manage', unit.path);
}

export function canRemoveRole(actor: Actor, user: UserSubject, grant: UserGrant): boolean {
  if (grant.role === 'system_admin' && (!holdsSystemAdmin(actor) || user.id === actor.userId)) return false;
  return can(actor, 'users.manage', grant.unitPath);
}

/** Whether `role` may be held at a unit of this level (a commune officer at a commune, …). */
export function roleFitsUnit(
  role: Role,
  unit: { level: UnitLevel; valid_to: string | null },
  today = todayInVietnam(),
): boolean {
  const current = unit.valid_to === null || unit.valid_to > today;
  return current && ROLE_UNIT_LEVELS[role].includes(unit.level);
}
