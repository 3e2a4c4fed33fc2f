/**
 * Plans and their tasks (issue #14, ADR 0013 "Plans"): kinds, statuses, their Vietnamese names, the
 * request schemas shared by the web forms and the server, and which tasks count in a plan.
 */
import { z } from 'zod';
import { isoDateSchema } from '../dates.ts';

export const PLAN_KINDS = ['implementation', 'pbgdpl', 'cchc', 'self_inspection', 'remediation'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

export const PLAN_KIND_LABELS: Record<PlanKind, string> = {
  implementation: 'Kế hoạch triển khai',
  pbgdpl: 'Kế hoạch phổ biến, giáo dục pháp luật năm',
  cchc: 'Kế hoạch cải cách hành chính năm',
  self_inspection: 'Kế hoạch tự kiểm tra',
  remediation: 'Kế hoạch khắc phục',
};

/** Kinds of which a unit issues one a year: the indicators read that one. */
export const YEARLY_KINDS: readonly PlanKind[] = ['pbgdpl', 'cchc'];

export const PLAN_STATUSES = ['draft', 'issued', 'closed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
  closed: 'Đã kết thúc',
};

export const TASK_STATUSES = ['not_started', 'in_progress', 'done', 'overdue', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Hoàn thành',
  overdue: 'Quá hạn',
  cancelled: 'Hủy bỏ',
};

/** "1", "2.a", "II.3": parts of letters or digits joined by dots (no LIKE wildcard can appear). */
export const TASK_CODE = /^[0-9A-Za-zĐđ]+(\.[0-9A-Za-zĐđ]+)*$/;

/** Whether a task is a heading of others ("2" of "2.a"): headings are not counted as tasks. */
export function isHeading(code: string, codes: readonly string[]): boolean {
  return codes.some((c) => c.startsWith(`${code}.`));
}

const text = (max: number) => z.string().trim().max(max, `Tối đa ${max} ký tự`);
const required = (label: string, max: number) =>
  z.string().trim().min(1, `${label} không được để trống`).max(max, `Tối đa ${max} ký tự`);

export const PLAN_TEMPLATES = ['tcpl-implementation', 'cchc-remediation'] as const;
export type PlanTemplateId = (typeof PLAN_TEMPLATES)[number];

const planFields = {
  title: required('Trích yếu', 500),
  issuingBody: required('Cơ quan ban hành', 200),
  number: text(60).nullable().optional(),
  purpose: text(20_000).optional(),
  funding: text(20_000).optional(),
  organisation: text(20_000).optional(),
  issueDue: isoDateSchema.nullable().optional(),
};

export const createPlanSchema = z.object({
  unitId: z.uuid('Mã đơn vị không hợp lệ'),
  kind: z.enum(PLAN_KINDS, 'Loại kế hoạch không hợp lệ'),
  year: z.number().int().min(2000, 'Năm không hợp lệ').max(2100, 'Năm không hợp lệ'),
  template: z.enum(PLAN_TEMPLATES, 'Mẫu kế hoạch không hợp lệ').nullable().optional(),
  ...planFields,
});
export type CreatePlanBody = z.infer<typeof createPlanSchema>;

export const updatePlanSchema = z.object(planFields).partial();
export type UpdatePlanBody = z.infer<typeof updatePlanSchema>;

export const issuePlanSchema = z.object({
  number: required('Số hiệu', 60),
  issuedOn: isoDateSchema,
});

const taskFields = {
  code: z.string().trim().regex(TASK_CODE, 'Số thứ tự nhiệm vụ chỉ gồm chữ, số và dấu chấm (ví dụ 2.a)'),
  title: required('Nội dung nhiệm vụ', 2000),
  content: text(10_000).optional(),
  lead: text(500).optional(),
  partners: text(1000).optional(),
  timeText: text(300).optional(),
  dueOn: isoDateSchema.nullable().optional(),
  output: text(1000).optional(),
  target: text(500).optional(),
  assigneeUnitId: z.uuid('Mã đơn vị không hợp lệ').nullable().optional(),
};
const reportFields = {
  status: z.enum(TASK_STATUSES, 'Trạng thái không hợp lệ').optional(),
  completedOn: isoDateSchema.nullable().optional(),
  progressNote: text(5000).optional(),
  evidenceNote: text(2000).optional(),
};

export const createTaskSchema = z.object(taskFields);
export type CreateTaskBody = z.infer<typeof createTaskSchema>;

/** A change to a task: the plan's unit may change any field, the assignee only the report fields. */
export const updateTaskSchema = z.object({ ...taskFields, ...reportFields }).partial();
export type UpdateTaskBody = z.infer<typeof updateTaskSchema>;
/** The fields an assignee unit reports. */
export const REPORT_FIELDS = Object.keys(reportFields) as (keyof UpdateTaskBody)[];

export const plansQuery = z.object({
  unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
  kind: z.enum(PLAN_KINDS, 'Loại kế hoạch không hợp lệ').optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
