import { scopePaths } from '@shared/access/actor.ts';
import { foldVietnamese } from '@shared/format/vi.ts';
import type { Db } from '@server/db/client.ts';
import { diffRecords, writeAudit } from '@server/platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import type { SignedInContext, SystemContext } from '@server/platform/context.ts';
import type { Actor } from '@shared/access/actor.ts';
import {
  planImport,
  writeImportSlice,
  type ImportReport,
  type ImportWrite,
  type UnitsSource,
} from './units.import.ts';
import { canEditUnit } from './units.policy.ts';
import { importUnitsJob } from './units.jobs.ts';
import { readMergesFile } from './units.source.ts';
import { enqueue } from '@server/platform/jobs/queue.ts';
import { presentUnit, sortUnits } from './units.presenter.ts';
import {
  findChildren,
  findNationPaths,
  findPredecessors,
  findSuccessors,
  findUnitByCode,
  findUnitInScope,
  findUnits,
  updateUnitIfUnchanged,
  type UnitFilter,
  type UnitRow,
} from './units.repo.ts';
import type { ListUnitsQuery, UpdateUnitBody } from './units.schemas.ts';

/** Upper bound of rows one list reads before sorting in Vietnamese order (the whole country ≈ 13,500). */
const LIST_MAX_ROWS = 20_000;
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị hành chính.';
const UNIT_CHANGED_MEANWHILE =
  'Đơn vị hành chính này vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất rồi sửa lại.';

/** Every unit matching `filter` across the country, unpaged, for the command line (`units list`). */
export async function listAllUnits(ctx: SystemContext, filter: UnitFilter) {
  return findUnits(ctx.app.db, await findNationPaths(ctx.app.db), filter, LIST_MAX_ROWS);
}

/** The unit in force with this code, for the command line (`users create --unit`). */
export async function findCurrentUnitByCode(ctx: SystemContext, code: string): Promise<UnitRow | undefined> {
  return (await findUnitByCode(ctx.app.db, code, 'current'))[0];
}

/** Units the actor may see, filtered, in Vietnamese order, one page at a time. */
export async function listUnits(ctx: SignedInContext, query: ListUnitsQuery) {
  const paths = scopePaths(ctx.actor, 'units.read');
  const folded = query.search ? foldVietnamese(query.search).trim() : undefined;
  let rows = await findUnits(
    ctx.app.db,
    paths,
    {
      folded,
      parentId: query.parentId,
      level: query.level,
      provinceCode: query.province,
      era: query.era,
    },
    LIST_MAX_ROWS,
  );
  // Typed with diacritics ("Đại"): match them too, so "Đại" does not also find "Dải".
  if (query.search && foldVietnamese(query.search) !== query.search.toLowerCase()) {
    const needle = query.search.normalize('NFC').toLowerCase();
    rows = rows.filter(
      (r) => r.name.normalize('NFC').toLowerCase().includes(needle) || r.code === query.search,
    );
  }
  sortUnits(rows);
  const start = (query.page - 1) * query.pageSize;
  return {
    items: rows.slice(start, start + query.pageSize).map((r) => presentUnit(ctx.actor, r)),
    total: rows.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function getUnitInScope(ctx: SignedInContext, id: string) {
  const unit = await findUnitInScope(ctx.app.db, id, scopePaths(ctx.actor, 'units.read'));
  if (!unit) throw new NotFoundError(UNIT_NOT_FOUND);
  return unit;
}

/** One unit with its children, or 404 outside the actor's units. */
export async function getUnit(ctx: SignedInContext, id: string) {
  const unit = await getUnitInScope(ctx, id);
  const children = sortUnits(await findChildren(ctx.app.db, unit.id));
  return { ...presentUnit(ctx.actor, unit), children: children.map((c) => presentUnit(ctx.actor, c)) };
}

/** The old units a unit was formed from (and, for an old unit, where it went). */
export async function getUnitHistory(ctx: SignedInContext, id: string) {
  const unit = await getUnitInScope(ctx, id);
  const link = (r: Awaited<ReturnType<typeof findPredecessors>>[number]) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    level: r.level,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    link: r.link_kind,
  });
  return {
    unit: presentUnit(ctx.actor, unit),
    formedFrom: sortUnits(await findPredecessors(ctx.app.db, unit.id)).map(link),
    wentInto: sortUnits(await findSuccessors(ctx.app.db, unit.id)).map(link),
  };
}

/**
 * Edits a unit's name, kind or validity (units.manage), audited with the field diff, if nobody
 * saved it since the form loaded it (`expectedUpdatedAt`; otherwise 409 and nothing is written).
 */
export async function editUnit(ctx: SignedInContext, id: string, body: UpdateUnitBody) {
  const unit = await getUnitInScope(ctx, id);
  if (!canEditUnit(ctx.actor, unit)) throw new NotFoundError(UNIT_NOT_FOUND);
  const expected = new Date(body.expectedUpdatedAt);
  const changedMeanwhile = () => new ConflictError(UNIT_CHANGED_MEANWHILE, { reason: 'changed' });
  if (unit.updated_at.getTime() !== expected.getTime()) throw changedMeanwhile();
  const validFrom = body.validFrom ?? unit.valid_from;
  const validTo = body.validTo === undefined ? unit.valid_to : body.validTo;
  if (validTo !== null && validTo <= validFrom) {
    throw new ValidationError('Ngày hết hiệu lực phải sau ngày có hiệu lực.', [
      { field: 'validTo', message: 'Phải sau ngày có hiệu lực' },
    ]);
  }
  const patch = {
    ...(body.name !== undefined ? { name: body.name, name_folded: foldVietnamese(body.name) } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.validFrom !== undefined ? { valid_from: body.validFrom } : {}),
    ...(body.validTo !== undefined ? { valid_to: body.validTo } : {}),
  };
  const before = { name: unit.name, kind: unit.kind, valid_from: unit.valid_from, valid_to: unit.valid_to };
  const after = { ...before, ...patch };
  delete (after as Record<string, unknown>).name_folded;
  const diff = diffRecords(before, after);
  if (Object.keys(diff).length > 0) {
    try {
      await ctx.app.db.transaction().execute(async (trx) => {
        // Checked again in the write itself: another save may have committed since the read above.
        if (!(await updateUnitIfUnchanged(trx, unit.id, expected, patch))) throw changedMeanwhile();
        await writeAudit(trx, {
          action: 'unit.updated',
          objectType: 'unit',
          objectId: unit.id,
          unitId: unit.id,
          diff,
          actor: ctx.actor,
          ip: ctx.ip,
        });
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new ConflictError('Đã có đơn vị cùng cấp, cùng mã và cùng ngày có hiệu lực.');
      }
      throw error;
    }
  }
  return getUnit(ctx, unit.id);
}

/** Rows written per transaction by an import: short enough for requests to slip in between. */
export const IMPORT_SLICE_ROWS = 500;
/**
 * Pause after each slice. PGlite answers inside the same thread, so an import's chain of queries
 * never leaves the microtask queue and Node reads no new request until it ends; a timer lets the
 * requests that arrived meanwhile be read and answered before the next slice.
 */
const IMPORT_PAUSE_MS = 5;

/**
 * Imports units (whole country or some new provinces): the plan is read once, then written in
 * slices of IMPORT_SLICE_ROWS rows, each its own short transaction with its own audit row
 * ('units.imported', part i of n; the last part also carries the whole import's report). On the
 * embedded engine one long transaction would hold the only connection for seconds; between slices
 * waiting requests get it. An import stopped half-way leaves whole slices; running it again
 * writes only what is missing. Used by the CLI and the job; `actor` is null from the command line.
 */
export async function importUnitsAudited(
  db: Db,
  source: UnitsSource,
  options: {
    provinceCodes?: string[];
    actor?: Pick<Actor, 'userId' | 'fullName'> | null;
    sourceName: string;
    /** Called after each committed slice. */
    onProgress?: (done: number, total: number) => Promise<void> | void;
  },
): Promise<ImportReport> {
  const { report, writes } = await planImport(db, source, options.provinceCodes);
  const parts = Math.ceil(writes.length / IMPORT_SLICE_ROWS);
  for (let part = 0; part < parts; part++) {
    const slice = writes.slice(part * IMPORT_SLICE_ROWS, (part + 1) * IMPORT_SLICE_ROWS);
    const count = (op: ImportWrite['op']) => slice.filter((w) => w.op === op).length;
    await db.transaction().execute(async (trx) => {
      await writeImportSlice(trx, slice);
      await writeAudit(trx, {
        action: 'units.imported',
        objectType: 'unit',
        diff: {
          part: part + 1,
          parts,
          created: count('insert-unit'),
          updated: count('update-unit') + count('update-link'),
          linksCreated: count('insert-link'),
          ...(part === parts - 1 ? { report } : {}),
          source: options.sourceName,
          provinces_filter: options.provinceCodes ?? null,
        },
        actor: options.actor ?? null,
      });
    });
    await options.onProgress?.(part + 1, parts);
    await new Promise((resolve) => setTimeout(resolve, IMPORT_PAUSE_MS));
  }
  return report;
}

let provinceList: { code: string; name: string; communes: number }[] | undefined;

/** The 34 provinces of the shipped official list, to choose what to import. */
export function listImportableProvinces() {
  provinceList ??= readMergesFile().data.map((p) => ({
    code: p.level1_id,
    name: p.name,
    communes: p.level2s.length,
  }));
  return provinceList;
}

/** Queues an import of the shipped unit list (all, or some provinces), audited in the same transaction. */
export async function requestUnitsImport(ctx: SignedInContext, provinceCodes: string[] | undefined) {
  const known = new Set(listImportableProvinces().map((p) => p.code));
  const unknown = (provinceCodes ?? []).filter((code) => !known.has(code));
  if (unknown.length) {
    throw new ValidationError(`Mã tỉnh không có trong danh mục: ${unknown.join(', ')}.`, [
      { field: 'provinceCodes', message: 'Mã tỉnh không hợp lệ' },
    ]);
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const jobId = await enqueue(
      trx,
      importUnitsJob,
      { provinceCodes, requestedBy: { userId: ctx.actor.userId, fullName: ctx.actor.fullName } },
      { createdBy: ctx.actor.userId },
    );
    await writeAudit(trx, {
      action: 'units.import-requested',
      objectType: 'job',
      objectId: jobId,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { provinceCodes: provinceCodes ?? 'cả nước' },
    });
    return { jobId };
  });
}
