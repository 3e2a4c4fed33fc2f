import { z } from 'zod';
import {
  assignSchema,
  idParams,
  reopenSchema,
  saveSelfAssessmentSchema,
  transitionSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  assignIndicator,
  getEvaluation,
  listEvaluations,
  postPublicly,
  registerForPeriod,
  reopenSelfAssessment,
  saveSelfAssessment,
  sendForAppraisal,
  submitSelfAssessment,
} from './evaluations.service.ts';

export const evaluationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/evaluations',
    access: { permission: 'assessments.read' },
    summary: 'Hồ sơ đánh giá trong phạm vi của mình',
    schemas: {
      query: z.object({ periodId: z.uuid().optional(), family: z.enum(['tcpl', 'cchc']).optional() }),
    },
    handler: ({ query }, ctx) => listEvaluations(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id',
    access: { permission: 'assessments.read' },
    summary: 'Một hồ sơ: số liệu, điểm do máy chủ tính, kết luận thẩm định, quyền thao tác',
    schemas: { params: idParams },
    handler: ({ params }, ctx) => getEvaluation(ctx, params.id),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/evaluations/:id/self-assessment',
    access: { permission: 'assessments.edit' },
    summary: 'Lưu số liệu tự đánh giá, ghi chú, nội dung báo cáo (tự động lưu)',
    schemas: { params: idParams, body: saveSelfAssessmentSchema },
    handler: ({ params, body }, ctx) => saveSelfAssessment(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/assignments',
    access: { permission: 'assessments.submit' },
    summary: 'Giao chỉ tiêu cho công chức theo dõi',
    schemas: { params: idParams, body: assignSchema },
    handler: ({ params, body }, ctx) => assignIndicator(ctx, params.id, body.nodeCode, body.userId),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/register',
    access: { permission: 'assessments.submit' },
    summary: 'Chủ tịch đăng ký tham gia kỳ đánh giá (khi kỳ có bước đăng ký)',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => registerForPeriod(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/submit',
    access: { permission: 'assessments.submit' },
    summary: 'Chủ tịch chốt kết quả tự đánh giá',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => submitSelfAssessment(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/post',
    access: { permission: 'assessments.submit' },
    summary: 'Niêm yết công khai kết quả tự đánh giá',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => postPublicly(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/send',
    access: { permission: 'assessments.submit' },
    summary: 'Gửi hồ sơ đề nghị thẩm định sau khi hết niêm yết',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => sendForAppraisal(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/reopen',
    access: { permission: 'periods.manage' },
    summary: 'Mở lại việc tự đánh giá sau hạn cho một đơn vị',
    schemas: { params: idParams, body: reopenSchema },
    handler: ({ params, body }, ctx) => reopenSelfAssessment(ctx, params.id, body),
  }),
];
