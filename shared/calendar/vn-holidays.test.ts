import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../dates.ts';
import { isWeekend } from './working-days.ts';
import { BUILTIN_HOLIDAYS, getBuiltinYear } from './vn-holidays.ts';

// Verification only (not shipped): Hồ Ngọc Đức's Vietnamese lunar calendar algorithm, UTC+7
// (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html). It must reproduce the
// known years before it is trusted to check the table.
const INT = Math.floor;
function jdFromDate(dd: number, mm: number, yy: number) {
  const a = INT((14 - mm) / 12),
    y = yy + 4800 - a,
    m = mm + 12 * a - 3;
  let jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - INT(y / 100) + INT(y / 400) - 32045;
  if (jd < 2299161) jd = dd + INT((153 * m + 2) / 5) + 365 * y + INT(y / 4) - 32083;
  return jd;
}
function jdToDate(jd: number): string {
  let a, b, c;
  if (jd > 2299160) {
    a = jd + 32044;
    b = INT((4 * a + 3) / 146097);
    c = a - INT((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = INT((4 * c + 3) / 1461),
    e = c - INT((1461 * d) / 4),
    m = INT((5 * e + 2) / 153);
  const day = e - INT((153 * m + 2) / 5) + 1,
    month = m + 3 - 12 * INT(m / 10),
    year = b * 100 + d - 4800 + INT(m / 10);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
function newMoon(k: number, tz: number) {
  const T = k / 1236.85,
    T2 = T * T,
    T3 = T2 * T,
    dr = Math.PI / 180;
  let Jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  Jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let C1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  C1 = C1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  C1 = C1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  C1 = C1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  C1 = C1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  C1 = C1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  C1 = C1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return INT(Jd1 + C1 - deltat + 0.5 + tz / 24);
}
function sunLong(jdn: number, tz: number) {
  const T = (jdn - 2451545.5 - tz / 24) / 36525,
    T2 = T * T,
    dr = Math.PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL = DL + (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L = L - Math.PI * 2 * INT(L / (Math.PI * 2));
  return INT((L / Math.PI) * 6);
}
function month11(yy: number, tz: number) {
  const off = jdFromDate(31, 12, yy) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoon(k, tz);
  if (sunLong(nm, tz) >= 9) nm = newMoon(k - 1, tz);
  return nm;
}
function leapOffset(a11: number, tz: number) {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number,
    i = 1,
    arc = sunLong(newMoon(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunLong(newMoon(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}
/** Solar date of lunar day/month (non-leap month) of lunar year, Vietnam time (UTC+7). */
function lunarToSolar(day: number, month: number, year: number, tz = 7): string {
  let a11, b11;
  if (month < 11) {
    a11 = month11(year - 1, tz);
    b11 = month11(year, tz);
  } else {
    a11 = month11(year, tz);
    b11 = month11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const lo = leapOffset(a11, tz);
    if (off >= lo) off += 1;
  }
  return jdToDate(newMoon(k + off, tz) + day - 1);
}

describe('lunar calendar check', () => {
  it('reproduces known Tết and Giỗ Tổ dates', () => {
    expect(lunarToSolar(1, 1, 2020)).toBe('2020-01-25');
    expect(lunarToSolar(1, 1, 2024)).toBe('2024-02-10');
    expect(lunarToSolar(1, 1, 2025)).toBe('2025-01-29');
    expect(lunarToSolar(1, 1, 2026)).toBe('2026-02-17');
    expect(lunarToSolar(10, 3, 2024)).toBe('2024-04-18');
    expect(lunarToSolar(10, 3, 2025)).toBe('2025-04-07');
  });
});

describe('built-in holidays 2021–2030', () => {
  it('covers every year once, in order', () => {
    expect(BUILTIN_HOLIDAYS.map((y) => y.year)).toEqual([
      2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030,
    ]);
    expect(getBuiltinYear(2031)).toBeUndefined();
  });

  for (const y of BUILTIN_HOLIDAYS) {
    describe(String(y.year), () => {
      it('has Tết and Giỗ Tổ on the lunar dates', () => {
        expect(y.tet).toBe(lunarToSolar(1, 1, y.year));
        expect(y.gioTo).toBe(lunarToSolar(10, 3, y.year));
      });

      it('lists valid, unique dates of its own year: weekday holidays and weekend make-up days', () => {
        const days = y.days.map((d) => d.day);
        expect(new Set(days).size).toBe(days.length);
        for (const d of y.days) {
          expect(isIsoDate(d.day)).toBe(true);
          expect(d.day.startsWith(`${y.year}-`)).toBe(true);
          expect(isWeekend(d.day)).toBe(d.kind === 'working_day');
          expect(d.name.length).toBeGreaterThan(3);
        }
      });

      it('gives the 11 statutory days (BLLĐ 2019 Điều 112), plus one holiday per make-up day', () => {
        const holidays = y.days.filter((d) => d.kind === 'holiday').length;
        const makeUp = y.days.filter((d) => d.kind === 'working_day').length;
        expect(holidays - makeUp).toBe(11);
      });

      it('takes off 1/1, 30/4, 1/5 and 2/9 when they fall on a weekday, and Giỗ Tổ', () => {
        const off = new Set(y.days.filter((d) => d.kind === 'holiday').map((d) => d.day));
        for (const md of ['01-01', '04-30', '05-01', '09-02']) {
          const day = `${y.year}-${md}`;
          if (!isWeekend(day)) expect(off.has(day), day).toBe(true);
        }
        if (!isWeekend(y.gioTo)) expect(off.has(y.gioTo)).toBe(true);
        if (!isWeekend(y.tet)) expect(off.has(y.tet)).toBe(true);
      });
    });
  }
});
