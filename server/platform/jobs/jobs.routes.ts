import { z } from 'zod';
import { jobResponse } from '@shared/jobs/jobs.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { getJobStatus } from './jobs.service.ts';

const idParams = z.object({ id: z.coerce.number().int().positive('Mã công việc không hợp lệ') });

export const jobsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id',
    access: { permission: 'jobs.read' },
    summary: 'Trạng thái và tiến độ của một công việc chạy nền do mình tạo',
    schemas: { params: idParams },
    response: jobResponse,
    handler: ({ params }, ctx) => getJobStatus(ctx, params.id),
  }),
];
