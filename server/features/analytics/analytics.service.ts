/**
 * Analytics for a Department (issue #15): the dashboard of an area for a year and a framework family,
 * the communes behind an indicator's lost points, the trend across years (2025 merger included) and
 * the XLSX export of every table. Read only. The area must be within the actor's scope for
 * `assessments.read`; everything is computed from analytics.repo.ts: per evaluation from
 * findAreaEvaluations (pure figures in shared/analytics/figures.ts), per criterion and indicator as
 * SQL aggregates (findAreaNodeFigures, findAreaCorrections, findAreaIndicatorNodes).
 *
 * The dashboard is cached per database, area, family, year and business day, under the data version
 * read from the database on every request (findAnalyticsVersion: stamps written by the triggers of
 * migration 20261204_1000 in the writers' transactions), so every app instance answers from the
 * committed data (ADR 0018).
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import { scopePaths } from '@shared/access/actor.ts';
import type {
  AnalyticsQuery,
  dashboardResponse,
  indicatorCommunesResponse,
  publicProvinceResponse,
  registerRowResponse,
  trendsResponse,
} from '@shared/analytics/analytics.contract.ts';
import {
  averageTotal,
  corrections,
  histogram,
  isHistorical,
  notRecognised,
  passRate,
  percent,
  progress,
  ranking,
  resultOf,
  uniqueEvaluations,
  weakPoints,
  type FactRow,
  type ResultSummary,
} from '@shared/analytics/figures.ts';
import type { PeriodSummary } from '@shared/evaluations/period-summary.ts';
import { compareVietnamese } from '@shared/format/vi.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { ApiTokenContext, ServiceContext, SignedInContext } from '@server/platform/context.ts';
import type { Executor } from '@server/db/executor.ts';
import { computeRatioByUnits } from '@server/features/registers/measures.service.ts';
import {
  findAnalyticsVersion,
  findAreaCorrections,
  findAreaEvaluations,
  findAreaIndicatorNodes,
  findAreaNodeFigures,
  findAreaPreviousRanks,
  findAreaUnit,
  findAreaYears,
  findCurrentCommunes,
  findPeriodNodeFigures,
  findPeriodResults,
  findDecisionsOfPeriods,
  findProvinceByCode,
  findUnitsByPath,
  type AreaEvaluationRow,
  type NodeFigureRow,
  type ResultRow,
} from './analytics.repo.ts';

type Level = 'nation' | 'province' | 'district' | 'commune';
export type Area = { id: string; name: string; path: string; level: Level };

/**
 * Who reads: a signed-in user (scope: their grants with `assessments.read`) or a province's portal with
 * a read-only analytics token (scope: the token's unit; docs/api-analytics.md).
 */
export type ReaderContext = SignedInContext | ApiTokenContext;

async function readerScope(ctx: ReaderContext): Promise<string[]> {
  if (ctx.actor) return scopePaths(ctx.actor, 'assessments.read');
  if (ctx.apiToken.register !== 'analytics') return [];
  const unit = await findAreaUnit(ctx.app.db, ctx.apiToken.unitId);
  return unit ? [unit.path] : [];
}

/** The area asked for (or the reader's widest unit), refused as not found outside the reader's scope. */
export async function resolveArea(ctx: ReaderContext, unitId?: string): Promise<Area> {
  const paths = await readerScope(ctx);
  let unit;
  if (unitId) {
    unit = await findAreaUnit(ctx.app.db, unitId);
    if (!unit || !paths.some((p) => unit!.path.startsWith(p))) unit = undefined;
  } else {
    const own = await findUnitsByPath(ctx.app.db, paths);
    unit = own.sort((a, b) => a.path.length - b.path.length)[0];
  }
  if (!unit) throw new NotFoundError('Không tìm thấy đơn vị trong phạm vi được xem.');
  return { id: unit.id, name: unit.name, path: unit.path, level: unit.level as Level };
}

function toSummary(r: ResultRow | null): ResultSummary | null {
  if (!r) return null;
  return {
    total: r.total,
    max: r.max,
    recognised: r.recognised,
    recognitionExplanation: r.explanation ?? '',
    failed: r.failed,
    historical: r.historical,
  };
}

function toFact(r: AreaEvaluationRow): FactRow {
  return {
    evaluationId: r.evaluation_id,
    periodId: r.period_id,
    year: Number(r.year),
    state: r.state,
    evaluated: { id: r.unit_id, name: r.unit_name },
    current: { id: r.current_id, name: r.current_name, path: r.current_path },
    former: r.former,
    // Only the result that counts is read (resultOf, and the appraised one for recognition and rank).
    self: r.counted === 'self' ? toSummary(r.result) : null,
    appraised: r.counted === 'appraised' ? toSummary(r.result) : null,
    deadlines: {
      self_assessment_due: r.self_assessment_due,
      submission_due: r.submission_due,
      appraisal_due: r.appraisal_due,
      decision_due: r.decision_due,
    },
  };
}

/** A commune is ranked among its province's communes (its rank is a fact about the province). */
function rankingArea(area: Area): { id: string; path: string } {
  if (area.level !== 'commune' && area.level !== 'district') return area;
  const ids = area.path.split('/').filter(Boolean);
  const provinceId = ids[1] ?? ids[0]!;
  return { id: provinceId, path: `/${ids.slice(0, 2).join('/')}/` };
}

const inArea = (area: Area) => (r: FactRow) => r.current.path.startsWith(area.path);

/** The year's evaluations of the ranking area and, for the rank changes, last year's best rank per unit. */
async function load(ctx: ReaderContext, area: Area, query: AnalyticsQuery, year: number) {
  const wide = rankingArea(area);
  const [rows, previous] = await Promise.all([
    findAreaEvaluations(ctx.app.db, { areaPath: wide.path, family: query.family, years: [year] }),
    findAreaPreviousRanks(ctx.app.db, { areaPath: wide.path, family: query.family, year: year - 1 }),
  ]);
  return { wide, rows: rows.map(toFact), previous };
}

/** The register figures of each commune of today in the area, for the year (one query per measure). */
async function registerFigures(ctx: ReaderContext, area: Area, year: number) {
  if (area.level === 'nation') return null;
  const range = { from: `${year}-01-01`, to: `${year}-12-31` };
  const communes = (await findCurrentCommunes(ctx.app.db, area.path)).sort((a, b) =>
    compareVietnamese(a.name, b.name),
  );
  const ids = communes.map((c) => c.id);
  const tthc = await computeRatioByUnits(ctx.app.db, ids, 'tthc.onTime', range);
  const petitions = await computeRatioByUnits(ctx.app.db, ids, 'books.petitionsLawful', range);
  const mediation = await computeRatioByUnits(ctx.app.db, ids, 'books.mediationSuccessful', range);
  return communes.map((c): z.input<typeof registerRowResponse> => ({
    unit: { id: c.id, name: c.name },
    tthcOnTime: tthc.get(c.id) ?? null,
    petitionsResolved: petitions.get(c.id) ?? null,
    mediationSuccessful: mediation.get(c.id) ?? null,
  }));
}

/** Criteria and indicators in the order of the results' tree. */
function inTreeOrder<T extends { ord: number; code: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => a.ord - b.ord || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** The per criterion / indicator statistics, in the order of the results' tree. */
function nodeStatsOf(rows: NodeFigureRow[]) {
  return inTreeOrder(rows).map((r) => ({
    code: r.code,
    title: r.title,
    depth: r.depth,
    max: r.max,
    communes: r.communes,
    average: r.average,
    lowest: r.lowest,
    highest: r.highest,
    spread: r.spread,
    belowMax: r.below_max,
    pointsLost: r.points_lost,
  }));
}

/**
 * The Mẫu 09 summary of evaluations (the definitions of shared/evaluations/period-summary.ts, whose
 * pure summarisePeriod a test compares with this) from the query layer's rows and node aggregates.
 */
function summaryOf(
  rows: Pick<FactRow, 'state' | 'self' | 'appraised'>[],
  nodes: NodeFigureRow[],
): PeriodSummary {
  const scored = rows.map(resultOf).filter((r) => r !== null);
  const decided = rows.filter((r) => r.state === 'decided_achieved' || r.state === 'decided_not_achieved');
  const achieved = decided.filter((r) => r.state === 'decided_achieved').length;
  return {
    communes: rows.length,
    scored: scored.length,
    recognised: scored.filter((r) => r.recognised === true).length,
    decidedAchieved: achieved,
    decidedTotal: decided.length,
    percentAchieved: percent(achieved, decided.length),
    rows: inTreeOrder(nodes).map((r) => ({
      code: r.code,
      title: r.title,
      depth: r.depth,
      max: r.max,
      communes: r.communes,
      atMax: r.at_max,
      passed: r.passed,
      average: r.summary_average,
    })),
  };
}

/** Every evaluation of a period with its results as the figures read them. */
async function periodRows(db: Executor, periodId: string) {
  return (await findPeriodResults(db, periodId)).map((r) => ({
    unit: { name: r.unit_name, kind: r.unit_kind },
    state: r.state,
    self: toSummary(r.self_result),
    appraised: toSummary(r.appraised_result),
  }));
}

/**
 * The area summary of one period (GET /api/periods/:id/summary) from the same query layer as the
 * dashboard: every evaluation of the period, the appraised result where there is one, else the
 * submitted self-assessment.
 */
export async function summariseStoredPeriod(db: Executor, periodId: string): Promise<PeriodSummary> {
  return summaryOf(await periodRows(db, periodId), await findPeriodNodeFigures(db, periodId));
}

/** Mẫu 09's figures: the area summary and the distribution of totals (the dashboard's histogram). */
export async function storedPeriodReport(db: Executor, periodId: string) {
  const rows = await periodRows(db, periodId);
  return {
    summary: summaryOf(rows, await findPeriodNodeFigures(db, periodId)),
    distribution: histogram(rows),
  };
}

/**
 * Mẫu 10's list of units: every evaluation of the period with the total that counts (appraised,
 * else submitted) and whether it was decided achieved, as the dashboard's ranking and pass rate.
 */
export async function storedPeriodUnits(db: Executor, periodId: string) {
  return (await periodRows(db, periodId)).map((r) => ({
    unit: r.unit,
    total: resultOf(r)?.total ?? null,
    decided: r.state === 'decided_achieved' || r.state === 'decided_not_achieved',
    achieved: r.state === 'decided_achieved',
  }));
}

type DashboardResponse = z.input<typeof dashboardResponse>;
const CACHE_SIZE = 200;
let dashboards = new WeakMap<object, Map<string, { version: string; value: DashboardResponse }>>();

/** Empties the dashboard cache of this process (the bench's cold calls). */
export function forgetDashboards() {
  dashboards = new WeakMap();
}

/** The dashboard of an area for a year (default: the latest with evaluations) and a family. */
export async function getDashboard(ctx: ReaderContext, query: AnalyticsQuery): Promise<DashboardResponse> {
  const area = await resolveArea(ctx, query.unitId);
  const today = businessClock().today;
  const key = `${area.id}|${query.family}|${query.year ?? 'latest'}|${today}`;
  const version = await findAnalyticsVersion(ctx.app.db, query.family);
  let cache = dashboards.get(ctx.app.db);
  if (!cache) dashboards.set(ctx.app.db, (cache = new Map()));
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.value;
  }
  const value = await computeDashboard(ctx, area, query, today);
  cache.delete(key);
  cache.set(key, { version, value });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return value;
}

async function computeDashboard(
  ctx: ReaderContext,
  area: Area,
  query: AnalyticsQuery,
  today: string,
): Promise<DashboardResponse> {
  // The queries are independent once the year is known: on the server they run side by side.
  const yearsQuery = findAreaYears(ctx.app.db, area.path, query.family);
  const year = query.year ?? (await yearsQuery)[0] ?? null;
  const nodeFilter = { areaPath: area.path, family: query.family, year: year ?? 0 };
  const [years, { wide, rows: current, previous }, nodes, correctionRows, registers] = await Promise.all([
    yearsQuery,
    year === null
      ? { wide: area, rows: [], previous: new Map<string, number>() }
      : load(ctx, area, query, year),
    year === null ? [] : findAreaNodeFigures(ctx.app.db, nodeFilter),
    year === null ? [] : findAreaCorrections(ctx.app.db, nodeFilter),
    year === null ? null : registerFigures(ctx, area, year),
  ]);
  const mine = uniqueEvaluations(current.filter(inArea(area)));
  const stats = nodeStatsOf(nodes);
  const ranked = ranking(uniqueEvaluations(current), previous);
  const shown = new Set(mine.map((r) => r.evaluationId));
  const wideUnit = wide.id === area.id ? area : await findAreaUnit(ctx.app.db, wide.id);
  return {
    scope: { id: area.id, name: area.name, level: area.level },
    year,
    family: query.family,
    years,
    passRate: passRate(mine),
    notRecognised: notRecognised(mine).sort((a, b) => compareVietnamese(a.unit.name, b.unit.name)),
    histogram: histogram(mine),
    summary: summaryOf(mine, nodes),
    nodes: stats,
    weakPoints: weakPoints(stats),
    corrections: corrections(correctionRows),
    progress: progress(mine, today),
    ranking: {
      area: { id: wide.id, name: wideUnit?.name ?? area.name },
      rows: ranked.rows.filter((r) => shown.has(r.evaluationId)),
      quartiles: ranked.quartiles,
    },
    registers,
    historical: mine.filter((r) => isHistorical(resultOf(r))).length,
  };
}

/** The communes of the area below the maximum on one indicator, most points lost first. */
export async function getIndicatorCommunes(
  ctx: ReaderContext,
  code: string,
  query: AnalyticsQuery,
): Promise<z.input<typeof indicatorCommunesResponse>> {
  const area = await resolveArea(ctx, query.unitId);
  const year = query.year ?? (await findAreaYears(ctx.app.db, area.path, query.family))[0];
  const nodes =
    year === undefined
      ? []
      : await findAreaIndicatorNodes(ctx.app.db, { areaPath: area.path, family: query.family, year, code });
  if (!nodes.length) throw new NotFoundError(`Không có chỉ tiêu ${code} trong kết quả của năm đã chọn.`);
  const title = nodes[0]!.title;
  const out: z.input<typeof indicatorCommunesResponse>['rows'] = nodes
    .filter((n) => n.below)
    .map((n) => ({
      evaluationId: n.evaluation_id,
      unit: { id: n.unit_id, name: n.unit_name },
      points: n.points,
      max: n.max,
      lost: n.lost,
    }));
  out.sort((a, b) => new Decimal(b.lost).cmp(a.lost) || compareVietnamese(a.unit.name, b.unit.name));
  return { code, title, rows: out };
}

/** The figures of every year from 2022, former communes counted under the commune they became. */
export async function getTrends(
  ctx: ReaderContext,
  query: AnalyticsQuery,
): Promise<z.input<typeof trendsResponse>> {
  const area = await resolveArea(ctx, query.unitId);
  const rows = (
    await findAreaEvaluations(ctx.app.db, { areaPath: area.path, family: query.family, years: [] })
  )
    .map(toFact)
    .filter((r) => r.year >= 2022);
  const years = [...new Set(rows.map((r) => r.year))].sort((a, b) => a - b);
  return {
    scope: { id: area.id, name: area.name, level: area.level },
    family: query.family,
    years: years.map((year) => {
      const ofYear = uniqueEvaluations(rows.filter((r) => r.year === year));
      return {
        year,
        communes: ofYear.length,
        passRate: passRate(ofYear),
        average: averageTotal(ofYear),
        historical: ofYear.filter((r) => isHistorical(resultOf(r))).length,
      };
    }),
    units:
      area.level === 'nation'
        ? []
        : rows
            .map((r) => {
              const result = resultOf(r);
              return {
                year: r.year,
                evaluationId: r.evaluationId,
                evaluated: r.evaluated,
                current: { id: r.current.id, name: r.current.name },
                former: r.former,
                total: result?.total ?? null,
                recognised:
                  r.state === 'decided_achieved'
                    ? true
                    : r.state === 'decided_not_achieved'
                      ? false
                      : (r.appraised?.recognised ?? null),
                historical: isHistorical(result),
              };
            })
            .sort(
              (a, b) =>
                compareVietnamese(a.current.name, b.current.name) ||
                a.year - b.year ||
                compareVietnamese(a.evaluated.name, b.evaluated.name),
            ),
  };
}

/**
 * A province's public figures: the units recognised in the latest year with a published recognition
 * decision, and the rate (decided units only; former communes under their province of today).
 */
export async function getPublicProvince(
  ctx: ServiceContext,
  code: string,
): Promise<z.input<typeof publicProvinceResponse>> {
  const province = await findProvinceByCode(ctx.app.db, code);
  if (!province) throw new NotFoundError('Không tìm thấy tỉnh, thành phố.');
  const rows = uniqueEvaluations(
    (await findAreaEvaluations(ctx.app.db, { areaPath: province.path, family: 'tcpl', years: [] })).map(
      toFact,
    ),
  );
  const decisions = await findDecisionsOfPeriods(ctx.app.db, [...new Set(rows.map((r) => r.periodId))]);
  const year = decisions.length ? Math.max(...decisions.map((d) => Number(d.year))) : null;
  const ofYear = decisions.filter((d) => Number(d.year) === year);
  const decidedPeriods = new Set(ofYear.map((d) => d.period_id));
  const decided = rows.filter(
    (r) =>
      decidedPeriods.has(r.periodId) &&
      (r.state === 'decided_achieved' || r.state === 'decided_not_achieved'),
  );
  const rate = passRate(decided);
  return {
    province: province.name,
    year,
    decisions: ofYear
      .map((d) => ({ periodId: d.period_id, number: d.number, signedOn: d.signed_on, issuer: d.issuer }))
      .sort((a, b) => a.signedOn.localeCompare(b.signedOn)),
    achieved: rate.achieved,
    total: rate.total,
    percent: rate.percent,
    recognised: decided
      .filter((r) => r.state === 'decided_achieved')
      .map((r) => r.evaluated.name)
      .sort(compareVietnamese),
  };
}
