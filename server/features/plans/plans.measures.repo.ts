/**
 * The plans register's measures (shared/registers/measures.ts): the share of a yearly plan's tasks
 * done, and the plan's issue date and due date (indicators "kế hoạch ban hành đúng hạn"). One set of conditions on a task row `t` (the rows counted, and the hits among them) serves
 * both the value and the plan page's "counted / done" columns, so "tính từ N nhiệm vụ" is the length
 * of the list the link opens.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DateRange, MeasureId } from '@shared/registers/measures.ts';
import type { PlanKind } from '@shared/plans/plans.ts';
import type { Executor } from '@server/db/executor.ts';

export type PlansMeasureId = Extract<MeasureId, `plans.${string}`>;

/** The kind of plan each measure reads, and what it reads of it. */
const MEASURE_OF_PLAN: Record<
  PlansMeasureId,
  { kind: PlanKind; reads: 'tasksDone' | 'tasksSpecified' | 'issuedOn' | 'issueDue' }
> = {
  'plans.pbgdplTasksDone': { kind: 'pbgdpl', reads: 'tasksDone' },
  'plans.cchcTasksDone': { kind: 'cchc', reads: 'tasksDone' },
  'plans.cchcTasksSpecified': { kind: 'cchc', reads: 'tasksSpecified' },
  'plans.pbgdplIssuedOn': { kind: 'pbgdpl', reads: 'issuedOn' },
  'plans.pbgdplIssueDue': { kind: 'pbgdpl', reads: 'issueDue' },
  'plans.cchcIssuedOn': { kind: 'cchc', reads: 'issuedOn' },
  'plans.cchcIssueDue': { kind: 'cchc', reads: 'issueDue' },
};

/**
 * A task counts when it is not a heading of others ("2" of "2.a") and not cancelled; it is a hit when
 * done. Codes hold no LIKE wildcard (shared/plans/plans.ts TASK_CODE).
 */
export const taskCounted: RawBuilder<boolean> = sql<boolean>`(t.status <> 'cancelled' and not exists (
  select 1 from plan_tasks c where c.plan_id = t.plan_id and c.code like t.code || '.%'))`;
export const taskHit: RawBuilder<boolean> = sql<boolean>`(t.status = 'done')`;
/** A task that states its output and its time (a due date or a time text): CCHC 1.1.2. */
export const taskSpecified: RawBuilder<boolean> = sql<boolean>`(btrim(t.output) <> '' and (t.due_on is not null or btrim(t.time_text) <> ''))`;

/** What makes a counted task a hit for a measure (the plan page's column when opened from the figure). */
export function hitOf(measure: PlansMeasureId | null): { hit: RawBuilder<boolean>; label: string } {
  return measure && MEASURE_OF_PLAN[measure].reads === 'tasksSpecified'
    ? { hit: taskSpecified, label: 'Đủ sản phẩm, thời hạn' }
    : { hit: taskHit, label: 'Tính vào tử số' };
}

/** The unit's issued (or closed) plan of a kind for a year: the indicators read that one. */
async function findYearlyPlan(db: Executor, unitId: string, kind: PlanKind, year: number) {
  return db
    .selectFrom('plans')
    .select(['id', 'issued_on', 'issue_due'])
    .where('unit_id', '=', unitId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .where('status', '<>', 'draft')
    .executeTakeFirst();
}

/**
 * Of the unit's yearly plan of the range's year: tasks done / tasks (0/0 without a plan), or its
 * issue date or due date (null without a plan or without that date).
 */
export async function computePlansMeasure(
  db: Executor,
  unitId: string,
  measure: PlansMeasureId,
  range: DateRange,
): Promise<{
  value: { numerator: number; denominator: number } | string | boolean | null;
  rows: number;
  ref: string | null;
}> {
  const { kind, reads } = MEASURE_OF_PLAN[measure];
  const plan = await findYearlyPlan(db, unitId, kind, Number(range.from.slice(0, 4)));
  if (reads === 'issuedOn' || reads === 'issueDue') {
    if (!plan) return { value: null, rows: 0, ref: null };
    return { value: reads === 'issuedOn' ? plan.issued_on : plan.issue_due, rows: 1, ref: plan.id };
  }
  if (!plan)
    return { value: reads === 'tasksDone' ? { numerator: 0, denominator: 0 } : null, rows: 0, ref: null };
  const result = await db
    .selectFrom('plan_tasks as t')
    .where('t.plan_id', '=', plan.id)
    .where(taskCounted)
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hitOf(measure).hit})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  if (reads === 'tasksSpecified')
    return { value: result.rows > 0 && result.hits === result.rows, rows: result.rows, ref: plan.id };
  return { value: { numerator: result.hits, denominator: result.rows }, rows: result.rows, ref: plan.id };
}
