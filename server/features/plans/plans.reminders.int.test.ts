/**
 * Overdue tasks and reminders (issue #14 item 5): the daily job marks open tasks overdue on the
 * business calendar (a deadline on a holiday or a weekend moves to the next working day), with an
 * audit row per plan, and keeps its next run queued; each unit's "Việc cần làm" lists its tasks due
 * within 7 working days and those overdue, and no other unit's.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '@shared/calendar/working-days.ts';
import { addDays } from '@shared/dates.ts';
import { scheduleRecurringJobs } from '@server/jobs.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import type { JobContext } from '@server/platform/jobs/queue.ts';
import { createMailer, type Mailer } from '@server/platform/mail/mailer.ts';
import { loadWorkingCalendar } from '@server/features/calendar/calendar.service.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser, type TestUnit } from '@server/test/factories.ts';
import { markOverdueJob, nextDailyRun } from './plans.jobs.ts';
import { mailTaskReminders, markOverdueTasks } from './plans.reminders.service.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let officerA: TestClient;
let officerB: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  officerA = await make('commune_officer', 'communeA');
  officerB = await make('commune_officer', 'communeB');
  viewer = await make('viewer', 'province');
  // 30/04 (Thursday) and 01/05 (Friday) are holidays, then a weekend: deadlines move to Monday 04/05.
  for (const [day, name] of [
    ['2026-04-30', 'Ngày Giải phóng miền Nam'],
    ['2026-05-01', 'Ngày Quốc tế Lao động'],
  ] as const)
    await t.ctx.db
      .insertInto('holidays')
      .values({ day, name, kind: 'holiday' })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
});
afterAll(() => t?.close());

let counter = 0;
/** An issued (or draft) plan of `unit` with the given tasks, written directly. */
async function plan(
  unit: TestUnit,
  tasks: { code: string; dueOn?: string; status?: string; assignee?: TestUnit }[],
  status: 'issued' | 'draft' = 'issued',
) {
  const row = await t.ctx.db
    .insertInto('plans')
    .values({
      unit_id: unit.id,
      kind: 'implementation',
      year: 2026,
      title: `Kế hoạch ${++counter}`,
      issuing_body: 'Ủy ban nhân dân',
      status,
      number: status === 'issued' ? `${counter}/KH-UBND` : null,
      issued_on: status === 'issued' ? '2026-01-05' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: Record<string, string> = {};
  for (const [position, task] of tasks.entries()) {
    const inserted = await t.ctx.db
      .insertInto('plan_tasks')
      .values({
        plan_id: row.id,
        unit_id: unit.id,
        position,
        code: task.code,
        title: `Nhiệm vụ ${task.code} của kế hoạch ${counter}`,
        due_on: task.dueOn ?? null,
        status: (task.status ?? 'not_started') as never,
        completed_on: task.status === 'done' ? '2026-01-10' : null,
        assignee_unit_id: task.assignee?.id ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[task.code] = inserted.id;
  }
  return { id: row.id, ids };
}

const statusOf = async (id: string) =>
  (await t.ctx.db.selectFrom('plan_tasks').select('status').where('id', '=', id).executeTakeFirstOrThrow())
    .status;

type Item = {
  planId: string;
  taskId: string;
  code: string;
  title: string;
  deadline: string;
  isOverdue: boolean;
  unit: { id: string };
};
const dueOf = async (client: TestClient) => {
  const res = await client.request('GET', '/api/plans/tasks/due');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: Item[] }).items;
};

describe('markOverdueTasks (the daily job)', () => {
  let p: Awaited<ReturnType<typeof plan>>;
  let draft: Awaited<ReturnType<typeof plan>>;

  it('marks a task overdue the day after its deadline, a deadline on a holiday or weekend moving to Monday', async () => {
    p = await plan(units.communeA, [
      { code: '1', dueOn: '2026-04-29' }, // Wednesday, a working day
      { code: '2', dueOn: '2026-04-30' }, // holiday → Monday 04/05
      { code: '3', dueOn: '2026-05-02', status: 'in_progress' }, // Saturday → Monday 04/05
      { code: '4', dueOn: '2026-04-20', status: 'done' },
      { code: '5', dueOn: '2026-04-20', status: 'cancelled' },
      { code: '6', dueOn: '2026-04-20' }, // a heading of 6.a: not a task
      { code: '6.a' },
    ]);
    draft = await plan(units.communeA, [{ code: '1', dueOn: '2026-04-01' }], 'draft');

    expect(await markOverdueTasks(t.ctx.db, '2026-04-30')).toBe(1);
    expect(await statusOf(p.ids['1']!)).toBe('overdue');
    // On the deadline itself (Monday), not yet overdue.
    expect(await markOverdueTasks(t.ctx.db, '2026-05-04')).toBe(0);
    expect([await statusOf(p.ids['2']!), await statusOf(p.ids['3']!)]).toEqual([
      'not_started',
      'in_progress',
    ]);
    expect(await markOverdueTasks(t.ctx.db, '2026-05-05')).toBe(2);
    expect([await statusOf(p.ids['2']!), await statusOf(p.ids['3']!)]).toEqual(['overdue', 'overdue']);
    // Done, cancelled, headings and drafts are left alone; a second run changes nothing.
    expect(await statusOf(p.ids['4']!)).toBe('done');
    expect(await statusOf(p.ids['5']!)).toBe('cancelled');
    expect(await statusOf(p.ids['6']!)).toBe('not_started');
    expect(await statusOf(draft.ids['1']!)).toBe('not_started');
    expect(await markOverdueTasks(t.ctx.db, '2026-05-05')).toBe(0);
  });

  it('writes one audit row per plan and run, by the system, naming the tasks and their deadlines', async () => {
    const rows = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'actor_name', 'unit_id', 'diff'])
      .where('object_id', '=', p.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual(['plan-task.overdue-marked', 'plan-task.overdue-marked']);
    expect(rows[0]).toMatchObject({ actor_id: null, actor_name: 'Hệ thống (kiểm tra hạn hằng ngày)' });
    expect(rows[0]!.unit_id).toBe(units.communeA.id);
    expect(rows[1]!.diff).toEqual({
      today: '2026-05-05',
      tasks: [
        { task: '2', dueOn: '2026-04-30', deadline: '2026-05-04' },
        { task: '3', dueOn: '2026-05-02', deadline: '2026-05-04' },
      ],
    });
  });

  it('keeps exactly one next run queued, at 00:05 Vietnam time', async () => {
    expect(nextDailyRun(new Date('2026-05-04T10:00:00Z')).toISOString()).toBe('2026-05-04T17:05:00.000Z');
    expect(nextDailyRun(new Date('2026-05-04T17:05:00Z')).toISOString()).toBe('2026-05-05T17:05:00.000Z');
    await scheduleRecurringJobs(t.ctx.db);
    await scheduleRecurringJobs(t.ctx.db);
    const queued = () =>
      t.ctx.db
        .selectFrom('jobs')
        .select(['id', 'run_at'])
        .where('name', '=', 'plans.mark-overdue')
        .where('status', '=', 'queued')
        .execute();
    expect(await queued()).toHaveLength(1);
    // The run (as the worker would) queues the next one only once the current one left the queue.
    const [first] = await queued();
    await t.ctx.db.updateTable('jobs').set({ status: 'running' }).where('id', '=', first!.id).execute();
    const ctx = { db: t.ctx.db, log: pino({ level: 'silent' }), mailer: null } as unknown as JobContext;
    await markOverdueJob.handler({}, ctx);
    await markOverdueJob.handler({}, ctx);
    const next = await queued();
    expect(next).toHaveLength(1);
    expect(new Date(next[0]!.run_at).getUTCHours()).toBe(17);
  });
});

describe('GET /api/plans/tasks/due ("Việc cần làm")', () => {
  const today = todayInVietnam();
  let until: string;
  let province: Awaited<ReturnType<typeof plan>>;
  let own: Awaited<ReturnType<typeof plan>>;

  beforeAll(async () => {
    const calendar = await loadWorkingCalendar(t.ctx.db, today, addDays(today, 60));
    until = addWorkingDays(today, 7, calendar);
    province = await plan(units.province, [
      { code: '1', dueOn: until, assignee: units.communeA },
      { code: '2', dueOn: addDays(until, 3), assignee: units.communeA },
      { code: '3', dueOn: today, assignee: units.communeB },
      { code: '4', dueOn: addDays(today, 1) }, // the province's own
      { code: '5', dueOn: today, assignee: units.communeA, status: 'done' },
      { code: '6', dueOn: today, assignee: units.communeA, status: 'cancelled' },
    ]);
    own = await plan(units.communeA, [
      { code: '1', dueOn: '2026-01-15', status: 'overdue' },
      { code: '2', dueOn: addDays(today, -1) }, // late, not yet marked by the job
    ]);
    await plan(units.communeA, [{ code: '1', dueOn: today }], 'draft');
  });

  it('lists the commune its assigned and own tasks due within 7 working days, and the overdue ones', async () => {
    const all = await dueOf(officerA);
    // Besides those marked overdue by the job above (the same commune).
    const items = all.filter((i) => i.planId === province.id || i.planId === own.id);
    expect(all.length - items.length).toBe(3);
    expect(items.map((i) => i.taskId).sort()).toEqual([province.ids['1'], own.ids['1'], own.ids['2']].sort());
    expect(items.find((i) => i.taskId === own.ids['1'])!.isOverdue).toBe(true);
    expect(items.find((i) => i.taskId === own.ids['2'])!.isOverdue).toBe(addDays(today, -1) < today);
    expect(items.find((i) => i.taskId === province.ids['1'])).toMatchObject({
      isOverdue: false,
      unit: { id: units.communeA.id },
    });
  });

  it("shows each unit only its own: commune B its task, the province its own plan's, a viewer nothing", async () => {
    expect((await dueOf(officerB)).map((i) => i.taskId)).toEqual([province.ids['3']]);
    expect((await dueOf(admin)).map((i) => i.taskId)).toEqual([province.ids['4']]);
    expect(await dueOf(viewer)).toEqual([]);
  });
});

describe('reminders by e-mail (SMTP configured)', () => {
  const today = todayInVietnam();
  type Mail = { to: string[]; raw: string };
  let server: SMTPServer;
  let port: number;
  const received: Mail[] = [];
  const mailTo = (address: string) => received.filter((m) => m.to.includes(address));
  let mailer: Mailer;

  beforeAll(async () => {
    // A real SMTP server on a free port, as the product would meet in production (no TLS, no login).
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    mailer = createMailer({ url: `smtp://127.0.0.1:${port}`, from: 'Nhắc việc <nhacviec@so.test>' })!;
    const withMail = async (
      role: Parameters<typeof createUser>[1]['role'],
      unit: TestUnit,
      email?: string,
    ) => {
      const user = await createUser(t.ctx.db, { role, unit });
      if (email) await t.ctx.db.updateTable('users').set({ email }).where('id', '=', user.id).execute();
    };
    await withMail('commune_officer', units.communeA, 'canbo.a@xa.test');
    await withMail('commune_chairman', units.communeB, 'chutich.b@xa.test');
    await withMail('commune_officer', units.communeA); // no address: not mailed
    await withMail('viewer', units.province, 'xem@so.test'); // keeps no plans: not mailed
  });
  afterAll(async () => {
    mailer?.close();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
  });

  /** The decoded body of a mail (quoted-printable or base64, as nodemailer chose). */
  const bodyOf = async (raw: string) => (await simpleParser(raw)).text ?? '';

  it("mails each plan keeper with an address the tasks of its unit's 'Việc cần làm', and no one else", async () => {
    expect(await mailTaskReminders(t.ctx.db, mailer, today)).toBe(2);
    expect(received.flatMap((m) => m.to).sort()).toEqual(['canbo.a@xa.test', 'chutich.b@xa.test']);
    const dueA = await dueOf(officerA);
    const [toA] = mailTo('canbo.a@xa.test');
    const textA = await bodyOf(toA!.raw);
    expect(textA).toContain('Kính gửi');
    for (const item of dueA) expect(textA).toContain(`${item.code}. ${item.title}`);
    expect(textA.match(/^- /gm)).toHaveLength(dueA.length);
    expect(textA).toContain('[Quá hạn]');
    const textB = await bodyOf(mailTo('chutich.b@xa.test')[0]!.raw);
    expect(textB.match(/^- /gm)).toHaveLength((await dueOf(officerB)).length);
  });

  it('mails no one twice on the same day, and says whom it mailed in the audit trail', async () => {
    expect(await mailTaskReminders(t.ctx.db, mailer, today)).toBe(0);
    expect(received).toHaveLength(2);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['diff', 'actor_id'])
      .where('action', '=', 'plan-task.reminders-mailed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBeNull();
    expect((audit[0]!.diff as { recipients: unknown[] }).recipients).toHaveLength(2);
  });

  it('gives back the claim of a mail the server refused, so that the retry sends it', async () => {
    const tomorrow = addDays(today, 1);
    const down = createMailer({ url: 'smtp://127.0.0.1:1', from: 'x <x@so.test>' })!;
    await expect(mailTaskReminders(t.ctx.db, down, tomorrow)).rejects.toThrow(/Không gửi được thư nhắc việc/);
    down.close();
    const claims = await t.ctx.db
      .selectFrom('plan_reminder_mails')
      .selectAll()
      .where('sent_on', '=', tomorrow)
      .execute();
    expect(claims).toEqual([]);
    expect(await mailTaskReminders(t.ctx.db, mailer, tomorrow)).toBe(2);
    expect(received).toHaveLength(4);
  });
});

describe('moving an overdue task to a later due date', () => {
  it('reopens it: not started, or in progress when it has a progress note', async () => {
    const today = todayInVietnam();
    const p = await plan(units.communeA, [
      { code: '1', dueOn: '2026-01-05', status: 'overdue' },
      { code: '2', dueOn: '2026-01-05', status: 'overdue' },
    ]);
    const patch = (taskId: string, body: object) =>
      officerA.request('PATCH', `/api/plans/${p.id}/tasks/${taskId}`, body);
    expect((await patch(p.ids['2']!, { progressNote: 'Đã làm một nửa' })).statusCode).toBe(200);
    expect((await patch(p.ids['1']!, { dueOn: addDays(today, -2) })).statusCode).toBe(200);
    expect(await statusOf(p.ids['1']!)).toBe('overdue');
    expect((await patch(p.ids['1']!, { dueOn: addDays(today, 10) })).statusCode).toBe(200);
    expect((await patch(p.ids['2']!, { dueOn: today })).statusCode).toBe(200);
    expect([await statusOf(p.ids['1']!), await statusOf(p.ids['2']!)]).toEqual([
      'not_started',
      'in_progress',
    ]);
  });
});
