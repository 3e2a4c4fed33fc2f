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
      ['2.3.2.hoanThanh', 'plans.pbgdplTasksDone'],
      ['2.4.hieuQua', 'surveys.mau04Effective'],
      ['5.2.dungHan', 'tthc.onTime'],
    ]);
    expect(boundInputsOf(getBuiltinFramework('CCHC-XA-MAU')).map((b) => b.node.code)).toEqual([
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
