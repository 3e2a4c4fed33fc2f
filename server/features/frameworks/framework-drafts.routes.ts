import {
  frameworkDetailResponse,
  frameworkDraftResponse,
  frameworkIdParams,
  frameworkPreviewResponse,
  importFrameworkTableSchema,
  previewFrameworkDraftSchema,
  publishFrameworkDraftSchema,
  saveFrameworkDraftSchema,
} from '@shared/frameworks/frameworks.schemas.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  discardDraft,
  exportFrameworkXlsx,
  getDraft,
  importFrameworkXlsx,
  previewDraft,
  publishDraft,
  saveDraft,
} from './framework-drafts.service.ts';

/**
 * The framework editor (ADR 0015): the draft of a province's own framework, its publication as a
 * new immutable version, and the XLSX table. `:id` is any version of the framework's code.
 */
export const frameworkDraftsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/:id/draft',
    access: { permission: 'frameworks.manage' },
    summary:
      'Bản nháp của bộ tiêu chí (hoặc phiên bản mới nhất để bắt đầu sửa), lỗi và thay đổi so với bản đang dùng',
    schemas: { params: frameworkIdParams },
    response: frameworkDraftResponse,
    handler: ({ params }, ctx) => getDraft(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/frameworks/:id/draft',
    access: { permission: 'frameworks.manage' },
    summary: 'Lưu bản nháp bộ tiêu chí (kể cả khi còn lỗi)',
    schemas: { params: frameworkIdParams, body: saveFrameworkDraftSchema },
    response: frameworkDraftResponse,
    handler: ({ params, body }, ctx) => saveDraft(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/frameworks/:id/draft',
    access: { permission: 'frameworks.manage' },
    summary: 'Huỷ bản nháp bộ tiêu chí',
    schemas: { params: frameworkIdParams },
    response: frameworkDraftResponse,
    handler: ({ params }, ctx) => discardDraft(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/frameworks/:id/draft/publish',
    access: { permission: 'frameworks.manage' },
    summary: 'Ban hành bản nháp thành phiên bản mới (không sửa được), kèm danh sách thay đổi',
    schemas: { params: frameworkIdParams, body: publishFrameworkDraftSchema },
    response: frameworkDetailResponse,
    async handler({ params, body }, ctx, http) {
      const created = await publishDraft(ctx, params.id, body);
      http.reply.status(201);
      return created;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/frameworks/:id/draft/xlsx',
    access: { permission: 'frameworks.manage' },
    summary: 'Nhập bảng tính XLSX (mỗi dòng một mục) vào bản nháp; có lỗi thì không nhập gì',
    schemas: { params: frameworkIdParams, body: importFrameworkTableSchema },
    response: frameworkDraftResponse,
    handler: ({ params, body }, ctx) => importFrameworkXlsx(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/frameworks/:id/draft/preview',
    access: { permission: 'frameworks.manage' },
    summary: 'Chấm thử dữ liệu mẫu theo bản nháp (không lưu), kèm giải thích như xã sẽ thấy',
    schemas: { params: frameworkIdParams, body: previewFrameworkDraftSchema },
    response: frameworkPreviewResponse,
    handler: ({ params, body }, ctx) => previewDraft(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/:id/xlsx',
    access: { permission: 'frameworks.read' },
    summary: 'Tải bảng tính XLSX của một phiên bản bộ tiêu chí (mỗi dòng một mục)',
    schemas: { params: frameworkIdParams },
    async handler({ params }, ctx, http) {
      const file = await exportFrameworkXlsx(ctx, params.id);
      http.reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', contentDisposition(file.fileName));
      return http.reply.send(file.buffer);
    },
  }),
];
