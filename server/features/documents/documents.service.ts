/** Downloads of documents built from stored data, and the bulk export of a period as a background job. */
import { can } from '@shared/access/actor.ts';
import type { EvaluationForm, PeriodForm, StoredForm } from '@shared/evaluations/documents.ts';
import { getEvaluationInScope } from '@server/features/evaluations/evaluations.repo.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { findSoffice, PdfUnavailableError } from '@server/platform/documents/pdf.ts';
import type { DocumentFormat } from '@server/platform/documents/registry.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { findJob } from '@server/platform/jobs/jobs.repo.ts';
import { enqueue } from '@server/platform/jobs/queue.ts';
import { findPeriod, getStoredEvaluation, getUnitName } from './documents.repo.ts';
import { bulkDocumentsJob, bulkExportKey, type BulkResult } from './documents.jobs.ts';
import { StoredFileMissingError } from '@server/platform/storage/file-store.ts';
import { LIMITS } from '@shared/limits.ts';
import {
  buildEvaluationView,
  buildPeriodView,
  PdfServiceUnavailableError,
  renderStoredDocument,
  type PeriodContext,
} from './documents.views.ts';

/** One commune's form, for whoever may read the evaluation and generate documents at its commune
 * (404 outside the reading scope, 403 without documents.generate there, 409 before the data exists). */
export async function getEvaluationDocument(
  ctx: SignedInContext,
  id: string,
  form: EvaluationForm,
  format: DocumentFormat,
) {
  const scoped = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  if (!can(ctx.actor, 'documents.generate', scoped.unit_path)) throw new ForbiddenError();
  const framework = await getFrameworkVersion(ctx.app.db, scoped.framework_version_id);
  const period: PeriodContext = {
    id: scoped.period_id,
    year: scoped.year,
    organiserId: scoped.period_unit_id,
    framework,
  };
  const stored = await getStoredEvaluation(ctx.app.db, id);
  const view = await buildEvaluationView(ctx.app.db, stored, period, form);
  return renderStoredDocument(form, view, format, { name: scoped.unit_name, year: scoped.year });
}

/** The period and its framework when the actor may read it at the organiser's level; 404 otherwise. */
async function loadOrganisedPeriod(ctx: SignedInContext, periodId: string) {
  const row = await findPeriod(ctx.app.db, periodId);
  if (!row || !can(ctx.actor, 'periods.read', row.unit_path))
    throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  const framework = await getFrameworkVersion(ctx.app.db, row.framework_version_id);
  const organiserName = await getUnitName(ctx.app.db, row.unit_id);
  const period: PeriodContext = { id: row.id, year: row.year, organiserId: row.unit_id, framework };
  return { row, period, organiserName };
}

/** A period form (Mẫu 05, 08, 10) for those who read the period and generate documents at its organising unit. */
export async function getPeriodDocument(
  ctx: SignedInContext,
  periodId: string,
  form: PeriodForm,
  format: DocumentFormat,
) {
  const { row, period, organiserName } = await loadOrganisedPeriod(ctx, periodId);
  if (!can(ctx.actor, 'documents.generate', row.unit_path)) throw new ForbiddenError();
  const view = await buildPeriodView(ctx.app.db, period, form);
  return renderStoredDocument(form, view, format, { name: organiserName, year: period.year });
}

/** Enqueues the bulk export of a period (route: documents.generate; here: periods.manage at the organiser)
 * with its audit row, in one transaction. */
export async function requestBulkDocuments(
  ctx: SignedInContext,
  periodId: string,
  body: { forms: StoredForm[]; format: 'docx' | 'pdf' },
) {
  const { row } = await loadOrganisedPeriod(ctx, periodId);
  if (!can(ctx.actor, 'periods.manage', row.unit_path)) throw new ForbiddenError();
  // Refuse now rather than let the job fail after rendering everything.
  if (body.format === 'pdf' && !findSoffice())
    throw new PdfServiceUnavailableError(new PdfUnavailableError().message);
  const forms = [...new Set(body.forms)];
  const jobId = await ctx.app.db.transaction().execute(async (trx) => {
    const id = await enqueue(
      trx,
      bulkDocumentsJob,
      { periodId, forms, format: body.format },
      { createdBy: ctx.actor.userId, unitId: row.unit_id },
    );
    await writeAudit(trx, {
      action: 'documents.bulk-requested',
      objectType: 'evaluation_period',
      objectId: periodId,
      unitId: row.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { forms, format: body.format, job: id },
    });
    return id;
  });
  return { jobId };
}

/** The ZIP of a finished bulk job, to the person who asked for it only, from the file store (any instance). */
export async function getBulkDownload(ctx: SignedInContext, jobId: number) {
  const job = await findJob(ctx.app.db, jobId);
  if (!job || job.name !== bulkDocumentsJob.name || job.created_by !== ctx.actor.userId)
    throw new NotFoundError('Không tìm thấy tệp văn bản.');
  if (job.status !== 'succeeded')
    throw new ConflictError('Công việc tạo văn bản chưa xong; hãy đợi đến khi hoàn tất.', {
      reason: job.status,
    });
  const result = job.result as BulkResult;
  const gone = new NotFoundError(
    `Tệp văn bản không còn trên máy chủ (tệp được giữ ${LIMITS.bulkExportKeepDays} ngày); hãy tạo lại.`,
  );
  // Only keys this job writes are read, whatever the stored result says.
  if (result.removed || result.file !== bulkExportKey(jobId)) throw gone;
  try {
    const stream = await ctx.app.files.get(result.file);
    return { stream, fileName: `Văn bản kỳ đánh giá - công việc ${jobId}.zip` };
  } catch (error) {
    if (error instanceof StoredFileMissingError) throw gone;
    throw error;
  }
}
