import { can } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import {
  hasStep,
  nextState,
  refusal,
  STATE_LABELS,
  type EvaluationAction,
  type EvaluationState,
} from '@shared/evaluations/state-machine.ts';
import type { SaveSelfAssessmentInput } from '@shared/evaluations/evaluations.schemas.ts';
import {
  EvaluationInputError,
  scoreEvaluation,
  validateEvaluationInput,
  type EvaluationResult,
  type InputIssue,
} from '@shared/scoring/index.ts';
import type { Trx } from '@server/db/executor.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { diffRecords, writeAudit } from '@server/platform/audit/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { addDays } from '@shared/dates.ts';
import { formatDateTime } from '@shared/format/vi.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import { findUnitById } from '@server/features/units/units.repo.ts';
import {
  deleteVerdictsOfEvaluation,
  findAssignmentsOfEvaluation,
  findEvaluationsInScope,
  findVerdictsOfEvaluation,
  getEvaluationInScope,
  insertAssignment,
  isOfficerOfUnit,
  updateEvaluationVersioned,
  type EvaluationRow,
} from './evaluations.repo.ts';
import {
  describeInput,
  presentEvaluation,
  presentEvaluationListItem,
  presentInputIssues,
} from './evaluations.presenter.ts';
import { postingNotOverRefusal, registrationRefusal, selfAssessmentLock } from './evaluations.policy.ts';
import { resolveOverrides } from './bound-inputs.policy.ts';
import type { ComputedInput, InputOverride } from '@shared/registers/measures.ts';
import { findEvidenceOfEvaluation } from '@server/features/evidence/evidence.repo.ts';
import { presentEvidence } from '@server/features/evidence/evidence.presenter.ts';

/** Loads an evaluation in scope and its framework, and checks `permission` on its commune. */
export async function loadForAction(ctx: SignedInContext, id: string, permission: Permission) {
  // Reading scope first: someone who cannot see the evaluation gets 404, someone who can see but
  // not act gets 403.
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  if (!can(ctx.actor, permission, evaluation.unit_path)) throw new ForbiddenError();
  const framework = await getFrameworkVersion(ctx.app.db, evaluation.framework_version_id);
  return { evaluation, framework };
}

/** The evaluations the actor may read, optionally of one period or one framework family. */
export async function listEvaluations(
  ctx: SignedInContext,
  filter: { periodId?: string; family?: 'tcpl' | 'cchc' },
) {
  const rows = await findEvaluationsInScope(ctx.app.db, ctx.actor, filter);
  return rows.map(presentEvaluationListItem);
}

/** One evaluation with its verdicts, assignments, evidence and what the actor may do with it. */
export async function getEvaluation(ctx: SignedInContext, id: string) {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  // Independent reads: on the server they run side by side on the pool (one round trip of waiting).
  const [framework, verdicts, assignments, files] = await Promise.all([
    getFrameworkVersion(ctx.app.db, evaluation.framework_version_id),
    findVerdictsOfEvaluation(ctx.app.db, id),
    findAssignmentsOfEvaluation(ctx.app.db, id),
    findEvidenceOfEvaluation(ctx.app.db, id),
  ]);
  const clock = businessClock();
  const evidence = presentEvidence(ctx.actor, evaluation, files, clock);
  return presentEvaluation(ctx.actor, evaluation, framework, verdicts, assignments, evidence, clock);
}

/** Scores an input with the period's framework, refusing invalid input with the engine's precise messages. */
export function scoreOrRefuse(framework: Framework, input: unknown): EvaluationResult {
  // scoreEvaluation validates once (listing every issue) before scoring: no separate validation pass.
  try {
    return scoreEvaluation(framework, input);
  } catch (e) {
    if (!(e instanceof EvaluationInputError)) throw e;
    throw new ValidationError(
      `Dữ liệu tự đánh giá không hợp lệ: ${e.issues.map((i) => i.message).join('; ')}`,
      e.issues.map((i) => ({ field: i.field, message: i.message })),
    );
  }
}

/** Saves self-assessment data (inputs, notes, narrative); the score is recomputed here, on the server. */
export async function saveSelfAssessment(ctx: SignedInContext, id: string, body: SaveSelfAssessmentInput) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.edit');
  const lock = selfAssessmentLock(evaluation, businessClock());
  if (lock) throw new ConflictError(lock, { reason: 'locked' });
  const { input, leftOut } = readableInput(
    framework,
    body.input ?? evaluation.self_input,
    body.invalidValues,
  );
  const result = scoreOrRefuse(framework, input);
  const previousOverrides = evaluation.input_overrides as Record<string, InputOverride>;
  const { overrides, problems } = resolveOverrides({
    framework,
    computed: evaluation.computed_inputs as Record<string, ComputedInput>,
    previousOverrides,
    previousValues: valuesOf(evaluation.self_input),
    values: valuesOf(input),
    reasons: body.overrides,
    actor: ctx.actor,
    now: new Date(),
  });
  if (problems.length) throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  const notes = body.notes ? { ...evaluation.notes, ...body.notes } : evaluation.notes;
  const narrative = body.narrative
    ? { ...evaluation.narrative, ...stripUndefined(body.narrative) }
    : evaluation.narrative;
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateEvaluationVersioned(trx, id, body.expectedVersion, {
      self_input: JSON.stringify(input),
      self_result: JSON.stringify(result),
      notes: JSON.stringify(notes),
      narrative: JSON.stringify(narrative),
      input_overrides: JSON.stringify(overrides),
    });
    const overridesChanged = diffRecords(reasonsOf(previousOverrides), reasonsOf(overrides));
    await writeAudit(trx, {
      action: 'evaluation.self-assessment-saved',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        ...diffRecords(flatten(evaluation.self_input), flatten(input)),
        ...(body.narrative ? { narrative: Object.keys(stripUndefined(body.narrative)) } : {}),
        ...(body.notes ? { notes: Object.keys(body.notes) } : {}),
        ...(Object.keys(overridesChanged).length ? { overrides: overridesChanged } : {}),
        total: { from: (evaluation.self_result as EvaluationResult | null)?.total ?? null, to: result.total },
      },
    });
  });
  return { ...(await getEvaluation(ctx, id)), inputIssues: presentInputIssues(framework, leftOut) };
}

/** The raw values of an evaluation input (`self_input.values`). */
export function valuesOf(input: Record<string, unknown>): Record<string, unknown> {
  return (input.values as Record<string, unknown> | undefined) ?? {};
}

/** Input id → override reason, for the audit diff. */
function reasonsOf(overrides: Record<string, InputOverride>): Record<string, string> {
  return Object.fromEntries(Object.entries(overrides).map(([id, o]) => [id, o.reason]));
}

/**
 * With "report", the values the engine cannot read are taken out of the input (and returned) so the rest
 * is saved; any other problem (unknown code, malformed section, fact) still refuses the save.
 */
function readableInput(
  framework: Framework,
  input: Record<string, unknown>,
  mode: SaveSelfAssessmentInput['invalidValues'],
): { input: Record<string, unknown>; leftOut: InputIssue[] } {
  if (mode !== 'report') return { input, leftOut: [] };
  const leftOut = validateEvaluationInput(framework, input).filter((i) => i.inputId);
  if (!leftOut.length) return { input, leftOut };
  const values = { ...(input.values as Record<string, unknown>) };
  for (const issue of leftOut) delete values[issue.inputId!];
  return { input: { ...input, values }, leftOut };
}

/** Assigns an indicator to a named officer of the commune (TT 09/2021 Điều 6.4). */
export async function assignIndicator(ctx: SignedInContext, id: string, nodeCode: string, userId: string) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.submit');
  if (!findNode(framework, nodeCode)) {
    throw new ValidationError(`Không có chỉ tiêu ${nodeCode} trong bộ tiêu chí.`, [
      { field: 'nodeCode', message: 'Mã chỉ tiêu không tồn tại' },
    ]);
  }
  if (!(await isOfficerOfUnit(ctx.app.db, userId, evaluation.unit_id))) {
    throw new ValidationError('Người được giao phải là công chức của đơn vị.', [
      { field: 'userId', message: 'Không phải công chức của đơn vị' },
    ]);
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    await insertAssignment(trx, {
      evaluation_id: id,
      node_code: nodeCode,
      user_id: userId,
      unit_id: evaluation.unit_id,
    });
    await writeAudit(trx, {
      action: 'evaluation.indicator-assigned',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { nodeCode, userId },
    });
  });
  return getEvaluation(ctx, id);
}

/** Runs a state transition guarded by the state machine and the version check, with its audit row. */
export async function transition(
  ctx: SignedInContext,
  evaluation: EvaluationRow,
  framework: Framework,
  action: EvaluationAction,
  expectedVersion: number,
  changes: Parameters<typeof updateEvaluationVersioned>[3] = {},
  extra: (trx: Trx) => Promise<void> = async () => {},
  outcome?: 'achieved' | 'not_achieved',
): Promise<EvaluationState> {
  const to = nextState(evaluation.state, action, framework.workflow, outcome);
  if (!to) throw new ConflictError(refusal(evaluation.state, action), { reason: 'invalid_transition' });
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateEvaluationVersioned(trx, evaluation.id, expectedVersion, { ...changes, state: to });
    await extra(trx);
    await writeAudit(trx, {
      action: `evaluation.${pastTense(action)}`,
      objectType: 'evaluation',
      objectId: evaluation.id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { state: { from: evaluation.state, to } },
    });
  });
  return to;
}

/** The chairman registers the commune for a period that has a registration step (audited). */
export async function registerForPeriod(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation } = await loadForAction(ctx, id, 'assessments.submit');
  const refused = registrationRefusal(evaluation, businessClock().today);
  if (refused) throw new ConflictError(refused, { reason: 'registration' });
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateEvaluationVersioned(trx, id, expectedVersion, {
      registered_at: new Date(),
      registered_by: ctx.actor.userId,
    });
    await writeAudit(trx, {
      action: 'evaluation.registered',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { registration_due: evaluation.registration_due },
    });
  });
  return getEvaluation(ctx, id);
}

/** The chairman closes the self-assessment: complete data required; an immutable snapshot is kept. */
export async function submitSelfAssessment(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.submit');
  const lock = selfAssessmentLock(evaluation, businessClock());
  if (lock && evaluation.state === 'draft') throw new ConflictError(lock, { reason: 'locked' });
  const result = scoreOrRefuse(framework, evaluation.self_input);
  const missing = completenessProblems(framework, evaluation, result);
  if (missing.length) {
    throw new ValidationError(
      `Hồ sơ chưa đầy đủ, còn thiếu: ${missing.join('; ')}.`,
      missing.map((m) => ({ field: 'completeness', message: m })),
    );
  }
  const snapshot = {
    input: evaluation.self_input,
    result,
    narrative: evaluation.narrative,
    notes: evaluation.notes,
    at: new Date().toISOString(),
  };
  await transition(ctx, evaluation, framework, 'submit', expectedVersion, {
    self_result: JSON.stringify(result),
    submitted_snapshot: JSON.stringify(snapshot),
    submitted_at: new Date(),
    submitted_by: ctx.actor.userId,
    ...(hasStep(framework.workflow, 'posting') ? {} : { appraisal_round: 1 }),
  });
  return getEvaluation(ctx, id);
}

/** Publishes the submitted self-assessment on the public page for the legal posting period. */
export async function postPublicly(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.submit');
  const from = businessClock().today;
  await transition(ctx, evaluation, framework, 'post', expectedVersion, {
    posted_from: from,
    posted_until: addDays(from, evaluation.posting_days - 1),
  });
  return getEvaluation(ctx, id);
}

/** Sends the dossier for appraisal once the posting period is over. */
export async function sendForAppraisal(ctx: SignedInContext, id: string, expectedVersion: number) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.submit');
  const notOver = postingNotOverRefusal(evaluation, businessClock().today);
  if (notOver) throw new ConflictError(notOver, { reason: 'posting_not_over' });
  await transition(ctx, evaluation, framework, 'send', expectedVersion, { appraisal_round: 1 });
  return getEvaluation(ctx, id);
}

/** The organising unit reopens a commune's self-assessment after its deadline, until a date (audited). */
export async function reopenSelfAssessment(
  ctx: SignedInContext,
  id: string,
  body: { expectedVersion: number; until: string; reason: string },
) {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  const periodUnit = await findUnitById(ctx.app.db, evaluation.period_unit_id);
  if (!periodUnit) throw new NotFoundError('Không tìm thấy đơn vị tổ chức kỳ đánh giá.');
  if (!can(ctx.actor, 'periods.manage', periodUnit.path)) throw new ForbiddenError();
  if (evaluation.state !== 'draft') throw new ConflictError('Chỉ mở lại được hồ sơ đang tự đánh giá.');
  if (body.until < businessClock().today)
    throw new ValidationError('Ngày mở lại đến phải từ hôm nay trở đi.', [
      { field: 'until', message: 'Ngày đã qua' },
    ]);
  const until = new Date(`${body.until}T23:59:59+07:00`);
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateEvaluationVersioned(trx, id, body.expectedVersion, { reopened_until: until });
    await writeAudit(trx, {
      action: 'evaluation.reopened',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        reopened_until: { from: evaluation.reopened_until?.toISOString() ?? null, to: until.toISOString() },
        reason: body.reason,
      },
    });
  });
  ctx.app.log.info({ evaluation: id, until: formatDateTime(until) }, 'self-assessment reopened');
  return getEvaluation(ctx, id);
}

/**
 * The province reopens a closed dossier (submitted … appraised, never decided) for correction with a reason
 * (ADR 0019): it goes back to self-assessment until `until`, so the commune corrects it and a newer framework
 * version can re-score it. What the closed steps produced is set aside in the same transaction and kept in the
 * audit row: the submitted snapshot, the posting dates, the appraised result and the appraisal verdicts (the
 * next appraisal starts again from its first round). Citizens' comments and council opinions stay.
 */
export async function reopenForCorrection(
  ctx: SignedInContext,
  id: string,
  body: { expectedVersion: number; until: string; reason: string },
) {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  if (!can(ctx.actor, 'appraisals.edit', evaluation.unit_path)) throw new ForbiddenError();
  const framework = await getFrameworkVersion(ctx.app.db, evaluation.framework_version_id);
  const to = nextState(evaluation.state, 'reopen-correction', framework.workflow);
  if (!to)
    throw new ConflictError(refusal(evaluation.state, 'reopen-correction'), { reason: 'invalid_transition' });
  if (body.until < businessClock().today)
    throw new ValidationError('Ngày mở lại đến phải từ hôm nay trở đi.', [
      { field: 'until', message: 'Ngày đã qua' },
    ]);
  const until = new Date(`${body.until}T23:59:59+07:00`);
  const reason = body.reason.trim();
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateEvaluationVersioned(trx, id, body.expectedVersion, {
      state: to,
      reopened_until: until,
      correction_reason: reason,
      correction_from_state: evaluation.state,
      correction_at: new Date(),
      correction_by: ctx.actor.userId,
      submitted_snapshot: null,
      submitted_at: null,
      submitted_by: null,
      posted_from: null,
      posted_until: null,
      appraisal_round: 0,
      appraised_result: null,
      appraised_at: null,
    });
    const verdicts = await deleteVerdictsOfEvaluation(trx, id);
    await writeAudit(trx, {
      action: 'evaluation.reopened-for-correction',
      objectType: 'evaluation',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        state: { from: evaluation.state, to },
        reason,
        reopened_until: until.toISOString(),
        setAside: {
          submittedAt: evaluation.submitted_at?.toISOString() ?? null,
          submittedTotal:
            (evaluation.submitted_snapshot as { result?: EvaluationResult } | null)?.result?.total ?? null,
          posted: evaluation.posted_from
            ? { from: evaluation.posted_from, until: evaluation.posted_until }
            : null,
          appraisalRound: evaluation.appraisal_round,
          appraisedTotal: (evaluation.appraised_result as EvaluationResult | null)?.total ?? null,
          verdicts,
        },
      },
    });
  });
  ctx.app.log.info(
    { evaluation: id, from: STATE_LABELS[evaluation.state], until: formatDateTime(until) },
    'evaluation reopened for correction',
  );
  return getEvaluation(ctx, id);
}

/** What is still missing before submission: inputs without values, and required narrative sections. */
export function completenessProblems(
  framework: Framework,
  evaluation: Pick<EvaluationRow, 'narrative'>,
  result: EvaluationResult,
): string[] {
  const problems: string[] = [];
  if (result.missingInputs.length)
    problems.push(
      `${result.missingInputs.length} số liệu chưa nhập (${result.missingInputs
        .slice(0, 5)
        .map((id) => describeInput(framework, id))
        .join('; ')}${result.missingInputs.length > 5 ? '; …' : ''})`,
    );
  if (framework.family === 'tcpl') {
    for (const [key, label] of [
      ['advantages', 'Thuận lợi'],
      ['difficulties', 'Tồn tại, hạn chế'],
      ['goals', 'Mục tiêu'],
    ] as const) {
      if (!evaluation.narrative[key]?.trim()) problems.push(`phần "${label}" của báo cáo`);
    }
  }
  return problems;
}

export function findNode(framework: Framework, code: string) {
  const stack = [...framework.nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.code === code) return node;
    stack.push(...(node.children ?? []));
  }
  return undefined;
}

function pastTense(action: EvaluationAction): string {
  return {
    submit: 'submitted',
    post: 'posted',
    send: 'sent',
    return: 'returned',
    explain: 'explained',
    appraise: 'appraised',
    decide: 'decided',
    'reopen-correction': 'reopened-for-correction',
  }[action];
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Record<string, string> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Record<
    string,
    string
  >;
}

/** Flattens nested input to dotted keys, so the audit diff names exactly which values changed. */
export function flatten(
  value: unknown,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}
