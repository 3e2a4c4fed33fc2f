/**
 * Working days for legal deadlines. Pure: dates are 'YYYY-MM-DD' strings read as calendar days,
 * with no time zone (arithmetic is done on UTC day numbers, so no daylight or offset shifts).
 *
 * A day is a working day unless it is a Saturday or Sunday (the public sector works Monday to
 * Friday) or a holiday in the calendar; a compensating working day ("làm bù", usually a Saturday
 * traded for a weekday off) is a working day even on a weekend.
 *
 * Counting rule — Bộ luật Dân sự 2015, Điều 146–148 (and Điều 144: the parties or the law may fix
 * the counting): a period counted in days starts on the day after the event (Điều 147.1: "ngày
 * tiếp theo của ngày xảy ra sự kiện"), and when its last day is a weekly day off or a public
 * holiday it ends at the end of the next working day (Điều 148.2). For a period stated in
 * working days ("ngày làm việc") we count only working days, starting the day after the event:
 * the n-th working day after the event is the deadline — always a working day, so Điều 148's
 * shift never applies. `addCalendarDays` covers periods stated in plain days (e.g. "niêm yết
 * 05 ngày"), where the shift does apply.
 */

import { addDays, fromDayNumber, toDayNumber, type IsoDate } from '../dates.ts';
import { formatDate } from '../format/vi.ts';

/** The holidays and the compensating working days of one or more years. */
export type WorkingCalendar = {
  /** Days off on top of Saturdays and Sundays (public holidays, compensating days off). */
  readonly holidays: ReadonlySet<IsoDate>;
  /** Weekend days that are working days (make-up Saturdays, "làm bù"). */
  readonly workingDays: ReadonlySet<IsoDate>;
};

export const EMPTY_CALENDAR: WorkingCalendar = { holidays: new Set(), workingDays: new Set() };

/** Builds a calendar from rows such as the `holidays` table. */
export function makeCalendar(
  entries: Iterable<{ day: IsoDate; kind: 'holiday' | 'working_day' }>,
): WorkingCalendar {
  const holidays = new Set<IsoDate>();
  const workingDays = new Set<IsoDate>();
  for (const e of entries) (e.kind === 'holiday' ? holidays : workingDays).add(e.day);
  return { holidays, workingDays };
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: IsoDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

/** Monday–Friday unless a holiday; a weekend day only when listed as a compensating working day. */
export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  if (calendar.workingDays.has(date)) return true;
  return !isWeekend(date);
}

/** The first working day on or after `date`. */
export function nextWorkingDayOnOrAfter(date: IsoDate, calendar: WorkingCalendar): IsoDate {
  let day = toDayNumber(date);
  while (!isWorkingDay(fromDayNumber(day), calendar)) day++;
  return fromDayNumber(day);
}

/**
 * The deadline of a period of `n` working days counted from the event on `start`: the n-th
 * working day after `start` (the event day itself is not counted, BLDS 2015 Điều 147.1).
 * n = 0 returns `start` unchanged. n must be a non-negative integer.
 */
export function addWorkingDays(start: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  assertCount(n);
  let day = toDayNumber(start);
  let left = n;
  while (left > 0) {
    day++;
    if (isWorkingDay(fromDayNumber(day), calendar)) left--;
  }
  return fromDayNumber(day);
}

/**
 * The number of working days after `from` up to and including `to` — the inverse of
 * addWorkingDays: countWorkingDays(d, addWorkingDays(d, n)) = n. Negative when `to` is before `from`.
 */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkingCalendar): number {
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  if (b < a) return -countWorkingDays(to, from, calendar);
  let count = 0;
  for (let day = a + 1; day <= b; day++) if (isWorkingDay(fromDayNumber(day), calendar)) count++;
  return count;
}

/**
 * The deadline of a period of `n` plain days (BLDS 2015 Điều 147–148): day n after `start`, moved
 * to the next working day when it falls on a weekend or a holiday.
 */
export function addCalendarDays(start: IsoDate, n: number, calendar: WorkingCalendar): IsoDate {
  assertCount(n);
  return nextWorkingDayOnOrAfter(addDays(start, n), calendar);
}

/** What a working-day period skipped: the days in (start, deadline] that were not counted. */
export type DeadlineBreakdown = {
  deadline: IsoDate;
  /** Saturdays and Sundays skipped (not counting holidays that fall on them). */
  weekendDays: number;
  /** Weekday holidays skipped. */
  holidays: IsoDate[];
  /** Compensating working days (weekend days) that were counted. */
  compensatingWorkingDays: IsoDate[];
};

/** addWorkingDays with what it skipped, for explanations. */
export function explainWorkingDays(start: IsoDate, n: number, calendar: WorkingCalendar): DeadlineBreakdown {
  const deadline = addWorkingDays(start, n, calendar);
  const result: DeadlineBreakdown = { deadline, weekendDays: 0, holidays: [], compensatingWorkingDays: [] };
  for (let day = toDayNumber(start) + 1; day <= toDayNumber(deadline); day++) {
    const date = fromDayNumber(day);
    if (calendar.holidays.has(date)) {
      if (isWeekend(date)) result.weekendDays++;
      else result.holidays.push(date);
    } else if (isWeekend(date)) {
      if (calendar.workingDays.has(date)) result.compensatingWorkingDays.push(date);
      else result.weekendDays++;
    }
  }
  return result;
}

function assertCount(n: number) {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Số ngày phải là số nguyên không âm: ${n}`);
}

/**
 * "15 ngày làm việc kể từ 05/01/2026 (bỏ qua thứ Bảy, Chủ nhật và 1 ngày nghỉ lễ) → 26/01/2026",
 * naming compensating Saturdays when the period counted one.
 */
export function describeDeadline(start: IsoDate, n: number, breakdown: DeadlineBreakdown): string {
  const skipped: string[] = [];
  if (breakdown.weekendDays > 0) skipped.push('thứ Bảy, Chủ nhật');
  if (breakdown.holidays.length > 0) skipped.push(`${breakdown.holidays.length} ngày nghỉ lễ`);
  const notes: string[] = [];
  if (skipped.length > 0) notes.push(`bỏ qua ${skipped.join(' và ')}`);
  if (breakdown.compensatingWorkingDays.length > 0) {
    notes.push(`tính ngày làm bù ${breakdown.compensatingWorkingDays.map(formatDate).join(', ')}`);
  }
  const note = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return `${n} ngày làm việc kể từ ${formatDate(start)}${note} → ${formatDate(breakdown.deadline)}`;
}
