import type { EvidenceContentType } from '@shared/evaluations/evidence.ts';
import type { ColumnType, Generated } from 'kysely';
import type { PlanKind, PlanStatus, TaskStatus } from '@shared/plans/plans.ts';

/** Dates are 'YYYY-MM-DD' strings (server/db/types.ts parses `date` columns that way). */
type NullableDate = ColumnType<string | null, string | null | undefined, string | null>;

export interface PlansTable {
  id: Generated<string>;
  unit_id: string;
  kind: PlanKind;
  year: number;
  number: string | null;
  title: string;
  issuing_body: string;
  purpose: Generated<string>;
  funding: Generated<string>;
  organisation: Generated<string>;
  status: Generated<PlanStatus>;
  issued_on: NullableDate;
  issue_due: NullableDate;
  template: string | null;
  /** The evaluation a remediation plan was proposed from. */
  source_evaluation_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PlanTasksTable {
  id: Generated<string>;
  plan_id: string;
  unit_id: string;
  position: number;
  code: string;
  title: string;
  content: Generated<string>;
  lead: Generated<string>;
  partners: Generated<string>;
  time_text: Generated<string>;
  due_on: NullableDate;
  output: Generated<string>;
  target: Generated<string>;
  assignee_unit_id: string | null;
  status: Generated<TaskStatus>;
  completed_on: NullableDate;
  progress_note: Generated<string>;
  evidence_note: Generated<string>;
  /** A remediation task: the item that lost points ("1.1.3") and the points lost (exact decimal). */
  source_item: ColumnType<string | null, string | null | undefined, string | null>;
  points_lost: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Evidence files of a task's result (stored like evaluation evidence). */
export interface PlanTaskFilesTable {
  id: Generated<string>;
  task_id: string;
  plan_id: string;
  unit_id: string;
  file_name: string;
  content_type: EvidenceContentType;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: Generated<Date>;
  deleted_at: Date | null;
}

/** Reminder e-mails sent: one per account per day (claimed before sending). */
export interface PlanReminderMailsTable {
  user_id: string;
  sent_on: string;
  tasks: number;
  created_at: Generated<Date>;
}

export interface PlansTables {
  plans: PlansTable;
  plan_tasks: PlanTasksTable;
  plan_reminder_mails: PlanReminderMailsTable;
  plan_task_files: PlanTaskFilesTable;
}
