import { can, type Actor } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';

/** Whether the actor sees the council of a period organised at `periodPath` (otherwise: not found). */
export function canSeeCouncil(actor: Actor, periodPath: string): boolean {
  return can(actor, 'council.read', periodPath);
}

/** Whether the actor holds `permission` (council.manage, council.opinion, decisions.manage…) for the period. */
export function canActOnPeriod(actor: Actor, permission: Permission, periodPath: string): boolean {
  return can(actor, permission, periodPath);
}

/** A member speaks for themself; only the secretary (council.manage) records opinions for others. */
export function canRecordOpinionOf(actor: Actor, member: { userId: string | null }, periodPath: string) {
  return member.userId === actor.userId || can(actor, 'council.manage', periodPath);
}
