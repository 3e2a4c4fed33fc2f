/**
 * A plan's progress report (issue #14 item 6): how many of its tasks are done, under way, not started,
 * overdue or cancelled, in total and per lead. Counted like the indicators (plans.measures.repo.ts): a
 * heading of other tasks ("2" of "2.a") is not a task; a cancelled task is listed but not counted.
 * An open task past its deadline counts as overdue even before the daily job marks it.
 */
import { compareVietnamese } from '../format/vi.ts';
import { isHeading, type TaskStatus } from './plans.ts';

export interface ProgressTask {
  code: string;
  title: string;
  lead: string;
  /** The lower unit the task is given to, if any: it is then that unit's to report. */
  assignee: string | null;
  status: TaskStatus;
  dueOn: string | null;
  completedOn: string | null;
}

export interface ProgressCounts {
  /** Tasks counted (not headings, not cancelled). */
  counted: number;
  done: number;
  inProgress: number;
  notStarted: number;
  overdue: number;
  cancelled: number;
}

export interface PlanProgress {
  total: ProgressCounts;
  /** Per lead (the unit given the task, else the lead body named in the plan), in Vietnamese order. */
  byLead: ({ lead: string } & ProgressCounts)[];
  /** Counted tasks not done whose deadline has passed, in plan order. */
  overdue: (ProgressTask & { lead: string })[];
}

export const NO_LEAD = 'Chưa giao đơn vị chủ trì';

const empty = (): ProgressCounts => ({
  counted: 0,
  done: 0,
  inProgress: 0,
  notStarted: 0,
  overdue: 0,
  cancelled: 0,
});

/** The status a task reads as on `today`: a late open task is overdue. */
export function statusOn(task: Pick<ProgressTask, 'status' | 'dueOn'>, today: string): TaskStatus {
  const open = task.status === 'not_started' || task.status === 'in_progress';
  return open && task.dueOn !== null && task.dueOn < today ? 'overdue' : task.status;
}

export function leadOf(task: Pick<ProgressTask, 'assignee' | 'lead'>): string {
  return task.assignee?.trim() || task.lead.trim() || NO_LEAD;
}

export function planProgress(tasks: readonly ProgressTask[], today: string): PlanProgress {
  const codes = tasks.map((t) => t.code);
  const total = empty();
  const leads = new Map<string, ProgressCounts>();
  const overdue: PlanProgress['overdue'] = [];
  for (const task of tasks) {
    if (isHeading(task.code, codes)) continue;
    const lead = leadOf(task);
    const counts = leads.get(lead) ?? empty();
    leads.set(lead, counts);
    const status = statusOn(task, today);
    const key = (
      {
        done: 'done',
        in_progress: 'inProgress',
        not_started: 'notStarted',
        overdue: 'overdue',
        cancelled: 'cancelled',
      } as const
    )[status];
    for (const c of [total, counts]) {
      c[key] += 1;
      if (status !== 'cancelled') c.counted += 1;
    }
    if (status === 'overdue') overdue.push({ ...task, lead });
  }
  const byLead = [...leads.entries()]
    .map(([lead, counts]) => ({ lead, ...counts }))
    .sort((a, b) => compareVietnamese(a.lead, b.lead));
  return { total, byLead, overdue };
}
