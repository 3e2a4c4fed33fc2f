/**
 * Biểu 06 in SQL: the dossiers of the communes under a unit counted per commune and field with the
 * counting conditions of tthc.counting.repo.ts (one aggregation, `count(*) filter (where …)`), and
 * the aggregate rows communes without per-dossier data typed or imported (tthc_aggregates).
 * Every query is bounded by a unit path the service took from the actor's scope.
 */
import { sql } from 'kysely';
import type { DateRange } from '@shared/registers/measures.ts';
import type { AggregateRowInput, Bieu06Figures } from '@shared/tthc/bieu06.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import { counting } from './tthc.counting.repo.ts';

export type CommuneRow = { id: string; code: string; name: string; level: string };

/** The communes at or under `path` (a commune is itself; a province or old district: its communes). */
export async function findCommunesUnder(db: Executor, path: string): Promise<CommuneRow[]> {
  return db
    .selectFrom('units')
    .select(['id', 'code', 'name', 'level'])
    .where('path', 'like', `${path}%`)
    .where('level', '=', 'commune')
    .execute();
}

export type DossierCount = Bieu06Figures & { unitId: string; field: string };

/**
 * Columns 3–13 per commune and field, counted from the dossiers of the communes under `path`.
 * Column 3 is every dossier in the period (received in it, or carried over into it). The rows read
 * are those received up to `to` and not resolved before `from`, written as two index ranges (received
 * in the period; received before it and not resolved before it) so neither scans the years outside.
 */
export async function countDossiers(db: Executor, path: string, range: DateRange): Promise<DossierCount[]> {
  const c = counting(range);
  const n = (condition: typeof c.received) => sql<number>`(count(*) filter (where ${condition}))::int`;
  const rows = await db
    .selectFrom('tthc_dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .where('u.path', 'like', `${path}%`)
    .where((eb) =>
      eb.or([
        eb.between('d.received_on', range.from, range.to),
        eb.and([
          eb('d.received_on', '<', range.from),
          eb.or([eb('d.resolved_on', 'is', null), eb('d.resolved_on', '>=', range.from)]),
        ]),
      ]),
    )
    .where(c.inPeriod)
    .groupBy(['d.unit_id', 'd.field'])
    .select([
      'd.unit_id as unitId',
      'd.field as field',
      sql<number>`count(*)::int`.as('received'),
      n(c.online).as('online'),
      n(c.direct).as('direct'),
      n(c.carriedOver).as('carriedOver'),
      n(c.resolved).as('resolved'),
      n(c.early).as('early'),
      n(c.onTime).as('onTime'),
      n(c.late).as('late'),
      n(c.pending).as('pending'),
      n(c.pendingWithinDue).as('pendingWithinDue'),
      n(c.pendingOverdue).as('pendingOverdue'),
    ])
    .execute();
  return rows;
}

/** Whether a commune has any dossier Biểu 06 would count for the range. */
export async function hasDossiersInPeriod(db: Executor, unitId: string, range: DateRange): Promise<boolean> {
  const row = await db
    .selectFrom('tthc_dossiers as d')
    .select('d.id')
    .where('d.unit_id', '=', unitId)
    .where(counting(range).inPeriod)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export type AggregateRow = AggregateRowInput & {
  unitId: string;
  source: 'typed' | 'import';
  updatedAt: Date;
};

const AGGREGATE_COLUMNS = [
  'a.unit_id as unitId',
  'a.field',
  'a.received',
  'a.online',
  'a.direct',
  'a.carried_over as carriedOver',
  'a.resolved',
  'a.early',
  'a.on_time as onTime',
  'a.late',
  'a.pending',
  'a.pending_within_due as pendingWithinDue',
  'a.pending_overdue as pendingOverdue',
  'a.source',
  'a.updated_at as updatedAt',
] as const;

/** The aggregate rows of the communes under `path` for exactly [from, to]. */
export async function findAggregatesUnder(
  db: Executor,
  path: string,
  range: DateRange,
): Promise<AggregateRow[]> {
  return db
    .selectFrom('tthc_aggregates as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .where('u.path', 'like', `${path}%`)
    .where('a.from_date', '=', range.from)
    .where('a.to_date', '=', range.to)
    .select(AGGREGATE_COLUMNS)
    .execute();
}

/** One commune's aggregate rows for exactly [from, to]. */
export async function findAggregatesOf(
  db: Executor,
  unitId: string,
  range: DateRange,
): Promise<AggregateRow[]> {
  return db
    .selectFrom('tthc_aggregates as a')
    .where('a.unit_id', '=', unitId)
    .where('a.from_date', '=', range.from)
    .where('a.to_date', '=', range.to)
    .select(AGGREGATE_COLUMNS)
    .execute();
}

/** Replaces one commune's rows for exactly [from, to] (inside the caller's transaction). */
export async function replaceAggregates(
  trx: Trx,
  unitId: string,
  range: DateRange,
  rows: AggregateRowInput[],
  source: 'typed' | 'import',
  userId: string | null,
): Promise<void> {
  await trx
    .deleteFrom('tthc_aggregates')
    .where('unit_id', '=', unitId)
    .where('from_date', '=', range.from)
    .where('to_date', '=', range.to)
    .execute();
  if (rows.length === 0) return;
  await trx
    .insertInto('tthc_aggregates')
    .values(
      rows.map((r) => ({
        unit_id: unitId,
        from_date: range.from,
        to_date: range.to,
        field: r.field,
        received: r.received,
        online: r.online,
        direct: r.direct,
        carried_over: r.carriedOver,
        resolved: r.resolved,
        early: r.early,
        on_time: r.onTime,
        late: r.late,
        pending: r.pending,
        pending_within_due: r.pendingWithinDue,
        pending_overdue: r.pendingOverdue,
        source,
        created_by: userId,
      })),
    )
    .execute();
}
