import {
  commentParams,
  commentResponseSchema,
  idParams,
  publicCommentSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import {
  commentListResponse,
  publicCommentReceivedResponse,
  publicEvaluationResponse,
} from '@shared/posting/posting.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { addPublicComment, getPublicEvaluation, listComments, respondToComment } from './posting.service.ts';

/** The public posting page, citizens' comments, and the commune's responses to them. */
export const postingRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/evaluations/:id/comments',
    access: { permission: 'assessments.read' },
    summary: 'Ý kiến của người dân và việc tiếp thu, giải trình',
    schemas: { params: idParams },
    response: commentListResponse,
    handler: ({ params }, ctx) => listComments(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/evaluations/:id/comments/:commentId/response',
    access: { permission: 'comments.respond' },
    summary: 'Ghi nhận việc tiếp thu, giải trình một ý kiến',
    schemas: { params: commentParams, body: commentResponseSchema },
    response: commentListResponse,
    handler: ({ params, body }, ctx) => respondToComment(ctx, params.id, params.commentId, body),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/evaluations/:id',
    access: 'public',
    summary: 'Trang niêm yết công khai kết quả tự đánh giá (không cần đăng nhập)',
    schemas: { params: idParams },
    response: publicEvaluationResponse,
    handler: ({ params }, ctx) => getPublicEvaluation(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/public/evaluations/:id/comments',
    access: 'public',
    summary: 'Người dân góp ý về kết quả tự đánh giá đang niêm yết',
    schemas: { params: idParams, body: publicCommentSchema },
    response: publicCommentReceivedResponse,
    handler: ({ params, body }, ctx) => addPublicComment(ctx, params.id, body),
  }),
];
