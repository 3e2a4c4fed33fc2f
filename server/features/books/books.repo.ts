/** The books' SQL: records by kind within units, versioned writes, former communes, 01/TCD and 01/XLD. */
import { sql, type RawBuilder } from 'kysely';
import type { BookData, BookKindId } from '@shared/books/kinds.ts';
import type { DateRange } from '@shared/registers/measures.ts';
import type { PetitionKindCounts } from '@shared/books/books.contract.ts';
import type { Executor } from '@server/db/executor.ts';
import { escapeLike, pathInScope } from '@server/features/units/units.scope.ts';
import { booksMeasureConditions, petitionConditions, type BooksMeasureId } from './books.measures.repo.ts';
import type { BookRecordSource } from './books.tables.ts';

export interface RecordFilter {
  kind: BookKindId;
  paths: string[];
  /** Only these units (the listed unit and its former communes), already checked. */
  unitIds?: string[];
  /** The plain list: records whose date is in the range. */
  range?: DateRange;
  /** Exactly the measure's rows over `range` (then `unitIds` is the unit alone). */
  measure?: { id: BooksMeasureId; range: DateRange };
  /** Equality on fields of the kind: choice values, or booleans. */
  equals: { field: string; value: string | boolean }[];
  q?: string;
}

function conditions(filter: RecordFilter): { where: RawBuilder<boolean>[]; hit: RawBuilder<boolean> | null } {
  const where: RawBuilder<boolean>[] = [];
  let hit: RawBuilder<boolean> | null = null;
  if (filter.range)
    where.push(sql<boolean>`r.record_date between ${filter.range.from}::date and ${filter.range.to}::date`);
  if (filter.measure) {
    const m = booksMeasureConditions(filter.measure.id, filter.measure.range);
    where.push(m.rows);
    hit = m.hit ?? null;
  }
  for (const e of filter.equals)
    where.push(
      typeof e.value === 'boolean'
        ? sql<boolean>`coalesce((r.data->>${e.field})::boolean, false) = ${e.value}`
        : sql<boolean>`r.data->>${e.field} = ${e.value}`,
    );
  if (filter.q)
    where.push(sql<boolean>`lower(r.data::text) like ${`%${escapeLike(filter.q.toLowerCase())}%`}`);
  return { where, hit };
}

function scoped(db: Executor, filter: RecordFilter) {
  let query = db
    .selectFrom('book_records as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .where('r.kind', '=', filter.kind);
  if (filter.unitIds) query = query.where('r.unit_id', 'in', filter.unitIds);
  else query = query.where((eb) => pathInScope(eb, 'u.path', filter.paths));
  return query;
}

const RECORD_COLUMNS = [
  'r.id',
  'r.unit_id',
  'u.name as unit_name',
  'u.path as unit_path',
  'r.kind',
  'r.record_date',
  'r.data',
  'r.source',
  'r.version',
  'r.created_at',
  'r.updated_at',
] as const;

/** One page of the records `filter` selects (newest first), the total, and the numerator. */
export async function findRecords(db: Executor, filter: RecordFilter, page: number, pageSize: number) {
  const { where, hit } = conditions(filter);
  const all = where.length ? sql<boolean>`(${sql.join(where, sql` and `)})` : sql<boolean>`true`;
  const totals = await scoped(db, filter)
    .where(all)
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(*) filter (where ${hit ?? sql`false`})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  const rows = await scoped(db, filter)
    .where(all)
    .select([...RECORD_COLUMNS, (hit ?? sql<boolean | null>`null`).as('counted')])
    .orderBy('r.record_date', 'desc')
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { rows, total: totals.total, hits: hit ? totals.hits : null };
}
export type RecordRow = Awaited<ReturnType<typeof findRecords>>['rows'][number];

/** One record with its unit's path (the service applies the scope). */
export async function findRecord(db: Executor, id: string) {
  return db
    .selectFrom('book_records as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([...RECORD_COLUMNS, sql<boolean | null>`null`.as('counted')])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** The communes merged into `unitId` in 2025 (old → new links), whose books stay readable under it. */
export async function findFormerUnitIds(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('unit_links')
    .select('from_unit_id')
    .where('to_unit_id', '=', unitId)
    .execute();
  return rows.map((r) => r.from_unit_id).filter((id) => id !== unitId);
}

export interface NewRecord {
  unit_id: string;
  kind: BookKindId;
  record_date: string;
  data: BookData;
  source: BookRecordSource;
  created_by: string | null;
}

export async function insertRecords(db: Executor, records: NewRecord[]) {
  if (records.length === 0) return [];
  return db
    .insertInto('book_records')
    .values(records.map((r) => ({ ...r, data: JSON.stringify(r.data) })))
    .returning('id')
    .execute();
}

/** Writes when the version is still `expectedVersion`; undefined otherwise (the caller answers 409). */
export async function updateRecordVersioned(
  db: Executor,
  id: string,
  expectedVersion: number,
  values: { data: BookData; record_date: string },
) {
  return db
    .updateTable('book_records')
    .set({
      data: JSON.stringify(values.data),
      record_date: values.record_date,
      version: sql`version + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('version')
    .executeTakeFirst();
}

export async function deleteRecordVersioned(db: Executor, id: string, expectedVersion: number) {
  return db
    .deleteFrom('book_records')
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .returning('id')
    .executeTakeFirst();
}

const KIND_KEYS = ['khieuNai', 'toCao', 'kienNghi', 'phanAnh', 'datDai'] as const;

/** Petitions counted by kind under a condition: total and one column per kind. */
async function countPetitions(
  db: Executor,
  unitId: string,
  where: RawBuilder<boolean>,
): Promise<PetitionKindCounts> {
  const row = await db
    .selectFrom('book_records as r')
    .where('r.unit_id', '=', unitId)
    .where('r.kind', '=', 'petition')
    .where(where)
    .select([
      sql<number>`count(*)::int`.as('total'),
      ...KIND_KEYS.map((k) => sql<number>`count(*) filter (where r.data->>'loai' = ${k})::int`.as(k)),
    ])
    .executeTakeFirstOrThrow();
  return row as unknown as PetitionKindCounts;
}

/** 01/TCD (reception sessions, visits, groups) and 01/XLD (petitions by kind and state) for a range. */
export async function receptionFigures(db: Executor, unitId: string, range: DateRange) {
  const reception = await db
    .selectFrom('book_records as r')
    .where('r.unit_id', '=', unitId)
    .where('r.kind', '=', 'reception')
    .where(sql<boolean>`r.record_date between ${range.from}::date and ${range.to}::date`)
    .select([
      sql<number>`count(*)::int`.as('sessions'),
      sql<number>`count(*) filter (where r.data->>'hinhThuc' = 'dinhKy')::int`.as('leaderSessions'),
      sql<number>`coalesce(sum((r.data->>'soLuot')::int), 0)::int`.as('visits'),
      sql<number>`coalesce(sum((r.data->>'soDoanDongNguoi')::int), 0)::int`.as('groups'),
    ])
    .executeTakeFirstOrThrow();
  const p = petitionConditions(range);
  const and = (c: RawBuilder<boolean>) => sql<boolean>`(${p.inPeriod} and ${c})`;
  return {
    reception,
    petitions: {
      inPeriod: await countPetitions(db, unitId, p.inPeriod),
      carried: await countPetitions(db, unitId, and(p.carried)),
      fresh: await countPetitions(db, unitId, and(p.fresh)),
      resolved: await countPetitions(db, unitId, and(p.resolved)),
      pending: await countPetitions(db, unitId, and(p.pending)),
      resolvedOnTime: await countPetitions(db, unitId, and(sql<boolean>`(${p.resolved} and ${p.onTime})`)),
    },
  };
}
