import { cleanFileName } from '@shared/evaluations/evidence.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { StoredFileMissingError, type IncomingFile } from '@server/platform/storage/file-store.ts';
import { getEvaluationInScope } from '@server/features/evaluations/evaluations.repo.ts';
import { findNode, loadForAction } from '@server/features/evaluations/evaluations.service.ts';
import { discardStored, storeEvidenceUpload } from './evidence.store.ts';
import { presentEvidence, presentEvidenceItem } from './evidence.presenter.ts';
import { evidenceDeleteLock, evidenceLock } from './evidence.policy.ts';
import {
  findEvidenceOfEvaluation,
  getEvidenceFile,
  insertEvidenceFile,
  softDeleteEvidenceFile,
} from './evidence.repo.ts';

/**
 * Attaches one evidence file to an indicator. The bytes are stored first (under a random key),
 * then the row and its audit entry are written in one transaction; if that fails the stored file
 * is removed, so no row points at nothing and no file is left without a row.
 */
export async function uploadEvidence(
  ctx: SignedInContext,
  id: string,
  nodeCode: string,
  receive: () => Promise<IncomingFile | undefined>,
) {
  const { evaluation, framework } = await loadForAction(ctx, id, 'assessments.edit');
  const clock = businessClock();
  const lock = evidenceLock(evaluation, clock);
  if (lock) throw new ConflictError(lock, { reason: 'locked' });
  if (!findNode(framework, nodeCode)) {
    throw new ValidationError(`Không có chỉ tiêu ${nodeCode} trong bộ tiêu chí.`, [
      { field: 'nodeCode', message: 'Mã chỉ tiêu không tồn tại' },
    ]);
  }
  const stored = await storeEvidenceUpload(ctx.app, 'evidence', await receive());
  const values = {
    evaluation_id: id,
    unit_id: evaluation.unit_id,
    node_code: nodeCode,
    file_name: stored.fileName,
    content_type: stored.contentType,
    size_bytes: stored.size,
    sha256: stored.sha256,
    storage_key: stored.key,
    uploaded_by: ctx.actor.userId,
  };
  let fileId: string;
  try {
    fileId = await ctx.app.db.transaction().execute(async (trx) => {
      const newId = await insertEvidenceFile(trx, values);
      await writeAudit(trx, {
        action: 'evidence.uploaded',
        objectType: 'evidence_file',
        objectId: newId,
        unitId: evaluation.unit_id,
        actor: ctx.actor,
        ip: ctx.ip,
        diff: {
          evaluationId: id,
          nodeCode,
          fileName: values.file_name,
          contentType: values.content_type,
          sizeBytes: values.size_bytes,
          sha256: values.sha256,
        },
      });
      return newId;
    });
  } catch (error) {
    await discardStored(ctx.app, stored.key);
    throw error;
  }
  const row = await getEvidenceFile(ctx.app.db, id, fileId);
  return presentEvidenceItem(ctx.actor, evaluation, row, clock);
}

/** The evaluation's evidence files, grouped by node code (anyone who may read the evaluation). */
export async function listEvidence(ctx: SignedInContext, id: string) {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  return presentEvidence(
    ctx.actor,
    evaluation,
    await findEvidenceOfEvaluation(ctx.app.db, id),
    businessClock(),
  );
}

/** Opens one evidence file for download, authorised exactly like reading its evaluation. */
export async function openEvidence(ctx: SignedInContext, id: string, fileId: string) {
  await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  const file = await getEvidenceFile(ctx.app.db, id, fileId);
  try {
    // Names stored before the current rules are served under today's (type's extension, no bidi).
    const fileName = cleanFileName(file.file_name, file.content_type);
    return { file: { ...file, file_name: fileName }, stream: await ctx.app.files.get(file.storage_key) };
  } catch (error) {
    if (!(error instanceof StoredFileMissingError)) throw error;
    ctx.app.log.error({ fileId, key: file.storage_key }, 'evidence row without stored bytes');
    throw new NotFoundError('Không tìm thấy nội dung tệp trong kho lưu trữ. Hãy báo quản trị hệ thống.');
  }
}

/** Removes an evidence file from the dossier (soft delete, audited); the stored bytes are kept. */
export async function deleteEvidence(ctx: SignedInContext, id: string, fileId: string) {
  const { evaluation } = await loadForAction(ctx, id, 'assessments.edit');
  const file = await getEvidenceFile(ctx.app.db, id, fileId);
  const lock = evidenceDeleteLock(evaluation, file, businessClock());
  if (lock) throw new ConflictError(lock, { reason: 'locked' });
  await ctx.app.db.transaction().execute(async (trx) => {
    await softDeleteEvidenceFile(trx, fileId);
    await writeAudit(trx, {
      action: 'evidence.deleted',
      objectType: 'evidence_file',
      objectId: fileId,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { evaluationId: id, nodeCode: file.node_code, fileName: file.file_name, sha256: file.sha256 },
    });
  });
}
