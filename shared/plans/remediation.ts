/**
 * Remediation plans proposed from an evaluation's result (issue #14 item 3, ADR 0013 "Remediation"):
 * one task per item that lost points, and the grouping by officer post the CCHC deductions report
 * prints (example 004: general tasks, then tasks per post). Pure.
 */
import { z } from 'zod';
import { formatDate, formatDecimal } from '../format/vi.ts';
import type { LostItem } from '../scoring/gaps.ts';
import type { EvaluationResult, ResultNode } from '../scoring/types.ts';
import { isHeading } from './plans.ts';

/** The commune officer posts of example 004 and the usual others; a task's lead is free text. */
export const OFFICER_POSTS = [
  'Văn phòng - Thống kê',
  'Tư pháp - Hộ tịch',
  'Văn hóa - Xã hội',
  'Tài chính - Kế toán',
  'Địa chính - Xây dựng',
  'Công an xã',
  'Chỉ huy trưởng Quân sự',
] as const;

export const proposeRemediationSchema = z.object({
  evaluationId: z.uuid('Mã hồ sơ đánh giá không hợp lệ'),
  /** Which result: the appraisal's (default when there is one) or the self-assessment's. */
  source: z.enum(['self', 'appraised'], 'Nguồn kết quả không hợp lệ').optional(),
});
export type ProposeRemediationBody = z.infer<typeof proposeRemediationSchema>;

/** "1.1.3" < "1.1.10" < "2": the framework's order of item codes. */
export function compareItemCodes(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    if (pa[i] === undefined) return -1;
    if (pb[i] === undefined) return 1;
    const d = pa[i]!.localeCompare(pb[i]!, 'en', { numeric: true });
    if (d) return d;
  }
  return 0;
}

export type RemediationTaskDraft = {
  code: string;
  title: string;
  content: string;
  target: string;
  sourceItem: string;
  pointsLost: string;
};

/**
 * Items scored 0 because an input was never entered (source 'missing'): not deductions to remedy but
 * data to complete, which the completeness check at submission names; left out of the proposal.
 */
export function missingItems(result: EvaluationResult): Set<string> {
  const codes = new Set<string>();
  const walk = (n: ResultNode) => {
    if (n.source === 'missing') codes.add(n.code);
    n.children.forEach(walk);
  };
  result.criteria.forEach(walk);
  return codes;
}

/**
 * One task per item that lost points (except those in `skip`), in the framework's order: the item and the points lost in the
 * title, the engine's reason in the content, and the gap analysis's step as the suggested target
 * (the next tier, and full marks when that is further).
 */
export function remediationTasks(
  lost: readonly LostItem[],
  skip: ReadonlySet<string> = new Set(),
): RemediationTaskDraft[] {
  return [...lost]
    .filter((l) => l.lost !== null && !skip.has(l.code))
    .sort((a, b) => compareItemCodes(a.code, b.code))
    .map((l, i) => {
      const next = l.nextStep.description;
      const full = l.fullStep.description;
      return {
        code: String(i + 1),
        title: `Khắc phục mục ${l.code}. ${l.title} (bị trừ ${formatDecimal(l.lost!)}/${formatDecimal(l.max ?? l.lost!)} điểm)`,
        content: `Lý do bị trừ điểm: ${l.explanation}`,
        target: next === full || l.nextStep.gain === l.fullStep.gain ? next : `${next}; đạt tối đa: ${full}`,
        sourceItem: l.code,
        pointsLost: l.lost!,
      };
    });
}

export type ReportTask = {
  code: string;
  title: string;
  lead: string;
  target: string;
  dueOn: string | null;
  status: string;
};

/** "Khắc phục …: chỉ tiêu …; hoàn thành trước ngày 30/05/2023." — one line of the report. */
export function reportTaskLine(t: ReportTask): string {
  const target = t.target ? `; chỉ tiêu: ${t.target}` : '';
  const due = t.dueOn ? `; hoàn thành trước ngày ${formatDate(t.dueOn)}` : '';
  return `${t.title.replace(/\.\s*$/, '')}${target}${due}.`;
}

/**
 * The tasks as the deductions report prints them: those without a lead (nor a heading named after a
 * post) are general tasks, the others grouped by lead (the known posts in their order, then other leads as first met). Headings
 * and cancelled tasks are left out.
 */
export function groupByOfficerPost(tasks: readonly ReportTask[]): {
  general: string[];
  departments: { department: string; tasks: string[] }[];
} {
  const codes = tasks.map((t) => t.code);
  const titles = new Map(tasks.map((t) => [t.code, t.title.trim()]));
  // A task under a heading named after a post (example 004's "2. Văn phòng - Thống kê") is that post's.
  const postOf = (t: ReportTask) => {
    if (t.lead.trim()) return t.lead.trim();
    const parent = titles.get(t.code.split('.').slice(0, -1).join('.'));
    return parent && (OFFICER_POSTS as readonly string[]).includes(parent) ? parent : '';
  };
  const general: string[] = [];
  const groups = new Map<string, string[]>();
  for (const t of tasks) {
    if (t.status === 'cancelled' || isHeading(t.code, codes)) continue;
    const lead = postOf(t);
    if (!lead) general.push(reportTaskLine(t));
    else groups.set(lead, [...(groups.get(lead) ?? []), reportTaskLine(t)]);
  }
  const rank = (post: string) => {
    const i = (OFFICER_POSTS as readonly string[]).indexOf(post);
    return i < 0 ? OFFICER_POSTS.length : i;
  };
  const departments = [...groups.entries()]
    .map(([department, lines], order) => ({ department, tasks: lines, order }))
    .sort((a, b) => rank(a.department) - rank(b.department) || a.order - b.order)
    .map(({ department, tasks }) => ({ department, tasks }));
  return { general, departments };
}
