/** Biểu 06 (report, downloads) and the aggregate entry of communes without per-dossier data. */
import {
  aggregatesInput,
  aggregatesResponse,
  bieu06DownloadQuery,
  bieu06Query,
  bieu06Response,
} from '@shared/tthc/bieu06.contract.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { receiveToTemp } from '@server/platform/imports/upload.ts';
import { getAggregates, getBieu06, importAggregates, saveAggregates } from './bieu06.service.ts';
import { renderBieu06 } from './bieu06.document.ts';

/** An aggregate file holds one row per field: a few kilobytes. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const bieu06Routes = [
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/bieu-06',
    access: { permission: 'registers.read' },
    summary: 'Biểu 06/VPCP/KSTT của một đơn vị cho một khoảng thời gian (theo lĩnh vực và tổng cộng)',
    schemas: { query: bieu06Query },
    response: bieu06Response,
    handler: ({ query }, ctx) => getBieu06(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/bieu-06/download',
    access: { permission: 'registers.read' },
    summary: 'Tải Biểu 06 dạng XLSX hoặc DOCX',
    schemas: { query: bieu06DownloadQuery },
    async handler({ query }, ctx, http) {
      const doc = await renderBieu06(await getBieu06(ctx, query), query.format);
      return http.reply
        .header('content-type', doc.contentType)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registers/tthc/aggregates',
    access: { permission: 'registers.read' },
    summary: 'Số liệu Biểu 06 xã tự nhập (không có dữ liệu từng hồ sơ) cho đúng một khoảng thời gian',
    schemas: { query: bieu06Query },
    response: aggregatesResponse,
    handler: ({ query }, ctx) => getAggregates(ctx, query),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/registers/tthc/aggregates',
    access: { permission: 'registers.edit' },
    summary: 'Lưu số liệu Biểu 06 của xã cho một khoảng thời gian (thay toàn bộ các dòng của khoảng đó)',
    schemas: { body: aggregatesInput },
    response: aggregatesResponse,
    handler: ({ body }, ctx) => saveAggregates(ctx, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/registers/tthc/aggregates/import',
    access: { permission: 'registers.edit' },
    summary: 'Nhập số liệu Biểu 06 của xã từ tệp CSV/XLSX (một lỗi thì không nhập dòng nào)',
    schemas: { query: bieu06Query },
    response: aggregatesResponse,
    async handler({ query }, ctx, http) {
      const upload = await receiveToTemp(http.request, MAX_FILE_BYTES, 'danhgia-bieu06-');
      try {
        return await importAggregates(ctx, query, upload.file, upload.fileName);
      } finally {
        await upload.done();
      }
    },
  }),
];
