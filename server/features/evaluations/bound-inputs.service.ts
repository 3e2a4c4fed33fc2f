/**
 * Recomputing the inputs bound to register measures (ADR 0013): an explicit, audited action of the
 * commune while it may still edit its self-assessment. A submitted or later evaluation never changes
 * by itself when the register does.
 */
import { boundInputsOf, evaluationRange } from '@shared/evaluations/bound-inputs.ts';
import type { ComputedInput, InputOverride } from '@shared/registers/measures.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import { computeMeasure } from '@server/features/registers/measures.service.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import { ConflictError } from '@server/platform/http/errors.ts';
import { applyComputed } from './bound-inputs.policy.ts';
import { selfAssessmentLock } from './evaluations.policy.ts';
import { updateEvaluationVersioned } from './evaluations.repo.ts';
import { getEvaluation, loadForAction, scoreOrRefuse, valuesOf } from './evaluations.service.ts';

/**
 * Computes every bound input of the evaluation's framework over its period's year, stores the
 * results, scores each input without an override with its computed value, and re-scores.
 */
export async function recomputeBoundInputs(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.edit');
  const lock = selfAssessmentLock(evaluation, businessClock());
  if (lock) throw new ConflictError(lock, { reason: 'locked' });
  const bound = boundInputsOf(framework);
  if (bound.length === 0)
    throw new ConflictError('Bộ tiêu chí của kỳ đánh giá này không có số liệu nào tính từ sổ.');
  const range = evaluationRange(evaluation.year);
  await ctx.app.db.transaction().execute(async (trx) => {
    // Read in the same transaction as the write: the stored figures are those of one state of the register.
    const computed: Record<string, ComputedInput> = {};
    for (const b of bound)
      computed[b.inputId] = await computeMeasure(trx, evaluation.unit_id, b.measure, range);
    const before = valuesOf(evaluation.self_input);
    const { values, overrides } = applyComputed({
      computed,
      values: before,
      overrides: evaluation.input_overrides as Record<string, InputOverride>,
    });
    const input = { ...evaluation.self_input, values };
    const result = scoreOrRefuse(framework, input);
    await updateEvaluationVersioned(trx, id, expectedVersion, {
      self_input: JSON.stringify(input),
      self_result: JSON.stringify(result),
      computed_inputs: JSON.stringify({ ...evaluation.computed_inputs, ...computed }),
      input_overrides: JSON.stringify(overrides),
    });
    await writeAudit(trx, {
      action: 'evaluation.inputs-recomputed',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        range,
        // Every bound input, changed or not: the row shows what the register gave and what is scored.
        values: Object.fromEntries(
          bound.map((b) => [
            b.inputId,
            {
              from: before[b.inputId] ?? null,
              to: values[b.inputId] ?? null,
              computed: computed[b.inputId]!.value,
              rows: computed[b.inputId]!.rows,
              overridden: b.inputId in overrides,
            },
          ]),
        ),
        total: { from: (evaluation.self_result as EvaluationResult | null)?.total ?? null, to: result.total },
      },
    });
  });
  return getEvaluation(ctx, id);
}
