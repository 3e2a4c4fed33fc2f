import type { Generated } from 'kysely';
import type { UnitKind } from '@shared/units/kinds.ts';

export type UnitLevel = 'nation' | 'province' | 'district' | 'commune';
export type { UnitKind };

export interface UnitsTable {
  id: Generated<string>;
  code: string;
  name: string;
  name_folded: string;
  level: UnitLevel;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  valid_from: string;
  valid_to: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Old → new unit across the 2025 reform (migration 20261122_1500_create_unit_links.sql). */
export type UnitLinkKind = 'full' | 'partial';

export interface UnitLinksTable {
  from_unit_id: string;
  to_unit_id: string;
  kind: UnitLinkKind;
  created_at: Generated<Date>;
}

export interface UnitsTables {
  units: UnitsTable;
  unit_links: UnitLinksTable;
}
