import { sql, type Insertable } from 'kysely';
import type { StepFlags } from '@shared/evaluations/state-machine.ts';
import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import type { EvaluationPeriodsTable } from '@server/features/evaluations/evaluations.tables.ts';

/** The unit that would organise a period (not scoped: the service checks periods.manage on its path). */
export async function findOrganisingUnit(db: Executor, unitId: string) {
  return db
    .selectFrom('units')
    .select(['id', 'path', 'name', 'level'])
    .where('id', '=', unitId)
    .executeTakeFirst();
}

/** The communes among `unitIds` that lie under the organising unit's path. */
export async function findCommunesUnder(db: Executor, unitIds: string[], organiserPath: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('id', 'in', unitIds)
    .where('level', '=', 'commune')
    .where('path', 'like', `${organiserPath}%`)
    .execute();
}

export async function insertPeriod(trx: Executor, values: Insertable<EvaluationPeriodsTable>) {
  return trx.insertInto('evaluation_periods').values(values).returning(['id']).executeTakeFirstOrThrow();
}

/** One draft evaluation per participating commune. */
export async function insertDraftEvaluations(trx: Executor, periodId: string, unitIds: string[]) {
  await trx
    .insertInto('evaluations')
    .values(unitIds.map((unitId) => ({ period_id: periodId, unit_id: unitId })))
    .execute();
}

/**
 * Periods visible from `paths`: organised by a unit in scope, or with an evaluation of a unit in scope.
 */
function visiblePeriods(db: Executor, paths: string[]) {
  return db
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
      sql<StepFlags>`framework_versions.content -> 'workflow'`.as('workflow'),
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

export type PeriodListRow = Awaited<ReturnType<typeof findVisiblePeriods>>[number];

/** Periods visible from `paths`, newest first. */
export async function findVisiblePeriods(db: Executor, paths: string[]) {
  return visiblePeriods(db, paths).orderBy('evaluation_periods.year', 'desc').execute();
}

export async function findVisiblePeriod(db: Executor, paths: string[], periodId: string) {
  return visiblePeriods(db, paths).where('evaluation_periods.id', '=', periodId).executeTakeFirst();
}
