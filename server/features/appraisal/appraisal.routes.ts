import {
  explainSchema,
  idParams,
  transitionSchema,
  verdictSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { periodResultsResponse, periodSummaryResponse } from '@shared/appraisal/appraisal.contract.ts';
import { evaluationResponse } from '@shared/evaluations/evaluations.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { presentPeriodResults } from './appraisal.presenter.ts';
import {
  completeAppraisal,
  getPeriodResults,
  getPeriodSummary,
  returnForExplanation,
  setVerdict,
  submitExplanations,
} from './appraisal.service.ts';

export const appraisalRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/results',
    access: { permission: 'periods.read' },
    summary: 'Bảng kết quả của kỳ: điểm tự đánh giá, điểm thẩm định, thứ hạng',
    schemas: { params: idParams },
    response: periodResultsResponse,
    handler: async ({ params }, ctx) => presentPeriodResults(await getPeriodResults(ctx, params.id)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/summary',
    access: { permission: 'periods.read' },
    summary: 'Tổng hợp số liệu của kỳ trên địa bàn (Mẫu 09) và tỷ lệ đạt chuẩn (Mẫu 10)',
    schemas: { params: idParams },
    response: periodSummaryResponse,
    handler: ({ params }, ctx) => getPeriodSummary(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/evaluations/:id/verdicts',
    access: { permission: 'appraisals.edit' },
    summary: 'Kết luận thẩm định một chỉ tiêu: chấp nhận, điều chỉnh (có lý do), yêu cầu giải trình',
    schemas: { params: idParams, body: verdictSchema },
    response: evaluationResponse,
    handler: ({ params, body }, ctx) => setVerdict(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/return',
    access: { permission: 'appraisals.edit' },
    summary: 'Trả hồ sơ để xã giải trình',
    schemas: { params: idParams, body: transitionSchema },
    response: evaluationResponse,
    handler: ({ params, body }, ctx) => returnForExplanation(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/explanations',
    access: { permission: 'assessments.edit' },
    summary: 'Xã gửi giải trình các chỉ tiêu được yêu cầu',
    schemas: { params: idParams, body: explainSchema },
    response: evaluationResponse,
    handler: ({ params, body }, ctx) => submitExplanations(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/appraise',
    access: { permission: 'appraisals.edit' },
    summary: 'Hoàn tất thẩm định: tính điểm thẩm định bằng bộ tiêu chí',
    schemas: { params: idParams, body: transitionSchema },
    response: evaluationResponse,
    handler: ({ params, body }, ctx) => completeAppraisal(ctx, params.id, body.expectedVersion),
  }),
];
