import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import {
  boundInputsOf,
  evaluationRange,
  formatMeasureValue,
  isComputedValue,
  measureRowsLink,
} from './bound-inputs.ts';

describe('bound inputs', () => {
  it('lists the built-in bindings in framework order', () => {
    expect(boundInputsOf(getBuiltinFramework('TCPL-2021')).map((b) => [b.inputId, b.measure])).toEqual([
      ['2.3.1.ngayBanHanh', 'plans.pbgdplIssuedOn'],
      ['2.3.1.hanBanHanh', 'plans.pbgdplIssueDue'],
      ['2.3.2.hoanThanh', 'plans.pbgdplTasksDone'],
      ['2.4.hieuQua', 'surveys.mau04Effective'],
      ['5.2.dungHan', 'tthc.onTime'],
    ]);
    expect(boundInputsOf(getBuiltinFramework('CCHC-XA-MAU')).map((b) => b.node.code)).toEqual([
      '1.1.1',
      '1.1.1',
      '1.1.2',
      '1.1.3',
      '3.2',
      '3.11.1',
      '3.11.2',
      '3.12.3',
      '3.13.1',
      '3.13.2',
      '9',
    ]);
  });

  it('a date is the computed one when it is the same day; no date in the register equals nothing entered', () => {
    expect(isComputedValue('2026-01-05', '2026-01-05')).toBe(true);
    expect(isComputedValue('2026-01-06', '2026-01-05')).toBe(false);
    expect(isComputedValue(undefined, null)).toBe(true);
    expect(isComputedValue('', null)).toBe(true);
    expect(isComputedValue('2026-01-05', null)).toBe(false);
    expect(formatMeasureValue('2026-01-05')).toBe('05/01/2026');
    expect(isComputedValue(true, true)).toBe(true);
    expect(isComputedValue(false, true)).toBe(false);
    expect(formatMeasureValue(false)).toBe('Không');
  });

  it('a value typed as text is the computed value when the numbers are equal', () => {
    const computed = { numerator: 1707, denominator: 1757 };
    expect(isComputedValue({ numerator: '1707', denominator: '1757.0' }, computed)).toBe(true);
    expect(isComputedValue({ numerator: 1755, denominator: 1757 }, computed)).toBe(false);
    expect(isComputedValue({ numerator: '1707' }, computed)).toBe(false);
    expect(isComputedValue('abc', 3)).toBe(false);
    expect(isComputedValue('3', 3)).toBe(true);
  });

  it('reads the Vietnamese way, and links to the year of the commune', () => {
    expect(formatMeasureValue({ numerator: 1707, denominator: '1757' })).toBe('1.707/1.757');
    expect(formatMeasureValue(12)).toBe('12');
    expect(measureRowsLink('u1', 'tthc.onTime', evaluationRange(2026))).toBe(
      '/so-tthc?unitId=u1&measure=tthc.onTime&from=2026-01-01&to=2026-12-31',
    );
  });

  it("links a plan measure to the plan it was computed from, or before that to the unit's plans of the year", () => {
    expect(measureRowsLink('u1', 'plans.pbgdplTasksDone', evaluationRange(2026), 'p1')).toBe(
      '/ke-hoach/p1?measure=plans.pbgdplTasksDone',
    );
    expect(measureRowsLink('u1', 'plans.cchcTasksDone', evaluationRange(2026))).toBe(
      '/ke-hoach?unitId=u1&measure=plans.cchcTasksDone&year=2026',
    );
  });
});
