/** The commune's other books (issue #13): records of every kind, import, export, 01/TCD–01/XLD, report. */
import { z } from 'zod';
import { noContent } from '@shared/contract.ts';
import {
  bookExportQuery,
  bookImportQuery,
  bookImportResponse,
  bookRecordPageResponse,
  bookRecordResponse,
  createBookRecordBody,
  deleteBookRecordQuery,
  listBookRecordsQuery,
  receptionSummaryQuery,
  receptionSummaryResponse,
  reportDownloadQuery,
  updateBookRecordBody,
} from '@shared/books/books.contract.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { receiveToTemp } from '@server/platform/imports/upload.ts';
import {
  createRecord,
  deleteRecord,
  exportRecords,
  importRecords,
  listRecords,
  updateRecord,
} from './books.service.ts';
import { getReceptionSummary, renderCommuneReport } from './books.report.ts';

const recordParams = z.object({ id: z.uuid('Mã bản ghi không hợp lệ') });
/** A book's file holds a few thousand rows at most. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const booksRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/books/records',
    access: { permission: 'registers.read' },
    summary: 'Bản ghi của một loại sổ trong phạm vi (lọc theo đơn vị, thời gian, chỉ số, trường)',
    schemas: { query: listBookRecordsQuery },
    response: bookRecordPageResponse,
    handler: ({ query }, ctx) => listRecords(ctx, query),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/books/records',
    access: { permission: 'registers.edit' },
    summary: 'Ghi một bản ghi vào sổ của đơn vị',
    schemas: { body: createBookRecordBody },
    response: bookRecordResponse,
    async handler({ body }, ctx, http) {
      http.reply.status(201);
      return createRecord(ctx, body);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/books/records/:id',
    access: { permission: 'registers.edit' },
    summary: 'Sửa một bản ghi (kiểm tra phiên bản)',
    schemas: { params: recordParams, body: updateBookRecordBody },
    response: bookRecordResponse,
    handler: ({ params, body }, ctx) => updateRecord(ctx, params.id, body),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/books/records/:id',
    access: { permission: 'registers.edit' },
    summary: 'Xóa một bản ghi (kiểm tra phiên bản)',
    schemas: { params: recordParams, query: deleteBookRecordQuery },
    response: noContent,
    async handler({ params, query }, ctx, http) {
      await deleteRecord(ctx, params.id, query.expectedVersion);
      http.reply.status(204);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/books/records/import',
    access: { permission: 'registers.edit' },
    summary: 'Nhập bản ghi từ tệp CSV/XLSX (một dòng lỗi thì không nhập dòng nào)',
    schemas: { query: bookImportQuery },
    response: bookImportResponse,
    async handler({ query }, ctx, http) {
      const upload = await receiveToTemp(http.request, MAX_FILE_BYTES, 'danhgia-books-');
      try {
        return await importRecords(ctx, query.unitId, query.kind, upload.file, upload.fileName);
      } finally {
        await upload.done();
      }
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/books/records/export',
    access: { permission: 'registers.read' },
    summary: 'Tải danh sách bản ghi (cùng bộ lọc) dạng XLSX',
    schemas: { query: bookExportQuery },
    async handler({ query }, ctx, http) {
      const doc = await exportRecords(ctx, query);
      return http.reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/books/reception-summary',
    access: { permission: 'registers.read' },
    summary: 'Tổng hợp tiếp công dân (01/TCD) và xử lý đơn (01/XLD) của một đơn vị cho một khoảng thời gian',
    schemas: { query: receptionSummaryQuery },
    response: receptionSummaryResponse,
    handler: ({ query }, ctx) => getReceptionSummary(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/books/report',
    access: { permission: 'registers.read' },
    summary: 'Báo cáo 6 tháng / năm của xã (thủ tục hành chính, tiếp công dân, xử lý đơn) dạng DOCX',
    schemas: { query: reportDownloadQuery },
    async handler({ query }, ctx, http) {
      const doc = await renderCommuneReport(ctx, query);
      return http.reply
        .header('content-type', DOCX)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
];
