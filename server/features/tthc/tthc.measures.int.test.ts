/**
 * Each TTHC measure at the boundaries of Biểu 06's counting (tthc.counting.repo.ts), computed through
 * the register dispatcher; the list behind each figure (its `rows` / `hit` conditions) has exactly
 * the dossiers counted.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DateRange } from '@shared/registers/measures.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { createUnit, createUnitTree, tthcDossier } from '@server/test/factories.ts';
import { computeMeasure } from '@server/features/registers/measures.service.ts';
import { tthcMeasureConditions, type TthcMeasureId } from './tthc.measures.repo.ts';

let t: TestApp;
let province: Awaited<ReturnType<typeof createUnitTree>>['province'];

// A half year, so that the day before `from` and the day after `to` are in other years' halves.
const RANGE: DateRange = { from: '2026-01-01', to: '2026-06-30' };

beforeAll(async () => {
  t = await createTestApp();
  province = (await createUnitTree(t.ctx.db)).province;
});
afterAll(() => t?.close());

/** A fresh commune with the given dossiers (code → fields). */
async function communeWith(dossiers: Record<string, Omit<Parameters<typeof tthcDossier>[1], 'unitId'>>) {
  const unit = await createUnit(t.ctx.db, { name: 'Xã Thử Nghiệm', level: 'commune', parent: province });
  for (const [code, d] of Object.entries(dossiers))
    await tthcDossier(t.ctx.db, { unitId: unit.id, code, ...d });
  return unit.id;
}

/** The codes a measure lists, and those among them in its numerator. */
async function listed(unitId: string, measure: TthcMeasureId) {
  const { rows, hit } = tthcMeasureConditions(measure, RANGE);
  const found = await t.ctx.db
    .selectFrom('tthc_dossiers as d')
    .where('d.unit_id', '=', unitId)
    .where(rows)
    .select(['d.code', (hit ?? sql<boolean>`true`).as('hit')])
    .execute();
  return {
    rows: found.map((r) => r.code).sort(),
    hits: found
      .filter((r) => r.hit)
      .map((r) => r.code)
      .sort(),
  };
}

async function measure(unitId: string, id: TthcMeasureId) {
  const computed = await computeMeasure(t.ctx.db, unitId, id, RANGE);
  expect(computed).toMatchObject({ measure: id, unitId, from: RANGE.from, to: RANGE.to });
  return computed;
}

describe('tthc.onTime (resolved in the range; on time = not after the due date)', () => {
  it('resolved on the due date is on time, one day after is late; resolved on `to` counts, the day after is pending', async () => {
    const unit = await communeWith({
      early: { dueOn: '2026-03-10', resolvedOn: '2026-03-05' },
      onDue: { dueOn: '2026-03-10', resolvedOn: '2026-03-10' },
      dayLate: { dueOn: '2026-03-10', resolvedOn: '2026-03-11' },
      onTo: { receivedOn: '2026-06-20', dueOn: '2026-06-30', resolvedOn: '2026-06-30' },
      afterTo: { receivedOn: '2026-06-20', dueOn: '2026-06-30', resolvedOn: '2026-07-01' },
      beforeFrom: { receivedOn: '2025-12-20', dueOn: '2025-12-30', resolvedOn: '2025-12-31' },
      stillOpen: { receivedOn: '2026-06-01', dueOn: '2026-07-15', resolvedOn: null },
    });
    const computed = await measure(unit, 'tthc.onTime');
    expect(computed.value).toEqual({ numerator: 3, denominator: 4 });
    expect(computed.rows).toBe(4);
    expect(await listed(unit, 'tthc.onTime')).toEqual({
      rows: ['dayLate', 'early', 'onDue', 'onTo'],
      hits: ['early', 'onDue', 'onTo'],
    });
  });

  it('a dossier withdrawn, returned or waiting for supplements resolved late still counts as on time', async () => {
    const unit = await communeWith({
      withdrawn: { dueOn: '2026-03-10', resolvedOn: '2026-04-20', statusKind: 'rut' },
      returned: { dueOn: '2026-03-10', resolvedOn: '2026-04-20', statusKind: 'tra_lai' },
      supplements: { dueOn: '2026-03-10', resolvedOn: '2026-04-20', statusKind: 'bo_sung' },
      late: { dueOn: '2026-03-10', resolvedOn: '2026-04-20' },
    });
    expect((await measure(unit, 'tthc.onTime')).value).toEqual({ numerator: 3, denominator: 4 });
    // Nor is any of them "late without an apology".
    expect(await listed(unit, 'tthc.lateWithoutApology')).toEqual({ rows: ['late'], hits: ['late'] });
  });

  it('a carried-over dossier resolved in the range is counted among the resolved', async () => {
    const unit = await communeWith({
      carried: { receivedOn: '2025-12-20', dueOn: '2026-01-05', resolvedOn: '2026-01-05' },
    });
    expect((await measure(unit, 'tthc.onTime')).value).toEqual({ numerator: 1, denominator: 1 });
  });
});

describe('measures of dossiers received in the range', () => {
  it('a dossier received the day before `from` and still pending is carried over, not received', async () => {
    const unit = await communeWith({
      carried: {
        receivedOn: '2025-12-31',
        dueOn: '2026-01-10',
        resolvedOn: null,
        channel: 'truc_tuyen',
        digitised: true,
      },
      first: {
        receivedOn: '2026-01-01',
        dueOn: '2026-01-10',
        resolvedOn: null,
        channel: 'truc_tuyen',
        digitised: true,
      },
      last: { receivedOn: '2026-06-30', dueOn: '2026-07-10', resolvedOn: null, digitised: false },
      next: { receivedOn: '2026-07-01', dueOn: '2026-07-10', resolvedOn: null, channel: 'truc_tuyen' },
    });
    expect((await measure(unit, 'tthc.online')).value).toEqual({ numerator: 1, denominator: 2 });
    expect(await listed(unit, 'tthc.online')).toEqual({ rows: ['first', 'last'], hits: ['first'] });
    expect((await measure(unit, 'tthc.digitised')).value).toEqual({ numerator: 1, denominator: 2 });
  });

  it('online payment: an empty column (no fee) is left out of the denominator', async () => {
    const unit = await communeWith({
      paidOnline: { onlinePayment: true },
      paidOtherwise: { onlinePayment: false },
      noFee: { onlinePayment: null },
    });
    const computed = await measure(unit, 'tthc.onlinePayment');
    expect(computed.value).toEqual({ numerator: 1, denominator: 2 });
    expect(computed.rows).toBe(2);
    expect(await listed(unit, 'tthc.onlinePayment')).toEqual({
      rows: ['paidOnline', 'paidOtherwise'],
      hits: ['paidOnline'],
    });
  });

  it('full process: dossiers of full-process procedures, those submitted online in the numerator', async () => {
    const unit = await communeWith({
      fullOnline: { fullProcess: true, channel: 'truc_tuyen' },
      fullInPerson: { fullProcess: true, channel: 'truc_tiep' },
      notFull: { fullProcess: false, channel: 'truc_tuyen' },
      unknown: { fullProcess: null, channel: 'truc_tuyen' },
    });
    expect((await measure(unit, 'tthc.fullProcess')).value).toEqual({ numerator: 1, denominator: 2 });
    expect(await listed(unit, 'tthc.fullProcess')).toEqual({
      rows: ['fullInPerson', 'fullOnline'],
      hits: ['fullOnline'],
    });
  });

  it('electronic results are counted among the dossiers resolved in the range', async () => {
    const unit = await communeWith({
      electronic: { electronicResult: true },
      paper: { electronicResult: false },
      pending: { resolvedOn: null, dueOn: '2026-08-01', electronicResult: true },
    });
    expect((await measure(unit, 'tthc.electronicResult')).value).toEqual({ numerator: 1, denominator: 2 });
  });
});

describe('tthc.lateWithoutApology (a count)', () => {
  it('late in the range and overdue at its end, without an apology letter', async () => {
    const unit = await communeWith({
      late: { dueOn: '2026-03-10', resolvedOn: '2026-03-11' },
      lateApologised: { dueOn: '2026-03-10', resolvedOn: '2026-03-11', apologyLetter: true },
      overdueAtTo: { receivedOn: '2026-06-01', dueOn: '2026-06-29', resolvedOn: null },
      dueOnTo: { receivedOn: '2026-06-01', dueOn: '2026-06-30', resolvedOn: null },
      resolvedLateAfterTo: { receivedOn: '2026-06-01', dueOn: '2026-06-29', resolvedOn: '2026-07-02' },
      overdueWithdrawn: {
        receivedOn: '2026-06-01',
        dueOn: '2026-06-10',
        resolvedOn: null,
        statusKind: 'rut',
      },
    });
    const computed = await measure(unit, 'tthc.lateWithoutApology');
    expect(computed.value).toBe(3);
    expect(computed.rows).toBe(3);
    expect((await listed(unit, 'tthc.lateWithoutApology')).rows).toEqual([
      'late',
      'overdueAtTo',
      'resolvedLateAfterTo',
    ]);
  });

  it('another commune’s dossiers are never counted', async () => {
    const mine = await communeWith({});
    await communeWith({ late: { dueOn: '2026-03-10', resolvedOn: '2026-03-11' } });
    expect((await measure(mine, 'tthc.lateWithoutApology')).value).toBe(0);
    expect((await measure(mine, 'tthc.onTime')).value).toEqual({ numerator: 0, denominator: 0 });
  });
});
