import { compareVietnamese } from '@shared/format/vi.ts';
import type { Actor } from '@shared/access/actor.ts';
import { canEditUnit } from './units.policy.ts';
import type { UnitRow } from './units.repo.ts';

export type UnitDto = {
  id: string;
  code: string;
  name: string;
  level: UnitRow['level'];
  kind: UnitRow['kind'];
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  /** ISO 8601; sent back as `expectedUpdatedAt` when the unit is edited. */
  updatedAt: string;
  abilities: { canEdit: boolean };
};

/** The fields of a unit that leave the server, with what the actor may do with it. */
export function presentUnit(actor: Actor, unit: UnitRow): UnitDto {
  return {
    id: unit.id,
    code: unit.code,
    name: unit.name,
    level: unit.level,
    kind: unit.kind,
    parentId: unit.parent_id,
    validFrom: unit.valid_from,
    validTo: unit.valid_to,
    updatedAt: unit.updated_at.toISOString(),
    abilities: { canEdit: canEditUnit(actor, unit) },
  };
}

/** Vietnamese order ("Đ" after "D"), then code for equal names. */
export function sortUnits<T extends { name: string; code: string }>(units: T[]): T[] {
  return units.sort((a, b) => compareVietnamese(a.name, b.name) || a.code.localeCompare(b.code));
}
