/**
 * The commune's other books (issue #13, ADR 0014): list (scoped, filtered, by measure), typed
 * entry, change and deletion with a version check, all-or-nothing import of CSV/XLSX, XLSX export.
 * Each change and its audit row in one transaction.
 */
import { scopePaths } from '@shared/access/actor.ts';
import {
  BOOK_KINDS,
  bookDataSchema,
  recordDateOf,
  type BookData,
  type BookKindId,
} from '@shared/books/kinds.ts';
import {
  describeBookIssue,
  mapBookHeaders,
  readBookRow,
  type BookImportIssue,
} from '@shared/books/import.ts';
import { BOOK_MEASURE_KIND, type BooksMeasureId } from '@shared/books/measures.ts';
import type {
  BookRecordPageOut,
  CreateBookRecordBody,
  ListBookRecordsQuery,
  UpdateBookRecordBody,
} from '@shared/books/books.contract.ts';
import { formatDate } from '@shared/format/vi.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import { openTabular } from '@server/platform/imports/tabular.ts';
import { createWorkbook, workbookToBuffer } from '@server/platform/documents/xlsx.ts';
import { findUnitInScope } from '@server/features/units/units.repo.ts';
import {
  deleteRecordVersioned,
  findFormerUnitIds,
  findRecord,
  findRecords,
  insertRecords,
  updateRecordVersioned,
  type RecordFilter,
  type RecordRow,
} from './books.repo.ts';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị hành chính.';
const RECORD_NOT_FOUND = 'Không tìm thấy bản ghi trong sổ.';
const STALE = 'Bản ghi đã được người khác sửa hoặc xóa. Hãy tải lại trang rồi thử lại.';
/** A book holds a commune's records of a few years: a file of more is not a book. */
const MAX_IMPORT_ROWS = 20_000;
const ISSUES_SHOWN = 50;

async function getUnit(
  ctx: SignedInContext,
  unitId: string,
  permission: 'registers.read' | 'registers.edit',
) {
  const unit = await findUnitInScope(ctx.app.db, unitId, scopePaths(ctx.actor, permission));
  if (!unit) throw new NotFoundError(UNIT_NOT_FOUND);
  return unit;
}

/** Checks a record's facts against its kind; problems name the field (`data.<field>`). */
function checkData(kind: BookKindId, data: unknown): { data: BookData; recordDate: string } {
  const parsed = bookDataSchema(kind).safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({
      field: `data.${i.path.join('.') || '*'}`,
      message: i.message,
    }));
    throw new ValidationError(problems.map((p) => p.message).join('; '), problems);
  }
  return { data: parsed.data, recordDate: recordDateOf(BOOK_KINDS[kind], parsed.data)! };
}

function presentRecord(r: RecordRow, formerUnits: Set<string>) {
  return {
    id: r.id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    kind: r.kind,
    recordDate: r.record_date,
    data: r.data,
    source: r.source,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    formerUnit: formerUnits.has(r.unit_id),
    counted: r.counted ?? null,
  };
}

/** `loai:vbqppl;kySo:true` → equality filters on the kind's choice and yes/no fields. */
function parseFilter(kind: BookKindId, text: string | undefined): RecordFilter['equals'] {
  if (!text) return [];
  const out: RecordFilter['equals'] = [];
  for (const part of text.split(';')) {
    if (!part.trim()) continue;
    const [name, value = ''] = part.split(':').map((s) => s.trim());
    const field = BOOK_KINDS[kind].fields.find((f) => f.name === name);
    if (!field || (field.type !== 'choice' && field.type !== 'bool'))
      throw new ValidationError(`Bộ lọc "${part}" không hợp lệ cho sổ này.`, [
        { field: 'filter', message: 'Trường không lọc được' },
      ]);
    if (field.type === 'bool') out.push({ field: field.name, value: value === 'true' || value === '1' });
    else out.push({ field: field.name, value });
  }
  return out;
}

/**
 * Records of one kind within the actor's units (or one unit of them, with the books of the former
 * communes merged into it). With `measure`, exactly the rows that measure counts for the unit over
 * the range (the current year when none is given), each marked whether it is in the numerator.
 */
export async function listRecords(
  ctx: SignedInContext,
  query: ListBookRecordsQuery,
): Promise<BookRecordPageOut> {
  const filter = await recordFilter(ctx, query);
  const { rows, total, hits } = await findRecords(ctx.app.db, filter.filter, query.page, query.pageSize);
  return {
    items: rows.map((r) => presentRecord(r, filter.former)),
    total,
    page: query.page,
    pageSize: query.pageSize,
    from: filter.range?.from ?? null,
    to: filter.range?.to ?? null,
    counted: hits,
  };
}

async function recordFilter(ctx: SignedInContext, query: ListBookRecordsQuery) {
  const paths = scopePaths(ctx.actor, 'registers.read');
  let unitIds: string[] | undefined;
  let former = new Set<string>();
  if (query.unitId) {
    await getUnit(ctx, query.unitId, 'registers.read');
    const formerIds = query.measure ? [] : await findFormerUnitIds(ctx.app.db, query.unitId);
    former = new Set(formerIds);
    unitIds = [query.unitId, ...formerIds];
  }
  const year = businessClock().today.slice(0, 4);
  const range =
    query.from || query.to || query.measure
      ? { from: query.from ?? (query.to ? '0001-01-01' : `${year}-01-01`), to: query.to ?? `${year}-12-31` }
      : undefined;
  if (query.measure) {
    if (!query.unitId)
      throw new ValidationError('Xem bản ghi của một chỉ số cần chọn một đơn vị.', [
        { field: 'unitId', message: 'Chưa chọn đơn vị' },
      ]);
    if (BOOK_MEASURE_KIND[query.measure as BooksMeasureId] !== query.kind)
      throw new ValidationError('Chỉ số này không tính từ loại sổ đã chọn.', [
        { field: 'measure', message: 'Chỉ số của loại sổ khác' },
      ]);
  }
  const filter: RecordFilter = {
    kind: query.kind,
    paths,
    unitIds,
    range: query.measure ? undefined : range,
    measure: query.measure ? { id: query.measure as BooksMeasureId, range: range! } : undefined,
    equals: parseFilter(query.kind, query.filter),
    q: query.q,
  };
  return { filter, former, range };
}

export async function createRecord(ctx: SignedInContext, body: CreateBookRecordBody) {
  const unit = await getUnit(ctx, body.unitId, 'registers.edit');
  const { data, recordDate } = checkData(body.kind, body.data);
  return ctx.app.db.transaction().execute(async (trx) => {
    const [row] = await insertRecords(trx, [
      {
        unit_id: unit.id,
        kind: body.kind,
        record_date: recordDate,
        data,
        source: 'typed',
        created_by: ctx.actor.userId,
      },
    ]);
    await writeAudit(trx, {
      action: 'book-record.created',
      objectType: 'book_record',
      objectId: row!.id,
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { kind: body.kind, data },
    });
    return presentRecord((await findRecord(trx, row!.id))!, new Set());
  });
}

/** The record when the actor may edit its unit's books (else 404: outside one's units it does not exist). */
async function loadForEdit(ctx: SignedInContext, id: string) {
  const record = await findRecord(ctx.app.db, id);
  const paths = scopePaths(ctx.actor, 'registers.edit');
  if (!record || !paths.some((p) => record.unit_path.startsWith(p)))
    throw new NotFoundError(RECORD_NOT_FOUND);
  return record;
}

export async function updateRecord(ctx: SignedInContext, id: string, body: UpdateBookRecordBody) {
  const before = await loadForEdit(ctx, id);
  const { data, recordDate } = checkData(before.kind, body.data);
  return ctx.app.db.transaction().execute(async (trx) => {
    const written = await updateRecordVersioned(trx, id, body.expectedVersion, {
      data,
      record_date: recordDate,
    });
    if (!written) throw new ConflictError(STALE);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of new Set([...Object.keys(before.data), ...Object.keys(data)]))
      if (before.data[key] !== data[key])
        changed[key] = { from: before.data[key] ?? null, to: data[key] ?? null };
    await writeAudit(trx, {
      action: 'book-record.updated',
      objectType: 'book_record',
      objectId: id,
      unitId: before.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { kind: before.kind, data: changed },
    });
    return presentRecord((await findRecord(trx, id))!, new Set());
  });
}

export async function deleteRecord(ctx: SignedInContext, id: string, expectedVersion: number) {
  const before = await loadForEdit(ctx, id);
  await ctx.app.db.transaction().execute(async (trx) => {
    if (!(await deleteRecordVersioned(trx, id, expectedVersion))) throw new ConflictError(STALE);
    await writeAudit(trx, {
      action: 'book-record.deleted',
      objectType: 'book_record',
      objectId: id,
      unitId: before.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { kind: before.kind, data: before.data },
    });
  });
}

function refuseImport(fileName: string, issues: BookImportIssue[]): never {
  const shown = issues.slice(0, ISSUES_SHOWN).map(describeBookIssue);
  const more = issues.length > ISSUES_SHOWN ? `\n… và ${issues.length - ISSUES_SHOWN} lỗi khác.` : '';
  throw new ValidationError(
    `Tệp ${fileName} có ${issues.length} lỗi, chưa nhập dòng nào:\n${shown.join('\n')}${more}`,
    issues.map((i) => ({ field: `dòng ${i.line}, cột ${i.column}`, message: i.message })),
  );
}

/**
 * Imports a CSV/XLSX file of one kind into a unit's book: every row is checked first; one bad row
 * and nothing is written, the answer naming every bad row and column. Otherwise all rows and one
 * audit row in one transaction. Books are small (hundreds of rows a year), so this runs in the request.
 */
export async function importRecords(
  ctx: SignedInContext,
  unitId: string,
  kind: BookKindId,
  filePath: string,
  fileName: string,
) {
  const unit = await getUnit(ctx, unitId, 'registers.edit');
  let file;
  try {
    file = await openTabular(filePath);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`Tệp ${fileName}: ${error.message}`);
    throw error;
  }
  const { map, issues } = mapBookHeaders(kind, file.headers);
  if (issues.length) refuseImport(fileName, issues);
  const records: { data: BookData; recordDate: string }[] = [];
  for await (const row of file.rows) {
    if (records.length + issues.length >= MAX_IMPORT_ROWS)
      throw new ValidationError(`Tệp ${fileName} có hơn ${MAX_IMPORT_ROWS} dòng.`, [
        { field: 'file', message: 'Quá nhiều dòng' },
      ]);
    const read = readBookRow(kind, map, row.line, row.cells);
    if (read.ok) records.push(read);
    else issues.push(...read.issues);
  }
  if (issues.length) refuseImport(fileName, issues);
  if (records.length === 0)
    throw new ValidationError(`Tệp ${fileName} không có dòng nào.`, [
      { field: 'file', message: 'Tệp trống' },
    ]);
  await ctx.app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < records.length; i += 1000)
      await insertRecords(
        trx,
        records.slice(i, i + 1000).map((r) => ({
          unit_id: unit.id,
          kind,
          record_date: r.recordDate,
          data: r.data,
          source: 'import' as const,
          created_by: ctx.actor.userId,
        })),
      );
    await writeAudit(trx, {
      action: 'book-records.imported',
      objectType: 'book_record',
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { kind, file: fileName, created: records.length },
    });
  });
  return { created: records.length };
}

/**
 * The list as a spreadsheet: one column per field with its Vietnamese label (the import reads the
 * same headers back), dates dd/mm/yyyy, yes/no as "có"/"không", options by their label.
 */
export async function exportRecords(ctx: SignedInContext, query: ListBookRecordsQuery) {
  const { filter } = await recordFilter(ctx, query);
  const { rows } = await findRecords(ctx.app.db, filter, 1, MAX_IMPORT_ROWS);
  const kind = BOOK_KINDS[query.kind];
  const workbook = createWorkbook();
  const sheet = workbook.addWorksheet(kind.label.slice(0, 31));
  sheet.addRow(['Đơn vị', ...kind.fields.map((f) => f.label)]).font = { bold: true };
  for (const r of rows)
    sheet.addRow([
      r.unit_name,
      ...kind.fields.map((f) => {
        const v = r.data[f.name];
        if (v === undefined) return '';
        if (f.type === 'date') return formatDate(String(v));
        if (f.type === 'bool') return v ? 'có' : 'không';
        if (f.type === 'choice') return f.options?.find((o) => o.value === v)?.label ?? String(v);
        return v;
      }),
    ]);
  sheet.columns.forEach((c, i) => (c.width = i === 0 ? 24 : 20));
  return {
    buffer: await workbookToBuffer(workbook),
    fileName: `so-${query.kind.replace(/_/g, '-')}.xlsx`,
  };
}
