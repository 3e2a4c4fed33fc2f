import { z } from 'zod';
import { expectedUpdatedAtSchema, isIsoDate } from '../dates.ts';
import { isWeekend } from './working-days.ts';

/** Years the calendar accepts. */
export const CALENDAR_YEARS = { min: 2000, max: 2100 } as const;
/** Longest period the deadline calculator accepts, in working days (about four years). */
export const MAX_DEADLINE_WORKING_DAYS = 1000;

export const isoDateSchema = z
  .string({ error: 'Vui lòng nhập ngày' })
  .trim()
  .refine(isIsoDate, 'Ngày không hợp lệ (định dạng YYYY-MM-DD, ví dụ 2026-01-05)');

export const calendarYearSchema = z.coerce
  .number({ error: 'Năm không hợp lệ' })
  .int('Năm không hợp lệ')
  .min(CALENDAR_YEARS.min, `Năm phải từ ${CALENDAR_YEARS.min} đến ${CALENDAR_YEARS.max}`)
  .max(CALENDAR_YEARS.max, `Năm phải từ ${CALENDAR_YEARS.min} đến ${CALENDAR_YEARS.max}`);

const holidayFields = z.object({
  day: isoDateSchema,
  name: z.string().trim().min(2, 'Vui lòng nhập tên ngày nghỉ').max(200, 'Tên tối đa 200 ký tự'),
  kind: z.enum(['holiday', 'working_day'], { error: 'Loại ngày không hợp lệ' }),
  source: z.string().trim().max(500, 'Căn cứ tối đa 500 ký tự').default(''),
});

function makeUpDayOnWeekend(value: { day: string; kind: string }, ctx: z.RefinementCtx) {
  if (value.kind === 'working_day' && isIsoDate(value.day) && !isWeekend(value.day)) {
    ctx.addIssue({
      code: 'custom',
      path: ['day'],
      message: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật',
    });
  }
}

/** A day of the calendar, as the form sends it and the API accepts it. */
export const holidayInput = holidayFields.superRefine(makeUpDayOnWeekend);
export type HolidayInput = z.output<typeof holidayInput>;

/** An edit of a day: the same fields and the `updatedAt` the form loaded (optimistic check). */
export const holidayUpdateInput = holidayFields
  .extend({ expectedUpdatedAt: expectedUpdatedAtSchema })
  .superRefine(makeUpDayOnWeekend);
export type HolidayUpdateInput = z.output<typeof holidayUpdateInput>;

export const deadlineQuery = z.object({
  from: isoDateSchema,
  workingDays: z.coerce
    .number({ error: 'Số ngày làm việc không hợp lệ' })
    .int('Số ngày làm việc phải là số nguyên')
    .min(1, 'Số ngày làm việc phải từ 1 trở lên')
    .max(MAX_DEADLINE_WORKING_DAYS, `Số ngày làm việc tối đa ${MAX_DEADLINE_WORKING_DAYS}`),
});

/** Responses of /api/calendar (server/features/calendar/calendar.routes.ts). */
export const holidayResponse = z.object({
  id: z.string(),
  day: z.string(),
  name: z.string(),
  kind: z.enum(['holiday', 'working_day']),
  source: z.string(),
  /** ISO 8601; sent back as `expectedUpdatedAt` when the day is edited. */
  updatedAt: z.string(),
});
export type HolidayDto = z.output<typeof holidayResponse>;

export const calendarYearResponse = z.object({
  year: z.number(),
  days: z.array(holidayResponse),
  /** Whether any day of this year is in the database (else only weekends count as days off). */
  loaded: z.boolean(),
  builtin: z.object({
    available: z.boolean(),
    status: z.enum(['announced', 'provisional']).nullable(),
    source: z.string().nullable(),
    missing: z.number(),
  }),
  abilities: z.object({ canManage: z.boolean() }),
});
export type CalendarYearDto = z.output<typeof calendarYearResponse>;

export const deadlineResponse = z.object({
  from: z.string(),
  workingDays: z.number(),
  deadline: z.string(),
  explanation: z.string(),
  holidays: z.array(z.string()),
  compensatingWorkingDays: z.array(z.string()),
  /** Years in the period whose calendar was never loaded: only weekends were skipped there. */
  unloadedYears: z.array(z.number()),
});
export type DeadlineDto = z.output<typeof deadlineResponse>;
