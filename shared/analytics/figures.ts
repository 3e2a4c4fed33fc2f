/**
 * The figures of the analytics dashboard that are per evaluation (pass rate, units not recognised,
 * histogram, progress, ranking, averages), from the rows of analytics.repo.ts (one row per evaluation
 * of the area with its results' totals). Pure, exact decimals (decimal.js), no I/O: the service loads,
 * this counts. The per criterion / indicator figures are SQL aggregates in analytics.repo.ts
 * (findAreaNodeFigures, findAreaCorrections) with the definitions written there and in ADR 0018.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import { rankPeriod } from '../evaluations/ranking.ts';
import { STATE_LABELS, EVALUATION_STATES, type EvaluationState } from '../evaluations/state-machine.ts';
import {
  DEADLINES,
  DEADLINE_LABELS,
  type correctionResponse,
  type histogramBinResponse,
  type nodeStatResponse,
  type notRecognisedResponse,
  type passRateResponse,
  type progressResponse,
  type rankingRowResponse,
} from './analytics.contract.ts';

export type UnitRef = { id: string; name: string };

/** A stored result as the per-evaluation figures read it (its tree is aggregated in SQL). */
export type ResultSummary = {
  /** Exact total (points model), e.g. "84.66"; null for the pass model. */
  total: string | null;
  max: string | null;
  recognised: boolean | null;
  recognitionExplanation: string;
  /** Explanations of the conditions not met, in the result's order. */
  failed: string[];
  /** Any criterion or indicator entered from a past paper report. */
  historical: boolean;
};

/** One evaluation of the area, as the query layer returns it. */
export type FactRow = {
  evaluationId: string;
  periodId: string;
  year: number;
  state: EvaluationState;
  /** The unit evaluated that year (a former commune before 2025). */
  evaluated: UnitRef;
  /** The unit of today it is counted under (itself, or the new commune it became). */
  current: UnitRef & { path: string };
  former: boolean;
  /** The submitted self-assessment's result (null before submission). */
  self: ResultSummary | null;
  appraised: ResultSummary | null;
  deadlines: Record<(typeof DEADLINES)[number], string>;
};

/** The result that counts: appraised when it exists, else the submitted self-assessment (as Mẫu 09). */
export function resultOf(row: Pick<FactRow, 'self' | 'appraised'>): ResultSummary | null {
  return row.appraised ?? row.self;
}

export function trim(value: Decimal): string {
  return value
    .toFixed()
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/** part / whole as a percentage with at most 2 decimals ("66.67"); null when whole is 0. */
export function percent(part: number, whole: number): string | null {
  return whole ? trim(new Decimal(part).times(100).div(whole).toDecimalPlaces(2)) : null;
}

const decided = (s: EvaluationState) => s === 'decided_achieved' || s === 'decided_not_achieved';

/** Rows counted once per evaluation (a former commune split into several new ones appears once per new commune). */
export function uniqueEvaluations(rows: FactRow[]): FactRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.evaluationId) && seen.add(r.evaluationId));
}

/** Decided units when any decision exists in the area, else appraised results that decide recognition. */
export function passRate(rows: FactRow[]): z.input<typeof passRateResponse> {
  const d = rows.filter((r) => decided(r.state));
  if (d.length) {
    const achieved = d.filter((r) => r.state === 'decided_achieved').length;
    return { achieved, total: d.length, percent: percent(achieved, d.length), basis: 'decided' };
  }
  const a = rows.filter((r) => r.appraised && r.appraised.recognised !== null);
  if (a.length) {
    const achieved = a.filter((r) => r.appraised!.recognised === true).length;
    return { achieved, total: a.length, percent: percent(achieved, a.length), basis: 'appraised' };
  }
  return { achieved: 0, total: 0, percent: null, basis: 'none' };
}

/** Units not recognised (decided so, or appraised as failing when undecided) and what they failed. */
export function notRecognised(rows: FactRow[]): z.input<typeof notRecognisedResponse>[] {
  return rows
    .filter((r) =>
      decided(r.state) ? r.state === 'decided_not_achieved' : r.appraised?.recognised === false,
    )
    .map((r) => {
      const result = resultOf(r);
      const failed = result?.failed ?? [];
      return {
        evaluationId: r.evaluationId,
        unit: r.evaluated,
        total: result?.total ?? null,
        reasons: failed.length ? failed : [result?.recognitionExplanation ?? 'Chưa có kết quả thẩm định'],
      };
    });
}

/** Totals in ten equal bins of the maximum; the last bin includes the maximum. */
export function histogram(
  rows: Pick<FactRow, 'self' | 'appraised'>[],
): z.input<typeof histogramBinResponse>[] {
  const scored = rows.map(resultOf).filter((r): r is ResultSummary => !!r && r.total !== null);
  if (!scored.length) return [];
  const max = Decimal.max(...scored.map((r) => new Decimal(r.max ?? r.total!)));
  if (max.lte(0)) return [];
  const width = max.div(10);
  const bins = Array.from({ length: 10 }, (_, i) => ({
    from: trim(width.times(i)),
    to: trim(width.times(i + 1)),
    count: 0,
  }));
  for (const r of scored) {
    const i = Math.min(9, Math.max(0, new Decimal(r.total!).div(width).floor().toNumber()));
    bins[i]!.count++;
  }
  return bins;
}

/** The indicators that lose the most points across the area (then the most communes below max). */
export function weakPoints(stats: z.input<typeof nodeStatResponse>[], limit = 10) {
  return stats
    .filter((s) => s.depth === 2 && (new Decimal(s.pointsLost).gt(0) || s.belowMax > 0))
    .sort(
      (a, b) =>
        new Decimal(b.pointsLost).cmp(a.pointsLost) ||
        b.belowMax - a.belowMax ||
        a.code.localeCompare(b.code),
    )
    .slice(0, limit);
}

/**
 * Where reviewers corrected communes, from the per indicator counts of the query layer: the indicators
 * with any appraised value differing from the self-assessment, most often first, then most points taken.
 */
export function corrections(
  rows: z.input<typeof correctionResponse>[],
): z.input<typeof correctionResponse>[] {
  return rows
    .filter((a) => a.changed > 0)
    .sort(
      (a, b) =>
        b.changed - a.changed || new Decimal(a.difference).cmp(b.difference) || a.code.localeCompare(b.code),
    )
    .map(({ code, title, changed, compared, difference }) => ({
      code,
      title,
      changed,
      compared,
      difference,
    }));
}

/** The states an evaluation may still be in when each deadline passes without it being overdue. */
const DONE_AFTER: Record<(typeof DEADLINES)[number], EvaluationState[]> = {
  self_assessment_due: ['draft'],
  submission_due: ['draft', 'submitted', 'posted'],
  appraisal_due: ['draft', 'submitted', 'posted', 'under_appraisal', 'returned'],
  decision_due: ['draft', 'submitted', 'posted', 'under_appraisal', 'returned', 'appraised'],
};

/** How many communes are at each step; how many are late against each deadline (`today` is past it). */
export function progress(rows: FactRow[], today: string): z.input<typeof progressResponse> {
  return {
    states: EVALUATION_STATES.map((state) => ({
      state,
      label: STATE_LABELS[state],
      count: rows.filter((r) => r.state === state).length,
    })).filter((s) => s.count > 0),
    overdue: DEADLINES.map((deadline) => ({
      deadline,
      label: DEADLINE_LABELS[deadline],
      count: rows.filter((r) => r.deadlines[deadline] < today && DONE_AFTER[deadline].includes(r.state))
        .length,
    })),
  };
}

/**
 * The order of names within a rank: the same as `localeCompare(…, 'vi')`, with one collator instead of one
 * per comparison (the national ranking of 2,656 communes: 43–100 ms with localeCompare, 20–30 ms so).
 */
const byName = new Intl.Collator('vi');

/** Type-7 quantile (linear interpolation, as spreadsheets' QUARTILE.INC). */
function quantile(sorted: Decimal[], q: number): Decimal {
  const pos = new Decimal(sorted.length - 1).times(q);
  const lo = pos.floor().toNumber();
  const frac = pos.minus(lo);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a.plus(b.minus(a).times(frac));
}

/**
 * The best rank of the previous year per unit of today (a merged commune keeps the best rank of its
 * former communes), ranked among the appraised totals of `previous` (each evaluation once). The query
 * layer computes the same in SQL for an area (findAreaPreviousRanks: one row per unit, not per evaluation).
 */
export function previousRanks(previous: FactRow[]): Map<string, number> {
  const before = previous.filter((r) => r.appraised?.total != null);
  const prevRanks = rankPeriod(
    before.map((r) => ({ evaluationId: r.evaluationId, total: r.appraised!.total! })),
  );
  const prevByUnit = new Map<string, number>();
  for (const r of before) {
    const rank = prevRanks.get(r.evaluationId)!.rank;
    const known = prevByUnit.get(r.current.id);
    if (known === undefined || rank < known) prevByUnit.set(r.current.id, rank);
  }
  return prevByUnit;
}

/**
 * The ranking by appraised total among the area's communes (ties share a rank), each with its rank
 * the previous year (by the unit of today, so a merged commune keeps the best rank of its former ones:
 * the previous year's rows, or their best ranks per unit of today as previousRanks gives them) and its
 * quartile.
 */
export function ranking(current: FactRow[], previous: FactRow[] | ReadonlyMap<string, number>) {
  const now = current.filter((r) => r.appraised?.total != null);
  const ranks = rankPeriod(now.map((r) => ({ evaluationId: r.evaluationId, total: r.appraised!.total! })));
  const prevByUnit = Array.isArray(previous) ? previousRanks(previous) : previous;
  const totals = now.map((r) => new Decimal(r.appraised!.total!)).sort((a, b) => a.cmp(b));
  const quartiles = totals.length
    ? { q1: quantile(totals, 0.25), median: quantile(totals, 0.5), q3: quantile(totals, 0.75) }
    : null;
  const rows: z.input<typeof rankingRowResponse>[] = now
    .map((r) => {
      const { rank, of } = ranks.get(r.evaluationId)!;
      const total = new Decimal(r.appraised!.total!);
      const previousRank = prevByUnit.get(r.current.id) ?? null;
      const quartile = !quartiles
        ? 1
        : total.gte(quartiles.q3)
          ? 1
          : total.gte(quartiles.median)
            ? 2
            : total.gte(quartiles.q1)
              ? 3
              : 4;
      return {
        evaluationId: r.evaluationId,
        unit: { id: r.current.id, name: r.current.name },
        total: r.appraised!.total!,
        rank,
        of,
        previousRank,
        change: previousRank === null ? null : previousRank - rank,
        quartile,
      };
    })
    .sort((a, b) => a.rank - b.rank || byName.compare(a.unit.name, b.unit.name));
  return {
    rows,
    quartiles: quartiles && {
      q1: trim(quartiles.q1.toDecimalPlaces(2)),
      median: trim(quartiles.median.toDecimalPlaces(2)),
      q3: trim(quartiles.q3.toDecimalPlaces(2)),
    },
  };
}

/** Whether any criterion or indicator of the result was entered from a past paper report. */
export function isHistorical(result: ResultSummary | null): boolean {
  return !!result?.historical;
}

/** The average total of the scored results, 2 decimals. */
export function averageTotal(rows: FactRow[]): string | null {
  const totals = rows
    .map(resultOf)
    .filter((r): r is ResultSummary => !!r && r.total !== null)
    .map((r) => new Decimal(r.total!));
  if (!totals.length) return null;
  return trim(
    totals
      .reduce((s, v) => s.plus(v), new Decimal(0))
      .div(totals.length)
      .toDecimalPlaces(2),
  );
}
