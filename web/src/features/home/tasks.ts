import type { EvaluationState, WorkflowStep } from '@shared/evaluations/state-machine.ts';
import { daysBetween } from '@shared/dates.ts';
import { formatDate } from '@shared/format/vi.ts';

/** The parts of GET /api/evaluations and GET /api/periods the task list reads. */
export type TaskEvaluation = {
  id: string;
  state: EvaluationState;
  unit: { name: string };
  period: { id: string; name: string; selfAssessmentDue: string | null; submissionDue: string | null };
  /** Citizens' comments still without the commune's response (absent in older answers: none). */
  unansweredComments?: number;
  /** Last day of the public posting, once posted. */
  postingUntil?: string | null;
};
export type TaskPeriod = {
  id: string;
  name: string;
  /** The steps of the period's framework (stepsOf its workflow flags, sent by the server). */
  steps: WorkflowStep[];
  appraisalDue: string;
  decisionDue: string;
};

/** The parts of GET /api/plans/tasks/due the task list reads: the unit's plan tasks due soon or overdue. */
export type TaskOfPlan = {
  planId: string;
  planTitle: string;
  taskId: string;
  code: string;
  title: string;
  deadline: string;
  isOverdue: boolean;
  unit: { name: string };
};

export type Task = {
  key: string;
  title: string;
  detail: string;
  due: string | null;
  link: string;
};

/** "còn 5 ngày (hạn 02/12/2026)", "hạn cuối hôm nay (02/12/2026)", "quá hạn 3 ngày (hạn 02/12/2026)". */
export function describeDue(today: string, due: string): { text: string; overdue: boolean } {
  const left = daysBetween(today, due);
  const date = formatDate(due);
  if (left > 0) return { text: `còn ${left} ngày (hạn ${date})`, overdue: false };
  if (left === 0) return { text: `hạn cuối hôm nay (${date})`, overdue: false };
  return { text: `quá hạn ${-left} ngày (hạn ${date})`, overdue: true };
}

/**
 * The signed-in user's to-do list, derived for display from what the API already returned: the
 * commune's steps for officers and chairmen, appraisal counts for reviewers, council meetings and
 * decisions for the province, and the units' plan tasks due soon or overdue. Nothing here decides; the server checks every action.
 */
export function buildTasks(input: {
  permissions: string[];
  evaluations: TaskEvaluation[];
  periods: TaskPeriod[];
  /** Already chosen by the server (the units' own tasks, due within 7 working days or overdue). */
  planTasks?: TaskOfPlan[];
}): Task[] {
  const can = (p: string) => input.permissions.includes(p);
  const periods = new Map(input.periods.map((p) => [p.id, p]));
  const tasks: Task[] = [];
  for (const e of input.evaluations) {
    const link = `/danh-gia/${e.id}`;
    const detail = `${e.unit.name} · ${e.period.name}`;
    if (e.state === 'draft' && can('assessments.edit'))
      tasks.push({
        key: `${e.id}:draft`,
        title: can('assessments.submit') ? 'Tự đánh giá và chốt kết quả' : 'Tự đánh giá',
        detail,
        due: e.period.selfAssessmentDue,
        link,
      });
    if (e.state === 'submitted' && can('assessments.submit'))
      tasks.push({
        key: `${e.id}:post`,
        title: 'Chốt và niêm yết công khai',
        detail,
        due: e.period.submissionDue,
        link,
      });
    if (e.state === 'posted' && can('assessments.submit'))
      tasks.push({
        key: `${e.id}:send`,
        title: 'Gửi hồ sơ đề nghị thẩm định (sau khi hết niêm yết)',
        detail,
        due: e.period.submissionDue,
        link,
      });
    // Citizens' comments are answered (tiếp thu, giải trình) whatever the step, until none is left.
    if ((e.unansweredComments ?? 0) > 0 && can('comments.respond'))
      tasks.push({
        key: `${e.id}:comments`,
        title: `${e.unansweredComments} ý kiến người dân chờ tiếp thu, giải trình`,
        detail,
        due: e.postingUntil ?? e.period.submissionDue,
        link: `${link}?tab=y-kien`,
      });
    if (e.state === 'returned' && can('assessments.edit'))
      tasks.push({
        key: `${e.id}:explain`,
        title: 'Giải trình theo yêu cầu',
        detail,
        due: periods.get(e.period.id)?.appraisalDue ?? null,
        link,
      });
  }
  // Province-side work is counted per period: one line "Thẩm định 5 hồ sơ" rather than five.
  const byPeriod = new Map<string, { name: string; appraising: number; appraised: number }>();
  for (const e of input.evaluations) {
    const entry = byPeriod.get(e.period.id) ?? { name: e.period.name, appraising: 0, appraised: 0 };
    if (e.state === 'under_appraisal') entry.appraising++;
    if (e.state === 'appraised') entry.appraised++;
    byPeriod.set(e.period.id, entry);
  }
  for (const [periodId, counts] of byPeriod) {
    const period = periods.get(periodId);
    if (counts.appraising > 0 && can('appraisals.edit'))
      tasks.push({
        key: `${periodId}:appraise`,
        title: `Thẩm định ${counts.appraising} hồ sơ`,
        detail: counts.name,
        due: period?.appraisalDue ?? null,
        link: `/ky-danh-gia/${periodId}`,
      });
    if (counts.appraised === 0 || !period) continue;
    if (period.steps.includes('council') && (can('council.manage') || can('council.opinion')))
      tasks.push({
        key: `${periodId}:council`,
        title: `Họp Hội đồng: ${counts.appraised} hồ sơ đã thẩm định`,
        detail: counts.name,
        due: period.decisionDue,
        link: `/ky-danh-gia/${periodId}?tab=hoi-dong`,
      });
    if (can('decisions.manage'))
      tasks.push({
        key: `${periodId}:decide`,
        title: `Quyết định công nhận: ${counts.appraised} hồ sơ`,
        detail: counts.name,
        due: period.decisionDue,
        link: `/ky-danh-gia/${periodId}?tab=quyet-dinh`,
      });
  }
  for (const p of input.planTasks ?? [])
    tasks.push({
      key: `plan-task:${p.taskId}`,
      title: `${p.isOverdue ? 'Nhiệm vụ quá hạn' : 'Nhiệm vụ kế hoạch'} ${p.code}: ${p.title}`,
      detail: `${p.unit.name} · ${p.planTitle}`,
      due: p.deadline,
      link: `/ke-hoach/${p.planId}`,
    });
  return tasks.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
}
