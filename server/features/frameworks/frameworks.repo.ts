import { sql, type Expression, type SqlBool } from 'kysely';
import type { Executor } from '@server/db/executor.ts';

/**
 * Visibility of a stored framework version for an actor whose scope is `paths`: built-ins (no
 * owner) to everyone; a province's copy to units at or below the province (its own staff and the
 * communes it evaluates) and to those above it. Another province never sees it.
 */
function visibleTo(paths: string[]): Expression<SqlBool> {
  if (paths.length === 0) return sql<SqlBool>`false`;
  const ownerPath = sql.ref('owner.path');
  // Paths hold only uuids and slashes: no LIKE wildcard to escape.
  const below = paths.map((p) => sql`${ownerPath} like ${`${p}%`}`);
  const above = paths.map((p) => sql`${p} like ${ownerPath} || '%'`);
  return sql<SqlBool>`(framework_versions.owner_unit_id is null or ${sql.join([...below, ...above], sql` or `)})`;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('framework_versions')
    .leftJoin('units as owner', 'owner.id', 'framework_versions.owner_unit_id')
    .select((eb) => [
      'framework_versions.id',
      'framework_versions.code',
      'framework_versions.version',
      'framework_versions.name',
      'framework_versions.family',
      'framework_versions.content_hash',
      'framework_versions.owner_unit_id',
      'framework_versions.created_at',
      'owner.name as owner_name',
      'owner.path as owner_path',
      eb
        .selectFrom('evaluation_periods')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('evaluation_periods.framework_version_id', '=', 'framework_versions.id')
        .as('used_by_periods'),
      eb
        .selectFrom('framework_versions as newer')
        .select(sql<number>`max(newer.version)`.as('v'))
        .whereRef('newer.code', '=', 'framework_versions.code')
        .as('latest_version'),
      sql<string>`framework_versions.content ->> 'model'`.as('model'),
      sql<string>`framework_versions.content ->> 'provenance'`.as('provenance'),
      sql<{ from: number; to: number | null } | null>`framework_versions.content -> 'effectiveYears'`.as(
        'effective_years',
      ),
      // Any node, rule, condition or document below the framework that is not confirmed (L).
      sql<boolean>`jsonb_path_exists(framework_versions.content, '$.**.provenance ? (@ != "L")')`.as(
        'has_provisional',
      ),
    ]);
}

export type FrameworkVersionRow = Awaited<ReturnType<typeof findFrameworkVersionsInScope>>[number];

/** Every framework version the actor can see, by code then newest version first. */
export async function findFrameworkVersionsInScope(
  db: Executor,
  paths: string[],
  filter: { code?: string } = {},
) {
  let query = baseQuery(db).where(visibleTo(paths));
  if (filter.code) query = query.where('framework_versions.code', '=', filter.code);
  return query.orderBy('framework_versions.code').orderBy('framework_versions.version', 'desc').execute();
}

/** One framework version the actor can see, with its content; undefined when absent or out of scope. */
export async function findFrameworkVersionInScope(db: Executor, paths: string[], id: string) {
  return baseQuery(db)
    .select('framework_versions.content')
    .where('framework_versions.id', '=', id)
    .where(visibleTo(paths))
    .executeTakeFirst();
}

/** The newest stored version of a code, whoever owns it (codes are unique across the country). */
export async function findLatestOfCode(db: Executor, code: string) {
  return db
    .selectFrom('framework_versions')
    .select(['id', 'version', 'content_hash', 'owner_unit_id'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Ids of the stored versions matching (code, version) pairs, for linking mappings to stored rows. */
export async function findVersionIds(db: Executor, pairs: { code: string; version: number }[]) {
  if (pairs.length === 0) return [];
  return db
    .selectFrom('framework_versions')
    .select(['id', 'code', 'version'])
    .where((eb) => eb.or(pairs.map((p) => eb.and([eb('code', '=', p.code), eb('version', '=', p.version)]))))
    .execute();
}

/** Stores a new version. There is no update: the database refuses it (migration 20261122_1810). */
export async function insertFrameworkVersion(
  db: Executor,
  values: {
    code: string;
    version: number;
    name: string;
    family: 'tcpl' | 'cchc';
    content: string;
    contentHash: string;
    ownerUnitId: string;
    createdBy: string;
  },
): Promise<{ id: string }> {
  return db
    .insertInto('framework_versions')
    .values({
      code: values.code,
      version: values.version,
      name: values.name,
      family: values.family,
      content: values.content,
      content_hash: values.contentHash,
      owner_unit_id: values.ownerUnitId,
      created_by: values.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** A unit by id with its path and level (for choosing a framework's owner). */
export async function findUnit(db: Executor, id: string) {
  return db
    .selectFrom('units')
    .select(['id', 'name', 'path', 'level'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Provinces under any of `paths` (a national grant sees every province), by name. */
export async function findProvincesUnder(db: Executor, paths: string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('level', '=', 'province')
    .where('valid_to', 'is', null)
    .where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
    .execute();
}

/** The stored version of (code, version), if any. */
export async function findStoredVersion(db: Executor, code: string, version: number) {
  return db
    .selectFrom('framework_versions')
    .select(['id', 'content_hash'])
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Stores a built-in version (no owner, no author); a concurrent insert of the same version is ignored. */
export async function insertBuiltinVersion(
  db: Executor,
  values: {
    code: string;
    version: number;
    name: string;
    family: 'tcpl' | 'cchc';
    content: string;
    contentHash: string;
  },
) {
  await db
    .insertInto('framework_versions')
    .values({
      code: values.code,
      version: values.version,
      name: values.name,
      family: values.family,
      content: values.content,
      content_hash: values.contentHash,
    })
    .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
    .execute();
}

/** The stored content of a version, if it exists. */
export async function findVersionContent(db: Executor, id: string) {
  return db
    .selectFrom('framework_versions')
    .select(['content', 'content_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a version with this content hash is visible at one of `paths` (its id, or nothing). */
export async function findVersionIdByHashInScope(db: Executor, paths: string[], hash: string) {
  return baseQuery(db)
    .where('framework_versions.content_hash', '=', hash)
    .where(visibleTo(paths))
    .limit(1)
    .executeTakeFirst();
}

/** Latest stored version of a framework code. */
/**
 * The newest version of a code that an organiser at `unitPath` may use: a built-in, or a copy owned by
 * the organiser's unit or a unit above it (a province's copy serves the province, never another one).
 */
export async function findLatestUsableFrameworkVersion(db: Executor, code: string, unitPath: string) {
  return db
    .selectFrom('framework_versions')
    .leftJoin('units as owner', 'owner.id', 'framework_versions.owner_unit_id')
    .select([
      'framework_versions.id',
      'framework_versions.code',
      'framework_versions.version',
      'framework_versions.name',
      'framework_versions.family',
      'framework_versions.content_hash',
    ])
    .where('framework_versions.code', '=', code)
    .where(sql<SqlBool>`(framework_versions.owner_unit_id is null or ${unitPath} like owner.path || '%')`)
    .orderBy('framework_versions.version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findLatestFrameworkVersion(db: Executor, code: string) {
  return db
    .selectFrom('framework_versions')
    .select(['id', 'code', 'version', 'name', 'family', 'content_hash'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
