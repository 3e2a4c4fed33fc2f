/**
 * Overdue tasks and reminders (issue #14 item 5, ADR 0013 "Overdue and reminders"): the daily job
 * marks open tasks overdue once their deadline has passed on the business calendar, and each unit's
 * "Việc cần làm" lists its tasks due within 7 working days and those overdue.
 */
import type { Kysely } from 'kysely';
import { scopePaths } from '@shared/access/actor.ts';
import { ROLES, roleHasPermission } from '@shared/access/roles.ts';
import { formatDate } from '@shared/format/vi.ts';
import { addWorkingDays, nextWorkingDayOnOrAfter } from '@shared/calendar/working-days.ts';
import { addDays } from '@shared/dates.ts';
import type { z } from 'zod';
import type { dueTasksResponse } from '@shared/plans/plans.contract.ts';
import type { Database } from '@server/db/schema.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import type { Mailer } from '@server/platform/mail/mailer.ts';
import { loadWorkingCalendar } from '@server/features/calendar/calendar.service.ts';
import {
  claimReminderMails,
  findDueTasks,
  findLateCandidates,
  findReminderRecipients,
  markTasksOverdue,
  releaseReminderMail,
} from './plans.repo.ts';

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
  return {
    items: await dueItems(ctx.app.db, scopePaths(ctx.actor, 'registers.edit'), businessClock().today),
  };
}

type DueItem = z.input<typeof dueTasksResponse>['items'][number];

/** Open tasks of these units (or all units) due within 7 working days of `today`, or overdue. */
async function dueItems(
  db: Kysely<Database>,
  unitPaths: string[] | 'all',
  today: string,
): Promise<DueItem[]> {
  const rows = await findDueTasks(db, unitPaths, addDays(today, DUE_SOON_WINDOW_DAYS));
  if (!rows.length) return [];
  const from = rows.reduce((min, r) => (r.due_on! < min ? r.due_on! : min), today);
  const calendar = await loadWorkingCalendar(db, from, addDays(today, DUE_SOON_WINDOW_DAYS * 2));
  const until = addWorkingDays(today, DUE_SOON_WORKING_DAYS, calendar);
  return rows
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
}

/** Roles that keep plans and so receive their units' reminders. */
const REMINDED_ROLES = ROLES.filter((role) => roleHasPermission(role, 'registers.edit'));

/**
 * E-mails each account that keeps plans for a unit (a role with registers.edit granted on that very
 * unit, active, with an address) the unit's tasks due within 7 working days and those overdue, at
 * most once a day: today's mail is claimed with an audit row before sending, and a mail that fails is
 * given back and the run fails so that the job's retry sends it. Returns how many were mailed.
 */
export async function mailTaskReminders(
  db: Kysely<Database>,
  mailer: Mailer,
  today: string,
): Promise<number> {
  const items = await dueItems(db, 'all', today);
  if (!items.length) return 0;
  const byUnit = groupBy(items, (i) => i.unit.id);
  const recipients = await findReminderRecipients(db, [...byUnit.keys()], REMINDED_ROLES);
  const letters = [...groupBy(recipients, (r) => r.id).values()].map((grants) => ({
    user: grants[0]!,
    tasks: [...new Set(grants.map((g) => g.unit_id))].flatMap((unitId) => byUnit.get(unitId) ?? []),
  }));
  const claimed = new Set(
    await db.transaction().execute(async (trx) => {
      const ids = await claimReminderMails(
        trx,
        letters.map((l) => ({ userId: l.user.id, tasks: l.tasks.length })),
        today,
      );
      if (ids.length)
        await writeAudit(trx, {
          action: 'plan-task.reminders-mailed',
          objectType: 'plan_reminders',
          objectId: null,
          unitId: null,
          actor: null,
          actorLabel: 'Hệ thống (nhắc việc hằng ngày)',
          diff: {
            today,
            recipients: letters
              .filter((l) => ids.includes(l.user.id))
              .map((l) => ({ username: l.user.username, tasks: l.tasks.length })),
          },
        });
      return ids;
    }),
  );
  const failed: string[] = [];
  for (const letter of letters.filter((l) => claimed.has(l.user.id))) {
    try {
      await mailer.send({ to: letter.user.email!, ...reminderMail(letter.user.full_name, letter.tasks) });
    } catch {
      failed.push(letter.user.username);
      await releaseReminderMail(db, letter.user.id, today);
    }
  }
  if (failed.length) throw new Error(`Không gửi được thư nhắc việc cho: ${failed.join(', ')}`);
  return claimed.size;
}

/** The reminder's subject and plain-text body, in Vietnamese. */
export function reminderMail(fullName: string, tasks: DueItem[]): { subject: string; text: string } {
  const overdue = tasks.filter((t) => t.isOverdue).length;
  const subject =
    `Nhắc việc: ${tasks.length} nhiệm vụ kế hoạch đến hạn` +
    (overdue ? ` (${overdue} nhiệm vụ quá hạn)` : '');
  const lines = tasks.map(
    (t) =>
      `- ${t.isOverdue ? '[Quá hạn] ' : ''}${t.code}. ${t.title} — hạn ${formatDate(t.deadline)}` +
      ` (${t.planTitle}; ${t.unit.name})`,
  );
  const text = [
    `Kính gửi ${fullName},`,
    '',
    `Các nhiệm vụ sau đến hạn trong ${DUE_SOON_WORKING_DAYS} ngày làm việc tới hoặc đã quá hạn:`,
    '',
    ...lines,
    '',
    'Vui lòng cập nhật tiến độ, kết quả thực hiện tại mục "Việc cần làm" của phần mềm đánh giá.',
    'Thư này được gửi tự động, xin không trả lời.',
  ].join('\n');
  return { subject, text };
}

/** Map.groupBy, which Node 20 lacks. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
