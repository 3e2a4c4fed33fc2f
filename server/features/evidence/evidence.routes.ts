import { z } from 'zod';
import { LIMITS } from '@shared/limits.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { receiveFile } from '@server/platform/http/multipart.ts';
import {
  evidenceDeletedResponse,
  evidenceItemResponse,
  evidenceListResponse,
} from '@shared/evidence/evidence.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { deleteEvidence, listEvidence, openEvidence, uploadEvidence } from './evidence.service.ts';

const uuid = z.uuid('Mã không hợp lệ');
const evaluationParams = z.object({ id: uuid });
const fileParams = z.object({ id: uuid, fileId: uuid });
const uploadQuery = z.object({
  nodeCode: z.string().trim().min(1, 'Chưa chọn chỉ tiêu').max(40, 'Mã chỉ tiêu quá dài'),
});

export const evidenceRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id/evidence',
    access: { permission: 'assessments.read' },
    summary: 'Tài liệu kiểm chứng của hồ sơ, theo từng chỉ tiêu',
    schemas: { params: evaluationParams },
    response: evidenceListResponse,
    handler: ({ params }, ctx) => listEvidence(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/evidence',
    access: { permission: 'assessments.edit' },
    summary: 'Tải lên một tài liệu kiểm chứng cho một chỉ tiêu (PDF, DOCX, XLSX, JPEG, PNG; tối đa 20 MB)',
    schemas: { params: evaluationParams, query: uploadQuery },
    response: evidenceItemResponse,
    handler: ({ params, query }, ctx, http) =>
      uploadEvidence(ctx, params.id, query.nodeCode, () =>
        receiveFile(http.request, LIMITS.evidenceMaxBytes),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id/evidence/:fileId',
    access: { permission: 'assessments.read' },
    summary: 'Tải về một tài liệu kiểm chứng (không bao giờ công khai)',
    schemas: { params: fileParams },
    async handler({ params }, ctx, http) {
      const { file, stream } = await openEvidence(ctx, params.id, params.fileId);
      http.reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size_bytes))
        .header('content-disposition', contentDisposition(file.file_name))
        .header('cache-control', 'private, no-store');
      return stream;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/evaluations/:id/evidence/:fileId',
    access: { permission: 'assessments.edit' },
    summary: 'Xóa một tài liệu kiểm chứng (khi còn được sửa hồ sơ hoặc đang giải trình)',
    schemas: { params: fileParams },
    response: evidenceDeletedResponse,
    handler: ({ params }, ctx) => deleteEvidence(ctx, params.id, params.fileId),
  }),
];
