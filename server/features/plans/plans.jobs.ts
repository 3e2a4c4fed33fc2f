/**
 * `plans.mark-overdue`: the daily run that marks overdue tasks and, when SMTP is configured, e-mails
 * the reminders (plans.reminders.service.ts). A
 * recurring job keeps one run queued: boot queues one if none waits (scheduleRecurringJobs in
 * server/jobs.ts), and each run queues the next for 00:05 Vietnam time the following night. A
 * server that was down runs the missed one as soon as its worker starts.
 */
import * as z from 'zod';
import { businessClock } from '@server/platform/clock/clock.ts';
import { defineJob, enqueueUnlessQueued } from '@server/platform/jobs/queue.ts';
import { mailTaskReminders, markOverdueTasks } from './plans.reminders.service.ts';

/** 00:05 in Vietnam (UTC+7, no daylight saving) after `now`. */
export function nextDailyRun(now: Date): Date {
  const next = new Date(now);
  next.setUTCHours(17, 5, 0, 0);
  if (next <= now) next.setUTCDate(next.getUTCDate() + 1);
  return next;
}

export const markOverdueJob = defineJob<Record<string, never>>({
  name: 'plans.mark-overdue',
  payload: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
  maxAttempts: 3,
  async handler(_payload, ctx) {
    const today = businessClock().today;
    const marked = await markOverdueTasks(ctx.db, today);
    // Tomorrow's run is queued before mailing, so a failed mail's retry does not lose the schedule.
    await enqueueUnlessQueued(ctx.db, markOverdueJob, {}, { runAt: nextDailyRun(new Date()) });
    const mailed = ctx.mailer ? await mailTaskReminders(ctx.db, ctx.mailer, today) : 0;
    return { marked, mailed };
  },
});
