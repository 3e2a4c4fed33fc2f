import { z } from 'zod';
import { scopePaths } from '@shared/access/actor.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { findUnitById } from '@server/features/units/units.repo.ts';
import { isNationwide, pathInScope } from '@server/features/units/units.scope.ts';
import { verifyAuditChain } from './audit.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày phải có dạng YYYY-MM-DD');

export const listAuditQuery = z.object({
  action: z.string().trim().max(100).optional(),
  objectType: z.string().trim().max(50).optional(),
  objectId: z.string().trim().max(100).optional(),
  unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
  actorId: z.uuid('Mã người thực hiện không hợp lệ').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListAuditQuery = z.output<typeof listAuditQuery>;

/**
 * The audit trail, newest first, scoped in SQL: a row belongs to the unit of its object, so an
 * actor sees rows of units under their audit.read scope; rows without a unit (sign-in attempts,
 * imports) only to nationwide readers.
 */
export async function listAudit(ctx: SignedInContext, q: ListAuditQuery) {
  const paths = scopePaths(ctx.actor, 'audit.read');
  const db = ctx.app.db;
  let unitPath: string | undefined;
  if (q.unitId) {
    const unit = await findUnitById(db, q.unitId);
    if (!unit || !paths.some((p) => unit.path.startsWith(p)))
      throw new NotFoundError('Không tìm thấy đơn vị hành chính.');
    unitPath = unit.path;
  }
  let query = db.selectFrom('audit_log').leftJoin('units', 'units.id', 'audit_log.unit_id');
  if (!isNationwide(paths)) query = query.where((eb) => pathInScope(eb, 'units.path', paths));
  if (unitPath) query = query.where('units.path', 'like', `${unitPath}%`);
  if (q.action) query = query.where('audit_log.action', '=', q.action);
  if (q.objectType) query = query.where('audit_log.object_type', '=', q.objectType);
  if (q.objectId) query = query.where('audit_log.object_id', '=', q.objectId);
  if (q.actorId) query = query.where('audit_log.actor_id', '=', q.actorId);
  // Calendar days in Vietnam (UTC+7, no daylight saving).
  if (q.from) query = query.where('audit_log.at', '>=', new Date(`${q.from}T00:00:00+07:00`));
  if (q.to)
    query = query.where('audit_log.at', '<', new Date(Date.parse(`${q.to}T00:00:00+07:00`) + 86_400_000));
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
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      unitId: r.unit_id,
      unitName: r.unit_name,
      diff: r.diff,
      ip: r.ip,
    })),
    total: Number(total.n),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    access: { permission: 'audit.read' },
    summary:
      'Nhật ký thao tác trong phạm vi của mình, lọc theo hành động, đối tượng, đơn vị, người, thời gian',
    schemas: { query: listAuditQuery },
    handler: ({ query }, ctx) => listAudit(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/audit/verify',
    access: { permission: 'audit.verify' },
    summary: 'Kiểm tra tính toàn vẹn của chuỗi nhật ký (mã băm nối tiếp)',
    async handler(_input, ctx) {
      return verifyAuditChain(ctx.app.db);
    },
  }),
];
