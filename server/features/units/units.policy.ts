import { can, type Actor } from '@shared/access/actor.ts';

/** Pure rules about units: (actor, unit) → boolean. The service and the presenter both use them. */
export function canViewUnit(actor: Actor, unit: { path: string }): boolean {
  return can(actor, 'units.read', unit.path);
}

/** Renaming a unit or changing its validity is a national matter (units.manage). */
export function canEditUnit(actor: Actor, unit: { path: string }): boolean {
  return can(actor, 'units.manage', unit.path);
}
