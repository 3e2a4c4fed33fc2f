/**
 * The one query layer of analytics: every figure of the dashboard, the trends, the indicator
 * drill-down and the XLSX export comes from findAreaEvaluations. An area is a unit path; the
 * evaluations counted are those of units under it AND of former units (before the 2025 merger)
 * linked to a unit under it (unit_links old → new), each shown under the unit of today.
 */
import { sql, type RawBuilder } from 'kysely';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import type { Executor } from '@server/db/executor.ts';
import { escapeLike } from '@server/features/units/units.scope.ts';

/** One node of a result without its explanation, measure and provenance (the figures do not read them). */
const slimNode = (n: RawBuilder<unknown>, children: RawBuilder<unknown>) => sql`jsonb_build_object(
  'code', ${n} -> 'code', 'title', ${n} -> 'title', 'max', ${n} -> 'max', 'points', ${n} -> 'points',
  'passed', ${n} -> 'passed', 'source', ${n} -> 'source', 'children', ${children})`;

/**
 * A stored result cut down in SQL to what the figures read (total, maximum, recognition, the conditions
 * not met, criteria and indicators with their points): a tenth of the JSON to move and parse.
 */
function slim(result: RawBuilder<unknown>) {
  const r = sql`(${result})`;
  const indicators = sql`(select coalesce(jsonb_agg(${slimNode(sql`i.v`, sql`'[]'::jsonb`)} order by i.o), '[]'::jsonb)
      from jsonb_array_elements(c.v -> 'children') with ordinality i(v, o))`;
  return sql`case when ${r} is null or jsonb_typeof(${r}) <> 'object' then null else jsonb_build_object(
    'total', ${r} -> 'total', 'max', ${r} -> 'max', 'recognised', ${r} -> 'recognised',
    'recognitionExplanation', ${r} -> 'recognitionExplanation',
    'conditions', (select coalesce(jsonb_agg(jsonb_build_object('met', k.v -> 'met', 'explanation', k.v -> 'explanation')
                     order by k.o), '[]'::jsonb)
                     from jsonb_array_elements(${r} -> 'conditions') with ordinality k(v, o)
                    where k.v ->> 'met' = 'false'),
    'criteria', (select coalesce(jsonb_agg(${slimNode(sql`c.v`, indicators)} order by c.o), '[]'::jsonb)
                   from jsonb_array_elements(${r} -> 'criteria') with ordinality c(v, o))) end`;
}

export type AreaEvaluationRow = {
  evaluation_id: string;
  period_id: string;
  year: number;
  state: EvaluationState;
  unit_id: string;
  unit_name: string;
  current_id: string;
  current_name: string;
  current_path: string;
  former: boolean;
  self_result: unknown;
  appraised_result: unknown;
  self_assessment_due: string;
  submission_due: string;
  appraisal_due: string;
  decision_due: string;
};

/**
 * Evaluations of a framework family in the area under `areaPath` for the given years (all years
 * when `years` is empty). A former commune linked to several units of the area appears once per unit.
 */
export async function findAreaEvaluations(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; years: number[] },
): Promise<AreaEvaluationRow[]> {
  const like = `${escapeLike(filter.areaPath)}%`;
  const yearFilter = filter.years.length
    ? sql`and p.year in (${sql.join(filter.years.map((y) => sql.lit(y)))})`
    : sql``;
  const result = await sql<AreaEvaluationRow>`
    with area_units as (
      select u.id, u.name, u.id as current_id, u.name as current_name, u.path as current_path, false as former
        from units u
       where u.path like ${like}
         and not exists (select 1 from unit_links l join units n on n.id = l.to_unit_id
                          where l.from_unit_id = u.id and n.path like ${like})
      union all
      select o.id, o.name, n.id, n.name, n.path, true
        from unit_links l
        join units n on n.id = l.to_unit_id
        join units o on o.id = l.from_unit_id
       where n.path like ${like}
    )
    select e.id as evaluation_id, e.period_id, p.year, e.state,
           a.id as unit_id, a.name as unit_name, a.current_id, a.current_name, a.current_path, a.former,
           ${slim(sql`e.submitted_snapshot -> 'result'`)} as self_result, ${slim(sql`e.appraised_result`)} as appraised_result,
           p.self_assessment_due, p.submission_due, p.appraisal_due, p.decision_due
      from evaluations e
      join area_units a on a.id = e.unit_id
      join evaluation_periods p on p.id = e.period_id
      join framework_versions f on f.id = p.framework_version_id
     where f.family = ${filter.family} ${yearFilter}
  `.execute(db);
  return result.rows;
}

/** The years that have evaluations of the family in the area (with former units), newest first. */
export async function findAreaYears(db: Executor, areaPath: string, family: 'tcpl' | 'cchc') {
  const like = `${escapeLike(areaPath)}%`;
  const result = await sql<{ year: number }>`
    select distinct p.year
      from evaluations e
      join units u on u.id = e.unit_id
      join evaluation_periods p on p.id = e.period_id
      join framework_versions f on f.id = p.framework_version_id
     where f.family = ${family}
       and (u.path like ${like}
            or exists (select 1 from unit_links l join units n on n.id = l.to_unit_id
                        where l.from_unit_id = u.id and n.path like ${like}))
     order by p.year desc
  `.execute(db);
  return result.rows.map((r) => Number(r.year));
}

/** Communes of today under the area (the register figures are per commune). */
export async function findCurrentCommunes(db: Executor, areaPath: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('path', 'like', `${escapeLike(areaPath)}%`)
    .where('level', '=', 'commune')
    .where('valid_to', 'is', null)
    .execute();
}

/** A unit with its path and level (the area; scope is checked by the service). */
export async function findAreaUnit(db: Executor, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level', 'parent_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The actor's units by path (the widest is the default area). */
export async function findUnitsByPath(db: Executor, paths: string[]) {
  if (!paths.length) return [];
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level', 'parent_id'])
    .where('path', 'in', paths)
    .execute();
}

/** A current province by its code (the public page's address). */
export async function findProvinceByCode(db: Executor, code: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path'])
    .where('code', '=', code)
    .where('level', '=', 'province')
    .where('valid_to', 'is', null)
    .executeTakeFirst();
}

/** The recognition decisions of these periods (every recorded decision is published: /cong-bo/:periodId). */
export async function findDecisionsOfPeriods(db: Executor, periodIds: string[]) {
  if (!periodIds.length) return [];
  return db
    .selectFrom('recognition_decisions')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'recognition_decisions.period_id')
    .innerJoin('units', 'units.id', 'recognition_decisions.unit_id')
    .select([
      'recognition_decisions.period_id',
      'recognition_decisions.number',
      'recognition_decisions.signed_on',
      'evaluation_periods.year',
      'units.name as issuer',
    ])
    .where('recognition_decisions.period_id', 'in', periodIds)
    .execute();
}

/**
 * Which of these units have any row in the TTHC register and in the books: a unit with none has no
 * register figure (0/0), so its measures need not be computed (a province of 100+ communes mostly).
 */
export async function findUnitsWithRegisterRows(db: Executor, unitIds: string[]) {
  if (!unitIds.length) return { tthc: new Set<string>(), books: new Set<string>() };
  const having = async (table: 'tthc_dossiers' | 'book_records') =>
    new Set(
      (
        await db
          .selectFrom('units')
          .select('units.id')
          .where('units.id', 'in', unitIds)
          .where((eb) =>
            eb.exists(
              eb.selectFrom(table).select(sql.lit(1).as('one')).whereRef(`${table}.unit_id`, '=', 'units.id'),
            ),
          )
          .execute()
      ).map((r) => r.id),
    );
  return { tthc: await having('tthc_dossiers'), books: await having('book_records') };
}
