/**
 * Applying a newer framework version to an open period (ADR 0015): the report before confirming,
 * and the confirmation. server/features/periods/rescore.*.
 */
import { z } from 'zod';
import { frameworkChangeResponse } from '../frameworks/frameworks.schemas.ts';

export const rescoreQuery = z.object({ frameworkVersionId: z.uuid('Chưa chọn phiên bản bộ tiêu chí') });
export const rescorePeriodSchema = z.object({
  frameworkVersionId: z.uuid('Chưa chọn phiên bản bộ tiêu chí'),
  /** The hash the report was read against: a version published since then makes the confirmation fail. */
  expectedHash: z.string().min(1),
});
export type RescorePeriodInput = z.infer<typeof rescorePeriodSchema>;

const outcome = z.object({
  total: z.string().nullable(),
  recognised: z.boolean().nullable(),
  conditions: z.array(z.object({ code: z.string(), title: z.string(), met: z.boolean().nullable() })),
});
export type RescoreOutcomeDto = z.output<typeof outcome>;

const versionRef = z.object({ id: z.string(), code: z.string(), version: z.number(), hash: z.string() });

export const rescoreReportResponse = z.object({
  period: z.object({ id: z.string(), name: z.string() }),
  from: versionRef,
  to: versionRef,
  /** The framework changes in words (shared/frameworks/diff.ts). */
  changes: z.array(frameworkChangeResponse),
  rows: z.array(
    z.object({
      evaluationId: z.string(),
      unitName: z.string(),
      state: z.string(),
      stateLabel: z.string(),
      /** Past self-assessment (submitted, appraised, decided…): never re-scored by applying. */
      locked: z.boolean(),
      /** Locked but not decided, and the reader may reopen it for correction (ADR 0019). */
      reopenable: z.boolean(),
      before: outcome.nullable(),
      after: outcome.nullable(),
      /** Total, a condition or recognition differs. */
      changed: z.boolean(),
      /** Entered values the new version no longer has or no longer accepts (dropped when applied). */
      droppedInputs: z.array(z.string()),
    }),
  ),
  /** Evaluations whose result changes (open and locked). */
  changedCount: z.number(),
  /** Why confirming is refused (empty: it can be applied). */
  blockers: z.array(z.string()),
  applied: z.boolean(),
});
export type RescoreReportDto = z.output<typeof rescoreReportResponse>;
