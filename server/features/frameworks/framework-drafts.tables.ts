import type { ColumnType, Generated } from 'kysely';

/** A province's framework being edited (ADR 0015): one per code, any JSON until it is published. */
export interface FrameworkDraftsTable {
  id: Generated<string>;
  code: string;
  owner_unit_id: string;
  base_version_id: string;
  content: ColumnType<unknown, string, string>;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FrameworkDraftsTables {
  framework_drafts: FrameworkDraftsTable;
}
