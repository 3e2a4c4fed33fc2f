import { sql } from 'kysely';
import type { Actor } from '@shared/access/actor.ts';
import { scopePaths } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import { ConflictError, NotFoundError } from '@server/platform/http/errors.ts';
import type { EvaluationsTable } from './evaluations.tables.ts';
import type { Updateable } from 'kysely';

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

/** Evaluations in the actor's scope, optionally of one period, ordered by commune name. */
export async function findEvaluationsInScope(db: Executor, actor: Actor, filter: { periodId?: string } = {}) {
  let query = baseQuery(db).where((eb) =>
    pathInScope(eb, 'units.path', scopePaths(actor, 'assessments.read')),
  );
  if (filter.periodId) query = query.where('evaluations.period_id', '=', filter.periodId);
  const rows = await query.orderBy('evaluation_periods.year', 'desc').execute();
  return rows;
}

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
