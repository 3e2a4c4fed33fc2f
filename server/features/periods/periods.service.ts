import { scopePaths } from '@shared/access/actor.ts';
import type { CreatePeriodInput } from '@shared/evaluations/evaluations.schemas.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { findLatestUsableFrameworkVersion } from '@server/features/frameworks/frameworks.repo.ts';
import { canManagePeriod, organiserLevel } from './periods.policy.ts';
import {
  findCommunesUnder,
  findOrganisingUnit,
  findVisiblePeriod,
  findVisiblePeriods,
  insertDraftEvaluations,
  insertPeriod,
} from './periods.repo.ts';

/**
 * Opens an evaluation period: the evaluating unit's justice office chooses the year, the framework
 * version and the deadlines, and names the communes taking part; each gets a draft evaluation.
 */
export async function createPeriod(ctx: SignedInContext, input: CreatePeriodInput) {
  const db = ctx.app.db;
  const unit = await findOrganisingUnit(db, input.unitId);
  if (!unit || !canManagePeriod(ctx.actor, unit.path))
    throw new NotFoundError('Không tìm thấy đơn vị tổ chức đánh giá.');
  if (unit.level !== organiserLevel(input.evaluatingLevel)) {
    throw new ValidationError(
      `Đơn vị tổ chức đánh giá phải là cấp ${input.evaluatingLevel === 'province' ? 'tỉnh' : 'huyện'}.`,
      [{ field: 'unitId', message: 'Cấp đơn vị không khớp cấp đánh giá' }],
    );
  }
  // Scoped: a province's own copy is not another province's to use (nor to read through a period).
  const framework = await findLatestUsableFrameworkVersion(db, input.frameworkCode, unit.path);
  if (!framework) {
    throw new ValidationError(`Không có bộ tiêu chí ${input.frameworkCode}.`, [
      { field: 'frameworkCode', message: 'Bộ tiêu chí không tồn tại' },
    ]);
  }
  const communes = await findCommunesUnder(db, input.unitIds, unit.path);
  if (communes.length !== new Set(input.unitIds).size) {
    throw new ValidationError('Có đơn vị tham gia không phải cấp xã thuộc đơn vị tổ chức đánh giá.', [
      { field: 'unitIds', message: 'Đơn vị không hợp lệ' },
    ]);
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const period = await insertPeriod(trx, {
      unit_id: unit.id,
      year: input.year,
      name: input.name,
      evaluating_level: input.evaluatingLevel,
      framework_version_id: framework.id,
      registration_due: input.registrationDue ?? null,
      self_assessment_due: input.selfAssessmentDue,
      posting_days: input.postingDays,
      submission_due: input.submissionDue,
      appraisal_due: input.appraisalDue,
      decision_due: input.decisionDue,
      created_by: ctx.actor.userId,
    });
    await insertDraftEvaluations(
      trx,
      period.id,
      communes.map((c) => c.id),
    );
    await writeAudit(trx, {
      action: 'period.created',
      objectType: 'evaluation_period',
      objectId: period.id,
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        year: input.year,
        name: input.name,
        framework: `${framework.code} v${framework.version}`,
        communes: communes.length,
        deadlines: {
          selfAssessment: input.selfAssessmentDue,
          submission: input.submissionDue,
          appraisal: input.appraisalDue,
          decision: input.decisionDue,
        },
      },
    });
    return { id: period.id, evaluations: communes.length };
  });
}

/** Periods the actor organises or takes part in (one of its units has an evaluation there), newest first. */
export async function listPeriods(ctx: SignedInContext) {
  return findVisiblePeriods(ctx.app.db, scopePaths(ctx.actor, 'periods.read'));
}

/** The organising unit's path of a period the actor organises or takes part in; undefined otherwise. */
export async function findVisiblePeriodOrganiserPath(
  ctx: SignedInContext,
  periodId: string,
): Promise<string | undefined> {
  return (await findVisiblePeriod(ctx.app.db, scopePaths(ctx.actor, 'periods.read'), periodId))?.unit_path;
}

/** Whether the actor organises or takes part in the period. */
export async function isPeriodVisible(ctx: SignedInContext, periodId: string): Promise<boolean> {
  const row = await findVisiblePeriod(ctx.app.db, scopePaths(ctx.actor, 'periods.read'), periodId);
  return row !== undefined;
}
