/**
 * The TTHC register's measures (shared/registers/measures.ts), each as two conditions on a dossier
 * row `d`: `rows` (the dossiers it is computed from: a ratio's denominator, a count's rows) and, for
 * a ratio, `hit` (the numerator among them). The value and the drill-down list use the same
 * conditions, so "tính từ N hồ sơ" is the length of the list the link opens.
 */
import { sql } from 'kysely';
import type { DateRange, MeasureId } from '@shared/registers/measures.ts';
import { MEASURES } from '@shared/registers/measures.ts';
import type { Executor } from '@server/db/executor.ts';
import { counting, type Condition } from './tthc.counting.repo.ts';

export type TthcMeasureId = Extract<MeasureId, `tthc.${string}`>;

export interface MeasureConditions {
  rows: Condition;
  /** Ratio measures: which of the rows count in the numerator. */
  hit?: Condition;
}

export function tthcMeasureConditions(measure: TthcMeasureId, range: DateRange): MeasureConditions {
  const c = counting(range);
  switch (measure) {
    case 'tthc.onTime':
      return { rows: c.resolved, hit: sql`(${c.early} or ${c.onTime})` };
    case 'tthc.digitised':
      return { rows: c.received, hit: sql`coalesce(d.digitised, false)` };
    case 'tthc.electronicResult':
      return { rows: c.resolved, hit: sql`coalesce(d.electronic_result, false)` };
    case 'tthc.onlinePayment':
      return { rows: sql`(${c.received} and d.online_payment is not null)`, hit: sql`d.online_payment` };
    case 'tthc.online':
      return { rows: c.received, hit: sql`d.channel = 'truc_tuyen'` };
    case 'tthc.fullProcess':
      return {
        rows: sql`(${c.received} and coalesce(d.full_process, false))`,
        hit: sql`d.channel = 'truc_tuyen'`,
      };
    case 'tthc.lateWithoutApology':
      return { rows: sql`((${c.late} or ${c.pendingOverdue}) and not coalesce(d.apology_letter, false))` };
  }
}

export type MeasureValue = { numerator: number; denominator: number } | number;

/** The measure's value for one unit's register over a range, and how many dossiers it came from. */
export async function computeTthcMeasure(
  db: Executor,
  unitId: string,
  measure: TthcMeasureId,
  range: DateRange,
): Promise<{ value: MeasureValue; rows: number }> {
  const { rows, hit } = tthcMeasureConditions(measure, range);
  const result = await db
    .selectFrom('tthc_dossiers as d')
    .where('d.unit_id', '=', unitId)
    .where(rows)
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hit ?? sql`true`})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  const value =
    MEASURES[measure].type === 'ratio' ? { numerator: result.hits, denominator: result.rows } : result.rows;
  return { value, rows: result.rows };
}

/**
 * A ratio measure for many units at once (the analytics dashboard's register figures): numerator and
 * denominator per unit with any row, in one grouped query under the same conditions as computeTthcMeasure.
 */
export async function computeTthcRatioByUnit(
  db: Executor,
  unitIds: string[],
  measure: TthcMeasureId,
  range: DateRange,
): Promise<Map<string, { numerator: number; denominator: number }>> {
  if (!unitIds.length) return new Map();
  const { rows, hit } = tthcMeasureConditions(measure, range);
  // Resolved dossiers are resolved within the range (implied by `rows`; lets the index on
  // (unit_id, resolved_on) narrow the scan).
  const narrow =
    measure === 'tthc.onTime' || measure === 'tthc.electronicResult'
      ? sql<boolean>`d.resolved_on between ${range.from}::date and ${range.to}::date`
      : sql<boolean>`true`;
  const result = await db
    .selectFrom('tthc_dossiers as d')
    .where('d.unit_id', 'in', unitIds)
    .where(narrow)
    .where(rows)
    .groupBy('d.unit_id')
    .select([
      'd.unit_id',
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hit ?? sql`true`})::int`.as('hits'),
    ])
    .execute();
  return new Map(result.map((r) => [r.unit_id, { numerator: r.hits, denominator: r.rows }]));
}
