/**
 * Calendar dates written 'YYYY-MM-DD', read as days with no time zone: validation and arithmetic
 * on UTC day numbers (no daylight or offset shifts). Display is in shared/format/vi.ts.
 */
import { z } from 'zod';

export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date written YYYY-MM-DD ("2023-02-30" is not one), checked without building a Date. */
export function isIsoDate(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

/** The one schema for a calendar date in a body or query: 'YYYY-MM-DD', and a date that exists. */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { error: 'Ngày không hợp lệ: cần một ngày có thật, dạng YYYY-MM-DD' });

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (throws on a malformed date: callers validate input first). */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`Ngày không hợp lệ: ${date}`);
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  );
}

export function fromDayNumber(n: number): IsoDate {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `n` calendar days after (or before, when negative) `date`. */
export function addDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Whole calendar days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}
/**
 * The optimistic version check of an edit form: the record's `updatedAt` as the form loaded it
 * (ISO 8601). The server compares it to the millisecond (the database keeps microseconds) and
 * answers 409 when someone else saved in between.
 */
export const expectedUpdatedAtSchema = z.iso.datetime({
  offset: true,
  error: 'Thiếu hoặc sai thời điểm cập nhật của bản ghi (expectedUpdatedAt). Hãy tải lại trang.',
});
