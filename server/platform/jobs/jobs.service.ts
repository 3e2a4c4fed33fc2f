import { can } from '@shared/access/actor.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import { findJob } from './jobs.repo.ts';

/** A background job's status and progress, for the person who asked for it. */
export async function getJobStatus(ctx: SignedInContext, id: number) {
  const job = await findJob(ctx.app.db, id);
  // Only the person who asked for the work sees it (or a system administrator); others get 404.
  if (!job || (job.created_by !== ctx.actor.userId && !can(ctx.actor, 'system.admin')))
    throw new NotFoundError('Không tìm thấy công việc.');
  return {
    id: job.id,
    name: job.name,
    status: job.status,
    attempts: job.attempts,
    maxAttempts: job.max_attempts,
    progress: job.progress,
    error: job.last_error,
    // What the job returned, e.g. documents.bulk: { file, documents, failures } (failures shown in the UI).
    result: job.result,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
  };
}
