/**
 * The life of one commune's evaluation. Which steps exist is chosen by the framework's workflow
 * flags (public posting, council), not by copying the machine per framework: the legal-access
 * cycle uses every step; a CCHC index period skips posting and council.
 */
import type { WorkflowFlags } from '../frameworks/model.ts';

export const EVALUATION_STATES = [
  'draft',
  'submitted',
  'posted',
  'under_appraisal',
  'returned',
  'appraised',
  'decided_achieved',
  'decided_not_achieved',
] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];

export const STATE_LABELS: Record<EvaluationState, string> = {
  draft: 'Đang tự đánh giá',
  submitted: 'Đã chốt kết quả tự đánh giá',
  posted: 'Đang niêm yết công khai',
  under_appraisal: 'Đang thẩm định',
  returned: 'Trả lại để giải trình',
  appraised: 'Đã thẩm định',
  decided_achieved: 'Được công nhận đạt chuẩn',
  decided_not_achieved: 'Không được công nhận',
};

export type EvaluationAction =
  'submit' | 'post' | 'send' | 'return' | 'explain' | 'appraise' | 'decide' | 'reopen-correction';

export const ACTION_LABELS: Record<EvaluationAction, string> = {
  submit: 'chốt kết quả tự đánh giá',
  post: 'niêm yết công khai',
  send: 'gửi hồ sơ đề nghị thẩm định',
  return: 'trả lại để giải trình',
  explain: 'gửi giải trình',
  appraise: 'hoàn tất thẩm định',
  decide: 'quyết định công nhận',
  'reopen-correction': 'mở lại hồ sơ để sửa',
};

/** The steps of an evaluation cycle, in order. */
export type WorkflowStep = 'self-assessment' | 'posting' | 'appraisal' | 'council' | 'decision';

/** The flags that choose the steps (a framework's `workflow`). */
export type StepFlags = Pick<WorkflowFlags, 'publicPosting' | 'council'>;

/**
 * The steps a framework's cycle goes through, from its workflow flags (never from its code): the
 * legal-access cycle has every step; a CCHC index period has no posting and no council.
 */
export function stepsOf(workflow: StepFlags): WorkflowStep[] {
  return [
    'self-assessment',
    ...(workflow.publicPosting ? (['posting'] as const) : []),
    'appraisal',
    ...(workflow.council ? (['council'] as const) : []),
    'decision',
  ];
}

/** Whether the framework's cycle has `step`. */
export function hasStep(workflow: StepFlags, step: WorkflowStep): boolean {
  return stepsOf(workflow).includes(step);
}

/** The state an action leads to, under the given workflow; null when the action is not allowed there. */
export function nextState(
  state: EvaluationState,
  action: EvaluationAction,
  workflow: StepFlags,
  outcome?: 'achieved' | 'not_achieved',
): EvaluationState | null {
  switch (action) {
    case 'submit':
      if (state !== 'draft') return null;
      // Without public posting the submitted dossier goes straight to appraisal.
      return hasStep(workflow, 'posting') ? 'submitted' : 'under_appraisal';
    case 'post':
      return hasStep(workflow, 'posting') && state === 'submitted' ? 'posted' : null;
    case 'send':
      return hasStep(workflow, 'posting') && state === 'posted' ? 'under_appraisal' : null;
    case 'return':
      return state === 'under_appraisal' ? 'returned' : null;
    case 'explain':
      return state === 'returned' ? 'under_appraisal' : null;
    case 'appraise':
      return state === 'under_appraisal' ? 'appraised' : null;
    case 'decide':
      if (state !== 'appraised' || !outcome) return null;
      return outcome === 'achieved' ? 'decided_achieved' : 'decided_not_achieved';
    case 'reopen-correction':
      return isReopenableForCorrection(state) ? 'draft' : null;
  }
}

/** Vietnamese reason an action is refused in a state. */
export function refusal(state: EvaluationState, action: EvaluationAction): string {
  return `Không thể ${ACTION_LABELS[action]} khi hồ sơ đang ở trạng thái "${STATE_LABELS[state]}".`;
}

/** Whether the commune may still change its self-assessment data in this state. */
export function isSelfAssessmentEditable(state: EvaluationState): boolean {
  return state === 'draft';
}

/**
 * Whether the province may reopen a dossier for correction (ADR 0019): once the commune has closed its
 * self-assessment (submitted, posted, under appraisal, returned, appraised) and before the recognition
 * decision. A draft needs no correction reopen (only a deadline reopen); a decided dossier is final.
 */
export function isReopenableForCorrection(state: EvaluationState): boolean {
  return state !== 'draft' && state !== 'decided_achieved' && state !== 'decided_not_achieved';
}
