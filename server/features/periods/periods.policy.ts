import { can, type Actor } from '@shared/access/actor.ts';

/** Whether the actor may manage (open, reopen for a unit) periods organised by the unit at `unitPath`. */
export function canManagePeriod(actor: Actor, organiserPath: string): boolean {
  return can(actor, 'periods.manage', organiserPath);
}

/**
 * Whether the actor may see the area aggregate of a period (Mẫu 09 data, Mẫu 10 rate): those who
 * read it at the organising unit. A commune taking part sees its own dossier, not the area summary.
 */
export function canReadAreaSummary(actor: Actor, organiserPath: string): boolean {
  return can(actor, 'periods.read', organiserPath);
}

/** The unit level that organises a period at `evaluatingLevel`: the province itself, or a district. */
export function organiserLevel(evaluatingLevel: 'district' | 'province'): 'district' | 'province' {
  return evaluatingLevel === 'province' ? 'province' : 'district';
}
