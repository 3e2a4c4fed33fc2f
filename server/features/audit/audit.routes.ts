import { auditPageResponse, chainReportResponse } from '@shared/audit/audit.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { listAuditQuery } from './audit.schemas.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

export const auditRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/audit',
    access: { permission: 'audit.read' },
    summary:
      'Nhật ký thao tác trong phạm vi của mình, lọc theo hành động, đối tượng, đơn vị, người, thời gian',
    schemas: { query: listAuditQuery },
    response: auditPageResponse,
    handler: ({ query }, ctx) => listAudit(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/audit/verify',
    access: { permission: 'audit.verify' },
    summary: 'Kiểm tra tính toàn vẹn của chuỗi nhật ký (mã băm nối tiếp)',
    response: chainReportResponse,
    handler: (_input, ctx) => verifyAudit(ctx),
  }),
];
