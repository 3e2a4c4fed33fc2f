import { z } from 'zod';

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

/**
 * The optimistic version check of an edit form: the record's `updatedAt` as the form loaded it
 * (ISO 8601). The server compares it to the millisecond (the database keeps microseconds) and
 * answers 409 when someone else saved in between.
 */
export const expectedUpdatedAtSchema = z.iso.datetime({
  offset: true,
  error: 'Thiếu hoặc sai thời điểm cập nhật của bản ghi (expectedUpdatedAt). Hãy tải lại trang.',
});
