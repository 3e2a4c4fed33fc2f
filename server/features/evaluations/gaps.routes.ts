import { idParams } from '@shared/evaluations/evaluations.schemas.ts';
import { evaluationGapsResponse, gapsQuery } from '@shared/frameworks/frameworks.schemas.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { getEvaluationGaps } from './gaps.service.ts';

/** Gap analysis of one evaluation, for everyone who may read it. */
export const gapsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id/gaps',
    access: { permission: 'assessments.read' },
    summary: 'Phân tích điểm còn thiếu: mục bị mất điểm và điều kiện công nhận chưa đạt cần thêm gì',
    schemas: { params: idParams, query: gapsQuery },
    response: evaluationGapsResponse,
    handler: ({ params, query }, ctx) => getEvaluationGaps(ctx, params.id, query.source),
  }),
];
