import { sql } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import type { HolidayKind } from '@shared/calendar/vn-holidays.ts';

/** The calendar is national (not unit-scoped): every signed-in user reads the same days. */
export type HolidayRow = {
  id: string;
  day: string;
  name: string;
  kind: HolidayKind;
  source: string;
  created_at: Date;
  updated_at: Date;
};

export type HolidayValues = { day: string; name: string; kind: HolidayKind; source: string };

/** Days of the calendar in [from, to], by date. */
export async function findHolidaysBetween(db: Executor, from: string, to: string): Promise<HolidayRow[]> {
  return db
    .selectFrom('holidays')
    .selectAll()
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

export async function findHolidayById(db: Executor, id: string): Promise<HolidayRow | undefined> {
  return db.selectFrom('holidays').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findHolidayByDay(db: Executor, day: string): Promise<HolidayRow | undefined> {
  return db.selectFrom('holidays').selectAll().where('day', '=', day).executeTakeFirst();
}

/** The years in [fromYear, toYear] that have at least one day in the calendar. */
export async function findLoadedYears(db: Executor, fromYear: number, toYear: number): Promise<number[]> {
  const rows = await db
    .selectFrom('holidays')
    .select(sql<number>`extract(year from day)::int`.as('year'))
    .where('day', '>=', `${fromYear}-01-01`)
    .where('day', '<=', `${toYear}-12-31`)
    .groupBy(sql`extract(year from day)`)
    .execute();
  return rows.map((r) => Number(r.year)).sort((a, b) => a - b);
}

export async function insertHoliday(db: Executor, values: HolidayValues): Promise<HolidayRow> {
  return db.insertInto('holidays').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * Updates a day only if nobody saved it since the caller read it: `expectedUpdatedAt` is compared
 * to the millisecond (timestamptz keeps microseconds, a JavaScript Date milliseconds). Undefined
 * when the day changed or is gone. The new `updated_at` is at least 1 ms later than the old one,
 * so two saves in the same millisecond still differ.
 */
export async function updateHolidayIfUnchanged(
  db: Executor,
  id: string,
  expectedUpdatedAt: Date,
  values: HolidayValues,
): Promise<HolidayRow | undefined> {
  return db
    .updateTable('holidays')
    .set({ ...values, updated_at: sql<Date>`greatest(now(), updated_at + interval '1 millisecond')` })
    .where('id', '=', id)
    .where(sql`date_trunc('milliseconds', updated_at)`, '=', expectedUpdatedAt)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteHoliday(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('holidays').where('id', '=', id).execute();
}

/** True when the calendar has no day at all (a new installation). */
export async function isCalendarEmpty(db: Executor): Promise<boolean> {
  return !(await db.selectFrom('holidays').select('id').limit(1).executeTakeFirst());
}
