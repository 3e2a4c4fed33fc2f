import type { Actor } from '@shared/access/actor.ts';
import { ROLE_LABELS } from '@shared/access/roles.ts';
import {
  canDeactivate,
  canManageUser,
  canRemoveRole,
  canResetPassword,
  type UserSubject,
} from './users.policy.ts';
import type { GrantRow, UserRow } from './users.repo.ts';

export function subjectOf(user: { id: string }, grants: GrantRow[]): UserSubject {
  return { id: user.id, grants: grants.map((g) => ({ role: g.role, unitPath: g.unit_path })) };
}

/** The fields of a user that leave the server (never the password hash), with the actor's abilities. */
export function presentUser(actor: Actor, user: UserRow, grants: GrantRow[]) {
  const subject = subjectOf(user, grants);
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email,
    isActive: user.is_active,
    mustChangePassword: user.must_change_password,
    lockedUntil: user.locked_until,
    createdAt: user.created_at,
    roles: grants.map((g) => ({
      id: g.id,
      role: g.role,
      roleLabel: ROLE_LABELS[g.role],
      unitId: g.unit_id,
      unitCode: g.unit_code,
      unitName: g.unit_name,
      abilities: { canRemove: canRemoveRole(actor, subject, { role: g.role, unitPath: g.unit_path }) },
    })),
    abilities: {
      canManage: canManageUser(actor, subject),
      canResetPassword: canResetPassword(actor, subject),
      canDeactivate: canDeactivate(actor, subject),
    },
  };
}
