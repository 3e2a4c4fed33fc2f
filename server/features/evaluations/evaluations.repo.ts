import { sql } from 'kysely';
import type { Actor } from '@shared/access/actor.ts';
import { scopePaths } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import { ConflictError, NotFoundError } from '@server/platform/http/errors.ts';
import type { EvaluationAssignmentsTable, EvaluationsTable } from './evaluations.tables.ts';
import type { Insertable, Updateable } from 'kysely';

const EVALUATION_COLUMNS = [
  'evaluations.id',
  'evaluations.period_id',
  'evaluations.unit_id',
  'evaluations.state',
  'evaluations.version',
  'evaluations.self_input',
  'evaluations.self_result',
  'evaluations.notes',
  'evaluations.narrative',
  'evaluations.submitted_snapshot',
  'evaluations.submitted_at',
  'evaluations.posted_from',
  'evaluations.posted_until',
  'evaluations.appraisal_round',
  'evaluations.appraised_result',
  'evaluations.appraised_at',
  'evaluations.reopened_until',
  'evaluations.registered_at',
  'evaluations.correction_reason',
  'evaluations.correction_from_state',
  'evaluations.correction_at',
  'evaluations.computed_inputs',
  'evaluations.input_overrides',
  'evaluations.updated_at',
  'units.name as unit_name',
  'units.code as unit_code',
  'units.path as unit_path',
  'evaluation_periods.year',
  'evaluation_periods.name as period_name',
  'evaluation_periods.framework_version_id',
  'evaluation_periods.self_assessment_due',
  'evaluation_periods.registration_due',
  'evaluation_periods.submission_due',
  'evaluation_periods.appraisal_due',
  'evaluation_periods.decision_due',
  'evaluation_periods.posting_days',
  'evaluation_periods.unit_id as period_unit_id',
] as const;

function baseQuery(db: Executor) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'evaluations.period_id')
    .select(EVALUATION_COLUMNS);
}

export type EvaluationRow = Awaited<ReturnType<typeof getEvaluationInScope>>;

/** One evaluation the actor may see with `permission`; 404 when absent or out of scope. */
export async function getEvaluationInScope(
  db: Executor,
  actor: Actor,
  id: string,
  permission: Permission = 'assessments.read',
) {
  const row = await baseQuery(db)
    .where('evaluations.id', '=', id)
    .where((eb) => pathInScope(eb, 'units.path', scopePaths(actor, permission)))
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Không tìm thấy hồ sơ đánh giá.');
  return row;
}

/**
 * Evaluations in the actor's scope, optionally of one period or one framework family (TCPL or CCHC), newest
 * year first; each with its framework's family and the number of citizens' comments still without a response.
 */
export async function findEvaluationsInScope(
  db: Executor,
  actor: Actor,
  filter: { periodId?: string; family?: 'tcpl' | 'cchc' } = {},
) {
  let query = baseQuery(db)
    .innerJoin('framework_versions', 'framework_versions.id', 'evaluation_periods.framework_version_id')
    .select((eb) => [
      'framework_versions.family',
      eb
        .selectFrom('public_comments')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('public_comments.evaluation_id', '=', 'evaluations.id')
        .where('public_comments.response', 'is', null)
        .as('unanswered_comments'),
    ])
    .where((eb) => pathInScope(eb, 'units.path', scopePaths(actor, 'assessments.read')));
  if (filter.periodId) query = query.where('evaluations.period_id', '=', filter.periodId);
  if (filter.family) query = query.where('framework_versions.family', '=', filter.family);
  const rows = await query.orderBy('evaluation_periods.year', 'desc').execute();
  return rows;
}

export type EvaluationListRow = Awaited<ReturnType<typeof findEvaluationsInScope>>[number];

/**
 * Writes an evaluation only if nobody changed it since `expectedVersion` was read, and bumps the
 * version: two people editing at once get a conflict, never a silent overwrite.
 */
export async function updateEvaluationVersioned(
  db: Executor,
  id: string,
  expectedVersion: number,
  changes: Updateable<EvaluationsTable>,
): Promise<number> {
  const result = await db
    .updateTable('evaluations')
    .set({ ...changes, version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
  if (!result) {
    throw new ConflictError(
      'Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi mới nhất rồi nhập lại phần của bạn.',
      { reason: 'version_mismatch' },
    );
  }
  return result.version;
}

/**
 * The appraisal verdicts of an evaluation already loaded in scope, by round then indicator.
 */
export function findVerdictsOfEvaluation(db: Executor, evaluationId: string) {
  return db
    .selectFrom('appraisal_verdicts')
    .select(['round', 'node_code', 'verdict', 'points', 'passed', 'reason', 'explanation'])
    .where('evaluation_id', '=', evaluationId)
    .orderBy('round')
    .orderBy('node_code')
    .execute();
}

/**
 * Sets aside an evaluation's appraisal verdicts (reopened for correction, ADR 0019) and returns them: the
 * caller keeps them in the audit row; the next appraisal starts again from round 1.
 */
export function deleteVerdictsOfEvaluation(db: Executor, evaluationId: string) {
  return db
    .deleteFrom('appraisal_verdicts')
    .where('evaluation_id', '=', evaluationId)
    .returning(['round', 'node_code', 'verdict', 'points', 'passed', 'reason', 'explanation'])
    .execute();
}

/** Who follows which indicator, for an evaluation already loaded in scope. */
export function findAssignmentsOfEvaluation(db: Executor, evaluationId: string) {
  return db
    .selectFrom('evaluation_assignments')
    .innerJoin('users', 'users.id', 'evaluation_assignments.user_id')
    .select(['evaluation_assignments.node_code', 'users.id as user_id', 'users.full_name'])
    .where('evaluation_id', '=', evaluationId)
    .execute();
}

/** Whether the user is an officer (or the chairman) of the unit: only they can be given an indicator. */
export async function isOfficerOfUnit(db: Executor, userId: string, unitId: string): Promise<boolean> {
  const row = await db
    .selectFrom('role_assignments')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('unit_id', '=', unitId)
    .where('role', 'in', ['commune_officer', 'commune_chairman'])
    .executeTakeFirst();
  return row !== undefined;
}

/** Gives an indicator to an officer; giving the same indicator to the same officer again changes nothing. */
export async function insertAssignment(db: Executor, values: Insertable<EvaluationAssignmentsTable>) {
  await db
    .insertInto('evaluation_assignments')
    .values(values)
    .onConflict((oc) => oc.doNothing())
    .execute();
}
