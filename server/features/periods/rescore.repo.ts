import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';

/** A period organised by a unit in `paths`, with its framework version and whether it has a decision. */
export async function findManagedPeriod(db: Executor, paths: string[], periodId: string) {
  return db
    .selectFrom('evaluation_periods')
    .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
    .select((eb) => [
      'evaluation_periods.id',
      'evaluation_periods.name',
      'evaluation_periods.unit_id',
      'evaluation_periods.framework_version_id',
      'units.path as unit_path',
      eb
        .exists(
          eb
            .selectFrom('recognition_decisions')
            .select('recognition_decisions.id')
            .whereRef('recognition_decisions.period_id', '=', 'evaluation_periods.id'),
        )
        .as('has_decision'),
    ])
    .where('evaluation_periods.id', '=', periodId)
    .where((eb) => pathInScope(eb, 'units.path', paths))
    .executeTakeFirst();
}

/** Every evaluation of the period with what re-scoring reads, by commune name. */
export async function findEvaluationsOfPeriod(db: Executor, periodId: string) {
  const rows = await db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select([
      'evaluations.id',
      'evaluations.unit_id',
      'evaluations.state',
      'evaluations.version',
      'evaluations.self_input',
      'evaluations.self_result',
      'units.name as unit_name',
      'units.path as unit_path',
    ])
    .where('evaluations.period_id', '=', periodId)
    .execute();
  return rows.sort((a, b) => a.unit_name.localeCompare(b.unit_name, 'vi'));
}

/** Points the period at another version if it still uses `fromVersionId`; false when it changed since. */
export async function switchPeriodFramework(
  db: Executor,
  periodId: string,
  fromVersionId: string,
  toVersionId: string,
): Promise<boolean> {
  const row = await db
    .updateTable('evaluation_periods')
    .set((eb) => ({
      framework_version_id: toVersionId,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('id', '=', periodId)
    .where('framework_version_id', '=', fromVersionId)
    .returning('id')
    .executeTakeFirst();
  return !!row;
}
