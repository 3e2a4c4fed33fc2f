import { can, type Actor } from '@shared/access/actor.ts';

/** A stored framework version as the rules see it: its owner's unit path, null for a built-in. */
export type FrameworkOwnership = { ownerPath: string | null };

/**
 * Whether the actor may create versions of a framework: a province's copy, by whoever manages
 * frameworks at that province (or above). Built-ins are product data: never edited through the
 * API — a province copies one and edits its copy.
 */
export function canImportVersion(actor: Actor, framework: FrameworkOwnership): boolean {
  return framework.ownerPath !== null && can(actor, 'frameworks.manage', framework.ownerPath);
}

/** Whether the actor may own a framework at this unit: a province where it manages frameworks. */
export function canOwnFrameworksAt(actor: Actor, unit: { path: string; level: string }): boolean {
  return unit.level === 'province' && can(actor, 'frameworks.manage', unit.path);
}

/** Whether the actor may copy a framework it can see into a province of its own. */
export function canCopyFramework(actor: Actor): boolean {
  return can(actor, 'frameworks.manage');
}
