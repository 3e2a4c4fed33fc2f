import { z } from 'zod';

/** Responses of /api/periods (server/features/periods/periods.routes.ts). */

/** One row of GET /api/periods: the period, its organiser and framework, and what the actor may do. */
export const periodListItemResponse = z.object({
  id: z.string(),
  year: z.number(),
  name: z.string(),
  evaluatingLevel: z.enum(['district', 'province']),
  selfAssessmentDue: z.string(),
  submissionDue: z.string(),
  appraisalDue: z.string(),
  decisionDue: z.string(),
  unitName: z.string(),
  frameworkCode: z.string(),
  frameworkName: z.string(),
  /** The steps of the period's framework (stepsOf its workflow flags). */
  steps: z.array(z.enum(['self-assessment', 'posting', 'appraisal', 'council', 'decision'])),
  /** canReadAreaSummary: the area aggregate (Mẫu 09) is for the organiser's level, not a commune. */
  abilities: z.object({ canManage: z.boolean(), canReadAreaSummary: z.boolean() }),
});
export const periodListResponse = z.array(periodListItemResponse);

/** A period just opened, with the number of draft evaluations it made (one per commune). */
export const periodCreatedResponse = z.object({ id: z.string(), evaluations: z.number() });
