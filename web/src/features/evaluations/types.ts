import type { z } from 'zod';
import type {
  appliedVerdictResponse,
  differenceResponse,
  evaluationListItemResponse,
  evaluationResponse,
  verdictResponse,
} from '@shared/evaluations/evaluations.contract.ts';
import type { commentResponse } from '@shared/posting/posting.contract.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type { EvaluationInput, EvaluationResult, ResultNode } from '@shared/scoring/types.ts';

/** One row of GET /api/evaluations (shared/evaluations/evaluations.contract.ts). */
export type EvaluationListItem = z.output<typeof evaluationListItemResponse>;

export type Verdict = z.output<typeof verdictResponse>;

/** The verdict in force for an indicator: this round's, or carried forward from an earlier round. */
export type AppliedVerdict = z.output<typeof appliedVerdictResponse>;

export type Difference = z.output<typeof differenceResponse>;

/** GET /api/evaluations/:id and the answer of every action on it (shared/evaluations/evaluations.contract.ts). */
export type EvaluationData = z.output<typeof evaluationResponse>;

/** An evaluation with its framework's content, read once per version by its hash (useEvaluation). */
export type EvaluationDetail = Omit<EvaluationData, 'framework'> & {
  framework: EvaluationData['framework'] & Framework;
};

/** GET /api/evaluations/:id/comments (shared/posting/posting.contract.ts). */
export type PublicComment = z.output<typeof commentResponse>;

export type { ResultNode, EvaluationResult, EvaluationInput };
