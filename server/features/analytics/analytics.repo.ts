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
import type { AnalyticsTables } from './analytics.tables.ts';

/** The whole country (a root path): every unit of the tree is in the area. */
const isRoot = (areaPath: string) => areaPath.split('/').filter(Boolean).length === 1;

/**
 * The area's units: those under the path that do not link into it, plus every former unit linked
 * (unit_links old → new) to a unit under the path, shown under that new unit. For the whole country
 * every link's new unit is in the area, so this is each unit under the path shown under the units it
 * links to, else under itself: one left join instead of an anti join and a union over every unit.
 */
function areaUnits(areaPath: string) {
  const like = `${escapeLike(areaPath)}%`;
  if (isRoot(areaPath))
    return sql`area_units as (
      select u.id, u.name, coalesce(n.id, u.id) as current_id, coalesce(n.name, u.name) as current_name,
             coalesce(n.path, u.path) as current_path, n.id is not null as former
        from units u
        left join unit_links l on l.from_unit_id = u.id
        left join units n on n.id = l.to_unit_id
       where u.path like ${like}
    )`;
  return sql`area_units as (
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
    )`;
}

/**
 * Runs an area read without parallel workers and without JIT compilation (`set local` in its own short
 * transaction; inside a caller's transaction, as it is). These reads touch at most ≈ 100,000 small rows
 * through indexes, yet their estimated cost makes the planner start parallel workers and compile the
 * aggregates (JIT), both of which cost more than the work: on the 2-core bench machine under load the
 * province's reads took 150–550 ms each with workers and 6–50 ms without; the nation's node aggregates
 * spent ≈ 625 ms of ≈ 1 s compiling (docs/BENCHMARKS.md, "Thống kê"). The dashboard runs its reads side
 * by side instead.
 */
async function serial<T>(db: Executor, run: (db: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) return run(db);
  return db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}

const yearsIn = (years: number[]) =>
  years.length ? sql`and a.year in (${sql.join(years.map((y) => sql.lit(y)))})` : sql``;

/**
 * A stored result as the figures read it: the counted result's summary on `analytics_evaluations`, or
 * `analytics_results` with its explanation column read under this name (the tree is in analytics_nodes).
 */
export type ResultRow = Pick<
  AnalyticsTables['analytics_evaluations'],
  'total' | 'max' | 'recognised' | 'explanation' | 'failed' | 'historical'
>;

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
  /** Which result counts: the appraised one when there is one, else the submitted self-assessment. */
  counted: 'self' | 'appraised';
  /** The counted result's summary; null when there is none (a draft never submitted). */
  result: ResultRow | null;
  self_assessment_due: string;
  submission_due: string;
  appraisal_due: string;
  decision_due: string;
};

const resultColumns = (r: RawBuilder<unknown>) => sql`case when ${r}.evaluation_id is null then null else
  jsonb_build_object('total', ${r}.total::text, 'max', ${r}.max::text, 'recognised', ${r}.recognised,
                     'explanation', ${r}.recognition_explanation, 'failed', to_jsonb(${r}.failed),
                     'historical', ${r}.historical) end`;

/**
 * Evaluations of a framework family in the area under `areaPath` for the given years (all years
 * when `years` is empty), with the result that counts. A former commune linked to several units of
 * the area appears once per unit. One narrow row per evaluation (`analytics_evaluations`, kept by the
 * trigger of migrations 20261204_1000 and 20261206_1000): no join to `evaluations` or `analytics_results`.
 */
export async function findAreaEvaluations(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; years: number[] },
): Promise<AreaEvaluationRow[]> {
  const result = await serial(db, (db) =>
    sql<AreaEvaluationRow>`
    with ${areaUnits(filter.areaPath)}
    select a.evaluation_id, a.period_id, a.year, a.state,
           au.id as unit_id, au.name as unit_name, au.current_id, au.current_name, au.current_path, au.former,
           a.counted,
           case when a.scored then json_build_object('total', a.total::text, 'max', a.max::text,
                'recognised', a.recognised, 'explanation', a.explanation, 'failed', a.failed,
                'historical', a.historical) end as result,
           p.self_assessment_due, p.submission_due, p.appraisal_due, p.decision_due
      from analytics_evaluations a
      join area_units au on au.id = a.unit_id
      join evaluation_periods p on p.id = a.period_id
     where a.family = ${filter.family} ${yearsIn(filter.years)}
  `.execute(db),
  );
  return result.rows;
}

/**
 * The previous year's ranks for the dashboard's ranking: the area's appraised totals of `year`, each
 * evaluation once, ranked highest first with ties sharing a rank (as rankPeriod), and per unit of today
 * the best rank of the evaluations counted under it (a merged commune: the best of its former ones).
 * One row per unit of today instead of one per former commune.
 */
export async function findAreaPreviousRanks(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; year: number },
): Promise<Map<string, number>> {
  // The whole country: every evaluation of the year is in the area, no unit to match before ranking.
  const inArea = isRoot(filter.areaPath)
    ? sql``
    : sql`and exists (select 1 from area_units au where au.id = a.unit_id)`;
  const result = await serial(db, (db) =>
    sql<{ current_id: string; rank: number }>`
    with ${areaUnits(filter.areaPath)},
    appraised as (
      select a.evaluation_id, a.unit_id, a.total
        from analytics_evaluations a
       where a.family = ${filter.family} and a.year = ${sql.lit(filter.year)}
         and a.counted = 'appraised' and a.total is not null ${inArea}
    ),
    ranked as (select r.unit_id, rank() over (order by r.total desc) as rank from appraised r)
    select au.current_id, min(r.rank)::int as rank
      from ranked r join area_units au on au.id = r.unit_id
     group by au.current_id
  `.execute(db),
  );
  return new Map(result.rows.map((r) => [r.current_id, r.rank]));
}

/**
 * The nodes of one result of the evaluation `c.evaluation_id`, read through the index per evaluation:
 * `offset 0` keeps the planner from turning it into a hash join over the whole table (2 M rows for the
 * national data set, ≈ 1.7 s; this way ≈ 75,000 rows are read for a year of the nation).
 */
const nodesOf = (kind: RawBuilder<unknown>) =>
  sql`select * from analytics_nodes x where x.evaluation_id = c.evaluation_id and x.kind = ${kind} offset 0`;

/** The area's evaluations of one year (each once) with the result that counts, and their unit. */
const counted = (areaPath: string, family: string, year: number) => sql`
    ${areaUnits(areaPath)},
    counted as (
      select distinct a.evaluation_id, a.counted, a.unit_id, au.name as unit_name
        from analytics_evaluations a
        join area_units au on au.id = a.unit_id
       where a.family = ${family} and a.year = ${sql.lit(year)}
    )`;

/** The same evaluations without their units' names (the whole country: no unit to match). */
const countedOnly = (areaPath: string, family: string, year: number) =>
  isRoot(areaPath)
    ? sql`counted as (
      select a.evaluation_id, a.counted from analytics_evaluations a
       where a.family = ${family} and a.year = ${sql.lit(year)})`
    : counted(areaPath, family, year);

export type NodeFigureRow = {
  code: string;
  title: string;
  depth: number;
  ord: number;
  max: string | null;
  communes: number;
  average: string | null;
  lowest: string | null;
  highest: string | null;
  spread: string | null;
  below_max: number;
  points_lost: string;
  at_max: number;
  passed: number;
  summary_average: string | null;
};

/**
 * Per criterion and indicator of the results that count in the area for the year: the dashboard's
 * statistics (average, lowest, highest, population spread, below the maximum, points lost) and the
 * Mẫu 09 summary's (at the maximum, passed, average over every commune), exact decimals as text.
 */
export async function findAreaNodeFigures(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; year: number },
): Promise<NodeFigureRow[]> {
  return nodeFigures(db, sql`with ${countedOnly(filter.areaPath, filter.family, filter.year)}`);
}

/** The same figures over every evaluation of one period (Mẫu 09, GET /api/periods/:id/summary). */
export async function findPeriodNodeFigures(db: Executor, periodId: string): Promise<NodeFigureRow[]> {
  return nodeFigures(
    db,
    sql`with counted as (
      select a.evaluation_id, a.counted from analytics_evaluations a where a.period_id = ${periodId})`,
  );
}

/** The per node aggregates over the CTE `counted` (evaluation_id, counted). */
async function nodeFigures(db: Executor, countedCte: RawBuilder<unknown>): Promise<NodeFigureRow[]> {
  const scored = sql`n.max is not null and n.points is not null`;
  const result = await serial(db, (db) =>
    sql<NodeFigureRow>`
    ${countedCte}
    select n.code, min(n.title) as title, min(n.depth)::int as depth, min(n.ord)::int as ord,
           min(n.max)::text as max, count(*)::int as communes,
           trim_scale(round(avg(n.points), 2))::text as average,
           trim_scale(min(n.points))::text as lowest, trim_scale(max(n.points))::text as highest,
           trim_scale(round(stddev_pop(n.points), 2))::text as spread,
           count(*) filter (where case when ${scored} then n.points < n.max else n.passed = false end)::int as below_max,
           trim_scale(coalesce(sum(greatest(n.max - n.points, 0)) filter (where ${scored}), 0))::text as points_lost,
           count(*) filter (where ${scored} and n.points >= n.max)::int as at_max,
           count(*) filter (where n.passed)::int as passed,
           case when min(n.max) is not null
                then trim_scale(round(coalesce(sum(n.points), 0) / count(*), 2))::text end as summary_average
      from counted c
      cross join lateral (${nodesOf(sql`c.counted`)}) n
     group by n.code
  `.execute(db),
  );
  return result.rows;
}

export type PeriodResultRow = {
  evaluation_id: string;
  state: EvaluationState;
  unit_name: string;
  unit_kind: string;
  self_result: ResultRow | null;
  appraised_result: ResultRow | null;
};

/** Every evaluation of a period with its two results' totals (Mẫu 09's counts, Mẫu 10's units). */
export async function findPeriodResults(db: Executor, periodId: string): Promise<PeriodResultRow[]> {
  const result = await sql<PeriodResultRow>`
    select e.id as evaluation_id, e.state, u.name as unit_name, u.kind as unit_kind,
           ${resultColumns(sql.raw('s'))} as self_result, ${resultColumns(sql.raw('r'))} as appraised_result
      from evaluations e
      join units u on u.id = e.unit_id
      left join analytics_results s on s.evaluation_id = e.id and s.kind = 'self'
      left join analytics_results r on r.evaluation_id = e.id and r.kind = 'appraised'
     where e.period_id = ${periodId}
  `.execute(db);
  return result.rows;
}

export type CorrectionRow = {
  code: string;
  title: string;
  compared: number;
  changed: number;
  difference: string;
};

/**
 * Per indicator, the area's evaluations with both a submitted and an appraised result: how many differ.
 * Each appraised node carries the self-assessment's value of the same code (migration 20261206_1010).
 */
export async function findAreaCorrections(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; year: number },
): Promise<CorrectionRow[]> {
  const result = await serial(db, (db) =>
    sql<CorrectionRow>`
    with ${countedOnly(filter.areaPath, filter.family, filter.year)}
    select ap.code, min(ap.title) as title, count(*)::int as compared,
           count(*) filter (where (ap.points is not null and ap.self_points is not null and ap.points <> ap.self_points)
                                  or ap.passed is distinct from ap.self_passed)::int as changed,
           trim_scale(coalesce(sum(ap.points - ap.self_points), 0))::text as difference
      from (select distinct evaluation_id from counted) c
      cross join lateral (${nodesOf(sql`'appraised'`)}) ap
     where ap.depth = 2 and ap.self_found
     group by ap.code
  `.execute(db),
  );
  return result.rows;
}

export type IndicatorNodeRow = {
  evaluation_id: string;
  unit_id: string;
  unit_name: string;
  title: string;
  points: string | null;
  max: string | null;
  lost: string;
  below: boolean;
};

/** One criterion's or indicator's value in each result that counts in the area for the year. */
export async function findAreaIndicatorNodes(
  db: Executor,
  filter: { areaPath: string; family: 'tcpl' | 'cchc'; year: number; code: string },
): Promise<IndicatorNodeRow[]> {
  const scored = sql`n.max is not null and n.points is not null`;
  const result = await serial(db, (db) =>
    sql<IndicatorNodeRow>`
    with ${counted(filter.areaPath, filter.family, filter.year)}
    select c.evaluation_id, c.unit_id, c.unit_name, n.title, n.points::text as points, n.max::text as max,
           trim_scale(case when ${scored} then greatest(n.max - n.points, 0) else 0 end)::text as lost,
           coalesce(case when ${scored} then n.points < n.max else n.passed = false end, false) as below
      from counted c
      cross join lateral (${nodesOf(sql`c.counted`)}) n
     where n.code = ${filter.code}
  `.execute(db),
  );
  return result.rows;
}

/**
 * The data version of a framework family's figures: count, sum and maximum of the evaluations'
 * stamps (a committed change always raises the sum: a new stamp exceeds the one it replaces) and the
 * counters of the unit tree and the registers. Read on every request by the dashboard cache.
 */
export async function findAnalyticsVersion(db: Executor, family: 'tcpl' | 'cchc') {
  const result = await sql<{ version: string }>`
    select concat_ws(':', count(*), sum(a.stamp), max(a.stamp),
                     (select string_agg(s.stamp::text, ':' order by s.key) from analytics_stamps s)) as version
      from analytics_evaluations a
     where a.family = ${family}
  `.execute(db);
  return result.rows[0]!.version;
}

/** The years that have evaluations of the family in the area (with former units), newest first. */
export async function findAreaYears(db: Executor, areaPath: string, family: 'tcpl' | 'cchc') {
  const result = isRoot(areaPath)
    ? await sql<{ year: number }>`
        select distinct a.year from analytics_evaluations a where a.family = ${family} order by a.year desc
      `.execute(db)
    : await serial(db, (db) =>
        sql<{ year: number }>`
    with ${areaUnits(areaPath)}
    select distinct a.year
      from analytics_evaluations a
      join area_units au on au.id = a.unit_id
     where a.family = ${family}
     order by a.year desc
  `.execute(db),
      );
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
