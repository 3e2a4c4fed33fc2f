import { describe, expect, it } from 'vitest';
import { NO_LEAD, planProgress, type ProgressTask } from './progress.ts';

const task = (code: string, over: Partial<ProgressTask> = {}): ProgressTask => ({
  code,
  title: `Nhiệm vụ ${code}`,
  lead: 'Công chức Tư pháp - Hộ tịch',
  assignee: null,
  status: 'not_started',
  dueOn: null,
  completedOn: null,
  ...over,
});

describe('a plan progress report', () => {
  const today = '2026-06-15';
  const tasks = [
    task('1'), // heading of 1.a and 1.b: not a task
    task('1.a', { status: 'done', completedOn: '2026-05-01' }),
    task('1.b', { status: 'in_progress', dueOn: '2026-06-14' }), // late, not yet marked
    task('2', { lead: 'Văn phòng - Thống kê', status: 'overdue', dueOn: '2026-06-01' }),
    task('3', { lead: 'Văn phòng - Thống kê', status: 'cancelled', dueOn: '2026-01-01' }),
    task('4', { assignee: 'Xã Đắk Hà', lead: 'Văn phòng - Thống kê', dueOn: '2026-06-15' }), // due today: not late
    task('5', { lead: ' ' }),
  ];
  const p = planProgress(tasks, today);

  it('counts leaf tasks, cancelled apart, a late open task as overdue', () => {
    expect(p.total).toEqual({ counted: 5, done: 1, inProgress: 0, notStarted: 2, overdue: 2, cancelled: 1 });
    expect(p.overdue.map((t) => [t.code, t.lead])).toEqual([
      ['1.b', 'Công chức Tư pháp - Hộ tịch'],
      ['2', 'Văn phòng - Thống kê'],
    ]);
  });

  it('groups per lead, the unit given the task before the lead named, in Vietnamese order', () => {
    expect(p.byLead.map((r) => [r.lead, r.counted, r.done, r.overdue, r.cancelled])).toEqual([
      [NO_LEAD, 1, 0, 0, 0],
      ['Công chức Tư pháp - Hộ tịch', 2, 1, 1, 0],
      ['Văn phòng - Thống kê', 1, 0, 1, 1],
      ['Xã Đắk Hà', 1, 0, 0, 0],
    ]);
  });
});
