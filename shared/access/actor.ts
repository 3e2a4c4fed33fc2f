import { roleHasPermission, type Permission, type Role } from './roles.ts';

/** A role held at a unit; `unitPath` is the unit's materialised ancestry ('/…/<id>/'). */
export type RoleGrant = { role: Role; unitId: string; unitPath: string; unitName: string };

/** Who is acting: resolved from the session on every request, never from the client. */
export type Actor = {
  userId: string;
  username: string;
  fullName: string;
  grants: RoleGrant[];
};

/** Unit paths under which the actor holds `permission` (empty: nowhere). */
export function scopePaths(actor: Actor, permission: Permission): string[] {
  return actor.grants.filter((g) => roleHasPermission(g.role, permission)).map((g) => g.unitPath);
}

/** Whether the actor may do `permission` on an object of the unit with path `unitPath`
 * (or anywhere, when no unit is given). Fail-closed on missing data. */
export function can(
  actor: Actor | null | undefined,
  permission: Permission,
  unitPath?: string | null,
): boolean {
  if (!actor) return false;
  const paths = scopePaths(actor, permission);
  if (unitPath === undefined) return paths.length > 0;
  if (!unitPath) return false;
  return paths.some((p) => unitPath.startsWith(p));
}
