/**
 * Overdue tasks and reminders (issue #14 item 5, ADR 0013 "Overdue and reminders"): the daily job
 * marks open tasks overdue once their deadline has passed on the business calendar, and each unit's
 * "Việc cần làm" lists its tasks due within 7 working days and those overdue.
 */
import type { Kysely } from 'kysely';
import { scopePaths } from '@shared/access/actor.ts';
import { addWorkingDays, nextWorkingDayOnOrAfter } from '@shared/calendar/working-days.ts';
import { addDays } from '@shared/dates.ts';
import type { z } from 'zod';
import type { dueTasksResponse } from '@shared/plans/plans.contract.ts';
import type { Database } from '@server/db/schema.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { loadWorkingCalendar } from '@server/features/calendar/calendar.service.ts';
import { findDueTasks, findLateCandidates, markTasksOverdue } from './plans.repo.ts';

/** Working days ahead that a task shows in "Việc cần làm". */
export const DUE_SOON_WORKING_DAYS = 7;
/** Calendar days that always hold 7 working days (weekends plus the longest Tết break). */
const DUE_SOON_WINDOW_DAYS = 30;

/**
 * Marks overdue the open tasks of issued plans whose deadline has passed: the due date, or the next
 * working day when it falls on a weekend or holiday (Bộ luật Dân sự 2015 Điều 148), is before
 * `today`. One audit row per plan, in the same transaction. Idempotent: returns how many changed.
 */
export async function markOverdueTasks(db: Kysely<Database>, today: string): Promise<number> {
  const candidates = await findLateCandidates(db, today);
  if (!candidates.length) return 0;
  const from = candidates.reduce((min, c) => (c.due_on! < min ? c.due_on! : min), today);
  const calendar = await loadWorkingCalendar(db, from, addDays(today, DUE_SOON_WINDOW_DAYS));
  const late = candidates
    .map((c) => ({ ...c, deadline: nextWorkingDayOnOrAfter(c.due_on!, calendar) }))
    .filter((c) => c.deadline < today);
  if (!late.length) return 0;
  return db.transaction().execute(async (trx) => {
    const changed = new Set(
      await markTasksOverdue(
        trx,
        late.map((c) => c.id),
      ),
    );
    const byPlan = new Map<string, typeof late>();
    for (const c of late.filter((x) => changed.has(x.id)))
      byPlan.set(c.plan_id, [...(byPlan.get(c.plan_id) ?? []), c]);
    for (const [planId, tasks] of byPlan)
      await writeAudit(trx, {
        action: 'plan-task.overdue-marked',
        objectType: 'plan',
        objectId: planId,
        unitId: tasks[0]!.plan_unit_id,
        actor: null,
        actorLabel: 'Hệ thống (kiểm tra hạn hằng ngày)',
        diff: { today, tasks: tasks.map((t) => ({ task: t.code, dueOn: t.due_on, deadline: t.deadline })) },
      });
    return changed.size;
  });
}

/**
 * The actor's units' plan tasks (assigned to the unit, or the unit's own plan's tasks given to no
 * one) due within 7 working days, and those overdue; for those who keep plans (registers.edit).
 */
export async function findDueTasksOfActor(ctx: SignedInContext): Promise<z.input<typeof dueTasksResponse>> {
  const today = businessClock().today;
  const rows = await findDueTasks(
    ctx.app.db,
    scopePaths(ctx.actor, 'registers.edit'),
    addDays(today, DUE_SOON_WINDOW_DAYS),
  );
  if (!rows.length) return { items: [] };
  const from = rows.reduce((min, r) => (r.due_on! < min ? r.due_on! : min), today);
  const calendar = await loadWorkingCalendar(ctx.app.db, from, addDays(today, DUE_SOON_WINDOW_DAYS * 2));
  const until = addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
  const items = rows
    .map((r) => {
      const deadline = nextWorkingDayOnOrAfter(r.due_on!, calendar);
      return {
        planId: r.plan_id,
        planTitle: r.plan_title,
        taskId: r.id,
        code: r.code,
        title: r.title,
        dueOn: r.due_on!,
        deadline,
        status: r.status,
        isOverdue: r.status === 'overdue' || deadline < today,
        unit: { id: r.unit_id, name: r.unit_name },
      };
    })
    .filter((i) => i.isOverdue || i.deadline <= until);
  return { items };
}
