import type { Db } from '@server/db/client.ts';
import { isNationwide, pathInScope } from '@server/features/units/units.scope.ts';

export type AuditFilters = {
  /** Only rows of units under this path (already checked to be in scope). */
  unitPath?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  actorId?: string;
  /** Instants: [from, to). */
  from?: Date;
  to?: Date;
};

/**
 * One page of the audit trail, newest first, and the number of matching rows. A row belongs to the
 * unit of its object; rows without a unit only match a nationwide scope.
 */
export async function findAuditPage(
  db: Db,
  paths: string[],
  filters: AuditFilters,
  page: { limit: number; offset: number },
) {
  let query = db.selectFrom('audit_log').leftJoin('units', 'units.id', 'audit_log.unit_id');
  if (!isNationwide(paths)) query = query.where((eb) => pathInScope(eb, 'units.path', paths));
  if (filters.unitPath) query = query.where('units.path', 'like', `${filters.unitPath}%`);
  if (filters.action) query = query.where('audit_log.action', '=', filters.action);
  if (filters.objectType) query = query.where('audit_log.object_type', '=', filters.objectType);
  if (filters.objectId) query = query.where('audit_log.object_id', '=', filters.objectId);
  if (filters.actorId) query = query.where('audit_log.actor_id', '=', filters.actorId);
  if (filters.from) query = query.where('audit_log.at', '>=', filters.from);
  if (filters.to) query = query.where('audit_log.at', '<', filters.to);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.actor_name',
      'audit_log.action',
      'audit_log.object_type',
      'audit_log.object_id',
      'audit_log.unit_id',
      'units.name as unit_name',
      'audit_log.diff',
      'audit_log.ip',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return { rows, total: Number(total.n) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Object types whose rows can be named: a unit, a person, a period, a commune's evaluation. */
export type NamedObjectType = 'unit' | 'user' | 'evaluation_period' | 'evaluation';

/**
 * Readable names of the objects of a page of audit rows, keyed "type:id". Each lookup is scoped like
 * the trail itself (the object's unit under one of the actor's paths), so a name never leaks beyond
 * what the actor could open; an object out of scope or deleted keeps its short identifier.
 */
export async function findAuditObjectNames(
  db: Db,
  paths: string[],
  refs: { type: string; id: string | null }[],
): Promise<Map<string, string>> {
  const idsOf = (type: NamedObjectType) => [
    ...new Set(refs.filter((r) => r.type === type && r.id && UUID.test(r.id)).map((r) => r.id!)),
  ];
  const everywhere = isNationwide(paths);
  const names = new Map<string, string>();

  const unitIds = idsOf('unit');
  if (unitIds.length) {
    let q = db.selectFrom('units').select(['id', 'name']).where('id', 'in', unitIds);
    if (!everywhere) q = q.where((eb) => pathInScope(eb, 'units.path', paths));
    for (const r of await q.execute()) names.set(`unit:${r.id}`, r.name);
  }

  const userIds = idsOf('user');
  if (userIds.length) {
    let q = db.selectFrom('users').select(['users.id', 'users.full_name']).where('users.id', 'in', userIds);
    // A person is in scope when one of their roles is held in a unit of the actor's scope.
    if (!everywhere)
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_assignments')
            .innerJoin('units', 'units.id', 'role_assignments.unit_id')
            .select('role_assignments.id')
            .whereRef('role_assignments.user_id', '=', 'users.id')
            .where((inner) => pathInScope(inner, 'units.path', paths)),
        ),
      );
    for (const r of await q.execute()) names.set(`user:${r.id}`, r.full_name);
  }

  const periodIds = idsOf('evaluation_period');
  if (periodIds.length) {
    let q = db
      .selectFrom('evaluation_periods')
      .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
      .select(['evaluation_periods.id', 'evaluation_periods.name'])
      .where('evaluation_periods.id', 'in', periodIds);
    if (!everywhere) q = q.where((eb) => pathInScope(eb, 'units.path', paths));
    for (const r of await q.execute()) names.set(`evaluation_period:${r.id}`, r.name);
  }

  const evaluationIds = idsOf('evaluation');
  if (evaluationIds.length) {
    let q = db
      .selectFrom('evaluations')
      .innerJoin('units', 'units.id', 'evaluations.unit_id')
      .innerJoin('evaluation_periods', 'evaluation_periods.id', 'evaluations.period_id')
      .select(['evaluations.id', 'units.name as unit_name', 'evaluation_periods.name as period_name'])
      .where('evaluations.id', 'in', evaluationIds);
    if (!everywhere) q = q.where((eb) => pathInScope(eb, 'units.path', paths));
    for (const r of await q.execute())
      names.set(`evaluation:${r.id}`, `Hồ sơ của ${r.unit_name} (${r.period_name})`);
  }
  return names;
}
