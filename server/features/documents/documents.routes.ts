/** Document downloads built from stored data, the bulk export of a period, and the export's ZIP. */
import { z } from 'zod';
import { EVALUATION_FORMS, PERIOD_FORMS, STORED_FORMS } from '@shared/evaluations/documents.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { jobStarted } from '@shared/contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import type { RenderedDocument } from '@server/platform/documents/registry.ts';
import type { FastifyReply } from 'fastify';
import {
  getBulkDownload,
  getEvaluationDocument,
  getPeriodDocument,
  requestBulkDocuments,
} from './documents.service.ts';

const formatQuery = z.object({ format: z.enum(['docx', 'xlsx', 'pdf']).default('docx') });
const id = z.string().uuid('Mã không hợp lệ');

function sendDocument(reply: FastifyReply, doc: RenderedDocument) {
  return reply
    .header('content-type', doc.contentType)
    .header('content-disposition', contentDisposition(doc.fileName))
    .header('cache-control', 'no-store')
    .send(doc.buffer);
}

export const documentsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id/documents/:form',
    access: { permission: 'documents.generate' },
    summary: 'Văn bản của một hồ sơ (Mẫu 01, 02, 03, 07, báo cáo CCHC) lập từ dữ liệu đã lưu',
    schemas: { params: z.object({ id, form: z.enum(EVALUATION_FORMS) }), query: formatQuery },
    handler: async ({ params, query }, ctx, http) =>
      sendDocument(http.reply, await getEvaluationDocument(ctx, params.id, params.form, query.format)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/documents/:form',
    access: { permission: 'documents.generate' },
    summary: 'Văn bản của kỳ đánh giá (Mẫu 05, 08, 10) lập từ dữ liệu đã lưu',
    schemas: { params: z.object({ id, form: z.enum(PERIOD_FORMS) }), query: formatQuery },
    handler: async ({ params, query }, ctx, http) =>
      sendDocument(http.reply, await getPeriodDocument(ctx, params.id, params.form, query.format)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/documents/bulk',
    access: { permission: 'documents.generate' },
    summary: 'Tạo toàn bộ văn bản của kỳ đánh giá thành một tệp ZIP (chạy nền)',
    schemas: {
      params: z.object({ id }),
      body: z.object({
        forms: z.array(z.enum(STORED_FORMS)).min(1, 'Chọn ít nhất một mẫu'),
        format: z.enum(['docx', 'pdf']).default('docx'),
      }),
    },
    response: jobStarted,
    handler: async ({ params, body }, ctx, http) => {
      const result = await requestBulkDocuments(ctx, params.id, body);
      http.reply.status(202);
      return result;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/jobs/:id/download',
    access: { permission: 'jobs.read' },
    summary: 'Tải tệp ZIP của công việc tạo văn bản (chỉ người đã yêu cầu)',
    schemas: { params: z.object({ id: z.coerce.number().int().positive('Mã công việc không hợp lệ') }) },
    async handler({ params }, ctx, http) {
      const { stream, fileName } = await getBulkDownload(ctx, params.id);
      return http.reply
        .header('content-type', 'application/zip')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  }),
];
