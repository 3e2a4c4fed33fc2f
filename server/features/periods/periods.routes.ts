import { createPeriodSchema } from '@shared/evaluations/evaluations.schemas.ts';
import { periodCreatedResponse, periodListResponse } from '@shared/periods/periods.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { presentPeriod } from './periods.presenter.ts';
import { createPeriod, listPeriods } from './periods.service.ts';

export const periodsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/periods',
    access: { permission: 'periods.read' },
    summary: 'Các kỳ đánh giá mình tổ chức hoặc tham gia',
    response: periodListResponse,
    handler: async (_input, ctx) => (await listPeriods(ctx)).map((row) => presentPeriod(ctx.actor, row)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods',
    access: { permission: 'periods.manage' },
    summary: 'Mở kỳ đánh giá: năm, bộ tiêu chí, thời hạn, các xã tham gia',
    schemas: { body: createPeriodSchema },
    response: periodCreatedResponse,
    handler: ({ body }, ctx) => createPeriod(ctx, body),
  }),
];
