/**
 * Plans and tasks: all SQL. Lists take the actor's unit paths: a plan is in scope by its unit, or
 * (read only) because one of its tasks is assigned to a unit in scope.
 */
import { sql, type Insertable, type RawBuilder, type Updateable } from 'kysely';
import type { Role } from '@shared/access/roles.ts';
import type { PlanKind } from '@shared/plans/plans.ts';
import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import type { PlansTable, PlanTasksTable } from './plans.tables.ts';
import { taskCounted, taskHit } from './plans.measures.repo.ts';

const PLAN_COLUMNS = [
  'p.id',
  'p.unit_id',
  'p.kind',
  'p.year',
  'p.number',
  'p.title',
  'p.issuing_body',
  'p.purpose',
  'p.funding',
  'p.organisation',
  'p.status',
  'p.issued_on',
  'p.issue_due',
  'p.template',
  'p.source_evaluation_id',
  'p.created_at',
  'p.updated_at',
] as const;

export async function insertPlan(trx: Executor, values: Insertable<PlansTable>): Promise<string> {
  const row = await trx.insertInto('plans').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertTasks(trx: Executor, rows: Insertable<PlanTasksTable>[]): Promise<void> {
  if (rows.length) await trx.insertInto('plan_tasks').values(rows).execute();
}

export async function updatePlanRow(trx: Executor, id: string, values: Updateable<PlansTable>) {
  await trx
    .updateTable('plans')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function updateTaskRow(trx: Executor, id: string, values: Updateable<PlanTasksTable>) {
  await trx
    .updateTable('plan_tasks')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** One plan with its unit (name, path), whoever asks: the service checks the path. */
export async function findPlan(db: Executor, id: string) {
  return db
    .selectFrom('plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([...PLAN_COLUMNS, 'u.name as unit_name', 'u.path as unit_path'])
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type PlanRow = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

/** Whether a task of the plan is assigned to a unit under one of `paths`. */
export async function hasTaskAssignedIn(db: Executor, planId: string, paths: string[]): Promise<boolean> {
  const row = await db
    .selectFrom('plan_tasks as t')
    .innerJoin('units as a', 'a.id', 't.assignee_unit_id')
    .select('t.id')
    .where('t.plan_id', '=', planId)
    .where((eb) => pathInScope(eb, 'a.path', paths))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The plan's tasks in order, each with its assignee and whether it counts in the plan's measures
 * (`counted`, `hit`: the conditions of plans.measures.repo.ts). `assignedIn`: only the tasks assigned
 * to a unit under these paths (an assignee sees its own tasks).
 */
/** A plan's tasks in order; `hit` marks the counted tasks a measure counts as hits (default: done). */
export async function findTasks(
  db: Executor,
  planId: string,
  assignedIn?: string[],
  hit: RawBuilder<boolean> = taskHit,
) {
  let q = db
    .selectFrom('plan_tasks as t')
    .leftJoin('units as a', 'a.id', 't.assignee_unit_id')
    .select([
      't.id',
      't.code',
      't.position',
      't.title',
      't.content',
      't.lead',
      't.partners',
      't.time_text',
      't.due_on',
      't.output',
      't.target',
      't.assignee_unit_id',
      'a.name as assignee_name',
      'a.path as assignee_path',
      't.status',
      't.completed_on',
      't.progress_note',
      't.evidence_note',
      't.source_item',
      't.points_lost',
      't.updated_at',
      taskCounted.as('counted'),
      hit.as('hit'),
    ])
    .where('t.plan_id', '=', planId);
  if (assignedIn) q = q.where((eb) => pathInScope(eb, 'a.path', assignedIn));
  return q.orderBy('t.position').orderBy('t.code').execute();
}
export type TaskRow = Awaited<ReturnType<typeof findTasks>>[number];

export async function findTask(db: Executor, planId: string, taskId: string) {
  return db
    .selectFrom('plan_tasks as t')
    .leftJoin('units as a', 'a.id', 't.assignee_unit_id')
    .selectAll('t')
    .select('a.path as assignee_path')
    .where('t.plan_id', '=', planId)
    .where('t.id', '=', taskId)
    .executeTakeFirst();
}

export async function findTaskCodes(db: Executor, planId: string): Promise<string[]> {
  const rows = await db.selectFrom('plan_tasks').select('code').where('plan_id', '=', planId).execute();
  return rows.map((r) => r.code);
}

export async function nextTaskPosition(db: Executor, planId: string): Promise<number> {
  const row = await db
    .selectFrom('plan_tasks')
    .select(sql<number>`coalesce(max(position), -1)::int + 1`.as('next'))
    .where('plan_id', '=', planId)
    .executeTakeFirstOrThrow();
  return row.next;
}

/** Counted tasks of the plan by assignee and status (the province's roll-up over its communes). */
export async function rollupByAssignee(db: Executor, planId: string) {
  return db
    .selectFrom('plan_tasks as t')
    .innerJoin('units as a', 'a.id', 't.assignee_unit_id')
    .select(['a.id as unit_id', 'a.name as unit_name', 't.status', sql<number>`count(*)::int`.as('n')])
    .where('t.plan_id', '=', planId)
    .where(
      sql<boolean>`not exists (select 1 from plan_tasks c where c.plan_id = t.plan_id and c.code like t.code || '.%')`,
    )
    .groupBy(['a.id', 'a.name', 't.status'])
    .execute();
}

/**
 * Plans in scope: those of a unit under `paths`, and those with a task assigned to a unit under
 * `paths` (`assigned_only` then says the actor sees them for their tasks only). Counted tasks and
 * those done, for the list.
 */
export async function findPlans(
  db: Executor,
  paths: string[],
  filter: { unitId?: string; kind?: PlanKind; year?: number },
) {
  let q = db
    .selectFrom('plans as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select([
      ...PLAN_COLUMNS,
      'u.name as unit_name',
      (eb) => sql<boolean>`(${pathInScope(eb, 'u.path', paths)})`.as('owned'),
      sql<number>`(select count(*) from plan_tasks t where t.plan_id = p.id and ${taskCounted})::int`.as(
        'tasks_counted',
      ),
      sql<number>`(select count(*) from plan_tasks t where t.plan_id = p.id and ${taskCounted} and ${taskHit})::int`.as(
        'tasks_done',
      ),
    ])
    .where((eb) =>
      eb.or([
        pathInScope(eb, 'u.path', paths),
        eb.exists(
          eb
            .selectFrom('plan_tasks as t')
            .innerJoin('units as a', 'a.id', 't.assignee_unit_id')
            .select('t.id')
            .whereRef('t.plan_id', '=', 'p.id')
            .where((e2) => pathInScope(e2, 'a.path', paths)),
        ),
      ]),
    );
  if (filter.unitId) q = q.where('p.unit_id', '=', filter.unitId);
  if (filter.kind) q = q.where('p.kind', '=', filter.kind);
  if (filter.year) q = q.where('p.year', '=', filter.year);
  return q.orderBy('p.year', 'desc').orderBy('p.created_at', 'desc').limit(500).execute();
}

/** A unit's path, to check an assignee lies under the plan's unit. */
export async function findUnitPath(db: Executor, unitId: string) {
  return db.selectFrom('units').select(['id', 'name', 'path']).where('id', '=', unitId).executeTakeFirst();
}

/** Another plan of the unit issued for the same yearly kind and year (one is read by the indicators). */
export async function findOtherIssuedYearly(
  db: Executor,
  plan: { id: string; unit_id: string; kind: PlanKind; year: number },
) {
  return db
    .selectFrom('plans')
    .select(['id', 'number'])
    .where('unit_id', '=', plan.unit_id)
    .where('kind', '=', plan.kind)
    .where('year', '=', plan.year)
    .where('status', '<>', 'draft')
    .where('id', '<>', plan.id)
    .executeTakeFirst();
}

/** The remediation plan proposed from an evaluation (the latest, if several), or undefined. */
export async function findRemediationOf(db: Executor, evaluationId: string) {
  return db
    .selectFrom('plans')
    .select(['id', 'title', 'status'])
    .where('source_evaluation_id', '=', evaluationId)
    .where('kind', '=', 'remediation')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Counted tasks of issued plans, still open (not started, in progress) and due before `today`:
 * the overdue job's candidates; the business calendar then decides (a deadline on a day off moves
 * to the next working day). Every unit: the job acts for the system, not for a user.
 */
export async function findLateCandidates(db: Executor, today: string) {
  return db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .select(['t.id', 't.plan_id', 't.code', 't.due_on', 'p.unit_id as plan_unit_id'])
    .where('p.status', '=', 'issued')
    .where('t.status', 'in', ['not_started', 'in_progress'])
    .where('t.due_on', '<', today)
    .where(taskCounted)
    .orderBy('t.plan_id')
    .orderBy('t.position')
    .execute();
}

/** Marks these tasks overdue if still open; the ids actually changed. */
export async function markTasksOverdue(trx: Executor, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await trx
    .updateTable('plan_tasks')
    .set({ status: 'overdue', updated_at: new Date() })
    .where('id', 'in', ids)
    .where('status', 'in', ['not_started', 'in_progress'])
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Open counted tasks of issued plans that a unit among `unitPaths` (exactly those units, not the
 * ones below) is responsible for — the assignee, else the plan's own unit — due by `until` or
 * already marked overdue: the units' "Việc cần làm".
 */
export async function findDueTasks(db: Executor, unitPaths: string[] | 'all', until: string) {
  if (!unitPaths.length) return [];
  return db
    .selectFrom('plan_tasks as t')
    .innerJoin('plans as p', 'p.id', 't.plan_id')
    .innerJoin('units as r', (join) => join.on(sql<boolean>`r.id = coalesce(t.assignee_unit_id, t.unit_id)`))
    .select([
      't.id',
      't.plan_id',
      'p.title as plan_title',
      't.code',
      't.title',
      't.due_on',
      't.status',
      'r.id as unit_id',
      'r.name as unit_name',
    ])
    .where('p.status', '=', 'issued')
    .$if(unitPaths !== 'all', (q) => q.where('r.path', 'in', unitPaths as string[]))
    .where('t.status', 'in', ['not_started', 'in_progress', 'overdue'])
    .where('t.due_on', 'is not', null)
    .where((eb) => eb.or([eb('t.status', '=', 'overdue'), eb('t.due_on', '<=', until)]))
    .where(taskCounted)
    .orderBy('t.due_on')
    .orderBy('t.position')
    .limit(200)
    .execute();
}

/** Active accounts with an e-mail address holding one of `roles` on exactly one of these units. */
export async function findReminderRecipients(db: Executor, unitIds: string[], roles: Role[]) {
  if (!unitIds.length || !roles.length) return [];
  return db
    .selectFrom('role_assignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .select(['u.id', 'u.username', 'u.full_name', 'u.email', 'ra.unit_id'])
    .where('ra.unit_id', 'in', unitIds)
    .where('ra.role', 'in', roles)
    .where('u.is_active', '=', true)
    .where('u.email', 'is not', null)
    .orderBy('u.username')
    .execute();
}

/** Claims today's reminder of these accounts; returns those not yet claimed today (each mailed once). */
export async function claimReminderMails(
  trx: Executor,
  claims: { userId: string; tasks: number }[],
  day: string,
): Promise<string[]> {
  if (!claims.length) return [];
  const rows = await trx
    .insertInto('plan_reminder_mails')
    .values(claims.map((c) => ({ user_id: c.userId, sent_on: day, tasks: c.tasks })))
    .onConflict((oc) => oc.columns(['user_id', 'sent_on']).doNothing())
    .returning('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Gives back a claim whose mail could not be sent, so the job's retry sends it. */
export async function releaseReminderMail(trx: Executor, userId: string, day: string): Promise<void> {
  await trx
    .deleteFrom('plan_reminder_mails')
    .where('user_id', '=', userId)
    .where('sent_on', '=', day)
    .execute();
}
