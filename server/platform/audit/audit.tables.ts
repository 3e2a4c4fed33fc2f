import type { Generated, JSONColumnType } from 'kysely';

export interface AuditLogTable {
  id: Generated<number>;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  unit_id: string | null;
  diff: JSONColumnType<Record<string, unknown> | null, string | null, string | null>;
  ip: string | null;
  prev_hash: string;
  hash: string;
  /** HMAC-SHA256 of `hash` with the audit key (kept outside the database); null on rows written before it. */
  mac: string | null;
}

export interface AuditTables {
  audit_log: AuditLogTable;
}
