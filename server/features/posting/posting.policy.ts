import type { EvaluationState } from '@shared/evaluations/state-machine.ts';

/** States in which a self-assessment that was posted stays on its public page. */
const PUBLIC_STATES: EvaluationState[] = [
  'posted',
  'under_appraisal',
  'returned',
  'appraised',
  'decided_achieved',
  'decided_not_achieved',
];

type Posting = { state: EvaluationState; posted_from: string | null; posted_until: string | null };

/** Whether anyone may read the evaluation's public page: it was posted and has not gone back to a draft. */
export function isPubliclyVisible(evaluation: Posting): evaluation is Posting & { posted_from: string } {
  return evaluation.posted_from !== null && PUBLIC_STATES.includes(evaluation.state);
}

/** Whether citizens may still comment on `today` ('YYYY-MM-DD'): only during the posting period. */
export function isAcceptingComments(evaluation: Posting, today: string): boolean {
  return (
    evaluation.state === 'posted' &&
    evaluation.posted_from !== null &&
    today >= evaluation.posted_from &&
    today <= (evaluation.posted_until ?? '')
  );
}
