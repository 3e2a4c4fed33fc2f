import Decimal from 'decimal.js';
import type { VerdictInput } from '@shared/evaluations/evaluations.schemas.ts';
import { rankPeriod } from '@shared/evaluations/ranking.ts';
import type { EvaluationInput, EvaluationResult } from '@shared/scoring/index.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { findVisiblePeriodOrganiserPath, isPeriodVisible } from '@server/features/periods/periods.service.ts';
import { canReadAreaSummary } from '@server/features/periods/periods.policy.ts';
import { findEvaluationsInScope } from '@server/features/evaluations/evaluations.repo.ts';
import { summariseStoredPeriod } from '@server/features/analytics/analytics.service.ts';
import {
  findNode,
  getEvaluation,
  loadForAction,
  scoreOrRefuse,
  transition,
} from '@server/features/evaluations/evaluations.service.ts';
import {
  findAppraisedTotalsOfPeriod,
  findExplanationRequests,
  findVerdict,
  findVerdictsOfEvaluation,
  recordExplanation,
  upsertVerdict,
} from './appraisal.repo.ts';

/** Records the appraiser's verdict on one indicator for the current round. */
export async function setVerdict(ctx: SignedInContext, id: string, body: VerdictInput) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'appraisals.edit');
  if (evaluation.state !== 'under_appraisal') {
    throw new ConflictError('Chỉ ghi kết luận thẩm định khi hồ sơ đang được thẩm định.', {
      reason: 'invalid_state',
    });
  }
  const node = findNode(framework, body.nodeCode);
  if (!node)
    throw new ValidationError(`Không có chỉ tiêu ${body.nodeCode} trong bộ tiêu chí.`, [
      { field: 'nodeCode', message: 'Mã chỉ tiêu không tồn tại' },
    ]);
  if (body.verdict === 'adjust' && framework.model === 'points') {
    if (body.points === undefined)
      throw new ValidationError('Nhập điểm sau điều chỉnh.', [{ field: 'points', message: 'Thiếu điểm' }]);
    if (node.max !== undefined && new Decimal(body.points).gt(new Decimal(node.max))) {
      throw new ValidationError(`Điểm điều chỉnh vượt điểm tối đa ${node.max} của chỉ tiêu ${node.code}.`, [
        { field: 'points', message: `Tối đa ${node.max}` },
      ]);
    }
  }
  const round = evaluation.appraisal_round;
  await ctx.app.db.transaction().execute(async (trx) => {
    // Read inside the transaction: the audit diff names the verdict this one replaces.
    const before = await findVerdict(trx, id, round, body.nodeCode);
    const values = {
      verdict: body.verdict,
      points: body.verdict === 'adjust' ? (body.points ?? null) : null,
      passed: body.verdict === 'adjust' ? (body.passed ?? null) : null,
      reason: body.reason ?? null,
      reviewer_id: ctx.actor.userId,
      updated_at: new Date(),
    };
    await upsertVerdict(
      trx,
      { evaluationId: id, unitId: evaluation.unit_id, round, nodeCode: body.nodeCode },
      values,
    );
    await writeAudit(trx, {
      action: 'appraisal.verdict-recorded',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        nodeCode: body.nodeCode,
        round,
        from: before ?? null,
        to: { verdict: values.verdict, points: values.points, passed: values.passed, reason: values.reason },
      },
    });
  });
  return getEvaluation(ctx, id);
}

/** Returns the dossier to the commune to explain the indicators marked "explain" in this round. */
export async function returnForExplanation(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'appraisals.edit');
  const rounds = framework.workflow.explanationRounds;
  if (evaluation.appraisal_round > rounds) {
    throw new ConflictError(`Đã hết số vòng giải trình (${rounds}) của bộ tiêu chí này.`, {
      reason: 'no_more_rounds',
    });
  }
  const asks = await findExplanationRequests(ctx.app.db, id, evaluation.appraisal_round);
  if (asks.length === 0 && evaluation.state === 'under_appraisal') {
    throw new ValidationError('Chưa có chỉ tiêu nào được yêu cầu giải trình.', [
      { field: 'verdicts', message: 'Cần ít nhất một yêu cầu giải trình' },
    ]);
  }
  await transition(ctx, evaluation, framework, 'return', expectedVersion);
  return getEvaluation(ctx, id);
}

/** The commune answers each explanation request; the dossier goes back to appraisal for the next round. */
export async function submitExplanations(
  ctx: SignedInContext,
  id: string,
  body: { expectedVersion: number; explanations: Record<string, string> },
) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.edit');
  const round = evaluation.appraisal_round;
  const asked = await findExplanationRequests(ctx.app.db, id, round);
  const missing = asked.filter((code) => !body.explanations[code]?.trim());
  if (evaluation.state === 'returned' && missing.length) {
    throw new ValidationError(
      `Còn thiếu giải trình cho chỉ tiêu ${missing.join(', ')}.`,
      missing.map((code) => ({ field: `explanations.${code}`, message: 'Chưa giải trình' })),
    );
  }
  await transition(
    ctx,
    evaluation,
    framework,
    'explain',
    body.expectedVersion,
    { appraisal_round: round + 1 },
    async (trx) => {
      for (const [code, text] of Object.entries(body.explanations)) {
        await recordExplanation(trx, { evaluationId: id, round, nodeCode: code }, text, ctx.actor.userId);
      }
    },
  );
  return getEvaluation(ctx, id);
}

/**
 * The appraised input: the submitted self-assessment with each "adjust" verdict (latest round wins)
 * as a manual entry carrying the appraiser's reason. The engine then scores it like any input.
 */
export function appraisedInput(
  framework: Framework,
  submitted: EvaluationInput,
  verdicts: {
    round: number;
    node_code: string;
    verdict: string;
    points: string | null;
    passed: boolean | null;
    reason: string | null;
  }[],
): EvaluationInput {
  const manual = { ...(submitted.manual ?? {}) };
  const points = { ...(submitted.points ?? {}) };
  const passed = { ...(submitted.passed ?? {}) };
  const adjusted = new Map<string, (typeof verdicts)[number]>();
  // The latest verdict per indicator wins; a later "accept" withdraws an earlier adjustment.
  for (const v of [...verdicts].sort((a, b) => a.round - b.round)) {
    if (v.verdict === 'adjust') adjusted.set(v.node_code, v);
    if (v.verdict === 'accept') adjusted.delete(v.node_code);
  }
  for (const [code, v] of adjusted) {
    // The engine takes a hand-set value with its reason on a leaf; an indicator with sub-items
    // takes the appraised points directly (its sub-items are then not scored separately).
    if (findNode(framework, code)?.children?.length) {
      if (v.points !== null) points[code] = v.points;
      if (v.passed !== null) passed[code] = v.passed;
    } else {
      manual[code] = {
        ...(v.points !== null ? { points: v.points } : {}),
        ...(v.passed !== null ? { passed: v.passed } : {}),
        reason: `Thẩm định: ${v.reason ?? ''}`,
      };
    }
  }
  return { ...submitted, manual, points, passed };
}

/** Closes the appraisal: the appraised result is computed by the engine and kept beside the self-assessed one. */
export async function completeAppraisal(ctx: SignedInContext, id: string, version: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'appraisals.edit');
  const verdicts = await findVerdictsOfEvaluation(ctx.app.db, id);
  const pending = verdicts.filter((v) => v.round === evaluation.appraisal_round && v.verdict === 'explain');
  if (pending.length) {
    throw new ConflictError(
      `Còn ${pending.length} chỉ tiêu đang chờ giải trình (${pending.map((p) => p.node_code).join(', ')}); hãy trả hồ sơ hoặc kết luận các chỉ tiêu này.`,
      { reason: 'pending_explanations' },
    );
  }
  const snapshot = evaluation.submitted_snapshot as { input: EvaluationInput } | null;
  const result: EvaluationResult = scoreOrRefuse(
    framework,
    appraisedInput(framework, snapshot?.input ?? evaluation.self_input, verdicts),
  );
  await transition(ctx, evaluation, framework, 'appraise', version, {
    appraised_result: JSON.stringify(result),
    appraised_at: new Date(),
  });
  return getEvaluation(ctx, id);
}

/**
 * The period's evaluations the actor may see, each with its rank among ALL appraised communes of the
 * period (the rank the CCHC document prints); 404 for a period out of sight.
 */
export async function getPeriodResults(ctx: SignedInContext, periodId: string) {
  if (!(await isPeriodVisible(ctx, periodId))) throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  const rows = await findEvaluationsInScope(ctx.app.db, ctx.actor, { periodId });
  const ranks = rankPeriod(await findAppraisedTotalsOfPeriod(ctx.app.db, periodId));
  return { rows, ranks };
}

/**
 * The area summary of a period (Mẫu 09 data, Mẫu 10 counts) over the period's communes (the
 * organiser's area): appraised results where they exist, otherwise the submitted self-assessment. Only for those who
 * read the period at its organising unit: a commune's "area" would be itself alone.
 */
export async function getPeriodSummary(ctx: SignedInContext, periodId: string) {
  const organiserPath = await findVisiblePeriodOrganiserPath(ctx, periodId);
  if (!organiserPath) throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  if (!canReadAreaSummary(ctx.actor, organiserPath))
    throw new ForbiddenError(
      'Bảng tổng hợp số liệu trên địa bàn (Mẫu 09) chỉ dành cho cơ quan tổ chức kỳ đánh giá; xã, phường xem kết quả của mình trong hồ sơ đánh giá.',
    );
  // The query layer of the analytics dashboard (ADR 0018): the period's every evaluation.
  return summariseStoredPeriod(ctx.app.db, periodId);
}
