import type { ColumnType, Generated } from 'kysely';

export interface RegisterTokensTable {
  id: Generated<string>;
  unit_id: string;
  register: string;
  name: string;
  token_hash: string;
  created_by: string | null;
  created_at: Generated<Date>;
  revoked_at: Date | null;
  revoked_by: string | null;
  last_used_at: Date | null;
}

export interface ImportMappingsTable {
  id: Generated<string>;
  unit_id: string;
  register: string;
  source_name: string;
  /** canonical column → header in the source file */
  mapping: ColumnType<Record<string, string>, string, string>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface RegistersTables {
  register_tokens: RegisterTokensTable;
  import_mappings: ImportMappingsTable;
}
