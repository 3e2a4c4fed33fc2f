import type { HolidayDto } from '@shared/calendar/calendar.schemas.ts';
import type { HolidayRow } from './calendar.repo.ts';

/** The fields of a calendar day that leave the server. */
export function presentHoliday(row: HolidayRow): HolidayDto {
  return {
    id: row.id,
    day: row.day,
    name: row.name,
    kind: row.kind,
    source: row.source,
    updatedAt: row.updated_at.toISOString(),
  };
}
