import type { ColumnType, Generated } from 'kysely';

export type TthcChannel = 'truc_tuyen' | 'truc_tiep' | 'buu_chinh';
/** How a dossier's `status` counts: withdrawn, returned and waiting-for-supplements pause its deadline. */
export type TthcStatusKind = 'binh_thuong' | 'rut' | 'tra_lai' | 'bo_sung';
export type TthcSource = 'typed' | 'import' | 'api';
/** Dates are 'YYYY-MM-DD' strings (server/db/types.ts parses `date` columns that way). */
type IsoDate = ColumnType<string, string, string>;

export interface TthcDossiersTable {
  id: Generated<string>;
  unit_id: string;
  code: string;
  procedure_code: string | null;
  procedure_name: string | null;
  field: string;
  channel: TthcChannel;
  received_on: IsoDate;
  due_on: IsoDate;
  resolved_on: ColumnType<string | null, string | null | undefined, string | null>;
  status: string | null;
  status_kind: Generated<TthcStatusKind>;
  digitised: boolean | null;
  electronic_result: boolean | null;
  online_payment: boolean | null;
  full_process: boolean | null;
  apology_letter: boolean | null;
  source: TthcSource;
  import_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TthcAggregatesTable {
  id: Generated<string>;
  unit_id: string;
  from_date: IsoDate;
  to_date: IsoDate;
  field: string;
  received: number;
  online: number;
  direct: number;
  carried_over: number;
  resolved: number;
  early: number;
  on_time: number;
  late: number;
  pending: number;
  pending_within_due: number;
  pending_overdue: number;
  source: 'typed' | 'import';
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface TthcTables {
  tthc_dossiers: TthcDossiersTable;
  tthc_aggregates: TthcAggregatesTable;
}
