/** The business clock: today and now in Vietnam, shiftable by CLOCK_OFFSET_DAYS (ISO date arithmetic: shared/dates.ts). */
let clockOffsetDays = 0;

/**
 * Shifts the business calendar (today, deadlines) by whole days, from CLOCK_OFFSET_DAYS: for a
 * training copy that must let a posting period pass, and for end-to-end tests. Record timestamps
 * (audit, updated_at) always use the real clock.
 */
export function setClockOffsetDays(days: number) {
  clockOffsetDays = days;
}

/** "Now" on the business calendar: the real time shifted by CLOCK_OFFSET_DAYS. */
export function businessNow(): Date {
  return new Date(Date.now() + clockOffsetDays * 86_400_000);
}

// Built once: constructing an Intl.DateTimeFormat costs about a millisecond, and every request reads the clock.
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' });

/** Today's calendar date in Vietnam ('YYYY-MM-DD'): deadlines are calendar days in Vietnam, wherever the server runs. */
export function todayInVietnam(now = businessNow()): string {
  return VIETNAM_DAY.format(now);
}

/** The business moment and its calendar date, read once and handed to pure policies. */
export type BusinessClock = { now: Date; today: string };

/** Reads the business clock once, so a decision and its message see the same moment. */
export function businessClock(): BusinessClock {
  const now = businessNow();
  return { now, today: todayInVietnam(now) };
}
