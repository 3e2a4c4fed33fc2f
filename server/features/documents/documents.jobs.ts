/**
 * `documents.bulk`: every document of every evaluation of a period, as one ZIP in the file store
 * under exports/bulk-<jobId> (shared by every instance: ADR 0020). A document that cannot be made is
 * recorded and skipped, never stopping the others; PDF goes through one LibreOffice run for all files.
 * Each run also removes the ZIPs of runs finished more than LIMITS.bulkExportKeepDays days ago.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import * as z from 'zod';
import {
  FORMS,
  formApplies,
  isEvaluationForm,
  STORED_FORMS,
  type StoredForm,
} from '@shared/evaluations/documents.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { convertDocxFilesToPdf, PDF_TEMP_PREFIXES } from '@server/platform/documents/pdf.ts';
import { defineJob } from '@server/platform/jobs/queue.ts';
import { makeJobTempDir } from '@server/platform/jobs/temp-dirs.ts';
import { LIMITS } from '@shared/limits.ts';
import type { FileStore } from '@server/platform/storage/file-store.ts';
import {
  findExpiredBulkExports,
  findPeriod,
  findPeriodEvaluations,
  getUnitName,
  markBulkExportRemoved,
} from './documents.repo.ts';
import {
  buildEvaluationView,
  buildPeriodView,
  renderStoredDocument,
  type PeriodContext,
} from './documents.views.ts';
import { asciiFileName } from './from-data/naming.ts';

export const bulkPayloadSchema = z.object({
  periodId: z.string().uuid(),
  forms: z.array(z.enum(STORED_FORMS)).min(1),
  format: z.enum(['docx', 'pdf']),
});
export type BulkPayload = z.infer<typeof bulkPayloadSchema>;

export type BulkFailure = { form: StoredForm; unit: string; message: string };
/** `file`: the ZIP's key in the file store; `removed`: the ZIP was removed after its keeping time. */
export type BulkResult = { file: string; documents: number; failures: BulkFailure[]; removed?: true };

/** The file store key of a bulk run's ZIP. */
export const bulkExportKey = (jobId: number) => `exports/bulk-${jobId}`;

/** Scratch folders (DOCX before PDF conversion) are os.tmpdir()/danhgia-bulk-<pid>-…, swept after a crash. */
export const BULK_TEMP_PREFIX = 'danhgia-bulk-';

type Task = { form: StoredForm; subject: string; build(): Promise<unknown> };

/** Renders all the period's documents into one ZIP; returns its file name, the count and the failures. */
export async function runBulkDocuments(
  payload: BulkPayload,
  ctx: {
    jobId: number;
    db: Parameters<typeof findPeriod>[0];
    files: FileStore;
    log?: { warn(obj: object, msg: string): void };
    progress(done: number, total: number, message?: string): Promise<void>;
  },
): Promise<BulkResult> {
  const db = ctx.db;
  const row = await findPeriod(db, payload.periodId);
  if (!row) throw new Error('Không tìm thấy kỳ đánh giá.');
  const framework = await getFrameworkVersion(db, row.framework_version_id);
  const period: PeriodContext = { id: row.id, year: row.year, organiserId: row.unit_id, framework };
  const organiserName = await getUnitName(db, row.unit_id);
  const evaluations = await findPeriodEvaluations(db, row.id);
  // Forms that do not belong to this framework (Mẫu 05 without a council, CCHC on TCPL) are not asked for.
  const forms = payload.forms.filter((f) => formApplies(f, framework));
  const tasks: Task[] = [];
  for (const form of forms)
    if (isEvaluationForm(form))
      for (const e of evaluations)
        tasks.push({ form, subject: e.unit_name, build: () => buildEvaluationView(db, e, period, form) });
  for (const form of forms)
    if (!isEvaluationForm(form))
      tasks.push({ form, subject: organiserName, build: () => buildPeriodView(db, period, form) });

  const zip = new JSZip();
  const failures: BulkFailure[] = [];
  const work = await makeJobTempDir(BULK_TEMP_PREFIX);
  const docxFiles: { file: string; name: string; form: StoredForm; subject: string }[] = [];
  try {
    let done = 0;
    for (const task of tasks) {
      await ctx.progress(done, tasks.length, `Đang tạo ${FORMS[task.form].short} — ${task.subject}`);
      try {
        const view = await task.build();
        const rendered = await renderStoredDocument(task.form, view, 'docx', {
          name: task.subject,
          year: period.year,
        });
        const name = asciiFileName(rendered.fileName);
        if (payload.format === 'pdf') {
          const file = path.join(work, name);
          await writeFile(file, rendered.buffer);
          docxFiles.push({ file, name, form: task.form, subject: task.subject });
        } else {
          zip.file(name, rendered.buffer);
        }
      } catch (error) {
        failures.push({
          form: task.form,
          unit: task.subject,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      done += 1;
    }
    if (docxFiles.length) {
      await ctx.progress(done, tasks.length, `Đang chuyển ${docxFiles.length} văn bản sang PDF`);
      const pdfs = await convertDocxFilesToPdf(
        docxFiles.map((d) => d.file),
        work,
      );
      for (const [i, pdf] of pdfs.entries())
        zip.file(docxFiles[i]!.name.replace(/\.docx$/, '.pdf'), await readFile(pdf));
    }
    await ctx.progress(tasks.length, tasks.length, 'Đang nén tệp ZIP');
    const file = bulkExportKey(ctx.jobId);
    await ctx.files.put(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
    await removeOldBulkExports(ctx);
    return { file, documents: tasks.length - failures.length, failures };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Removes the ZIPs of bulk runs finished more than LIMITS.bulkExportKeepDays days ago (marked `removed`). */
async function removeOldBulkExports(ctx: Parameters<typeof runBulkDocuments>[1]) {
  for (const old of await findExpiredBulkExports(ctx.db, LIMITS.bulkExportKeepDays)) {
    try {
      await ctx.files.delete(old.file);
      await markBulkExportRemoved(ctx.db, old.id);
    } catch (error) {
      ctx.log?.warn({ err: error, jobId: old.id }, 'old bulk export not removed');
    }
  }
}

/** The declared job (registered in server/jobs.ts). */
export const bulkDocumentsJob = defineJob<BulkPayload>({
  name: 'documents.bulk',
  payload: bulkPayloadSchema,
  // Per-document failures are in the result; a failure of the whole run (disk, LibreOffice) is retried once.
  maxAttempts: 2,
  backoffMs: 30_000,
  tempDirPrefix: [BULK_TEMP_PREFIX, ...PDF_TEMP_PREFIXES],
  handler: (payload, ctx) => runBulkDocuments(payload, ctx),
});
