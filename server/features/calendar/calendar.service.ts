import { can } from '@shared/access/actor.ts';
import type {
  CalendarYearDto,
  DeadlineDto,
  HolidayInput,
  HolidayUpdateInput,
} from '@shared/calendar/calendar.schemas.ts';
import { BUILTIN_HOLIDAYS, getBuiltinYear, type BuiltinYear } from '@shared/calendar/vn-holidays.ts';
import {
  describeDeadline,
  explainWorkingDays,
  makeCalendar,
  type WorkingCalendar,
} from '@shared/calendar/working-days.ts';
import { addDays, toDayNumber } from '@shared/dates.ts';
import { formatDate } from '@shared/format/vi.ts';
import type { Db } from '@server/db/client.ts';
import type { Executor } from '@server/db/executor.ts';
import { diffRecords, writeAudit } from '@server/platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { presentHoliday } from './calendar.presenter.ts';
import {
  deleteHoliday as deleteHolidayRow,
  findHolidayByDay,
  findHolidayById,
  findHolidaysBetween,
  findLoadedYears,
  insertHoliday,
  isCalendarEmpty,
  updateHolidayIfUnchanged,
  type HolidayRow,
  type HolidayValues,
} from './calendar.repo.ts';

const NOT_FOUND = 'Không tìm thấy ngày trong lịch.';
const CHANGED_MEANWHILE =
  'Ngày này trong lịch vừa được người khác sửa hoặc xoá. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.';

/** The days of one year, whether it was loaded, and what the built-in table offers for it. */
export async function getCalendarYear(ctx: SignedInContext, year: number): Promise<CalendarYearDto> {
  const rows = await findHolidaysBetween(ctx.app.db, `${year}-01-01`, `${year}-12-31`);
  const builtin = getBuiltinYear(year);
  const present = new Set(rows.map((r) => r.day));
  return {
    year,
    days: rows.map(presentHoliday),
    loaded: rows.length > 0,
    builtin: {
      available: builtin !== undefined,
      status: builtin?.status ?? null,
      source: builtin?.source ?? null,
      missing: builtin ? builtin.days.filter((d) => !present.has(d.day)).length : 0,
    },
    abilities: { canManage: can(ctx.actor, 'calendar.manage') },
  };
}

/**
 * "Nạp ngày nghỉ năm X": copies the built-in days of a year that are not yet in the calendar
 * (a day already present — perhaps corrected by the administrator — is kept as it is), with one
 * audit row listing what was added. Loading twice adds nothing the second time.
 */
export async function loadBuiltinYear(ctx: SignedInContext, year: number): Promise<CalendarYearDto> {
  const builtin = getBuiltinYear(year);
  if (!builtin) {
    throw new ValidationError(
      `Chưa có bảng ngày nghỉ dựng sẵn cho năm ${year}. Vui lòng nhập từng ngày theo thông báo lịch nghỉ của năm.`,
      [{ field: 'year', message: 'Không có bảng dựng sẵn cho năm này' }],
    );
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    const existing = new Set(
      (await findHolidaysBetween(trx, `${year}-01-01`, `${year}-12-31`)).map((r) => r.day),
    );
    const source = builtinSource(builtin);
    const added: HolidayRow[] = [];
    for (const d of builtin.days) {
      if (existing.has(d.day)) continue;
      added.push(await insertHoliday(trx, { day: d.day, name: d.name, kind: d.kind, source }));
    }
    if (added.length === 0) return;
    await writeAudit(trx, {
      action: 'calendar.builtin-loaded',
      objectType: 'calendar',
      objectId: year,
      diff: {
        days: { from: null, to: added.map((r) => ({ day: r.day, name: r.name, kind: r.kind })) },
        kept: [...existing].sort(),
        status: builtin.status,
      },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  return getCalendarYear(ctx, year);
}

/**
 * At the first start of an installation, loads every built-in year so that suggested deadlines skip
 * Tết and the other holidays from day one (the README promises it). Provisional years keep their
 * "tạm tính" source. Does nothing once the calendar has any day, so an administrator's edits stay.
 */
export async function loadBuiltinCalendarOnFirstStart(db: Db): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await isCalendarEmpty(trx))) return 0;
    let added = 0;
    for (const year of BUILTIN_HOLIDAYS) {
      for (const d of year.days) {
        await insertHoliday(trx, { day: d.day, name: d.name, kind: d.kind, source: builtinSource(year) });
        added++;
      }
    }
    await writeAudit(trx, {
      action: 'calendar.builtin-loaded',
      objectType: 'calendar',
      diff: {
        years: BUILTIN_HOLIDAYS.map((y) => ({ year: y.year, status: y.status, days: y.days.length })),
        firstStart: true,
      },
    });
    return added;
  });
}

function builtinSource(builtin: BuiltinYear): string {
  return builtin.status === 'announced'
    ? `Bảng dựng sẵn — ${builtin.source}`
    : `Bảng dựng sẵn (tạm tính, cần đối chiếu thông báo) — ${builtin.source}`;
}

/** Adds one day (holiday or make-up working day); a day already in the calendar is refused. */
export async function createHoliday(ctx: SignedInContext, input: HolidayInput) {
  await assertDayFree(ctx.app.db, input.day);
  const row = await withDuplicateCheck(input.day, () =>
    ctx.app.db.transaction().execute(async (trx) => {
      const created = await insertHoliday(trx, valuesOf(input));
      await writeAudit(trx, {
        action: 'holiday.created',
        objectType: 'holiday',
        objectId: created.id,
        diff: diffRecords(null, auditedFields(created)),
        actor: ctx.actor,
        ip: ctx.ip,
      });
      return created;
    }),
  );
  return presentHoliday(row);
}

/**
 * Edits a day if nobody saved it since the form loaded it (`expectedUpdatedAt`): of two
 * administrators editing the same day at once, the second gets 409 and nothing of theirs is written.
 */
export async function updateHoliday(ctx: SignedInContext, id: string, input: HolidayUpdateInput) {
  const before = await findHolidayById(ctx.app.db, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  const expected = new Date(input.expectedUpdatedAt);
  if (before.updated_at.getTime() !== expected.getTime()) throw changedMeanwhile();
  if (input.day !== before.day) await assertDayFree(ctx.app.db, input.day);
  const diff = diffRecords(auditedFields(before), valuesOf(input));
  if (Object.keys(diff).length === 0) return presentHoliday(before);
  const row = await withDuplicateCheck(input.day, () =>
    ctx.app.db.transaction().execute(async (trx) => {
      // Checked again in the write itself: another save may have committed since the read above.
      const updated = await updateHolidayIfUnchanged(trx, id, expected, valuesOf(input));
      if (!updated) throw changedMeanwhile();
      await writeAudit(trx, {
        action: 'holiday.updated',
        objectType: 'holiday',
        objectId: id,
        diff,
        actor: ctx.actor,
        ip: ctx.ip,
      });
      return updated;
    }),
  );
  return presentHoliday(row);
}

export async function deleteHoliday(ctx: SignedInContext, id: string): Promise<void> {
  const before = await findHolidayById(ctx.app.db, id);
  if (!before) throw new NotFoundError(NOT_FOUND);
  await ctx.app.db.transaction().execute(async (trx) => {
    await deleteHolidayRow(trx, id);
    await writeAudit(trx, {
      action: 'holiday.deleted',
      objectType: 'holiday',
      objectId: id,
      diff: diffRecords(auditedFields(before), null),
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
}

/** The working-day calendar (database rows) covering [from, to]. */
export async function loadWorkingCalendar(db: Executor, from: string, to: string): Promise<WorkingCalendar> {
  return makeCalendar(await findHolidaysBetween(db, from, to));
}

/**
 * The deadline of a period of `n` working days counted from the event on `from` (the day after
 * the event is day 1; BLDS 2015 Điều 147 — see shared/calendar/working-days.ts), with a
 * Vietnamese explanation. Used by the deadline API and by features that set legal deadlines.
 * Years of the period whose calendar was never loaded are named in `unloadedYears`: there only
 * weekends were skipped.
 */
export async function computeDeadline(db: Executor, from: string, n: number): Promise<DeadlineDto> {
  // Load a window wide enough for n working days; widen it in the rare case holidays exhaust it.
  let span = Math.ceil((n * 7) / 5) + 31;
  for (;;) {
    const windowEnd = addDays(from, span);
    const calendar = await loadWorkingCalendar(db, addDays(from, 1), windowEnd);
    const breakdown = explainWorkingDays(from, n, calendar);
    if (toDayNumber(breakdown.deadline) <= toDayNumber(windowEnd)) {
      const fromYear = Number(from.slice(0, 4));
      const toYear = Number(breakdown.deadline.slice(0, 4));
      const loaded = new Set(await findLoadedYears(db, fromYear, toYear));
      const unloadedYears: number[] = [];
      for (let y = fromYear; y <= toYear; y++) if (!loaded.has(y)) unloadedYears.push(y);
      return {
        from,
        workingDays: n,
        deadline: breakdown.deadline,
        explanation: describeDeadline(from, n, breakdown),
        holidays: breakdown.holidays,
        compensatingWorkingDays: breakdown.compensatingWorkingDays,
        unloadedYears,
      };
    }
    span *= 2;
  }
}

async function assertDayFree(db: Executor, day: string) {
  const taken = await findHolidayByDay(db, day);
  if (taken) throw duplicateDay(day, taken.name);
}

function changedMeanwhile() {
  return new ConflictError(CHANGED_MEANWHILE, { reason: 'changed' });
}

function duplicateDay(day: string, name?: string) {
  return new ConflictError(
    `Ngày ${formatDate(day)} đã có trong lịch${name ? ` (${name})` : ''}. Vui lòng sửa ngày đó thay vì thêm mới.`,
    { problems: [{ field: 'day', message: 'Ngày này đã có trong lịch' }] },
  );
}

/** Two administrators adding the same day at once: the unique constraint answers the second. */
async function withDuplicateCheck<T>(day: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw duplicateDay(day);
    throw error;
  }
}

function valuesOf(input: HolidayInput | HolidayUpdateInput): HolidayValues {
  return { day: input.day, name: input.name, kind: input.kind, source: input.source };
}

function auditedFields(row: HolidayValues): HolidayValues {
  return { day: row.day, name: row.name, kind: row.kind, source: row.source };
}
