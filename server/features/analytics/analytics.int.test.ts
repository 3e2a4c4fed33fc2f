/**
 * Analytics on a seeded province whose every expected figure is worked out by hand below (not with
 * the production query): a new commune X formed in 2025 from three former communes (two under a
 * former district of the province, one from a former province), communes Y, Z, a draft V in 2025,
 * and another province's commune W that must never show. Also: the Mẫu 09/10 figures equal the
 * dashboard's, and a commune or another province sees only its own area.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { summarisePeriod, type SummaryInput } from '@shared/evaluations/period-summary.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import type { Db } from '@server/db/client.ts';
import { findLatestFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { buildPeriodView } from '@server/features/documents/documents.views.ts';
import { docxParagraphs, paragraphsFromXml } from '@server/platform/documents/docx-text.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUser, tthcDossier, type TestUnit } from '@server/test/factories.ts';

let t: TestApp;
let u: Record<'nation' | 'P' | 'X' | 'Y' | 'Z' | 'V' | 'O1' | 'O2' | 'O3' | 'Q' | 'W', TestUnit>;
let province: TestClient;
let communeY: TestClient;
let otherProvince: TestClient;
let national: TestClient;
const periods: Record<string, string> = {};
const evals: Record<string, string> = {};
/** What each period's evaluations store: the pure Mẫu 09 definition is applied to it in the test. */
const stored: Record<string, SummaryInput[]> = {};

type Pts = [number, number, number];

/** A result of a small points framework: criterion 1 (1.1, 1.2, max 10 each), criterion 2 (2.1, max 10). */
function result(p: Pts, opts: { recognised?: boolean | null; failed?: string; historical?: boolean } = {}) {
  const source = opts.historical ? 'historical-indicator' : 'computed';
  const leaf = (code: string, title: string, points: number) => ({
    code,
    title,
    kind: 'indicator',
    max: '10',
    points: String(points),
    passed: null,
    source,
    explanation: '',
    provenance: 'L',
    provisional: false,
    legalBasis: null,
    children: [],
  });
  return {
    framework: { code: 'TCPL-2021', version: 1, name: 'TCPL', hash: 'x' },
    model: 'points',
    total: String(p[0] + p[1] + p[2]),
    max: '30',
    totalDisplay: '',
    totalExplanation: '',
    criteria: [
      {
        ...leaf('1', 'Tiêu chí 1', p[0] + p[1]),
        kind: 'criterion',
        max: '20',
        children: [leaf('1.1', 'Chỉ tiêu 1.1', p[0]), leaf('1.2', 'Chỉ tiêu 1.2', p[1])],
      },
      { ...leaf('2', 'Tiêu chí 2', p[2]), kind: 'criterion', children: [leaf('2.1', 'Chỉ tiêu 2.1', p[2])] },
    ],
    conditions: [
      {
        code: 'dk',
        title: 'Điều kiện',
        type: 'fact',
        met: !opts.failed,
        explanation: opts.failed ?? 'Đạt',
        provenance: 'L',
        provisional: false,
        legalBasis: null,
      },
    ],
    recognised: opts.recognised ?? null,
    recognitionExplanation: opts.failed ?? 'Đạt chuẩn',
    provisional: false,
    missingInputs: [],
  };
}

async function period(
  db: Db,
  key: string,
  organiser: TestUnit,
  year: number,
  due: Partial<Record<string, string>> = {},
) {
  const version = (await findLatestFrameworkVersion(db, 'TCPL-2021'))!;
  const row = await db
    .insertInto('evaluation_periods')
    .values({
      unit_id: organiser.id,
      year,
      name: `Kỳ ${year}`,
      evaluating_level: 'province',
      framework_version_id: version.id,
      self_assessment_due: due.self ?? `${year + 1}-01-10`,
      submission_due: due.submission ?? `${year + 1}-01-20`,
      appraisal_due: due.appraisal ?? `${year + 1}-02-10`,
      decision_due: due.decision ?? `${year + 1}-02-20`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  periods[key] = row.id;
  return row.id;
}

async function evaluation(
  db: Db,
  key: string,
  periodId: string,
  unit: TestUnit,
  state: string,
  self: unknown,
  appraised: unknown,
) {
  const row = await db
    .insertInto('evaluations')
    .values({
      period_id: periodId,
      unit_id: unit.id,
      state: state as never,
      self_input: '{}',
      self_result: self ? JSON.stringify(self) : null,
      submitted_snapshot: self ? JSON.stringify({ input: {}, result: self }) : null,
      appraised_result: appraised ? JSON.stringify(appraised) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  evals[key] = row.id;
  (stored[periodId] ??= []).push({ state, result: (appraised ?? self) as EvaluationResult | null });
}

async function formerUnit(
  db: Db,
  name: string,
  level: 'province' | 'district' | 'commune',
  parent: TestUnit,
) {
  const kind = level === 'district' ? 'huyen' : level === 'province' ? 'tinh' : 'xa';
  const unit = await createUnit(db, { name, level, kind, parent, validFrom: '2008-01-01' });
  await db.updateTable('units').set({ valid_to: '2025-06-30' }).where('id', '=', unit.id).execute();
  return unit;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  const nation = await createUnit(db, { name: 'Việt Nam', code: 'VN', level: 'nation' });
  const P = await createUnit(db, { name: 'Tỉnh Thái Nguyên', code: '19', level: 'province', parent: nation });
  const X = await createUnit(db, { name: 'Xã Gia Bảy', level: 'commune', parent: P });
  const Y = await createUnit(db, { name: 'Phường Đức Xuân', level: 'commune', kind: 'phuong', parent: P });
  const Z = await createUnit(db, { name: 'Xã Yên Trạch', level: 'commune', parent: P });
  const V = await createUnit(db, { name: 'Xã Văn Lăng', level: 'commune', parent: P });
  const D = await formerUnit(db, 'Huyện Phú Lương', 'district', P);
  const O1 = await formerUnit(db, 'Xã Cũ Một', 'commune', D);
  const O2 = await formerUnit(db, 'Xã Cũ Hai', 'commune', D);
  const OP = await formerUnit(db, 'Tỉnh Bắc Kạn', 'province', nation);
  const O3 = await formerUnit(db, 'Xã Cũ Ba', 'commune', OP);
  await db
    .insertInto('unit_links')
    .values([O1, O2, O3].map((o) => ({ from_unit_id: o.id, to_unit_id: X.id, kind: 'full' as const })))
    .execute();
  const Q = await createUnit(db, { name: 'Tỉnh Cao Bằng', code: '04', level: 'province', parent: nation });
  const W = await createUnit(db, { name: 'Phường Thục Phán', level: 'commune', kind: 'phuong', parent: Q });
  u = { nation, P, X, Y, Z, V, O1, O2, O3, Q, W };

  // 2023: the former communes and Y, decided.
  const p23 = await period(db, '2023', P, 2023);
  await evaluation(
    db,
    'O1-2023',
    p23,
    O1,
    'decided_achieved',
    null,
    result([10, 8, 10], { recognised: true }),
  );
  await evaluation(
    db,
    'O2-2023',
    p23,
    O2,
    'decided_not_achieved',
    null,
    result([6, 10, 4], { recognised: false, failed: 'Tiêu chí 2 đạt dưới 50% số điểm tối đa' }),
  );
  await evaluation(
    db,
    'O3-2023',
    p23,
    O3,
    'decided_achieved',
    null,
    result([10, 10, 9], { recognised: true, historical: true }),
  );
  await evaluation(
    db,
    'Y-2023',
    p23,
    Y,
    'decided_achieved',
    null,
    result([10, 10, 9.5], { recognised: true }),
  );
  // 2024: self-assessed and appraised, decided.
  const p24 = await period(db, '2024', P, 2024);
  await evaluation(
    db,
    'X',
    p24,
    X,
    'decided_achieved',
    result([10, 10, 10]),
    result([10, 8, 10], { recognised: true }),
  );
  await evaluation(
    db,
    'Y',
    p24,
    Y,
    'decided_not_achieved',
    result([9, 9, 9]),
    result([9, 9, 5], { recognised: false, failed: 'Có cán bộ bị truy cứu trách nhiệm hình sự' }),
  );
  await evaluation(
    db,
    'Z',
    p24,
    Z,
    'decided_achieved',
    result([7, 10, 10]),
    result([7, 10, 10], { recognised: true }),
  );
  await db
    .insertInto('recognition_decisions')
    .values({
      period_id: p24,
      unit_id: P.id,
      number: '12/QĐ-UBND',
      signed_on: '2025-02-15',
      signer_name: 'Nguyễn Văn A',
      signer_title: 'Chủ tịch',
    })
    .execute();
  const pW = await period(db, 'W2024', Q, 2024);
  await evaluation(
    db,
    'W',
    pW,
    W,
    'decided_not_achieved',
    result([1, 1, 1]),
    result([1, 1, 1], { recognised: false, failed: 'Thiếu điểm' }),
  );
  // 2025: the cycle under way; deadlines past except the decision's.
  const p25 = await period(db, '2025', P, 2025, {
    self: '2025-10-01',
    submission: '2025-10-20',
    appraisal: '2025-11-20',
    decision: '2099-01-01',
  });
  await evaluation(db, 'V-2025', p25, V, 'draft', null, null);
  await evaluation(
    db,
    'Y-2025',
    p25,
    Y,
    'appraised',
    result([9, 9, 9]),
    result([9, 9, 9], { recognised: true }),
  );
  // Register: Z resolved 3 TTHC dossiers in 2024, 2 on time.
  await tthcDossier(db, {
    unitId: Z.id,
    receivedOn: '2024-03-01',
    dueOn: '2024-03-10',
    resolvedOn: '2024-03-09',
  });
  await tthcDossier(db, {
    unitId: Z.id,
    receivedOn: '2024-04-01',
    dueOn: '2024-04-10',
    resolvedOn: '2024-04-10',
  });
  await tthcDossier(db, {
    unitId: Z.id,
    receivedOn: '2024-05-01',
    dueOn: '2024-05-10',
    resolvedOn: '2024-05-15',
  });

  const signIn = async (role: Parameters<typeof createUser>[1]['role'], unit: TestUnit) =>
    t.signIn((await createUser(db, { role, unit, username: `a-${randomUUID().slice(0, 8)}` })).username);
  province = await signIn('province_reviewer', P);
  communeY = await signIn('commune_officer', Y);
  otherProvince = await signIn('province_admin', Q);
  national = await signIn('system_admin', nation);
});
afterAll(() => t?.close());

const q = (unit: TestUnit, year?: number) => `unitId=${unit.id}&family=tcpl${year ? `&year=${year}` : ''}`;

describe('the province dashboard of 2024', () => {
  it('counts the pass rate, the units not recognised and what they failed', async () => {
    const res = await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`);
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.years).toEqual([2025, 2024, 2023]);
    expect(d.passRate).toEqual({ achieved: 2, total: 3, percent: '66.67', basis: 'decided' });
    expect(d.notRecognised).toEqual([
      {
        evaluationId: evals.Y,
        unit: { id: u.Y.id, name: 'Phường Đức Xuân' },
        total: '23',
        reasons: ['Có cán bộ bị truy cứu trách nhiệm hình sự'],
      },
    ]);
    // Totals 28, 23, 27 of 30 in bins of 3 points: 27–30 twice, 21–24 once.
    expect(d.histogram).toHaveLength(10);
    expect(d.histogram[9]).toEqual({ from: '27', to: '30', count: 2 });
    expect(d.histogram[7]).toEqual({ from: '21', to: '24', count: 1 });
    expect(d.histogram.reduce((s: number, b: { count: number }) => s + b.count, 0)).toBe(3);
  });

  it('gives average, spread and points lost per indicator, and the weak points in order', async () => {
    const d = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).json();
    const node = (code: string) => d.nodes.find((n: { code: string }) => n.code === code);
    // 1.1: 10, 9, 7 → mean 8.666…, population sd √(14/9) = 1.247…; lost 1 + 3.
    expect(node('1.1')).toMatchObject({
      average: '8.67',
      lowest: '7',
      highest: '10',
      spread: '1.25',
      belowMax: 2,
      pointsLost: '4',
      communes: 3,
    });
    expect(node('1.2')).toMatchObject({ average: '9', belowMax: 2, pointsLost: '3' });
    expect(node('2.1')).toMatchObject({ average: '8.33', belowMax: 1, pointsLost: '5' });
    expect(node('1')).toMatchObject({ depth: 1, average: '17.67', pointsLost: '7' });
    expect(d.weakPoints.map((w: { code: string }) => w.code)).toEqual(['2.1', '1.1', '1.2']);
    // Reviewers lowered X on 1.2 (10 → 8) and Y on 2.1 (9 → 5).
    expect(d.corrections).toEqual([
      { code: '2.1', title: 'Chỉ tiêu 2.1', changed: 1, compared: 3, difference: '-4' },
      { code: '1.2', title: 'Chỉ tiêu 1.2', changed: 1, compared: 3, difference: '-2' },
    ]);
    expect(d.historical).toBe(0);
  });

  it('ranks with the change from 2023 through the merger, and quartiles', async () => {
    const d = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).json();
    // 2023: Y 29.5 (1), O3 29 (2), O1 28 (3), O2 20 (4); X inherits its best former commune's rank, 2.
    expect(
      d.ranking.rows.map(
        (r: {
          unit: { name: string };
          rank: number;
          previousRank: number | null;
          change: number | null;
          quartile: number;
          total: string;
        }) => [r.unit.name, r.total, r.rank, r.previousRank, r.change, r.quartile],
      ),
    ).toEqual([
      ['Xã Gia Bảy', '28', 1, 2, 1, 1],
      ['Xã Yên Trạch', '27', 2, null, null, 2],
      ['Phường Đức Xuân', '23', 3, 1, -2, 4],
    ]);
    // [23, 27, 28]: Q1 = 23 + 0.5·4 = 25, median 27, Q3 = 27 + 0.5·1 = 27.5.
    expect(d.ranking.quartiles).toEqual({ q1: '25', median: '27', q3: '27.5' });
  });

  it('shows register figures per commune of today', async () => {
    const d = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).json();
    const z = d.registers.find((r: { unit: { id: string } }) => r.unit.id === u.Z.id);
    expect(z.tthcOnTime).toEqual({ numerator: 2, denominator: 3 });
    expect(z.petitionsResolved).toBeNull();
    expect(d.registers.map((r: { unit: { name: string } }) => r.unit.name)).toEqual([
      'Phường Đức Xuân',
      'Xã Gia Bảy',
      'Xã Văn Lăng',
      'Xã Yên Trạch',
    ]);
  });

  it('lists the communes behind an indicator’s lost points, most lost first', async () => {
    const res = await province.request('GET', `/api/analytics/indicators/1.1/communes?${q(u.P, 2024)}`);
    expect(res.json()).toEqual({
      code: '1.1',
      title: 'Chỉ tiêu 1.1',
      rows: [
        {
          evaluationId: evals.Z,
          unit: { id: u.Z.id, name: 'Xã Yên Trạch' },
          points: '7',
          max: '10',
          lost: '3',
        },
        {
          evaluationId: evals.Y,
          unit: { id: u.Y.id, name: 'Phường Đức Xuân' },
          points: '9',
          max: '10',
          lost: '1',
        },
      ],
    });
    expect(
      (await province.request('GET', `/api/analytics/indicators/9.9/communes?${q(u.P, 2024)}`)).statusCode,
    ).toBe(404);
  });

  it('exports every table as XLSX with numbers as numbers', async () => {
    const res = await province.request('GET', `/api/analytics/dashboard.xlsx?${q(u.P, 2024)}`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toContain('Điểm yếu');
    const sheet = wb.getWorksheet('Xếp hạng')!;
    const values = sheet
      .getSheetValues()
      .flat()
      .filter((v) => v !== undefined && v !== null);
    expect(values).toContain('Xã Gia Bảy');
    expect(values).toContain(28);
  });
});

describe('the cycle under way (2025)', () => {
  it('counts each step and the units late against each deadline', async () => {
    const d = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2025)}`)).json();
    expect(d.progress.states).toEqual([
      { state: 'draft', label: 'Đang tự đánh giá', count: 1 },
      { state: 'appraised', label: 'Đã thẩm định', count: 1 },
    ]);
    expect(d.progress.overdue.map((o: { deadline: string; count: number }) => [o.deadline, o.count])).toEqual(
      [
        ['self_assessment_due', 1],
        ['submission_due', 1],
        ['appraisal_due', 1],
        ['decision_due', 0],
      ],
    );
    // No decision yet: the rate is the appraised results'.
    expect(d.passRate).toEqual({ achieved: 1, total: 1, percent: '100', basis: 'appraised' });
  });

  it('shows a result written since the last request at once (as another app instance would write it)', async () => {
    const ask = async () =>
      (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2025)}`)).json();
    expect((await ask()).passRate.achieved).toBe(1);
    // Y's appraisal now fails it, with 2.1 judged on the pass model (failed: below the maximum, no points lost).
    const failed = result([9, 9, 0], { recognised: false, failed: 'Thiếu điểm' });
    Object.assign(failed.criteria[1]!.children[0]!, { max: null, points: null, passed: false });
    await t.ctx.db
      .updateTable('evaluations')
      .set({ appraised_result: JSON.stringify(failed) })
      .where('id', '=', evals['Y-2025']!)
      .execute();
    const d = await ask();
    expect(d.passRate).toEqual({ achieved: 0, total: 1, percent: '0', basis: 'appraised' });
    expect(d.nodes.find((n: { code: string }) => n.code === '2.1')).toMatchObject({
      belowMax: 1,
      pointsLost: '0',
      average: null,
      max: null,
    });
    // Back as it was (the trends below count it).
    await t.ctx.db
      .updateTable('evaluations')
      .set({ appraised_result: JSON.stringify(result([9, 9, 9], { recognised: true })) })
      .where('id', '=', evals['Y-2025']!)
      .execute();
    expect((await ask()).passRate.achieved).toBe(1);
  });

  it('follows a self-assessment submitted again after the appraisal, and a change of step', async () => {
    const ask = async () =>
      (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2025)}`)).json();
    // Y's self-assessment and appraisal agree: nothing corrected.
    expect((await ask()).corrections).toEqual([]);
    const set = (values: { submitted_snapshot?: string; state?: 'under_appraisal' | 'appraised' }) =>
      t.ctx.db.updateTable('evaluations').set(values).where('id', '=', evals['Y-2025']!).execute();
    // Y now claims 10 on 1.2 and is back under appraisal; the appraisal (9) stays.
    await set({
      submitted_snapshot: JSON.stringify({ input: {}, result: result([9, 10, 9]) }),
      state: 'under_appraisal',
    });
    const d = await ask();
    expect(d.corrections).toEqual([
      { code: '1.2', title: 'Chỉ tiêu 1.2', changed: 1, compared: 1, difference: '-1' },
    ]);
    expect(d.progress.states.map((s: { state: string }) => s.state)).toEqual(['draft', 'under_appraisal']);
    // Back as it was (the trends below count it).
    await set({
      submitted_snapshot: JSON.stringify({ input: {}, result: result([9, 9, 9]) }),
      state: 'appraised',
    });
    expect((await ask()).corrections).toEqual([]);
  });
});

describe('trends with the 2025 merger', () => {
  it('shows the 2023 results of all three former communes under the new commune', async () => {
    const res = await province.request('GET', `/api/analytics/trends?${q(u.X)}`);
    expect(res.statusCode).toBe(200);
    const units = res
      .json()
      .units.map(
        (r: {
          year: number;
          evaluated: { name: string };
          current: { name: string };
          former: boolean;
          total: string;
          recognised: boolean;
          historical: boolean;
        }) => [r.year, r.evaluated.name, r.current.name, r.former, r.total, r.recognised, r.historical],
      );
    expect(units).toEqual([
      [2023, 'Xã Cũ Ba', 'Xã Gia Bảy', true, '29', true, true],
      [2023, 'Xã Cũ Hai', 'Xã Gia Bảy', true, '20', false, false],
      [2023, 'Xã Cũ Một', 'Xã Gia Bảy', true, '28', true, false],
      [2024, 'Xã Gia Bảy', 'Xã Gia Bảy', false, '28', true, false],
    ]);
  });

  it('folds the former district and the former province’s commune into the province, year by year', async () => {
    const years = (await province.request('GET', `/api/analytics/trends?${q(u.P)}`)).json().years;
    expect(years).toEqual([
      // 2023: O1 28, O2 20, O3 29 (historical), Y 29.5 → 3/4 decided, mean 26.625.
      {
        year: 2023,
        communes: 4,
        passRate: { achieved: 3, total: 4, percent: '75', basis: 'decided' },
        average: '26.63',
        historical: 1,
      },
      {
        year: 2024,
        communes: 3,
        passRate: { achieved: 2, total: 3, percent: '66.67', basis: 'decided' },
        average: '26',
        historical: 0,
      },
      {
        year: 2025,
        communes: 2,
        passRate: { achieved: 1, total: 1, percent: '100', basis: 'appraised' },
        average: '27',
        historical: 0,
      },
    ]);
  });
});

describe('Mẫu 09 / Mẫu 10 and the dashboard', () => {
  it('give the same figures for the same area and year', async () => {
    const d = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).json();
    const summary = (await province.request('GET', `/api/periods/${periods['2024']}/summary`)).json();
    expect(d.summary).toEqual(summary);
    // …and equal the pure definition (shared/evaluations/period-summary.ts) applied to the stored results.
    expect(summary).toEqual(summarisePeriod(stored[periods['2024']!]!));
    const framework = getBuiltinFramework('TCPL-2021');
    const ctx = { id: periods['2024']!, year: 2024, organiserId: u.P.id, framework };
    const m09 = (await buildPeriodView(t.ctx.db, ctx, 'mau-09')) as {
      counts: Record<string, unknown>;
      rows: { code: string; average?: string; atMax: number; communes: number }[];
      distribution: unknown[];
    };
    expect(m09.counts).toMatchObject({
      communes: d.summary.communes,
      scored: d.summary.scored,
      decidedAchieved: d.passRate.achieved,
      decidedTotal: d.passRate.total,
      percentAchieved: d.passRate.percent,
    });
    for (const row of m09.rows) {
      const node = d.nodes.find((n: { code: string }) => n.code === row.code);
      expect(row.average).toBe(node.average);
      expect(row.communes).toBe(node.communes);
      expect(row.communes - row.atMax).toBe(node.belowMax);
    }
    expect(m09.distribution).toEqual(d.histogram);
    const m10 = (await buildPeriodView(t.ctx.db, ctx, 'mau-10')) as {
      units: { name: string; points: string; achieved: boolean }[];
    };
    expect(m10.units.filter((x) => x.achieved).length).toBe(d.passRate.achieved);
    expect(m10.units.length).toBe(d.passRate.total);
    for (const r of d.ranking.rows)
      expect(m10.units.find((x) => x.name === r.unit.name)!.points).toBe(r.total);
  });

  it('Mẫu 10 prints the 2024 units, their appraised totals and the rate worked out by hand', async () => {
    const res = await province.request('GET', `/api/periods/${periods['2024']}/documents/mau-10`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxParagraphs(res.rawPayload);
    // Appraised totals: X 10+8+10 = 28 (decided achieved), Y 9+9+5 = 23 (not), Z 7+10+10 = 27
    // (achieved); rows in Vietnamese alphabetical order; 2/3 = 66,67 %.
    const table = text.slice(text.indexOf('Kết quả') + 1);
    expect(table.slice(0, 12)).toEqual([
      '1',
      'Phường Đức Xuân',
      '23',
      'Chưa đạt chuẩn',
      '2',
      'Xã Gia Bảy',
      '28',
      'Đạt chuẩn',
      '3',
      'Xã Yên Trạch',
      '27',
      'Đạt chuẩn',
    ]);
    expect(text).toContain(
      'Kết quả: 2/3 xã, phường đạt chuẩn, tỷ lệ 66,67%; 1/3 xã, phường chưa đạt chuẩn, tỷ lệ 33,33%.',
    );
  });

  it('Mẫu 09 carries the chart of the distribution of totals as an image, with its data table', async () => {
    const res = await province.request('GET', `/api/periods/${periods['2024']}/documents/mau-09`);
    expect(res.statusCode, res.body).toBe(200);
    const zip = await JSZip.loadAsync(res.rawPayload);
    const media = Object.keys(zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.length).toBeGreaterThan(5000);
    // The document's drawing points at that file through its relationships.
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const id = new RegExp(`Id="([^"]+)"[^>]*Target="${media[0]!.replace('word/', '')}"`).exec(rels)?.[1];
    expect(id).toBeDefined();
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(/r:embed="([^"]+)"/.exec(xml)?.[1]).toBe(id);
    // Read aloud in place of the picture: the same figures as the table.
    expect(/descr="([^"]*)"/.exec(xml)?.[1]).toContain(
      '21 – 24 điểm: 1 đơn vị; 24 – 27 điểm: 0 đơn vị; 27 – 30 điểm: 2 đơn vị',
    );
    const text = paragraphsFromXml(xml);
    expect(text).toContain(
      'Biểu đồ: Phân bố tổng điểm của các xã, phường, thị trấn năm 2024 trên địa bàn tỉnh Thái Nguyên',
    );
    // Totals 28, 23, 27 of 30 in ten bins of 3 points: 21–24 once, 27–30 twice (of 3: 33,33 %, 66,67 %).
    const table = text.slice(text.indexOf('Tỷ lệ') + 1);
    expect(table.slice(0, 30)).toEqual(
      [
        '0 – 3',
        '3 – 6',
        '6 – 9',
        '9 – 12',
        '12 – 15',
        '15 – 18',
        '18 – 21',
        '21 – 24',
        '24 – 27',
        '27 – 30',
      ].flatMap((bin, i) => [bin, ...({ 7: ['01', '33,33%'], 9: ['02', '66,67%'] }[i] ?? ['00', '0%'])]),
    );
  });
});

describe('access scoping', () => {
  it('a commune sees its own figures only, ranked within its province', async () => {
    const mine = await communeY.request('GET', `/api/analytics/dashboard?${q(u.Y, 2024)}`);
    expect(mine.statusCode).toBe(200);
    const d = mine.json();
    expect(d.passRate).toEqual({ achieved: 0, total: 1, percent: '0', basis: 'decided' });
    expect(
      d.ranking.rows.map((r: { unit: { id: string }; rank: number; of: number }) => [
        r.unit.id,
        r.rank,
        r.of,
      ]),
    ).toEqual([[u.Y.id, 3, 3]]);
    expect(d.registers.map((r: { unit: { id: string } }) => r.unit.id)).toEqual([u.Y.id]);
    // Without a unit: its own commune.
    expect((await communeY.request('GET', '/api/analytics/dashboard?year=2024')).json().scope.id).toBe(
      u.Y.id,
    );
    for (const url of [
      `/api/analytics/dashboard?${q(u.P, 2024)}`,
      `/api/analytics/dashboard?${q(u.X, 2024)}`,
      `/api/analytics/trends?${q(u.P)}`,
      `/api/analytics/indicators/1.1/communes?${q(u.Z, 2024)}`,
    ])
      expect((await communeY.request('GET', url)).statusCode).toBe(404);
  });

  it('another province sees neither this province nor its communes; the nation sees both', async () => {
    expect((await otherProvince.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).statusCode).toBe(
      404,
    );
    const own = (await otherProvince.request('GET', `/api/analytics/dashboard?year=2024`)).json();
    expect(own.passRate).toEqual({ achieved: 0, total: 1, percent: '0', basis: 'decided' });
    const all = (await national.request('GET', `/api/analytics/dashboard?year=2024`)).json();
    expect(all.scope.id).toBe(u.nation.id);
    expect(all.passRate).toEqual({ achieved: 2, total: 4, percent: '50', basis: 'decided' });
    expect(all.registers).toBeNull();
  });
});

describe('read-only analytics token of a province portal', () => {
  it('reads its own province only, calls nothing else, and stops when revoked; created and revoked in the audit', async () => {
    const admin = await t.signIn(
      (
        await createUser(t.ctx.db, {
          role: 'province_admin',
          unit: u.P,
          username: `qt-${randomUUID().slice(0, 8)}`,
        })
      ).username,
    );
    const created = await admin.request('POST', '/api/registers/tokens', {
      unitId: u.P.id,
      register: 'analytics',
      name: 'Cổng thông tin tỉnh Thái Nguyên',
    });
    expect(created.statusCode).toBe(201);
    const { token, item } = created.json();
    expect(item).toMatchObject({ register: 'analytics', registerLabel: 'Thống kê (chỉ đọc)' });
    const get = (url: string, method = 'GET') =>
      t.app.inject({ method: method as 'GET', url, headers: { authorization: `Bearer ${token}` } });

    const own = await get(`/api/analytics/dashboard?family=tcpl&year=2024`);
    expect(own.statusCode).toBe(200);
    const bySession = (await province.request('GET', `/api/analytics/dashboard?${q(u.P, 2024)}`)).json();
    expect(own.json()).toEqual(bySession);
    expect((await get(`/api/analytics/trends?${q(u.X)}`)).statusCode).toBe(200);
    expect((await get(`/api/analytics/dashboard.xlsx?${q(u.P, 2024)}`)).statusCode).toBe(200);
    // Another province, its commune: not found, as for a person without scope.
    expect((await get(`/api/analytics/dashboard?${q(u.Q, 2024)}`)).statusCode).toBe(404);
    expect((await get(`/api/analytics/trends?${q(u.W)}`)).statusCode).toBe(404);
    // Nothing but GET /api/analytics/*: not the push API, not the evaluations.
    expect((await get('/api/registers/tthc/dossiers', 'PUT')).statusCode).toBe(401);
    expect((await get(`/api/periods/${periods['2024']}/summary`)).statusCode).toBe(401);
    expect((await get('/api/evaluations')).statusCode).toBe(401);

    expect((await admin.request('POST', `/api/registers/tokens/${item.id}/revoke`)).statusCode).toBe(200);
    expect((await get(`/api/analytics/dashboard?family=tcpl`)).statusCode).toBe(401);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', item.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['register-token.created', 'register-token.revoked']);
  });

  it('is given to a province or a commune only', async () => {
    const admin = await t.signIn(
      (
        await createUser(t.ctx.db, {
          role: 'system_admin',
          unit: u.nation,
          username: `qt-${randomUUID().slice(0, 8)}`,
        })
      ).username,
    );
    const refused = await admin.request('POST', '/api/registers/tokens', {
      unitId: u.nation.id,
      register: 'analytics',
      name: 'Cổng quốc gia',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      'Mã đọc thống kê chỉ cấp cho một tỉnh, thành phố hoặc một xã, phường.',
    );
  });
});

describe('public figures of a province', () => {
  it('shows the latest year with a published decision: the recognised list and the rate, nothing else', async () => {
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/public/provinces/19/recognition' });
    expect(anonymous.statusCode).toBe(200);
    // 2025 has no decision yet: 2024 is shown (X and Z recognised, Y not).
    expect(anonymous.json()).toEqual({
      province: 'Tỉnh Thái Nguyên',
      year: 2024,
      decisions: [
        {
          periodId: periods['2024'],
          number: '12/QĐ-UBND',
          signedOn: '2025-02-15',
          issuer: 'Tỉnh Thái Nguyên',
        },
      ],
      achieved: 2,
      total: 3,
      percent: '66.67',
      recognised: ['Xã Gia Bảy', 'Xã Yên Trạch'],
    });
    // A province whose period has no decision shows nothing yet.
    const none = (await t.app.inject({ method: 'GET', url: '/api/public/provinces/04/recognition' })).json();
    expect(none).toMatchObject({ year: null, recognised: [], total: 0 });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/public/provinces/99/recognition' })).statusCode,
    ).toBe(404);
  });
});
