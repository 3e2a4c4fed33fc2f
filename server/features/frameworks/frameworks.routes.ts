import {
  copyFrameworkSchema,
  frameworkContentResponse,
  frameworkDetailResponse,
  frameworkHashParams,
  frameworkIdParams,
  frameworkListResponse,
  importFrameworkSchema,
  versionMappingsResponse,
} from '@shared/frameworks/frameworks.schemas.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  copyFramework,
  exportFramework,
  getFramework,
  getFrameworkContent,
  importFramework,
  listFrameworks,
  listMappings,
} from './frameworks.service.ts';

/**
 * Frameworks as stored, immutable versions: read by everyone with frameworks.read, imported and
 * copied by provincial administrators. There is no update and no delete endpoint: editing is
 * importing a modified file (a new version), and a version used by a period must stay.
 */
export const frameworksRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/frameworks',
    access: { permission: 'frameworks.read' },
    summary: 'Các bộ tiêu chí: dựng sẵn và bản riêng của tỉnh trong phạm vi của mình',
    response: frameworkListResponse,
    handler: (_input, ctx) => listFrameworks(ctx),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/mappings',
    access: { permission: 'frameworks.read' },
    summary: 'Bảng đối chiếu mã chỉ tiêu giữa các phiên bản quy định (ví dụ TCPL-2021 → TCPL-2025)',
    response: versionMappingsResponse,
    handler: (_input, ctx) => listMappings(ctx.app.db),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/content/:hash',
    access: { permission: 'frameworks.read' },
    summary: 'Nội dung một phiên bản bộ tiêu chí theo mã băm (không đổi: trình duyệt giữ lại, ETag)',
    schemas: { params: frameworkHashParams },
    response: frameworkContentResponse,
    async handler({ params }, ctx, http) {
      const content = await getFrameworkContent(ctx, params.hash);
      // A version never changes: the browser keeps it; a revalidation costs only the scope check.
      http.reply
        .header('etag', `"${params.hash}"`)
        .header('cache-control', 'private, max-age=31536000, immutable');
      if (http.request.headers['if-none-match'] === `"${params.hash}"`) return http.reply.code(304).send();
      return content;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/:id',
    access: { permission: 'frameworks.read' },
    summary: 'Toàn bộ nội dung một phiên bản bộ tiêu chí và việc nó đang được dùng hay chưa',
    schemas: { params: frameworkIdParams },
    response: frameworkDetailResponse,
    handler: ({ params }, ctx) => getFramework(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/frameworks/:id/export',
    access: { permission: 'frameworks.read' },
    summary: 'Tải tệp JSON của một phiên bản bộ tiêu chí',
    schemas: { params: frameworkIdParams },
    async handler({ params }, ctx, http) {
      const file = await exportFramework(ctx, params.id);
      http.reply
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', contentDisposition(file.fileName));
      return http.reply.send(file.text);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/frameworks/import',
    access: { permission: 'frameworks.manage' },
    summary: 'Nhập bộ tiêu chí từ tệp JSON: mã mới → phiên bản 1, mã đã có của tỉnh → phiên bản kế tiếp',
    schemas: { body: importFrameworkSchema },
    response: frameworkDetailResponse,
    async handler({ body }, ctx, http) {
      const created = await importFramework(ctx, body);
      http.reply.status(201);
      return created;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/frameworks/:id/copy',
    access: { permission: 'frameworks.manage' },
    summary: 'Sao chép một bộ tiêu chí thành bộ riêng của tỉnh (mã mới, phiên bản 1)',
    schemas: { params: frameworkIdParams, body: copyFrameworkSchema },
    response: frameworkDetailResponse,
    async handler({ params, body }, ctx, http) {
      const created = await copyFramework(ctx, params.id, body);
      http.reply.status(201);
      return created;
    },
  }),
];
