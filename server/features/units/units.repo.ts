import { sql, type SqlBool } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import type { UnitKind, UnitLevel, UnitLinkKind } from './units.tables.ts';
import { escapeLike, pathInScope } from './units.scope.ts';

/** The columns a unit is presented with. */
export const UNIT_COLUMNS = [
  'units.id',
  'units.code',
  'units.name',
  'units.level',
  'units.kind',
  'units.parent_id',
  'units.path',
  'units.valid_from',
  'units.valid_to',
  'units.updated_at',
] as const;

export type UnitRow = {
  id: string;
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  valid_from: string;
  valid_to: string | null;
  updated_at: Date;
};

export type UnitFilter = {
  /** Folded (diacritics removed, lower-case) search text, matched against name_folded and code. */
  folded?: string;
  parentId?: string;
  level?: UnitLevel;
  provinceCode?: string;
  /** current: valid today; former: validity ended; all. */
  era: 'current' | 'former' | 'all';
};

/** Units under the scope paths matching the filter (unsorted: Vietnamese order is applied by the caller). */
export async function findUnits(db: Executor, paths: string[], filter: UnitFilter, max: number) {
  let query = db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where((eb) => pathInScope(eb, 'units.path', paths));
  if (filter.folded) {
    const pattern = `%${escapeLike(filter.folded)}%`;
    query = query.where((eb) =>
      eb.or([eb('units.name_folded', 'like', pattern), eb('units.code', '=', filter.folded!)]),
    );
  }
  if (filter.parentId) query = query.where('units.parent_id', '=', filter.parentId);
  if (filter.level) query = query.where('units.level', '=', filter.level);
  if (filter.era !== 'all') {
    // A unit is current until the day its validity ends.
    const today = todayInVietnam();
    query =
      filter.era === 'current'
        ? query.where((eb) => eb.or([eb('units.valid_to', 'is', null), eb('units.valid_to', '>', today)]))
        : query.where('units.valid_to', '<=', today);
  }
  if (filter.provinceCode) {
    const code = filter.provinceCode;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('units as p')
          .select('p.id')
          .where('p.level', '=', 'province')
          .where('p.code', '=', code)
          .where(sql<SqlBool>`units.path like p.path || '%'`),
      ),
    );
  }
  return (await query.limit(max).execute()) as UnitRow[];
}

/** One unit if it lies under the scope paths, else undefined (the caller answers 404). */
export async function findUnitInScope(db: Executor, id: string, paths: string[]) {
  return (await db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('units.id', '=', id)
    .where((eb) => pathInScope(eb, 'units.path', paths))
    .executeTakeFirst()) as UnitRow | undefined;
}

/** One unit regardless of scope: only for checks that then apply the policy. */
export async function findUnitById(db: Executor, id: string) {
  return (await db.selectFrom('units').select(UNIT_COLUMNS).where('units.id', '=', id).executeTakeFirst()) as
    UnitRow | undefined;
}

export async function findUnitByCode(db: Executor, code: string, at?: 'current') {
  let query = db.selectFrom('units').select(UNIT_COLUMNS).where('units.code', '=', code);
  if (at === 'current') query = query.where('units.valid_to', 'is', null);
  return (await query.orderBy('units.valid_from', 'desc').execute()) as UnitRow[];
}

export async function findChildren(db: Executor, parentId: string) {
  return (await db
    .selectFrom('units')
    .select(UNIT_COLUMNS)
    .where('units.parent_id', '=', parentId)
    .execute()) as UnitRow[];
}

/** Old units a unit was formed from (links pointing at it). */
export async function findPredecessors(db: Executor, unitId: string) {
  return db
    .selectFrom('unit_links')
    .innerJoin('units', 'units.id', 'unit_links.from_unit_id')
    .select([...UNIT_COLUMNS, 'unit_links.kind as link_kind'])
    .where('unit_links.to_unit_id', '=', unitId)
    .execute() as Promise<(UnitRow & { link_kind: 'full' | 'partial' })[]>;
}

/** New units an old unit went into (links pointing from it). */
export async function findSuccessors(db: Executor, unitId: string) {
  return db
    .selectFrom('unit_links')
    .innerJoin('units', 'units.id', 'unit_links.to_unit_id')
    .select([...UNIT_COLUMNS, 'unit_links.kind as link_kind'])
    .where('unit_links.from_unit_id', '=', unitId)
    .execute() as Promise<(UnitRow & { link_kind: 'full' | 'partial' })[]>;
}

export async function updateUnit(
  db: Executor,
  id: string,
  patch: {
    name?: string;
    name_folded?: string;
    kind?: UnitKind;
    valid_from?: string;
    valid_to?: string | null;
  },
) {
  await db
    .updateTable('units')
    .set({ ...patch, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/**
 * Edits a unit only if nobody saved it since the caller read it (`expectedUpdatedAt` compared to the
 * millisecond: timestamptz keeps microseconds). False when it changed meanwhile. The new
 * `updated_at` is at least 1 ms later than the old one, so two saves in one millisecond still differ.
 */
export async function updateUnitIfUnchanged(
  db: Executor,
  id: string,
  expectedUpdatedAt: Date,
  patch: Parameters<typeof updateUnit>[2],
): Promise<boolean> {
  const result = await db
    .updateTable('units')
    .set({ ...patch, updated_at: sql<Date>`greatest(now(), updated_at + interval '1 millisecond')` })
    .where('id', '=', id)
    .where(sql`date_trunc('milliseconds', updated_at)`, '=', expectedUpdatedAt)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Every unit, old and new, with what an import matches it on (level, code, start of validity). */
export async function findAllUnitsForImport(db: Executor) {
  return db
    .selectFrom('units')
    .select(['id', 'path', 'name', 'kind', 'level', 'code', 'valid_from', 'valid_to'])
    .execute();
}

export type NewUnitRow = {
  id: string;
  code: string;
  name: string;
  name_folded: string;
  level: UnitLevel;
  kind: UnitKind;
  parent_id: string | null;
  path: string;
  valid_from: string;
  valid_to: string | null;
};

export async function insertUnits(db: Executor, rows: NewUnitRow[]) {
  await db.insertInto('units').values(rows).execute();
}

export async function findAllUnitLinks(db: Executor) {
  return db.selectFrom('unit_links').select(['from_unit_id', 'to_unit_id', 'kind']).execute();
}

export async function updateUnitLinkKind(db: Executor, fromId: string, toId: string, kind: UnitLinkKind) {
  await db
    .updateTable('unit_links')
    .set({ kind })
    .where('from_unit_id', '=', fromId)
    .where('to_unit_id', '=', toId)
    .execute();
}

export async function insertUnitLinks(
  db: Executor,
  rows: { from_unit_id: string; to_unit_id: string; kind: UnitLinkKind }[],
) {
  await db.insertInto('unit_links').values(rows).execute();
}

/** Paths of the top-level unit(s): a scope covering the whole country. */
export async function findNationPaths(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('units').select('path').where('level', '=', 'nation').execute();
  return rows.map((r) => r.path);
}
