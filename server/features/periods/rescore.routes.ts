import { z } from 'zod';
import {
  rescorePeriodSchema,
  rescoreQuery,
  rescoreReportResponse,
} from '@shared/periods/rescore.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { applyRescore, previewRescore } from './rescore.service.ts';

const periodParams = z.object({ id: z.uuid('Mã kỳ đánh giá không hợp lệ') });

/** Applying a newer framework version to an open period: report, then confirmation (ADR 0015). */
export const rescoreRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/rescore',
    access: { permission: 'periods.manage' },
    summary: 'Báo cáo chấm lại theo phiên bản bộ tiêu chí mới: trước/sau của từng xã, xã nào đổi kết quả',
    schemas: { params: periodParams, query: rescoreQuery },
    response: rescoreReportResponse,
    handler: ({ params, query }, ctx) => previewRescore(ctx, params.id, query.frameworkVersionId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/rescore',
    access: { permission: 'periods.manage' },
    summary:
      'Áp dụng phiên bản bộ tiêu chí mới cho kỳ và chấm lại các hồ sơ đang tự đánh giá (có ghi nhật ký)',
    schemas: { params: periodParams, body: rescorePeriodSchema },
    response: rescoreReportResponse,
    handler: ({ params, body }, ctx) => applyRescore(ctx, params.id, body),
  }),
];
