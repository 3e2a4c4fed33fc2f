import { z } from 'zod';
import { evaluationState } from '../evaluations/evaluations.contract.ts';

/** Responses of the period's results and area summary (server/features/appraisal/appraisal.routes.ts). */

/** One row of GET /api/periods/:id/results, ranked by the server (best first). */
export const periodResultResponse = z.object({
  evaluationId: z.string(),
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  state: evaluationState,
  selfTotal: z.string().nullable(),
  appraisedTotal: z.string().nullable(),
  recognised: z.boolean().nullable(),
  rank: z.number().nullable(),
  rankOf: z.number().nullable(),
});
export const periodResultsResponse = z.array(periodResultResponse);

/** One node of the area summary (Mẫu 09). */
export const summaryRowResponse = z.object({
  code: z.string(),
  title: z.string(),
  depth: z.number(),
  max: z.string().nullable(),
  communes: z.number(),
  atMax: z.number(),
  passed: z.number(),
  /** Average points, 2 decimals; null for the pass model. */
  average: z.string().nullable(),
});

/** GET /api/periods/:id/summary: the area summary (Mẫu 09) and the share recognised (Mẫu 10). */
export const periodSummaryResponse = z.object({
  communes: z.number(),
  scored: z.number(),
  recognised: z.number(),
  decidedAchieved: z.number(),
  decidedTotal: z.number(),
  /** "100", "87.5": achieved / decided, as a percentage with up to 2 decimals. */
  percentAchieved: z.string().nullable(),
  rows: z.array(summaryRowResponse),
});
