import { z } from 'zod';
import {
  councilCandidatesQuery,
  createCouncilSchema,
  decisionSchema,
  linkMemberSchema,
  meetingSchema,
  opinionSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import {
  councilCandidatesResponse,
  councilResponse,
  decisionIssuedResponse,
  opinionsResponse,
  publicDecisionResponse,
} from '@shared/council/council.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import {
  presentCandidates,
  presentCouncil,
  presentOpinion,
  presentPublicDecision,
} from './council.presenter.ts';
import {
  createCouncil,
  findCandidates,
  linkMember,
  getCouncil,
  getPublicDecision,
  issueDecision,
  recordMeeting,
  recordOpinion,
} from './council.service.ts';

const periodParams = z.object({ id: z.uuid('Mã không hợp lệ') });
const memberParams = z.object({ id: z.uuid('Mã không hợp lệ'), memberId: z.uuid('Mã không hợp lệ') });
const meetingParams = z.object({ id: z.uuid('Mã không hợp lệ'), meetingId: z.uuid('Mã không hợp lệ') });

export const councilRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/council',
    access: { permission: 'council.manage' },
    summary: 'Thành lập Hội đồng đánh giá của kỳ (tối đa 15 thành viên)',
    schemas: { params: periodParams, body: createCouncilSchema },
    response: councilResponse,
    handler: async ({ params, body }, ctx) => presentCouncil(await createCouncil(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/council',
    access: { permission: 'council.read' },
    summary: 'Hội đồng, thành viên và các cuộc họp',
    schemas: { params: periodParams },
    response: councilResponse,
    handler: async ({ params }, ctx) => presentCouncil(await getCouncil(ctx, params.id)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/periods/:id/council/candidates',
    access: { permission: 'council.manage' },
    summary: 'Tài khoản có thể liên kết với thành viên Hội đồng (vai trò Hội đồng, Sở Tư pháp)',
    schemas: { params: periodParams, query: councilCandidatesQuery },
    response: councilCandidatesResponse,
    handler: async ({ params, query }, ctx) =>
      presentCandidates(await findCandidates(ctx, params.id, query.q)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/periods/:id/council/members/:memberId/user',
    access: { permission: 'council.manage' },
    summary: 'Liên kết (hoặc bỏ liên kết) thành viên Hội đồng với tài khoản',
    schemas: { params: memberParams, body: linkMemberSchema },
    response: councilResponse,
    handler: async ({ params, body }, ctx) =>
      presentCouncil(await linkMember(ctx, params.id, params.memberId, body)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/council/meetings',
    access: { permission: 'council.manage' },
    summary: 'Ghi nhận cuộc họp Hội đồng (kiểm tra đủ 2/3) hoặc lấy ý kiến bằng văn bản',
    schemas: { params: periodParams, body: meetingSchema },
    response: councilResponse,
    handler: async ({ params, body }, ctx) => presentCouncil(await recordMeeting(ctx, params.id, body)),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/periods/:id/council/meetings/:meetingId/opinions',
    access: { permission: 'council.opinion' },
    summary: 'Ý kiến của thành viên Hội đồng về một xã',
    schemas: { params: meetingParams, body: opinionSchema },
    response: opinionsResponse,
    handler: async ({ params, body }, ctx) =>
      (await recordOpinion(ctx, params.id, params.meetingId, body)).map(presentOpinion),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/periods/:id/decision',
    access: { permission: 'decisions.manage' },
    summary: 'Quyết định công nhận: danh sách đạt và không đạt chuẩn',
    schemas: { params: periodParams, body: decisionSchema },
    response: decisionIssuedResponse,
    handler: ({ params, body }, ctx) => issueDecision(ctx, params.id, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/periods/:id/decision',
    access: 'public',
    summary: 'Quyết định công nhận đã công bố (không cần đăng nhập)',
    schemas: { params: periodParams },
    response: publicDecisionResponse,
    handler: async ({ params }, ctx) => {
      const { decision, evaluations } = await getPublicDecision(ctx, params.id);
      return presentPublicDecision(decision, evaluations);
    },
  }),
];
