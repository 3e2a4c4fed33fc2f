/**
 * Applying a newer version of the period's framework (ADR 0015): a report first (every commune's
 * total, conditions and recognition before and after), then, on confirmation, one transaction that
 * points the period at the new version, re-scores every open self-assessment and audits each.
 * An evaluation past its self-assessment (submitted, posted, under appraisal, returned, appraised,
 * decided) is never re-scored here: it is listed, and if its result would change the confirmation is
 * refused until it is reopened — nothing locked changes silently.
 */
import { can, scopePaths } from '@shared/access/actor.ts';
import {
  isReopenableForCorrection,
  STATE_LABELS,
  type EvaluationState,
} from '@shared/evaluations/state-machine.ts';
import { diffFrameworks, listNodes, toDec } from '@shared/frameworks/index.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type {
  RescoreOutcomeDto,
  RescorePeriodInput,
  RescoreReportDto,
} from '@shared/periods/rescore.contract.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import { validateEvaluationInput } from '@shared/scoring/input.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { findFrameworkVersionInScope } from '@server/features/frameworks/frameworks.repo.ts';
import { updateEvaluationVersioned } from '@server/features/evaluations/evaluations.repo.ts';
import { canManagePeriod } from './periods.policy.ts';
import { findEvaluationsOfPeriod, findManagedPeriod, switchPeriodFramework } from './rescore.repo.ts';

function outcome(result: EvaluationResult | null): RescoreOutcomeDto | null {
  if (!result) return null;
  return {
    total: result.total,
    recognised: result.recognised,
    conditions: result.conditions.map((c) => ({ code: c.code, title: c.title, met: c.met })),
  };
}

function sameOutcome(a: RescoreOutcomeDto | null, b: RescoreOutcomeDto | null): boolean {
  if (!a || !b) return a === b;
  const total = (t: string | null) => (t === null ? null : toDec(t).toFixed());
  const key = (o: RescoreOutcomeDto) =>
    JSON.stringify([total(o.total), o.recognised, o.conditions.map((c) => [c.code, c.met])]);
  return key(a) === key(b);
}

/**
 * The stored input as the new version can read it: values of inputs it no longer has (or no longer
 * accepts), and points or passes of nodes it no longer has, are left out and named.
 */
function readableUnder(
  fw: Framework,
  raw: Record<string, unknown>,
): { input: Record<string, unknown>; dropped: string[] } {
  const inputIds = new Set<string>();
  const codes = new Set<string>();
  for (const { node } of listNodes(fw)) {
    codes.add(node.code);
    for (const def of node.inputs ?? []) inputIds.add(def.id);
  }
  const dropped: string[] = [];
  const input: Record<string, unknown> = { ...raw };
  const values = { ...((raw.values as Record<string, unknown> | undefined) ?? {}) };
  for (const id of Object.keys(values))
    if (!inputIds.has(id)) {
      delete values[id];
      dropped.push(id);
    }
  input.values = values;
  for (const section of ['points', 'passed', 'manual'] as const) {
    const entries = raw[section] as Record<string, unknown> | undefined;
    if (!entries) continue;
    const kept = { ...entries };
    for (const code of Object.keys(kept))
      if (!codes.has(code)) {
        delete kept[code];
        dropped.push(`${section}.${code}`);
      }
    input[section] = kept;
  }
  for (const issue of validateEvaluationInput(fw, input))
    if (issue.inputId && issue.inputId in values) {
      delete values[issue.inputId];
      dropped.push(issue.inputId);
    }
  return { input, dropped };
}

async function buildReport(ctx: SignedInContext, periodId: string, toId: string) {
  const db = ctx.app.db;
  const period = await findManagedPeriod(db, scopePaths(ctx.actor, 'periods.manage'), periodId);
  if (!period || !canManagePeriod(ctx.actor, period.unit_path))
    throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  const target = await findFrameworkVersionInScope(db, scopePaths(ctx.actor, 'frameworks.read'), toId);
  if (!target) throw new NotFoundError('Không tìm thấy phiên bản bộ tiêu chí.');
  const fromFw = await getFrameworkVersion(db, period.framework_version_id);
  const toFw = await getFrameworkVersion(db, target.id);
  const fromRow = (await findFrameworkVersionInScope(
    db,
    scopePaths(ctx.actor, 'frameworks.read'),
    fromFw.id,
  ))!;
  // Organiser's own units only: a province's copy serves that province.
  if (target.owner_path !== null && !period.unit_path.startsWith(target.owner_path))
    throw new NotFoundError('Không tìm thấy phiên bản bộ tiêu chí.');
  if (target.code !== fromRow.code || target.version <= fromRow.version)
    throw new ValidationError(
      `Chỉ áp dụng được một phiên bản mới hơn của chính bộ tiêu chí kỳ đang dùng (${fromRow.code}, phiên bản ${fromRow.version}).`,
      [{ field: 'frameworkVersionId', message: 'Không phải phiên bản mới hơn của bộ tiêu chí đang dùng' }],
    );
  const { id: _a, ...fromContent } = fromFw;
  const { id: _b, ...toContent } = toFw;
  const evaluations = await findEvaluationsOfPeriod(db, periodId);
  const blockers: string[] = [];
  if (period.has_decision)
    blockers.push('Kỳ đánh giá đã có quyết định công nhận: không đổi bộ tiêu chí được nữa.');
  const rows = evaluations.map((e) => {
    const locked = e.state !== 'draft';
    const before = outcome(e.self_result as EvaluationResult | null);
    let after: RescoreOutcomeDto | null = null;
    let result: EvaluationResult | null = null;
    const { input, dropped } = readableUnder(toContent, e.self_input);
    if (e.self_result) {
      try {
        result = scoreEvaluation(toContent, input);
        after = outcome(result);
      } catch (error) {
        blockers.push(`Không chấm lại được hồ sơ của ${e.unit_name}: ${(error as Error).message}`);
      }
    }
    const changed = !sameOutcome(before, after);
    if (locked && changed)
      blockers.push(
        `Hồ sơ của ${e.unit_name} (${STATE_LABELS[e.state as EvaluationState]}) đã khoá nhưng kết quả sẽ thay đổi: cần mở lại để sửa trước khi áp dụng.`,
      );
    return {
      row: {
        evaluationId: e.id,
        unitName: e.unit_name,
        state: e.state,
        stateLabel: STATE_LABELS[e.state as EvaluationState],
        locked,
        reopenable:
          locked &&
          isReopenableForCorrection(e.state as EvaluationState) &&
          can(ctx.actor, 'appraisals.edit', e.unit_path),
        before,
        after,
        changed,
        droppedInputs: dropped,
      },
      evaluation: e,
      input,
      result,
    };
  });
  const report: RescoreReportDto = {
    period: { id: period.id, name: period.name },
    from: { id: fromRow.id, code: fromRow.code, version: fromRow.version, hash: fromRow.content_hash },
    to: { id: target.id, code: target.code, version: target.version, hash: target.content_hash },
    changes: diffFrameworks(fromContent, toContent),
    rows: rows.map((r) => r.row),
    changedCount: rows.filter((r) => r.row.changed).length,
    blockers,
    applied: false,
  };
  return { report, rows, period };
}

/** What applying the version would do, commune by commune; changes nothing. */
export async function previewRescore(ctx: SignedInContext, periodId: string, frameworkVersionId: string) {
  return (await buildReport(ctx, periodId, frameworkVersionId)).report;
}

/** Applies the version (the report is recomputed inside: refused with 409 when it has blockers). */
export async function applyRescore(
  ctx: SignedInContext,
  periodId: string,
  body: RescorePeriodInput,
): Promise<RescoreReportDto> {
  const { report, rows, period } = await buildReport(ctx, periodId, body.frameworkVersionId);
  if (report.to.hash !== body.expectedHash)
    throw new ConflictError('Phiên bản bộ tiêu chí đã khác với lúc xem báo cáo. Vui lòng xem lại báo cáo.');
  if (report.blockers.length)
    throw new ConflictError(`Chưa áp dụng được: ${report.blockers.join(' ')}`, {
      reason: 'blocked',
      blockers: report.blockers,
    });
  await ctx.app.db.transaction().execute(async (trx) => {
    if (!(await switchPeriodFramework(trx, periodId, report.from.id, report.to.id)))
      throw new ConflictError('Kỳ đánh giá vừa được đổi bộ tiêu chí. Vui lòng xem lại báo cáo.');
    await writeAudit(trx, {
      action: 'period.framework-changed',
      objectType: 'evaluation_period',
      objectId: periodId,
      unitId: period.unit_id,
      diff: {
        framework: {
          from: { code: report.from.code, version: report.from.version, hash: report.from.hash },
          to: { code: report.to.code, version: report.to.version, hash: report.to.hash },
        },
        rescored: rows.filter((r) => !r.row.locked && r.result).length,
        changed: report.changedCount,
        lockedUnchanged: rows.filter((r) => r.row.locked).map((r) => r.row.unitName),
      },
      actor: ctx.actor,
      ip: ctx.ip,
    });
    for (const r of rows) {
      if (r.row.locked || !r.result) continue;
      await updateEvaluationVersioned(trx, r.evaluation.id, r.evaluation.version, {
        self_input: JSON.stringify(r.input),
        self_result: JSON.stringify(r.result),
      });
      await writeAudit(trx, {
        action: 'evaluation.rescored',
        objectType: 'evaluation',
        objectId: r.evaluation.id,
        unitId: r.evaluation.unit_id,
        diff: {
          framework: { from: report.from.version, to: report.to.version, code: report.to.code },
          total: { from: r.row.before?.total ?? null, to: r.row.after?.total ?? null },
          recognised: { from: r.row.before?.recognised ?? null, to: r.row.after?.recognised ?? null },
          changed: r.row.changed,
          droppedInputs: r.row.droppedInputs,
        },
        actor: ctx.actor,
        ip: ctx.ip,
      });
    }
  });
  return { ...report, applied: true };
}
