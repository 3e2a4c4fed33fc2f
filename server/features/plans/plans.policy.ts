/** Who may do what on a plan and its tasks, and what a task change may be. Pure. */
import type { Actor } from '@shared/access/actor.ts';
import { can } from '@shared/access/actor.ts';
import { REPORT_FIELDS, type PlanStatus, type TaskStatus, type UpdateTaskBody } from '@shared/plans/plans.ts';

/** The plan's own unit (or one above it) reads it whole; an assignee only its tasks. */
export function canReadPlan(actor: Actor, planPath: string): boolean {
  return can(actor, 'registers.read', planPath);
}

export function canEditPlan(actor: Actor, planPath: string): boolean {
  return can(actor, 'registers.edit', planPath);
}

/** The assignee unit reports on its task (status, completion, notes); the plan's unit edits all of it. */
export function canReportTask(actor: Actor, planPath: string, assigneePath: string | null): boolean {
  return (
    canEditPlan(actor, planPath) || (assigneePath !== null && can(actor, 'registers.edit', assigneePath))
  );
}

/** Why a plan's tasks cannot be changed now, or null. */
export function planLockedRefusal(status: PlanStatus): string | null {
  return status === 'closed' ? 'Kế hoạch đã kết thúc, không sửa được nhiệm vụ.' : null;
}

/** Fields an assignee may not change (they are the plan's, decided by its unit). */
export function fieldsBeyondReport(body: UpdateTaskBody): string[] {
  return Object.keys(body).filter(
    (k) =>
      body[k as keyof UpdateTaskBody] !== undefined && !REPORT_FIELDS.includes(k as keyof UpdateTaskBody),
  );
}

/**
 * Refuses a status that does not fit: done needs its completion date (not after today) and an issued
 * plan; a completion date belongs to a done task only.
 */
export function taskStatusRefusal(
  next: { status: TaskStatus; completedOn: string | null },
  planStatus: PlanStatus,
  today: string,
): { field: string; message: string } | null {
  if (next.status === 'done') {
    if (planStatus === 'draft')
      return { field: 'status', message: 'Kế hoạch chưa ban hành: chưa ghi nhận nhiệm vụ hoàn thành được.' };
    if (!next.completedOn) return { field: 'completedOn', message: 'Cần ghi ngày hoàn thành nhiệm vụ.' };
    if (next.completedOn > today)
      return { field: 'completedOn', message: 'Ngày hoàn thành không được sau ngày hôm nay.' };
  } else if (next.completedOn) {
    return { field: 'completedOn', message: 'Chỉ nhiệm vụ đã hoàn thành mới có ngày hoàn thành.' };
  }
  return null;
}

/**
 * The status a task has once its due date changes: a task marked overdue whose new due date is not
 * past returns to open (in progress when it has a progress note). Any other status stays.
 */
export function statusAfterDueChange(
  task: { status: TaskStatus; progressNote: string },
  dueOn: string | null,
  today: string,
): TaskStatus {
  if (task.status !== 'overdue' || (dueOn !== null && dueOn < today)) return task.status;
  return task.progressNote.trim() ? 'in_progress' : 'not_started';
}
