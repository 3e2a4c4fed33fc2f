import { can, scopePaths } from '@shared/access/actor.ts';
import type { CreatePeriodInput } from '@shared/evaluations/evaluations.schemas.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import { findLatestFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { sql } from 'kysely';

/**
 * Opens an evaluation period: the evaluating unit's justice office chooses the year, the framework
 * version and the deadlines, and names the communes taking part; each gets a draft evaluation.
 */
export async function createPeriod(ctx: SignedInContext, input: CreatePeriodInput) {
  const db = ctx.app.db;
  const unit = await db
    .selectFrom('units')
    .select(['id', 'path', 'name', 'level'])
    .where('id', '=', input.unitId)
    .executeTakeFirst();
  if (!unit || !can(ctx.actor, 'periods.manage', unit.path))
    throw new NotFoundError('Không tìm thấy đơn vị tổ chức đánh giá.');
  const expectedLevel = input.evaluatingLevel === 'province' ? 'province' : 'district';
  if (unit.level !== expectedLevel) {
    throw new ValidationError(
      `Đơn vị tổ chức đánh giá phải là cấp ${input.evaluatingLevel === 'province' ? 'tỉnh' : 'huyện'}.`,
      [{ field: 'unitId', message: 'Cấp đơn vị không khớp cấp đánh giá' }],
    );
  }
  const framework = await findLatestFrameworkVersion(db, input.frameworkCode);
  if (!framework) {
    throw new ValidationError(`Không có bộ tiêu chí ${input.frameworkCode}.`, [
      { field: 'frameworkCode', message: 'Bộ tiêu chí không tồn tại' },
    ]);
  }
  const communes = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', input.unitIds)
    .where('level', '=', 'commune')
    .where('path', 'like', `${unit.path}%`)
    .execute();
  if (communes.length !== new Set(input.unitIds).size) {
    throw new ValidationError('Có đơn vị tham gia không phải cấp xã thuộc đơn vị tổ chức đánh giá.', [
      { field: 'unitIds', message: 'Đơn vị không hợp lệ' },
    ]);
  }
  return db.transaction().execute(async (trx) => {
    const period = await trx
      .insertInto('evaluation_periods')
      .values({
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
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('evaluations')
      .values(communes.map((c) => ({ period_id: period.id, unit_id: c.id })))
      .execute();
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

/** Periods the actor organises or takes part in (one of its units has an evaluation there). */
function visiblePeriods(ctx: SignedInContext) {
  const paths = scopePaths(ctx.actor, 'periods.read');
  return ctx.app.db
    .selectFrom('evaluation_periods')
    .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
    .innerJoin('framework_versions', 'framework_versions.id', 'evaluation_periods.framework_version_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.year',
      'evaluation_periods.name',
      'evaluation_periods.evaluating_level',
      'evaluation_periods.self_assessment_due',
      'evaluation_periods.submission_due',
      'evaluation_periods.appraisal_due',
      'evaluation_periods.decision_due',
      'units.name as unit_name',
      'units.path as unit_path',
      'framework_versions.code as framework_code',
      'framework_versions.name as framework_name',
    ])
    .where((eb) =>
      eb.or([
        pathInScope(eb, 'units.path', paths),
        eb.exists(
          eb
            .selectFrom('evaluations as e')
            .innerJoin('units as eu', 'eu.id', 'e.unit_id')
            .select(sql`1`.as('one'))
            .whereRef('e.period_id', '=', 'evaluation_periods.id')
            .where((inner) => pathInScope(inner, 'eu.path', paths)),
        ),
      ]),
    );
}

export async function isPeriodVisible(ctx: SignedInContext, periodId: string): Promise<boolean> {
  const row = await visiblePeriods(ctx).where('evaluation_periods.id', '=', periodId).executeTakeFirst();
  return row !== undefined;
}

/** Periods the actor organises or takes part in, newest first. */
export async function listPeriods(ctx: SignedInContext) {
  const rows = await visiblePeriods(ctx).orderBy('evaluation_periods.year', 'desc').execute();
  return rows.map(({ unit_path, ...row }) => ({
    ...row,
    abilities: { canManage: can(ctx.actor, 'periods.manage', unit_path) },
  }));
}

export function assertCanManagePeriod(ctx: SignedInContext, periodUnitPath: string) {
  if (!can(ctx.actor, 'periods.manage', periodUnitPath)) throw new ForbiddenError();
}
