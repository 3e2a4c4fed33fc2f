import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from './dates.ts';

describe('ISO dates', () => {
  it('accepts only real dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('05/01/2026')).toBe(false);
  });

  it('adds calendar days across month and year ends', () => {
    expect(addDays('2026-12-29', 4)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('counts whole days between two dates', () => {
    expect(daysBetween('2026-12-30', '2027-01-02')).toBe(3);
    expect(daysBetween('2026-12-02', '2026-11-30')).toBe(-2);
  });
});
