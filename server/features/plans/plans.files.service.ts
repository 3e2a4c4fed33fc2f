/**
 * Evidence files of a task's result (issue #14 item 2), stored like evaluation evidence
 * (features/evidence/evidence.store.ts): whoever may report on the task uploads and removes them
 * while the plan is not closed; whoever sees the task downloads them. Every change is audited.
 */
import { scopePaths } from '@shared/access/actor.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { ConflictError, NotFoundError } from '@server/platform/http/errors.ts';
import { StoredFileMissingError, type IncomingFile } from '@server/platform/storage/file-store.ts';
import { discardStored, storeEvidenceUpload } from '@server/features/evidence/evidence.store.ts';
import { planLockedRefusal } from './plans.policy.ts';
import { findTask } from './plans.repo.ts';
import { findTaskFile, insertTaskFile, softDeleteTaskFile } from './plans.files.repo.ts';
import { loadPlan, loadTaskForReport } from './plans.service.ts';

const FILE_NOT_FOUND = 'Không tìm thấy tệp minh chứng.';

export async function uploadTaskFile(
  ctx: SignedInContext,
  planId: string,
  taskId: string,
  receive: () => Promise<IncomingFile | undefined>,
): Promise<void> {
  const { plan, task } = await loadTaskForReport(ctx, planId, taskId);
  const locked = planLockedRefusal(plan.status);
  if (locked) throw new ConflictError(locked);
  const stored = await storeEvidenceUpload(ctx.app, 'plan-task', await receive());
  try {
    await ctx.app.db.transaction().execute(async (trx) => {
      const fileId = await insertTaskFile(trx, {
        task_id: taskId,
        plan_id: planId,
        unit_id: task.assignee_unit_id ?? plan.unit_id,
        file_name: stored.fileName,
        content_type: stored.contentType,
        size_bytes: stored.size,
        sha256: stored.sha256,
        storage_key: stored.key,
        uploaded_by: ctx.actor.userId,
      });
      await writeAudit(trx, {
        action: 'plan-task.file-uploaded',
        objectType: 'plan',
        objectId: planId,
        unitId: plan.unit_id,
        actor: ctx.actor,
        ip: ctx.ip,
        diff: { task: task.code, taskId, fileId, fileName: stored.fileName, sha256: stored.sha256 },
      });
    });
  } catch (error) {
    await discardStored(ctx.app, stored.key);
    throw error;
  }
}

/** A task's file for download, to whoever sees the task (the whole plan, or the task given to them). */
export async function openTaskFile(ctx: SignedInContext, planId: string, taskId: string, fileId: string) {
  const { assignedOnly } = await loadPlan(ctx, planId);
  const task = await findTask(ctx.app.db, planId, taskId);
  const visible =
    task &&
    (!assignedOnly ||
      (task.assignee_path !== null &&
        scopePaths(ctx.actor, 'registers.read').some((p) => task.assignee_path!.startsWith(p))));
  const file = visible ? await findTaskFile(ctx.app.db, planId, taskId, fileId) : undefined;
  if (!file) throw new NotFoundError(FILE_NOT_FOUND);
  try {
    return { file, stream: await ctx.app.files.get(file.storage_key) };
  } catch (error) {
    if (!(error instanceof StoredFileMissingError)) throw error;
    ctx.app.log.error({ fileId, key: file.storage_key }, 'plan task file row without stored bytes');
    throw new NotFoundError('Không tìm thấy nội dung tệp trong kho lưu trữ. Hãy báo quản trị hệ thống.');
  }
}

/** Removes a task's file (soft delete, audited) while the plan is not closed. */
export async function deleteTaskFile(
  ctx: SignedInContext,
  planId: string,
  taskId: string,
  fileId: string,
): Promise<void> {
  const { plan, task } = await loadTaskForReport(ctx, planId, taskId);
  const locked = planLockedRefusal(plan.status);
  if (locked) throw new ConflictError(locked);
  const file = await findTaskFile(ctx.app.db, planId, taskId, fileId);
  if (!file) throw new NotFoundError(FILE_NOT_FOUND);
  await ctx.app.db.transaction().execute(async (trx) => {
    await softDeleteTaskFile(trx, fileId);
    await writeAudit(trx, {
      action: 'plan-task.file-deleted',
      objectType: 'plan',
      objectId: planId,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { task: task.code, taskId, fileId, fileName: file.file_name, sha256: file.sha256 },
    });
  });
}
