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
