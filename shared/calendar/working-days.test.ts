import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  countWorkingDays,
  dayOfWeek,
  describeDeadline,
  EMPTY_CALENDAR,
  explainWorkingDays,
  isWorkingDay,
  makeCalendar,
  type WorkingCalendar,
} from './working-days.ts';
import { addDays, fromDayNumber, isIsoDate, toDayNumber } from '../dates.ts';
import { BUILTIN_HOLIDAYS } from './vn-holidays.ts';

const VN = makeCalendar(BUILTIN_HOLIDAYS.flatMap((y) => y.days));

describe('dates', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-5')).toBe(false);
    expect(isIsoDate('05/01/2026')).toBe(false);
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
  });

  it('knows the day of the week', () => {
    expect(dayOfWeek('2026-01-05')).toBe(1); // Monday
    expect(dayOfWeek('2026-02-17')).toBe(2); // Tuesday, mùng 1 Tết Bính Ngọ
    expect(dayOfWeek('1970-01-01')).toBe(4);
    expect(dayOfWeek('1969-12-28')).toBe(0);
  });

  it('round-trips day numbers across month and year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(fromDayNumber(toDayNumber('2030-09-02'))).toBe('2030-09-02');
  });
});

describe('working days', () => {
  it('treats weekends as days off and make-up Saturdays as working days', () => {
    expect(isWorkingDay('2026-01-09', VN)).toBe(true); // Friday
    expect(isWorkingDay('2026-01-10', VN)).toBe(true); // Saturday, làm bù
    expect(isWorkingDay('2026-01-17', VN)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-01-02', VN)).toBe(false); // Friday off in exchange
    expect(isWorkingDay('2026-02-18', VN)).toBe(false); // mùng 2 Tết
  });

  it('counts from the day after the event (BLDS 2015 Điều 147)', () => {
    // Monday + 1 working day = Tuesday.
    expect(addWorkingDays('2026-03-02', 1, EMPTY_CALENDAR)).toBe('2026-03-03');
    // Friday + 1 = Monday; an event on a Saturday: the first working day is Monday.
    expect(addWorkingDays('2026-03-06', 1, EMPTY_CALENDAR)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-07', 1, EMPTY_CALENDAR)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-02', 0, EMPTY_CALENDAR)).toBe('2026-03-02');
  });

  it('skips Tết 2026 and counts the make-up Saturday of January 2026', () => {
    // 3 working days from Friday 13/02/2026: Tết break 14/02–22/02, so Mon 23, Tue 24, Wed 25.
    expect(addWorkingDays('2026-02-13', 3, VN)).toBe('2026-02-25');
    // 15 working days from Monday 05/01/2026, counting Saturday 10/01 (làm bù).
    expect(addWorkingDays('2026-01-05', 15, VN)).toBe('2026-01-23');
    expect(addWorkingDays('2026-01-05', 15, EMPTY_CALENDAR)).toBe('2026-01-26');
  });

  it('explains what a period skipped', () => {
    const b = explainWorkingDays('2026-02-13', 3, VN);
    expect(b).toEqual({
      deadline: '2026-02-25',
      weekendDays: 4,
      holidays: ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
      compensatingWorkingDays: [],
    });
    expect(describeDeadline('2026-02-13', 3, b)).toBe(
      '3 ngày làm việc kể từ 13/02/2026 (bỏ qua thứ Bảy, Chủ nhật và 5 ngày nghỉ lễ) → 25/02/2026',
    );
    expect(describeDeadline('2026-01-05', 15, explainWorkingDays('2026-01-05', 15, VN))).toBe(
      '15 ngày làm việc kể từ 05/01/2026 (bỏ qua thứ Bảy, Chủ nhật; tính ngày làm bù 10/01/2026) → 23/01/2026',
    );
    expect(describeDeadline('2026-03-02', 2, explainWorkingDays('2026-03-02', 2, VN))).toBe(
      '2 ngày làm việc kể từ 02/03/2026 → 04/03/2026',
    );
  });

  it('moves a plain-day period ending on a day off to the next working day (Điều 148)', () => {
    // 5 days from Monday 09/02/2026 ends Saturday 14/02, inside Tết: the next working day is 23/02.
    expect(addCalendarDays('2026-02-09', 5, VN)).toBe('2026-02-23');
    expect(addCalendarDays('2026-03-02', 5, VN)).toBe('2026-03-09');
    expect(addCalendarDays('2026-03-02', 3, VN)).toBe('2026-03-05');
  });

  it('counts working days in (from, to], negative backwards', () => {
    expect(countWorkingDays('2026-03-02', '2026-03-02', VN)).toBe(0);
    expect(countWorkingDays('2026-03-02', '2026-03-09', VN)).toBe(5);
    expect(countWorkingDays('2026-03-09', '2026-03-02', VN)).toBe(-5);
  });

  it('rejects negative and fractional counts', () => {
    expect(() => addWorkingDays('2026-03-02', -1, VN)).toThrow(RangeError);
    expect(() => addWorkingDays('2026-03-02', 1.5, VN)).toThrow(RangeError);
  });
});

describe('properties', () => {
  const date = fc
    .integer({ min: toDayNumber('2020-01-01'), max: toDayNumber('2031-12-31') })
    .map(fromDayNumber);
  const randomCalendar: fc.Arbitrary<WorkingCalendar> = fc
    .array(fc.record({ day: date, kind: fc.constantFrom('holiday' as const, 'working_day' as const) }), {
      maxLength: 60,
    })
    .map(makeCalendar);
  const calendar = fc.oneof(fc.constant(VN), fc.constant(EMPTY_CALENDAR), randomCalendar);
  const n = fc.integer({ min: 1, max: 120 });

  it('always lands on a working day after the start', () => {
    fc.assert(
      fc.property(date, n, calendar, (d, k, cal) => {
        const deadline = addWorkingDays(d, k, cal);
        expect(isWorkingDay(deadline, cal)).toBe(true);
        expect(deadline > d).toBe(true);
      }),
    );
  });

  it('is inverted by countWorkingDays', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 120 }), calendar, (d, k, cal) => {
        expect(countWorkingDays(d, addWorkingDays(d, k, cal), cal)).toBe(k);
      }),
    );
  });

  it('is additive: n + m working days = m working days after the n-th', () => {
    fc.assert(
      fc.property(date, n, n, calendar, (d, a, b, cal) => {
        expect(addWorkingDays(d, a + b, cal)).toBe(addWorkingDays(addWorkingDays(d, a, cal), b, cal));
      }),
    );
  });

  it('never takes fewer calendar days than working days, and more days off only push it later', () => {
    fc.assert(
      fc.property(date, n, (d, k) => {
        const plain = addWorkingDays(d, k, EMPTY_CALENDAR);
        const withHolidays = addWorkingDays(
          d,
          k,
          makeCalendar(BUILTIN_HOLIDAYS.flatMap((y) => y.days.filter((x) => x.kind === 'holiday'))),
        );
        expect(toDayNumber(plain) - toDayNumber(d)).toBeGreaterThanOrEqual(k);
        expect(withHolidays >= plain).toBe(true);
      }),
    );
  });

  it('accounts for every day of the period in its explanation', () => {
    fc.assert(
      fc.property(date, n, calendar, (d, k, cal) => {
        const b = explainWorkingDays(d, k, cal);
        const span = toDayNumber(b.deadline) - toDayNumber(d);
        expect(span).toBe(k + b.weekendDays + b.holidays.length);
      }),
    );
  });

  it('ends a plain-day period on a working day no earlier than day n', () => {
    fc.assert(
      fc.property(date, n, calendar, (d, k, cal) => {
        const end = addCalendarDays(d, k, cal);
        expect(isWorkingDay(end, cal)).toBe(true);
        expect(end >= addDays(d, k)).toBe(true);
      }),
    );
  });
});
