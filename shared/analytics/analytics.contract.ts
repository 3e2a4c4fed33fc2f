import { z } from 'zod';
import { evaluationState } from '../evaluations/evaluations.contract.ts';
import { periodSummaryResponse } from '../appraisal/appraisal.contract.ts';

/**
 * The analytics read API (server/features/analytics, docs/api-analytics.md): a Department's dashboard
 * over an area (the country, a province, a commune) for one year and one framework family, the
 * communes behind one indicator's lost points, and the trend across years with the 2025 merger.
 * Every figure is computed from the same rows (analytics.repo.ts); decimals are exact strings.
 */

export const FAMILIES = ['tcpl', 'cchc'] as const;
export const FAMILY_LABELS: Record<(typeof FAMILIES)[number], string> = {
  tcpl: 'Chuẩn tiếp cận pháp luật',
  cchc: 'Chỉ số cải cách hành chính',
};

const year = z.coerce
  .number({ error: 'Năm không hợp lệ' })
  .int('Năm không hợp lệ')
  .min(2000, 'Năm không hợp lệ')
  .max(2100, 'Năm không hợp lệ');

export const analyticsQuery = z.object({
  /** The area; absent → the actor's widest unit. */
  unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
  year: year.optional(),
  family: z.enum(FAMILIES, { error: 'Loại bộ tiêu chí không hợp lệ' }).default('tcpl'),
});
export type AnalyticsQuery = z.output<typeof analyticsQuery>;

export const indicatorParams = z.object({ code: z.string().min(1).max(40) });

const unitRef = z.object({ id: z.string(), name: z.string() });

export const scopeResponse = z.object({
  id: z.string(),
  name: z.string(),
  level: z.enum(['nation', 'province', 'district', 'commune']),
});

/** "92/92 — 100 %": decided units when a decision exists, otherwise appraised results. */
export const passRateResponse = z.object({
  achieved: z.number(),
  total: z.number(),
  /** "95.17": percentage, up to 2 decimals; null when nothing counted. */
  percent: z.string().nullable(),
  basis: z.enum(['decided', 'appraised', 'none']),
});

export const notRecognisedResponse = z.object({
  evaluationId: z.string(),
  unit: unitRef,
  total: z.string().nullable(),
  /** The conditions it failed, in the engine's words (points, a criterion under 50 %, a disqualifying fact). */
  reasons: z.array(z.string()),
});

export const histogramBinResponse = z.object({ from: z.string(), to: z.string(), count: z.number() });

/** Average and spread of one criterion (depth 1) or indicator (depth 2) over the area. */
export const nodeStatResponse = z.object({
  code: z.string(),
  title: z.string(),
  depth: z.number(),
  max: z.string().nullable(),
  communes: z.number(),
  average: z.string().nullable(),
  lowest: z.string().nullable(),
  highest: z.string().nullable(),
  /** Population standard deviation, 2 decimals. */
  spread: z.string().nullable(),
  /** Communes below the maximum (points) or not passing (pass model). */
  belowMax: z.number(),
  /** Sum of (max − points) over the communes below the maximum. */
  pointsLost: z.string(),
});

export const correctionResponse = z.object({
  code: z.string(),
  title: z.string(),
  /** Communes whose appraised value differs from their self-assessment. */
  changed: z.number(),
  compared: z.number(),
  /** Σ (appraised − self-assessed) points; negative when reviewers lowered scores. */
  difference: z.string(),
});

export const DEADLINES = ['self_assessment_due', 'submission_due', 'appraisal_due', 'decision_due'] as const;
export const DEADLINE_LABELS: Record<(typeof DEADLINES)[number], string> = {
  self_assessment_due: 'Hạn tự đánh giá',
  submission_due: 'Hạn gửi hồ sơ đề nghị thẩm định',
  appraisal_due: 'Hạn thẩm định',
  decision_due: 'Hạn quyết định công nhận',
};

export const progressResponse = z.object({
  states: z.array(z.object({ state: evaluationState, label: z.string(), count: z.number() })),
  overdue: z.array(z.object({ deadline: z.enum(DEADLINES), label: z.string(), count: z.number() })),
});

export const rankingRowResponse = z.object({
  evaluationId: z.string(),
  unit: unitRef,
  total: z.string(),
  rank: z.number(),
  of: z.number(),
  previousRank: z.number().nullable(),
  /** previousRank − rank: positive = moved up. */
  change: z.number().nullable(),
  /** 1 = top quarter … 4 = bottom quarter. */
  quartile: z.number(),
});

export const registerRowResponse = z.object({
  unit: unitRef,
  tthcOnTime: z.object({ numerator: z.number(), denominator: z.number() }).nullable(),
  petitionsResolved: z.object({ numerator: z.number(), denominator: z.number() }).nullable(),
  mediationSuccessful: z.object({ numerator: z.number(), denominator: z.number() }).nullable(),
});

export const dashboardResponse = z.object({
  scope: scopeResponse,
  year: z.number().nullable(),
  family: z.enum(FAMILIES),
  /** Years that have evaluations of this family in the area, newest first (the year filter). */
  years: z.array(z.number()),
  passRate: passRateResponse,
  notRecognised: z.array(notRecognisedResponse),
  histogram: z.array(histogramBinResponse),
  /** The Mẫu 09 figures of the area (same aggregation as GET /api/periods/:id/summary). */
  summary: periodSummaryResponse,
  nodes: z.array(nodeStatResponse),
  weakPoints: z.array(nodeStatResponse),
  corrections: z.array(correctionResponse),
  progress: progressResponse,
  ranking: z.object({
    /** The area ranked in: the scope, or a commune's province. */
    area: unitRef,
    rows: z.array(rankingRowResponse),
    quartiles: z.object({ q1: z.string(), median: z.string(), q3: z.string() }).nullable(),
  }),
  /** Per commune; null for the national scope (too many communes to compute on request). */
  registers: z.array(registerRowResponse).nullable(),
  /** Evaluations whose results were entered from past paper reports. */
  historical: z.number(),
});
export type Dashboard = z.output<typeof dashboardResponse>;

export const indicatorCommuneResponse = z.object({
  evaluationId: z.string(),
  unit: unitRef,
  points: z.string().nullable(),
  max: z.string().nullable(),
  lost: z.string(),
});
export const indicatorCommunesResponse = z.object({
  code: z.string(),
  title: z.string(),
  rows: z.array(indicatorCommuneResponse),
});

export const trendYearResponse = z.object({
  year: z.number(),
  communes: z.number(),
  passRate: passRateResponse,
  average: z.string().nullable(),
  historical: z.number(),
});
export const trendUnitResponse = z.object({
  year: z.number(),
  evaluationId: z.string(),
  /** The unit evaluated that year (a former commune before the 2025 merger). */
  evaluated: unitRef,
  /** The unit of today it is shown under. */
  current: unitRef,
  former: z.boolean(),
  total: z.string().nullable(),
  recognised: z.boolean().nullable(),
  historical: z.boolean(),
});
export const trendsResponse = z.object({
  scope: scopeResponse,
  family: z.enum(FAMILIES),
  years: z.array(trendYearResponse),
  units: z.array(trendUnitResponse),
});
export type Trends = z.output<typeof trendsResponse>;

/** GET /api/public/provinces/:code/recognition: the public figures of a province (no sign-in). */
export const provinceCodeParams = z.object({
  code: z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số'),
});
export const publicProvinceResponse = z.object({
  province: z.string(),
  /** The latest year with a published recognition decision; null when none yet. */
  year: z.number().nullable(),
  decisions: z.array(
    z.object({ periodId: z.string(), number: z.string(), signedOn: z.string(), issuer: z.string() }),
  ),
  achieved: z.number(),
  total: z.number(),
  percent: z.string().nullable(),
  /** The units recognised that year, by name (Vietnamese order). */
  recognised: z.array(z.string()),
});
export type PublicProvince = z.output<typeof publicProvinceResponse>;
