import { z } from 'zod';
import { jobStarted } from '@shared/contract.ts';
import {
  importUploadResponse,
  startImportBody,
  TTHC_IMPORT_MAX_BYTES,
} from '@shared/tthc/import.contract.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { receiveFile } from '@server/platform/http/multipart.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { openImportErrors, startTthcImport, uploadTthcImport } from './tthc.import.service.ts';

const uploadQuery = z.object({
  unitId: z.uuid('Mã đơn vị không hợp lệ'),
  sourceName: z.string().trim().max(100, 'Tên nguồn tối đa 100 ký tự').optional(),
});
const uploadParams = z.object({ uploadId: z.uuid('Mã lần nhập không hợp lệ') });

export const tthcImportRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/registers/tthc/imports',
    access: { permission: 'registers.edit' },
    summary: 'Tải lên tệp CSV/XLSX xuất từ phần mềm một cửa: trả về các cột của tệp và cách ghép cột đề xuất',
    schemas: { query: uploadQuery },
    response: importUploadResponse,
    handler: ({ query }, ctx, http) =>
      uploadTthcImport(ctx, query.unitId, query.sourceName, () =>
        receiveFile(http.request, TTHC_IMPORT_MAX_BYTES),
      ),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/registers/tthc/imports/:uploadId/start',
    access: { permission: 'registers.edit' },
    summary: 'Xác nhận cách ghép cột (lưu theo tên nguồn) và nhập tệp vào sổ — chạy nền, có tiến độ',
    schemas: { params: uploadParams, body: startImportBody },
    response: jobStarted,
    handler: ({ params, body }, ctx) => startTthcImport(ctx, params.uploadId, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/imports/:uploadId/errors',
    access: { permission: 'registers.edit' },
    summary: 'Tải về danh sách đầy đủ các dòng, cột bị lỗi của một lần nhập không thành công (CSV)',
    schemas: { params: uploadParams },
    async handler({ params }, ctx, http) {
      const { stream, fileName } = await openImportErrors(ctx, params.uploadId);
      http.reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(fileName))
        .header('cache-control', 'private, no-store');
      return stream;
    },
  }),
];
