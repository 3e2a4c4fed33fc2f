import { z } from 'zod';
import {
  assignSchema,
  createCouncilSchema,
  createPeriodSchema,
  decisionSchema,
  meetingSchema,
  opinionSchema,
  explainSchema,
  idParams,
  reopenSchema,
  saveSelfAssessmentSchema,
  transitionSchema,
  verdictSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  completeAppraisal,
  getPeriodResults,
  getPeriodSummary,
  returnForExplanation,
  setVerdict,
  submitExplanations,
} from './appraisal.service.ts';
import { findEvaluationsInScope } from './evaluations.repo.ts';
import {
  assignIndicator,
  getEvaluation,
  postPublicly,
  registerForPeriod,
  reopenSelfAssessment,
  saveSelfAssessment,
  sendForAppraisal,
  submitSelfAssessment,
} from './evaluations.service.ts';
import { createPeriod, listPeriods } from './periods.service.ts';
import {
  createCouncil,
  getCouncil,
  getPublicDecision,
  issueDecision,
  recordMeeting,
  recordOpinion,
} from './council.service.ts';
import { STATE_LABELS } from '@shared/evaluations/state-machine.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';

export const evaluationRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/periods',
    access: { permission: 'periods.read' },
    summary: 'Các kỳ đánh giá mình tổ chức hoặc tham gia',
    handler: (_input, ctx) => listPeriods(ctx),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods',
    access: { permission: 'periods.manage' },
    summary: 'Mở kỳ đánh giá: năm, bộ tiêu chí, thời hạn, các xã tham gia',
    schemas: { body: createPeriodSchema },
    handler: ({ body }, ctx) => createPeriod(ctx, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/results',
    access: { permission: 'periods.read' },
    summary: 'Bảng kết quả của kỳ: điểm tự đánh giá, điểm thẩm định, thứ hạng',
    schemas: { params: idParams },
    handler: ({ params }, ctx) => getPeriodResults(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/summary',
    access: { permission: 'periods.read' },
    summary: 'Tổng hợp số liệu của kỳ trên địa bàn (Mẫu 09) và tỷ lệ đạt chuẩn (Mẫu 10)',
    schemas: { params: idParams },
    handler: ({ params }, ctx) => getPeriodSummary(ctx, params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/evaluations',
    access: { permission: 'assessments.read' },
    summary: 'Hồ sơ đánh giá trong phạm vi của mình',
    schemas: { query: z.object({ periodId: z.uuid().optional() }) },
    async handler({ query }, ctx) {
      const rows = await findEvaluationsInScope(ctx.app.db, ctx.actor, query);
      return rows.map((r) => ({
        id: r.id,
        state: r.state,
        stateLabel: STATE_LABELS[r.state],
        unit: { id: r.unit_id, name: r.unit_name, code: r.unit_code },
        period: {
          id: r.period_id,
          name: r.period_name,
          year: r.year,
          selfAssessmentDue: r.self_assessment_due,
          submissionDue: r.submission_due,
        },
        selfTotal: (r.self_result as EvaluationResult | null)?.total ?? null,
        appraisedTotal: (r.appraised_result as EvaluationResult | null)?.total ?? null,
      }));
    },
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
  defineRoute({
    method: 'PUT',
    url: '/api/evaluations/:id/verdicts',
    access: { permission: 'appraisals.edit' },
    summary: 'Kết luận thẩm định một chỉ tiêu: chấp nhận, điều chỉnh (có lý do), yêu cầu giải trình',
    schemas: { params: idParams, body: verdictSchema },
    handler: ({ params, body }, ctx) => setVerdict(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/return',
    access: { permission: 'appraisals.edit' },
    summary: 'Trả hồ sơ để xã giải trình',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => returnForExplanation(ctx, params.id, body.expectedVersion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/explanations',
    access: { permission: 'assessments.edit' },
    summary: 'Xã gửi giải trình các chỉ tiêu được yêu cầu',
    schemas: { params: idParams, body: explainSchema },
    handler: ({ params, body }, ctx) => submitExplanations(ctx, params.id, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/appraise',
    access: { permission: 'appraisals.edit' },
    summary: 'Hoàn tất thẩm định: tính điểm thẩm định bằng bộ tiêu chí',
    schemas: { params: idParams, body: transitionSchema },
    handler: ({ params, body }, ctx) => completeAppraisal(ctx, params.id, body.expectedVersion),
  }),
];

const periodParams = z.object({ id: z.uuid('Mã không hợp lệ') });
const meetingParams = z.object({ id: z.uuid('Mã không hợp lệ'), meetingId: z.uuid('Mã không hợp lệ') });

export const councilRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/council',
    access: { permission: 'council.manage' },
    summary: 'Thành lập Hội đồng đánh giá của kỳ (tối đa 15 thành viên)',
    schemas: { params: periodParams, body: createCouncilSchema },
    handler: ({ params, body }, ctx) => createCouncil(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/council',
    access: { permission: 'council.read' },
    summary: 'Hội đồng, thành viên và các cuộc họp',
    schemas: { params: periodParams },
    handler: ({ params }, ctx) => getCouncil(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/council/meetings',
    access: { permission: 'council.manage' },
    summary: 'Ghi nhận cuộc họp Hội đồng (kiểm tra đủ 2/3) hoặc lấy ý kiến bằng văn bản',
    schemas: { params: periodParams, body: meetingSchema },
    handler: ({ params, body }, ctx) => recordMeeting(ctx, params.id, body),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/periods/:id/council/meetings/:meetingId/opinions',
    access: { permission: 'council.opinion' },
    summary: 'Ý kiến của thành viên Hội đồng về một xã',
    schemas: { params: meetingParams, body: opinionSchema },
    handler: ({ params, body }, ctx) => recordOpinion(ctx, params.id, params.meetingId, body),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/decision',
    access: { permission: 'decisions.manage' },
    summary: 'Quyết định công nhận: danh sách đạt và không đạt chuẩn',
    schemas: { params: periodParams, body: decisionSchema },
    handler: ({ params, body }, ctx) => issueDecision(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/periods/:id/decision',
    access: 'public',
    summary: 'Quyết định công nhận đã công bố (không cần đăng nhập)',
    schemas: { params: periodParams },
    handler: ({ params }, ctx) => getPublicDecision(ctx, params.id),
  }),
];
