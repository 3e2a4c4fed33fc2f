/**
 * The register list's SQL. The rows a filter selects are built from the Biểu 06 counting
 * conditions (tthc.counting.repo.ts) and the measures' conditions (tthc.measures.repo.ts), so a
 * drill-down list is exactly what a figure counted.
 */
import { sql } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import type { DateRange } from '@shared/registers/measures.ts';
import { pathInScope, escapeLike } from '@server/features/units/units.scope.ts';
import { counting, type Condition } from './tthc.counting.repo.ts';
import { tthcMeasureConditions, type TthcMeasureId } from './tthc.measures.repo.ts';
import type { TthcChannel } from './tthc.tables.ts';

export interface DossierFilter {
  /** Only this unit (already checked to be in scope); otherwise every unit of `paths`. */
  unitId?: string;
  paths: string[];
  /** The range the rules use; `receivedInRange` picks the plain "received in range" rows. */
  range?: DateRange;
  receivedInRange: boolean;
  late: boolean;
  pending: boolean;
  measure?: TthcMeasureId;
  field?: string;
  channel?: TthcChannel;
  q?: string;
}

function conditions(filter: DossierFilter): { where: Condition[]; hit: Condition | null } {
  const where: Condition[] = [];
  let hit: Condition | null = null;
  if (filter.range) {
    const c = counting(filter.range);
    if (filter.receivedInRange) where.push(c.received);
    if (filter.late) where.push(sql`(${c.late} or ${c.pendingOverdue})`);
    if (filter.pending) where.push(c.pending);
    if (filter.measure) {
      const m = tthcMeasureConditions(filter.measure, filter.range);
      where.push(m.rows);
      hit = m.hit ?? null;
    }
  }
  if (filter.field) where.push(sql`d.field = ${filter.field}`);
  if (filter.channel) where.push(sql`d.channel = ${filter.channel}`);
  if (filter.q) {
    const like = `%${escapeLike(filter.q.toLowerCase())}%`;
    where.push(sql`(lower(d.code) like ${like} or lower(coalesce(d.procedure_name, '')) like ${like})`);
  }
  return { where, hit };
}

function scoped(db: Executor, filter: DossierFilter) {
  let query = db
    .selectFrom('tthc_dossiers as d')
    .innerJoin('units as u', 'u.id', 'd.unit_id')
    .where((eb) => pathInScope(eb, 'u.path', filter.paths));
  if (filter.unitId) query = query.where('d.unit_id', '=', filter.unitId);
  return query;
}

/** One page of the dossiers `filter` selects, newest received first, with the total and the numerator. */
export async function findDossiers(db: Executor, filter: DossierFilter, page: number, pageSize: number) {
  const { where, hit } = conditions(filter);
  const all: Condition = where.length ? sql<boolean>`(${sql.join(where, sql` and `)})` : sql<boolean>`true`;
  const totals = await scoped(db, filter)
    .where(all)
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where ${hit ?? sql`false`})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  const rows = await scoped(db, filter)
    .where(all)
    .select([
      'd.id',
      'd.unit_id',
      'u.name as unit_name',
      'd.code',
      'd.procedure_code',
      'd.procedure_name',
      'd.field',
      'd.channel',
      'd.received_on',
      'd.due_on',
      'd.resolved_on',
      'd.status',
      'd.status_kind',
      'd.digitised',
      'd.electronic_result',
      'd.online_payment',
      'd.full_process',
      'd.apology_letter',
      'd.source',
      (hit ? sql<boolean>`coalesce(${hit}, false)` : sql<boolean | null>`null`).as('counted'),
    ])
    .orderBy('d.received_on', 'desc')
    .orderBy('d.code')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: totals.total, hits: hit ? totals.hits : null };
}

export type DossierRow = Awaited<ReturnType<typeof findDossiers>>['rows'][number];

/** The distinct fields (lĩnh vực) of the dossiers in scope (sorted by the caller in Vietnamese order). */
export async function findDossierFields(db: Executor, paths: string[], unitId?: string) {
  const rows = await scoped(db, { paths, unitId } as DossierFilter)
    .select('d.field')
    .distinct()
    .execute();
  return rows.map((r) => r.field);
}
