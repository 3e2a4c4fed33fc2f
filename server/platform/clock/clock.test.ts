import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '@shared/dates.ts';
import { businessNow, setClockOffsetDays, todayInVietnam } from './clock';

afterEach(() => setClockOffsetDays(0));

describe('business calendar', () => {
  it('reads today in Vietnam time, whatever the server time zone', () => {
    // 23:30 UTC on 31/12 is already 1 January in Vietnam (UTC+7).
    expect(todayInVietnam(new Date('2025-12-31T23:30:00Z'))).toBe('2026-01-01');
    expect(todayInVietnam(new Date('2026-01-01T16:59:00Z'))).toBe('2026-01-01');
  });

  it('shifts the business calendar by CLOCK_OFFSET_DAYS but not real time', () => {
    const real = todayInVietnam(new Date());
    setClockOffsetDays(6);
    expect(todayInVietnam()).toBe(addDays(real, 6));
    expect(businessNow().getTime() - Date.now()).toBeGreaterThan(5.9 * 86_400_000);
  });
});
