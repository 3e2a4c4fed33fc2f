/**
 * Analytics for a Department (issue #15): the JSON read API (docs/api-analytics.md) and the XLSX export,
 * for a signed-in user or a province's portal with a read-only analytics token (Bearer dg_…).
 */
import {
  analyticsQuery,
  dashboardResponse,
  indicatorCommunesResponse,
  indicatorParams,
  provinceCodeParams,
  publicProvinceResponse,
  trendsResponse,
} from '@shared/analytics/analytics.contract.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { dashboardWorkbook } from './analytics.export.ts';
import { getDashboard, getIndicatorCommunes, getPublicProvince, getTrends } from './analytics.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const analyticsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/analytics/dashboard',
    access: { permission: 'assessments.read', apiToken: 'analytics' },
    summary: 'Thống kê của một địa bàn (cả nước, tỉnh, xã) theo năm và loại bộ tiêu chí',
    schemas: { query: analyticsQuery },
    response: dashboardResponse,
    handler: ({ query }, ctx) => getDashboard(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/analytics/dashboard.xlsx',
    access: { permission: 'assessments.read', apiToken: 'analytics' },
    summary: 'Tải mọi bảng thống kê của địa bàn dạng XLSX',
    schemas: { query: analyticsQuery },
    async handler({ query }, ctx, http) {
      const doc = await dashboardWorkbook(await getDashboard(ctx, query));
      return http.reply
        .header('content-type', XLSX)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/analytics/indicators/:code/communes',
    access: { permission: 'assessments.read', apiToken: 'analytics' },
    summary: 'Các đơn vị chưa đạt điểm tối đa của một chỉ tiêu và số điểm bị trừ',
    schemas: { params: indicatorParams, query: analyticsQuery },
    response: indicatorCommunesResponse,
    handler: ({ params, query }, ctx) => getIndicatorCommunes(ctx, params.code, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/analytics/trends',
    access: { permission: 'assessments.read', apiToken: 'analytics' },
    summary: 'Kết quả qua các năm từ 2022 (đơn vị cũ trước sắp xếp hiển thị dưới đơn vị mới)',
    schemas: { query: analyticsQuery },
    response: trendsResponse,
    handler: ({ query }, ctx) => getTrends(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/provinces/:code/recognition',
    access: 'public',
    summary:
      'Danh sách và tỷ lệ đạt chuẩn tiếp cận pháp luật của tỉnh năm gần nhất đã có quyết định (công khai)',
    schemas: { params: provinceCodeParams },
    response: publicProvinceResponse,
    handler: ({ params }, ctx) => getPublicProvince(ctx, params.code),
  }),
];
