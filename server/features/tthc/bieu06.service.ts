/**
 * Biểu 06/VPCP/KSTT for a unit and a date range, and the aggregate rows of communes without
 * per-dossier data (docs/adr/0013-registers.md, "Biểu 06").
 *
 * How the two sources combine: a commune's figures come from its dossiers when it has any dossier
 * Biểu 06 counts in the range; otherwise from its aggregate rows for exactly that range, if any;
 * otherwise it contributes nothing. A province or old district sums its communes, each by that rule,
 * and the report names the source of each commune.
 */
import { can, scopePaths, type Actor } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import { compareVietnamese, formatDate } from '@shared/format/vi.ts';
import type { DateRange } from '@shared/registers/measures.ts';
import {
  addFigures,
  BIEU06_KEYS,
  checkFigures,
  checkReport,
  describeFileIssue,
  emptyFigures,
  readAggregateRecords,
  type AggregateRowInput,
  type Bieu06Figures,
} from '@shared/tthc/bieu06.ts';
import type {
  AggregatesResult,
  AggregatesInput,
  Bieu06Query,
  Bieu06Report,
  Bieu06Source,
} from '@shared/tthc/bieu06.contract.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { isSystem, type ServiceContext } from '@server/platform/context.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import { openTabular, type TabularRow } from '@server/platform/imports/tabular.ts';
import {
  findNationPaths,
  findUnitByCode,
  findUnitInScope,
  type UnitRow,
} from '@server/features/units/units.repo.ts';
import {
  countDossiers,
  findAggregatesOf,
  findAggregatesUnder,
  findCommunesUnder,
  hasDossiersInPeriod,
  replaceAggregates,
  type AggregateRow,
} from './bieu06.repo.ts';

const MAX_AGGREGATE_ROWS = 500;
const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị hành chính.';

/** The command line (SystemContext) reads and writes everywhere; a user within their units. */
async function scopeOf(ctx: ServiceContext, permission: Permission): Promise<string[]> {
  if (isSystem(ctx)) return findNationPaths(ctx.app.db);
  return ctx.actor ? scopePaths(ctx.actor, permission) : [];
}

async function getUnitFor(ctx: ServiceContext, unitId: string, permission: Permission): Promise<UnitRow> {
  const unit = await findUnitInScope(ctx.app.db, unitId, await scopeOf(ctx, 'registers.read'));
  if (!unit) throw new NotFoundError(UNIT_NOT_FOUND);
  if (permission !== 'registers.read' && !isSystem(ctx) && !can(ctx.actor, permission, unit.path))
    throw new ForbiddenError('Bạn không có quyền nhập số liệu Biểu 06 của đơn vị này.');
  return unit;
}

const summary = (u: { id: string; code: string; name: string; level: string }) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  level: u.level,
});

function figuresOf(row: Bieu06Figures): Bieu06Figures {
  return Object.fromEntries(BIEU06_KEYS.map((k) => [k, row[k]])) as Bieu06Figures;
}

function canEditAggregates(actor: Actor | null, unit: UnitRow): boolean {
  return unit.level === 'commune' && can(actor, 'registers.edit', unit.path);
}

/** Biểu 06 of a unit in the actor's scope for [from, to]: by field (Vietnamese order), in total, with its problems. */
export async function getBieu06(ctx: ServiceContext, query: Bieu06Query): Promise<Bieu06Report> {
  const unit = await getUnitFor(ctx, query.unitId, 'registers.read');
  const range: DateRange = { from: query.from, to: query.to };
  const db = ctx.app.db;
  const [communes, counted, aggregates] = await Promise.all([
    findCommunesUnder(db, unit.path),
    countDossiers(db, unit.path, range),
    findAggregatesUnder(db, unit.path, range),
  ]);
  const withDossiers = new Set(counted.map((r) => r.unitId));
  const used: (Bieu06Figures & { field: string })[] = [
    ...counted,
    ...aggregates.filter((a) => !withDossiers.has(a.unitId)),
  ];
  const fromAggregates = new Set(used.filter((r) => 'source' in r).map((r) => (r as AggregateRow).unitId));

  const byFieldMap = new Map<string, Bieu06Figures>();
  for (const row of used) {
    byFieldMap.set(row.field, addFigures(byFieldMap.get(row.field) ?? emptyFigures(), figuresOf(row)));
  }
  const byField = [...byFieldMap]
    .sort(([a], [b]) => compareVietnamese(a, b))
    .map(([field, figures]) => ({ field, ...figures }));
  const total = byField.reduce<Bieu06Figures>((sum, r) => addFigures(sum, figuresOf(r)), emptyFigures());

  const sourceOf = (id: string): Bieu06Source =>
    withDossiers.has(id) ? 'dossiers' : fromAggregates.has(id) ? 'aggregates' : 'none';
  const communeList = communes
    .map((c) => ({ ...summary(c), source: sourceOf(c.id) }))
    .sort((a, b) => compareVietnamese(a.name, b.name));
  return {
    unit: summary(unit),
    from: range.from,
    to: range.to,
    total,
    byField,
    problems: checkReport(byField, total),
    communes: communeList,
    abilities: {
      canDrillDown: unit.level === 'commune' && withDossiers.has(unit.id),
      canEditAggregates: !isSystem(ctx) && canEditAggregates(ctx.actor, unit),
    },
  };
}

function aggregatesDto(
  ctx: ServiceContext,
  unit: UnitRow,
  range: DateRange,
  rows: AggregateRow[],
  hasDossiers: boolean,
): AggregatesResult {
  const sorted = [...rows].sort((a, b) => compareVietnamese(a.field, b.field));
  return {
    unit: summary(unit),
    from: range.from,
    to: range.to,
    rows: sorted.map((r) => ({ field: r.field, ...figuresOf(r) })),
    problems: sorted.flatMap((r) => checkFigures(r.field, r)),
    source: sorted[0]?.source ?? null,
    updatedAt: sorted.reduce<Date | null>((t, r) => (t && t > r.updatedAt ? t : r.updatedAt), null),
    hasDossiers,
    abilities: { canEdit: !isSystem(ctx) && canEditAggregates(ctx.actor, unit) },
  };
}

/** A commune's aggregate rows for exactly [from, to], with their problems. */
export async function getAggregates(ctx: ServiceContext, query: Bieu06Query): Promise<AggregatesResult> {
  const unit = await getUnitFor(ctx, query.unitId, 'registers.read');
  const range = { from: query.from, to: query.to };
  const [rows, hasDossiers] = await Promise.all([
    findAggregatesOf(ctx.app.db, unit.id, range),
    hasDossiersInPeriod(ctx.app.db, unit.id, range),
  ]);
  return aggregatesDto(ctx, unit, range, rows, hasDossiers);
}

/**
 * Replaces a commune's aggregate rows for exactly [from, to] (rows of other ranges stay), in one
 * transaction with its audit row. Rows whose columns disagree are stored: the report shows them
 * as problems to correct, as the commune's paper report would show them.
 */
export async function saveAggregates(
  ctx: ServiceContext,
  input: AggregatesInput,
  source: 'typed' | 'import' = 'typed',
  fileName?: string,
): Promise<AggregatesResult> {
  const unit = await getUnitFor(ctx, input.unitId, 'registers.edit');
  if (unit.level !== 'commune')
    throw new ValidationError(
      `Chỉ nhập số liệu Biểu 06 cho đơn vị cấp xã; ${unit.name} là đơn vị cấp trên, số liệu được cộng từ các xã.`,
      [{ field: 'unitId', message: 'Không phải đơn vị cấp xã' }],
    );
  const range = { from: input.from, to: input.to };
  const rows: AggregateRowInput[] = input.rows.map((r) => ({ ...r, field: r.field.trim().normalize('NFC') }));
  await ctx.app.db.transaction().execute(async (trx) => {
    const before = await findAggregatesOf(trx, unit.id, range);
    await replaceAggregates(trx, unit.id, range, rows, source, ctx.actor?.userId ?? null);
    await writeAudit(trx, {
      action: 'tthc-aggregates.saved',
      objectType: 'tthc_aggregates',
      objectId: unit.id,
      unitId: unit.id,
      diff: {
        range: `${formatDate(range.from)}–${formatDate(range.to)}`,
        source,
        ...(fileName ? { file: fileName } : {}),
        rows: {
          from: before.map((r) => ({ field: r.field, ...figuresOf(r) })),
          to: rows.map((r) => ({ field: r.field, ...figuresOf(r) })),
        },
      },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  return getAggregates(ctx, { unitId: unit.id, from: range.from, to: range.to });
}

/**
 * Imports a commune's aggregate rows from a CSV/XLSX file (server/platform/imports/tabular.ts): all or nothing. A cell
 * that is not a whole non-negative number refuses the file, naming each row and column; rows whose
 * columns disagree are not refused (they are stored and shown as problems).
 */
export async function importAggregates(
  ctx: ServiceContext,
  query: Bieu06Query,
  filePath: string,
  fileName: string,
): Promise<AggregatesResult> {
  await getUnitFor(ctx, query.unitId, 'registers.edit');
  let file;
  try {
    file = await openTabular(filePath);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`Tệp ${fileName}: ${error.message}`);
    throw error;
  }
  const records: TabularRow[] = [];
  for await (const row of file.rows) {
    records.push(row);
    if (records.length > MAX_AGGREGATE_ROWS)
      throw new ValidationError(
        `Tệp ${fileName} có hơn ${MAX_AGGREGATE_ROWS} dòng: Biểu 06 ghi mỗi lĩnh vực một dòng.`,
        [{ field: 'file', message: 'Quá nhiều dòng' }],
      );
  }
  const read = readAggregateRecords(file.headers, records);
  if (!read.ok) {
    const shown = read.issues.slice(0, 50).map(describeFileIssue);
    const more = read.issues.length > 50 ? `\n… và ${read.issues.length - 50} lỗi khác.` : '';
    throw new ValidationError(
      `Tệp ${fileName} có ${read.issues.length} lỗi, chưa nhập dòng nào:\n${shown.join('\n')}${more}`,
      read.issues.map((i) => ({ field: `dòng ${i.row}, cột ${i.column}`, message: i.message })),
    );
  }
  if (read.rows.length === 0)
    throw new ValidationError(`Tệp ${fileName} không có dòng số liệu nào.`, [
      { field: 'file', message: 'Tệp trống' },
    ]);
  return saveAggregates(ctx, { ...query, rows: read.rows }, 'import', fileName);
}

/** The unit a code names for the command line (the one in force, else the latest former one). */
export async function findUnitIdByCode(ctx: ServiceContext, code: string): Promise<string | undefined> {
  const units = await findUnitByCode(ctx.app.db, code);
  return (units.find((u) => u.valid_to === null) ?? units[0])?.id;
}
