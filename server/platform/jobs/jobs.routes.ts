import { z } from 'zod';
import { can } from '@shared/access/actor.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('Mã công việc không hợp lệ') });

export const jobsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id',
    access: { permission: 'jobs.read' },
    summary: 'Trạng thái và tiến độ của một công việc chạy nền do mình tạo',
    schemas: { params: idParams },
    async handler({ params }, ctx) {
      const job = await ctx.app.db
        .selectFrom('jobs')
        .select([
          'id',
          'name',
          'status',
          'attempts',
          'max_attempts',
          'progress',
          'last_error',
          'result',
          'created_by',
          'created_at',
          'finished_at',
        ])
        .where('id', '=', params.id)
        .executeTakeFirst();
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
    },
  }),
];
