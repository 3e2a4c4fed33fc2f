/**
 * The plans register's measures (shared/registers/measures.ts): the share of a yearly plan's tasks
 * done. One set of conditions on a task row `t` (the rows counted, and the hits among them) serves
 * both the value and the plan page's "counted / done" columns, so "tính từ N nhiệm vụ" is the length
 * of the list the link opens.
 */
import { sql, type RawBuilder } from 'kysely';
import type { DateRange, MeasureId } from '@shared/registers/measures.ts';
import type { PlanKind } from '@shared/plans/plans.ts';
import type { Executor } from '@server/db/executor.ts';

export type PlansMeasureId = Extract<MeasureId, `plans.${string}`>;

/** The kind of plan each measure reads. */
export const MEASURE_PLAN_KIND: Record<PlansMeasureId, PlanKind> = {
  'plans.pbgdplTasksDone': 'pbgdpl',
  'plans.cchcTasksDone': 'cchc',
};

/**
 * A task counts when it is not a heading of others ("2" of "2.a") and not cancelled; it is a hit when
 * done. Codes hold no LIKE wildcard (shared/plans/plans.ts TASK_CODE).
 */
export const taskCounted: RawBuilder<boolean> = sql<boolean>`(t.status <> 'cancelled' and not exists (
  select 1 from plan_tasks c where c.plan_id = t.plan_id and c.code like t.code || '.%'))`;
export const taskHit: RawBuilder<boolean> = sql<boolean>`(t.status = 'done')`;

/** The unit's issued (or closed) plan of a kind for a year: the indicators read that one. */
export async function findYearlyPlanId(
  db: Executor,
  unitId: string,
  kind: PlanKind,
  year: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('plans')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('kind', '=', kind)
    .where('year', '=', year)
    .where('status', '<>', 'draft')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Tasks done / tasks of the unit's yearly plan of the range's year; 0/0 without a plan. */
export async function computePlansMeasure(
  db: Executor,
  unitId: string,
  measure: PlansMeasureId,
  range: DateRange,
): Promise<{ value: { numerator: number; denominator: number }; rows: number; ref: string | null }> {
  const planId = await findYearlyPlanId(
    db,
    unitId,
    MEASURE_PLAN_KIND[measure],
    Number(range.from.slice(0, 4)),
  );
  if (!planId) return { value: { numerator: 0, denominator: 0 }, rows: 0, ref: null };
  const result = await db
    .selectFrom('plan_tasks as t')
    .where('t.plan_id', '=', planId)
    .where(taskCounted)
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${taskHit})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  return { value: { numerator: result.hits, denominator: result.rows }, rows: result.rows, ref: planId };
}
