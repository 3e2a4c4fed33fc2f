import type { EvaluationResult } from '@shared/scoring/types.ts';

/** GET /api/public/evaluations/:id (server/features/posting/posting.presenter.ts). */
export type PublicEvaluation = {
  id: string;
  unitName: string;
  year: number;
  periodName: string;
  stateLabel: string;
  framework: { code: string; name: string };
  posting: { from: string; until: string | null };
  acceptingComments: boolean;
  result: EvaluationResult | null;
  narrative: Record<string, string>;
};
