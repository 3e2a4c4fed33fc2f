import { scopePaths } from '@shared/access/actor.ts';
import { compareVietnamese } from '@shared/format/vi.ts';
import type { DossierPage, ListDossiersQuery } from '@shared/tthc/dossiers.contract.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { findUnitInScope } from '@server/features/units/units.repo.ts';
import { findDossierFields, findDossiers, type DossierRow } from './tthc.dossiers.repo.ts';
import type { TthcMeasureId } from './tthc.measures.repo.ts';

export const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị hành chính.';

/** The unit, when it lies within the actor's units for `permission`; 404 otherwise (never "forbidden"). */
export async function getRegisterUnit(
  ctx: SignedInContext,
  unitId: string,
  permission: 'registers.read' | 'registers.edit',
) {
  const unit = await findUnitInScope(ctx.app.db, unitId, scopePaths(ctx.actor, permission));
  if (!unit) throw new NotFoundError(UNIT_NOT_FOUND);
  return unit;
}

function presentDossier(r: DossierRow) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    code: r.code,
    procedureCode: r.procedure_code,
    procedureName: r.procedure_name,
    field: r.field,
    channel: r.channel,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    resolvedOn: r.resolved_on,
    status: r.status,
    statusKind: r.status_kind,
    digitised: r.digitised,
    electronicResult: r.electronic_result,
    onlinePayment: r.online_payment,
    fullProcess: r.full_process,
    apologyLetter: r.apology_letter,
    source: r.source,
    counted: r.counted,
  };
}

/**
 * The register's dossiers within the actor's units (or one unit of them), filtered. Without a rule
 * (late, pending, measure) the range selects the dossiers received in it; a rule counts on a range,
 * which is the current year when none is given. With `measure` the rows are exactly those the
 * measure is computed from, each marked whether it counts in the numerator.
 */
export async function listDossiers(ctx: SignedInContext, query: ListDossiersQuery): Promise<DossierPage> {
  const paths = scopePaths(ctx.actor, 'registers.read');
  if (query.unitId) await getRegisterUnit(ctx, query.unitId, 'registers.read');
  const needsRange = query.late || query.pending || query.measure !== undefined;
  const year = businessClock().today.slice(0, 4);
  const range =
    query.from || query.to || needsRange
      ? { from: query.from ?? (query.to ? '0001-01-01' : `${year}-01-01`), to: query.to ?? `${year}-12-31` }
      : undefined;
  const { rows, total, hits } = await findDossiers(
    ctx.app.db,
    {
      paths,
      unitId: query.unitId,
      range,
      receivedInRange: !needsRange,
      late: query.late,
      pending: query.pending,
      measure: query.measure as TthcMeasureId | undefined,
      field: query.field,
      channel: query.channel,
      q: query.q,
    },
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map(presentDossier),
    total,
    page: query.page,
    pageSize: query.pageSize,
    from: range?.from ?? null,
    to: range?.to ?? null,
    counted: hits,
  };
}

/** The fields (lĩnh vực) of the register within the actor's units, in Vietnamese order. */
export async function listDossierFields(ctx: SignedInContext, unitId: string | undefined) {
  if (unitId) await getRegisterUnit(ctx, unitId, 'registers.read');
  const fields = await findDossierFields(ctx.app.db, scopePaths(ctx.actor, 'registers.read'), unitId);
  return fields.sort(compareVietnamese);
}
