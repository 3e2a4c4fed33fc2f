import type { Generated } from 'kysely';
import type { HolidayKind } from '@shared/calendar/vn-holidays.ts';

/** One day of the working-day calendar (migration 20261122_1600_create_holidays.sql). */
export interface HolidaysTable {
  id: Generated<string>;
  /** 'YYYY-MM-DD' (the date parser keeps calendar days as strings on both engines). */
  day: string;
  name: string;
  kind: HolidayKind;
  source: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CalendarTables {
  holidays: HolidaysTable;
}
