import { scopePaths } from '@shared/access/actor.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { verifyAuditChain, type ChainReport } from '@server/platform/audit/audit.ts';
import { anchorFileIn, writeAuditCheckpoint } from '@server/platform/audit/audit-anchor.ts';
import { findUnitById } from '@server/features/units/units.repo.ts';
import { findAuditObjectNames, findAuditPage } from './audit.repo.ts';
import type { ListAuditQuery } from './audit.schemas.ts';

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
  const { rows, total } = await findAuditPage(
    db,
    paths,
    {
      unitPath,
      action: q.action,
      objectType: q.objectType,
      objectId: q.objectId,
      actorId: q.actorId,
      // Calendar days in Vietnam (UTC+7, no daylight saving).
      from: q.from ? new Date(`${q.from}T00:00:00+07:00`) : undefined,
      to: q.to ? new Date(Date.parse(`${q.to}T00:00:00+07:00`) + 86_400_000) : undefined,
    },
    { limit: q.pageSize, offset: (q.page - 1) * q.pageSize },
  );
  const names = await findAuditObjectNames(
    db,
    paths,
    rows.map((r) => ({ type: r.object_type, id: r.object_id })),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      objectType: r.object_type,
      objectId: r.object_id,
      /** The object's readable name (unit, person, period, a commune's evaluation) when in scope. */
      objectName: r.object_id ? (names.get(`${r.object_type}:${r.object_id}`) ?? null) : null,
      unitId: r.unit_id,
      unitName: r.unit_name,
      diff: r.diff,
      ip: r.ip,
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/**
 * Recomputes the whole hash chain and checks it against the checkpoints in DATA_DIR (route and CLI
 * alike); an intact log is checkpointed again, so later truncation is caught from this point on.
 */
export async function verifyAudit(ctx: ServiceContext): Promise<ChainReport> {
  const anchorFile = anchorFileIn(ctx.app.config.dataDir);
  const report = await verifyAuditChain(ctx.app.db, { anchorFile });
  if (report.ok) await writeAuditCheckpoint(ctx.app.db, anchorFile);
  return report;
}
