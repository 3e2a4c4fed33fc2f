/**
 * Importing a one-stop export into a commune's TTHC register (docs/adr/0013-registers.md, "Import").
 * 1. upload: the file is kept in the file store, its header row read, a column mapping suggested;
 * 2. start: the user's mapping is saved for the source name and the job queued (one transaction);
 * 3. the job (and the CLI, synchronously) checks EVERY row with parseDossierRow; the good ones stream
 *    into a COPY inside the import's transaction (PostgreSQL server) or a staging file (PGlite). One
 *    bad row and nothing is written (rolled back / never copied), the report names every bad row and
 *    field; otherwise all rows are written in one transaction with one audit row.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { once } from 'node:events';
import { scopePaths, type Actor } from '@shared/access/actor.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import {
  DOSSIER_COLUMN_LABELS,
  DOSSIER_COLUMNS,
  parseDossierRow,
  type DossierInput,
} from '@shared/tthc/dossier-row.ts';
import {
  IMPORT_ISSUES_SHOWN,
  mappingProblems,
  suggestMapping,
  TTHC_IMPORT_MAX_BYTES,
  type ColumnMapping,
  type ImportIssue,
  type ImportReport,
  type ImportUpload,
} from '@shared/tthc/import.contract.ts';
import type { Db } from '@server/db/client.ts';
import type { Trx } from '@server/db/executor.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import type { SignedInContext, SystemContext } from '@server/platform/context.ts';
import { DomainError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import {
  StoredFileMissingError,
  type FileStore,
  type IncomingFile,
} from '@server/platform/storage/file-store.ts';
import { enqueue } from '@server/platform/jobs/queue.ts';
import { openTabular, readTabularHeaders, type TabularKind } from '@server/platform/imports/tabular.ts';
import { findUnitByCode, findUnitInScope } from '@server/features/units/units.repo.ts';
import { getRegisterUnit } from './tthc.dossiers.service.ts';
import {
  findSavedMapping,
  dossierLines,
  openDossierCopy,
  saveMapping,
  writeStagedDossiers,
} from './tthc.import.repo.ts';
import { importTthcJob, TTHC_IMPORT_TEMP_PREFIX } from './tthc.import.jobs.ts';

const UPLOAD_NOT_FOUND = 'Không tìm thấy tệp đã tải lên (có thể đã quá hạn). Hãy tải tệp lên lại.';

/** What the store keeps beside an uploaded file. */
type UploadMeta = {
  unitId: string;
  userId: string;
  fileName: string;
  kind: TabularKind;
  headers: string[];
};

/**
 * Uploads wait in the file store, shared by every instance (ADR 0020): imports/<id> the file,
 * imports/<id>-meta its meta, imports/<id>-errors the problems of a refused import; the job, on
 * whichever instance, reads them there. The id is a random UUID checked by the route.
 */
const fileKeyOf = (id: string) => `imports/${id}`;
const metaKeyOf = (id: string) => `imports/${id}-meta`;
const errorsKeyOf = (id: string) => `imports/${id}-errors`;

async function readStored(files: FileStore, key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await files.get(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class ImportTooLargeError extends DomainError {
  constructor() {
    super(
      413,
      'too_large',
      `Tệp quá lớn: tối đa ${formatDecimal(TTHC_IMPORT_MAX_BYTES / 1024 / 1024)} MB mỗi lần nhập.`,
    );
  }
}

async function withTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), `${TTHC_IMPORT_TEMP_PREFIX}${process.pid}-`));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The source name a file is known by when none is given: its name without extension. */
function defaultSourceName(fileName: string) {
  return path.parse(fileName).name.slice(0, 100) || 'Tệp nhập';
}

/**
 * Step 1: stores the uploaded file for `unitId` (registers.edit there, else 404) and answers its
 * headers with the mapping to offer (saved for `sourceName`, or suggested from the headers).
 */
export async function uploadTthcImport(
  ctx: SignedInContext,
  unitId: string,
  sourceName: string | undefined,
  receive: () => Promise<IncomingFile | undefined>,
): Promise<ImportUpload> {
  const unit = await getRegisterUnit(ctx, unitId, 'registers.edit');
  const file = await receive();
  if (!file) throw new ValidationError('Chưa chọn tệp để nhập.', [{ field: 'file', message: 'Chưa có tệp' }]);
  const id = randomUUID();
  return withTempDir(async (dir) => {
    const local = path.join(dir, 'upload');
    await pipeline(file.stream, createWriteStream(local));
    if (file.isTruncated()) throw new ImportTooLargeError();
    if ((await stat(local)).size === 0)
      throw new ValidationError('Tệp rỗng, không có nội dung.', [{ field: 'file', message: 'Tệp rỗng' }]);
    const { kind, headers } = await readTabularHeaders(local);
    const source = sourceName?.trim() || defaultSourceName(file.fileName);
    const saved = await findSavedMapping(ctx.app.db, unit.id, source);
    const meta: UploadMeta = {
      unitId: unit.id,
      userId: ctx.actor.userId,
      fileName: file.fileName,
      kind,
      headers,
    };
    await ctx.app.files.put(fileKeyOf(id), createReadStream(local));
    await ctx.app.files.put(metaKeyOf(id), Buffer.from(JSON.stringify(meta), 'utf8'));
    const mapping = suggestMapping(headers, saved);
    return {
      uploadId: id,
      fileName: file.fileName,
      kind,
      headers,
      mapping: mapping as Record<string, string>,
      savedMapping: saved !== null && Object.keys(saved).some((c) => mapping[c as never] === saved[c]),
      sourceName: source,
    };
  });
}

async function readMeta(ctx: SignedInContext, uploadId: string): Promise<UploadMeta> {
  try {
    return JSON.parse((await readStored(ctx.app.files, metaKeyOf(uploadId))).toString('utf8')) as UploadMeta;
  } catch (error) {
    if (error instanceof StoredFileMissingError) throw new NotFoundError(UPLOAD_NOT_FOUND);
    throw error;
  }
}

/** The upload, when the actor made it and may still edit its unit's register (else 404). */
async function getUpload(ctx: SignedInContext, uploadId: string) {
  const meta = await readMeta(ctx, uploadId);
  const unit = await findUnitInScope(ctx.app.db, meta.unitId, scopePaths(ctx.actor, 'registers.edit'));
  if (!unit || meta.userId !== ctx.actor.userId) throw new NotFoundError(UPLOAD_NOT_FOUND);
  return { meta, unit };
}

function checkMapping(mapping: ColumnMapping, headers: string[]) {
  const problems = mappingProblems(mapping, headers);
  if (problems.length)
    throw new ValidationError(
      problems.join(' '),
      problems.map((message) => ({ field: 'mapping', message })),
    );
}

/** Step 2: saves the mapping for the source name and queues the import (one transaction, audited). */
export async function startTthcImport(
  ctx: SignedInContext,
  uploadId: string,
  body: { mapping: ColumnMapping; sourceName: string },
) {
  const { meta, unit } = await getUpload(ctx, uploadId);
  checkMapping(body.mapping, meta.headers);
  return ctx.app.db.transaction().execute(async (trx) => {
    await saveMapping(trx, unit.id, body.sourceName, body.mapping, ctx.actor.userId);
    const jobId = await enqueue(
      trx,
      importTthcJob,
      {
        uploadId,
        unitId: unit.id,
        fileName: meta.fileName,
        mapping: body.mapping as Record<string, string>,
        sourceName: body.sourceName,
        requestedBy: { userId: ctx.actor.userId, fullName: ctx.actor.fullName },
        ip: ctx.ip,
        engine: ctx.app.engine,
      },
      { createdBy: ctx.actor.userId, unitId: unit.id },
    );
    await writeAudit(trx, {
      action: 'tthc.import-requested',
      objectType: 'job',
      objectId: jobId,
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { fileName: meta.fileName, sourceName: body.sourceName, mapping: body.mapping },
    });
    return { jobId };
  });
}

/** The full list of problems of an import that was refused, as a CSV file (UTF-8 with BOM, for Excel). */
export async function openImportErrors(ctx: SignedInContext, uploadId: string) {
  const { meta } = await getUpload(ctx, uploadId);
  try {
    const stream = await ctx.app.files.get(errorsKeyOf(uploadId));
    return { stream, fileName: `Lỗi - ${path.parse(meta.fileName).name}.csv` };
  } catch (error) {
    if (error instanceof StoredFileMissingError)
      throw new NotFoundError('Lần nhập này không có danh sách lỗi (tệp hợp lệ hoặc chưa kiểm tra xong).');
    throw error;
  }
}

const csvCell = (v: string | number | null) => `"${String(v ?? '').replace(/"/g, '""')}"`;

/** Rows between two progress reports while checking. */
const PROGRESS_EVERY = 10_000;

/**
 * Checks every row of a file with the mapping, handing the good ones to `keep` until the first
 * problem and writing every problem to `errorsFile` (CSV); answers the count and the first problems.
 */
async function checkRows(
  filePath: string,
  mapping: ColumnMapping,
  keep: (dossier: DossierInput) => Promise<void> | void,
  errorsFile: string,
  onProgress: (rows: number) => Promise<void> | void,
) {
  const file = await openTabular(filePath);
  const errors = createWriteStream(errorsFile);
  errors.write('\uFEFF' + ['Dòng', 'Cột chuẩn', 'Cột trong tệp', 'Lỗi'].map(csvCell).join(',') + '\n');
  const write = async (stream: NodeJS.WritableStream, text: string) => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  const headerOf = Object.fromEntries(DOSSIER_COLUMNS.map((c) => [c, mapping[c] ?? null]));
  const seen = new Map<string, number>();
  const issues: ImportIssue[] = [];
  let received = 0;
  let invalidRows = 0;
  let issueCount = 0;
  const report = async (issue: ImportIssue) => {
    issueCount++;
    if (issues.length < IMPORT_ISSUES_SHOWN) issues.push(issue);
    await write(
      errors,
      [issue.line, issue.column, issue.header, issue.message].map(csvCell).join(',') + '\n',
    );
  };
  try {
    for await (const row of file.rows) {
      received++;
      const record: Record<string, string> = {};
      for (const c of DOSSIER_COLUMNS) {
        const header = mapping[c];
        if (header) record[c] = row.cells[header] ?? '';
      }
      const parsed = parseDossierRow(record);
      let bad = !parsed.ok;
      if (!parsed.ok) {
        for (const issue of parsed.issues)
          await report({
            line: row.line,
            column: issue.column,
            header: headerOf[issue.column]!,
            message: issue.message,
          });
      } else {
        const first = seen.get(parsed.dossier.code);
        if (first !== undefined) {
          bad = true;
          await report({
            line: row.line,
            column: 'ma_ho_so',
            header: headerOf.ma_ho_so!,
            message: `Cột "ma_ho_so" (${DOSSIER_COLUMN_LABELS.ma_ho_so}): "${parsed.dossier.code}" trùng với dòng ${first}`,
          });
        } else {
          seen.set(parsed.dossier.code, row.line);
          if (invalidRows === 0) await keep(parsed.dossier);
        }
      }
      if (bad) invalidRows++;
      if (received % PROGRESS_EVERY === 0) await onProgress(received);
    }
  } finally {
    errors.end();
    await once(errors, 'close');
  }
  return { received, invalidRows, issueCount, issues };
}

type CheckedRows = Awaited<ReturnType<typeof checkRows>>;

/** A file with problems, thrown out of the transaction that was copying it so that it rolls back. */
class RefusedFile extends Error {
  constructor(readonly checked: CheckedRows) {
    super('refused');
  }
}

/** Lines of a CSV file (an upper bound of its rows), for the progress bar; null for XLSX. */
async function countLines(filePath: string, kind: TabularKind): Promise<number | null> {
  if (kind !== 'csv') return null;
  let lines = 0;
  for await (const chunk of createReadStream(filePath) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
  }
  return Math.max(lines, 1);
}

export type RunImportOptions = {
  unitId: string;
  filePath: string;
  fileName: string;
  mapping: ColumnMapping;
  sourceName: string;
  importId: string;
  actor: Pick<Actor, 'userId' | 'fullName'> | null;
  ip: string;
  /** Where to keep the full error list when the file is refused (the UI's download). */
  keepErrorsAt?: string;
  onProgress?: (done: number, total: number, message: string) => Promise<void> | void;
};

/**
 * Checks the whole file, then writes it in one transaction with its audit row, or writes nothing
 * and answers every problem. The same for the job and the CLI.
 */
export async function runTthcImport(
  app: { db: Db; engine: 'pglite' | 'postgres' },
  options: RunImportOptions,
): Promise<ImportReport> {
  const started = performance.now();
  const { kind } = await readTabularHeaders(options.filePath);
  const lines = await countLines(options.filePath, kind);
  const total = lines ? lines * 2 : 0;
  return withTempDir(async (dir) => {
    const errorsFile = path.join(dir, 'errors.csv');
    const checking = (rows: number) =>
      options.onProgress?.(rows, total, `Đang kiểm tra: ${formatDecimal(rows)} dòng`);
    const writing = (received: number) =>
      options.onProgress?.(received, received * 2, `Đang ghi ${formatDecimal(received)} hồ sơ vào sổ`);
    const refused = async (checked: CheckedRows): Promise<ImportReport> => {
      if (options.keepErrorsAt) await copyFile(errorsFile, options.keepErrorsAt);
      return {
        status: 'invalid',
        fileName: options.fileName,
        received: checked.received,
        invalidRows: checked.invalidRows,
        issueCount: checked.issueCount,
        issues: checked.issues,
      };
    };
    // Last in each transaction: the audit chain is locked from here to the commit.
    const audit = (trx: Trx, received: number, counts: { created: number; updated: number }) =>
      writeAudit(trx, {
        action: 'tthc.dossiers-imported',
        objectType: 'tthc_import',
        objectId: options.importId,
        unitId: options.unitId,
        actor: options.actor,
        ip: options.ip,
        diff: { fileName: options.fileName, sourceName: options.sourceName, received, ...counts },
      });
    const imported = (received: number, counts: { created: number; updated: number }): ImportReport => ({
      status: 'imported',
      fileName: options.fileName,
      received,
      ...counts,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    });

    if (app.engine === 'postgres') {
      // The rows stream into the server as they pass; a problem anywhere rolls the whole file back.
      const outcome = await app.db
        .transaction()
        .execute(async (trx) => {
          const copy = await openDossierCopy(trx, options.unitId);
          const line = dossierLines(options.unitId, options.importId);
          let checked: CheckedRows;
          try {
            checked = await checkRows(
              options.filePath,
              options.mapping,
              (dossier) => copy.write(line(dossier)),
              errorsFile,
              checking,
            );
          } catch (error) {
            await copy.abandon();
            throw error;
          }
          if (checked.issueCount > 0) {
            await copy.abandon();
            throw new RefusedFile(checked);
          }
          await writing(checked.received);
          const counts = await copy.finish();
          await audit(trx, checked.received, counts);
          return { checked, counts };
        })
        .catch((error: unknown) => {
          if (error instanceof RefusedFile) return error;
          throw error;
        });
      if (outcome instanceof RefusedFile) return refused(outcome.checked);
      return imported(outcome.checked.received, outcome.counts);
    }

    // PGlite: one connection for everything, so the file is checked into a staging file first and
    // the transaction holds it only to write.
    const staging = path.join(dir, 'staging.csv');
    const stagingOut = createWriteStream(staging);
    const line = dossierLines(options.unitId, options.importId);
    let checked: CheckedRows;
    try {
      checked = await checkRows(
        options.filePath,
        options.mapping,
        async (dossier) => {
          if (!stagingOut.write(line(dossier))) await once(stagingOut, 'drain');
        },
        errorsFile,
        checking,
      );
    } finally {
      stagingOut.end();
      await once(stagingOut, 'close');
    }
    if (checked.issueCount > 0) return refused(checked);
    await writing(checked.received);
    const counts = await app.db.transaction().execute(async (trx) => {
      const written = await writeStagedDossiers(trx, options.unitId, staging);
      await audit(trx, checked.received, written);
      return written;
    });
    return imported(checked.received, counts);
  });
}

/** The job's work: the stored upload (copied from the file store to a scratch folder), imported with the
 * confirmed mapping; a refused file's full problem list is stored back for the UI's download. */
export async function runStoredTthcImport(
  db: Db,
  files: FileStore,
  payload: {
    uploadId: string;
    unitId: string;
    fileName: string;
    mapping: Record<string, string>;
    sourceName: string;
    requestedBy: { userId: string; fullName: string };
    ip: string;
    engine: 'pglite' | 'postgres';
  },
  onProgress: RunImportOptions['onProgress'],
) {
  return withTempDir(async (dir) => {
    const filePath = path.join(dir, 'upload');
    const errorsPath = path.join(dir, 'errors.csv');
    try {
      await pipeline(await files.get(fileKeyOf(payload.uploadId)), createWriteStream(filePath));
    } catch (error) {
      if (error instanceof StoredFileMissingError) throw new Error(UPLOAD_NOT_FOUND, { cause: error });
      throw error;
    }
    const report = await runTthcImport(
      { db, engine: payload.engine },
      {
        unitId: payload.unitId,
        filePath,
        fileName: payload.fileName,
        mapping: payload.mapping,
        sourceName: payload.sourceName,
        importId: payload.uploadId,
        actor: payload.requestedBy,
        ip: payload.ip,
        keepErrorsAt: errorsPath,
        onProgress,
      },
    );
    if (report.status === 'invalid')
      await files.put(errorsKeyOf(payload.uploadId), createReadStream(errorsPath));
    return report;
  });
}

/**
 * The command line: imports a file into the commune with this code, with the mapping saved for the
 * source name, or the suggested one (which must cover the required columns).
 */
export async function importTthcFileFromCli(
  ctx: SystemContext,
  options: { unitCode: string; filePath: string; sourceName?: string },
  onProgress?: RunImportOptions['onProgress'],
): Promise<ImportReport> {
  const units = (await findUnitByCode(ctx.app.db, options.unitCode, 'current')).filter(
    (u) => u.level === 'commune',
  );
  if (units.length !== 1)
    throw new NotFoundError(`Không tìm thấy xã, phường đang có hiệu lực với mã "${options.unitCode}".`);
  const unit = units[0]!;
  const fileName = path.basename(options.filePath);
  const sourceName = options.sourceName?.trim() || defaultSourceName(fileName);
  const { headers } = await readTabularHeaders(options.filePath);
  const mapping = suggestMapping(headers, await findSavedMapping(ctx.app.db, unit.id, sourceName));
  checkMapping(mapping, headers);
  return runTthcImport(ctx.app, {
    unitId: unit.id,
    filePath: options.filePath,
    fileName,
    mapping,
    sourceName,
    importId: randomUUID(),
    actor: null,
    ip: ctx.ip,
    onProgress,
  });
}
