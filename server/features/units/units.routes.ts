import { defineRoute } from '@server/platform/http/route.ts';
import { listUnitsQuery, unitIdParams, updateUnitBody } from './units.schemas.ts';
import { z } from 'zod';
import { jobStarted } from '@shared/contract.ts';
import {
  importableProvincesResponse,
  unitHistoryResponse,
  unitPageResponse,
  unitWithChildrenResponse,
} from '@shared/units/units.contract.ts';
import {
  editUnit,
  getUnit,
  getUnitHistory,
  listImportableProvinces,
  listUnits,
  requestUnitsImport,
} from './units.service.ts';

export const unitsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/units',
    access: { permission: 'units.read' },
    summary: 'Danh sách, tìm kiếm đơn vị hành chính trong phạm vi của mình (có hoặc không dấu)',
    schemas: { query: listUnitsQuery },
    response: unitPageResponse,
    handler: ({ query }, ctx) => listUnits(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/units/:id',
    access: { permission: 'units.read' },
    summary: 'Một đơn vị hành chính và các đơn vị trực thuộc',
    schemas: { params: unitIdParams },
    response: unitWithChildrenResponse,
    handler: ({ params }, ctx) => getUnit(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/units/:id/history',
    access: { permission: 'units.read' },
    summary: 'Lịch sử: các đơn vị cũ hợp thành đơn vị này (và nơi đơn vị cũ được sáp nhập vào)',
    schemas: { params: unitIdParams },
    response: unitHistoryResponse,
    handler: ({ params }, ctx) => getUnitHistory(ctx, params.id),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/units/:id',
    access: { permission: 'units.manage' },
    summary: 'Sửa tên, loại, thời gian hiệu lực của đơn vị hành chính',
    schemas: { params: unitIdParams, body: updateUnitBody },
    response: unitWithChildrenResponse,
    handler: ({ params, body }, ctx) => editUnit(ctx, params.id, body),
  }),

  defineRoute({
    method: 'GET',
    url: '/api/units/import/provinces',
    access: { permission: 'units.manage' },
    summary: 'Các tỉnh trong danh mục đơn vị hành chính chính thức đi kèm phần mềm',
    response: importableProvincesResponse,
    handler: async () => listImportableProvinces(),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/units/import',
    access: { permission: 'units.manage' },
    summary: 'Nhập danh mục đơn vị hành chính (cả nước hoặc một số tỉnh) — chạy nền, có tiến độ',
    schemas: {
      body: z.object({
        provinceCodes: z
          .array(z.string().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số'))
          .max(34)
          .optional(),
      }),
    },
    response: jobStarted,
    handler: ({ body }, ctx) => requestUnitsImport(ctx, body.provinceCodes),
  }),
];
