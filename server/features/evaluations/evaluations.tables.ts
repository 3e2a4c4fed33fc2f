import type { ColumnType, Generated } from 'kysely';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface FrameworkVersionsTable {
  id: Generated<string>;
  code: string;
  version: number;
  name: string;
  family: 'tcpl' | 'cchc';
  content: Json<unknown>;
  content_hash: string;
  owner_unit_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface EvaluationPeriodsTable {
  id: Generated<string>;
  unit_id: string;
  year: number;
  name: string;
  evaluating_level: 'district' | 'province';
  framework_version_id: string;
  registration_due: string | null;
  self_assessment_due: string;
  posting_days: Generated<number>;
  submission_due: string;
  appraisal_due: string;
  decision_due: string;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  version: Generated<number>;
}

export interface EvaluationsTable {
  id: Generated<string>;
  period_id: string;
  unit_id: string;
  state: Generated<EvaluationState>;
  version: Generated<number>;
  self_input: ColumnType<Record<string, unknown>, string | undefined, string>;
  self_result: NullableJson<unknown>;
  notes: ColumnType<Record<string, string>, string | undefined, string>;
  narrative: ColumnType<Record<string, string>, string | undefined, string>;
  submitted_snapshot: NullableJson<unknown>;
  submitted_at: Date | null;
  submitted_by: string | null;
  posted_from: string | null;
  posted_until: string | null;
  appraisal_round: Generated<number>;
  appraised_result: NullableJson<unknown>;
  appraised_at: Date | null;
  reopened_until: Date | null;
  registered_at: Date | null;
  registered_by: string | null;
  /** Reopened for correction (ADR 0019): the reviewer's reason, the state it left, when, by whom. */
  correction_reason: string | null;
  correction_from_state: EvaluationState | null;
  correction_at: Date | null;
  correction_by: string | null;
  /** inputId → what a register measure computed for it (shared/registers/measures.ts ComputedInput). */
  computed_inputs: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** inputId → the officer's reason for scoring another value than the computed one. */
  input_overrides: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EvaluationAssignmentsTable {
  evaluation_id: string;
  node_code: string;
  user_id: string;
  unit_id: string;
  created_at: Generated<Date>;
}

export interface PublicCommentsTable {
  id: Generated<string>;
  evaluation_id: string;
  unit_id: string;
  author_name: string;
  author_contact: string | null;
  content: string;
  ip: string | null;
  response: string | null;
  /** Mẫu 03: 'accepted' (tiếp thu) or 'explained' (giải trình); set with every response. */
  response_kind: 'accepted' | 'explained' | null;
  responded_by: string | null;
  responded_at: Date | null;
  created_at: Generated<Date>;
}

export interface AppraisalVerdictsTable {
  id: Generated<string>;
  evaluation_id: string;
  unit_id: string;
  round: number;
  node_code: string;
  verdict: 'accept' | 'adjust' | 'explain';
  points: string | null;
  passed: boolean | null;
  reason: string | null;
  explanation: string | null;
  explained_by: string | null;
  explained_at: Date | null;
  reviewer_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface EvaluationsTables {
  framework_versions: FrameworkVersionsTable;
  evaluation_periods: EvaluationPeriodsTable;
  evaluations: EvaluationsTable;
  evaluation_assignments: EvaluationAssignmentsTable;
  public_comments: PublicCommentsTable;
  appraisal_verdicts: AppraisalVerdictsTable;
}
