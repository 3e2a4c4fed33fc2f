/** Opinion polls and satisfaction surveys (issue #17): officers' pages, signed-in and public answering. */
import { z } from 'zod';
import {
  createSurveySchema,
  paperAnswerSchema,
  publicAnswerSchema,
  signedInAnswerSchema,
  slipsSchema,
  surveyDocumentQuery,
  surveysQuery,
  SURVEY_CODE,
} from '@shared/surveys/surveys.ts';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import {
  answerReceivedResponse,
  invitedSurveysResponse,
  publicSurveyResponse,
  slipsResponse,
  surveyListResponse,
  surveyResponse,
  surveyTemplatesResponse,
} from '@shared/surveys/surveys.contract.ts';
import { questionsOf } from '@shared/surveys/surveys.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { presentInvited, presentSurvey, presentSurveyList } from './surveys.presenter.ts';
import {
  addPaperAnswer,
  answerPublic,
  answerSignedIn,
  closeSurvey,
  createSurvey,
  getPublicSurvey,
  getSurvey,
  getSurveyDocument,
  listInvited,
  listSurveys,
  openSurvey,
  printSlips,
} from './surveys.service.ts';
import { ticketCookie } from './surveys.tickets.ts';

const params = z.object({ id: z.uuid('Mã không hợp lệ') });
const codeParams = z.object({ code: z.string().regex(SURVEY_CODE, 'Mã phiếu không hợp lệ') });

async function surveyOf(ctx: SignedInContext, id: string) {
  return presentSurvey(ctx.actor, await getSurvey(ctx, id));
}

export const surveysRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/surveys',
    access: { permission: 'registers.read' },
    summary: 'Phiếu lấy ý kiến, khảo sát của các đơn vị trong phạm vi',
    schemas: { query: surveysQuery },
    response: surveyListResponse,
    handler: async ({ query }, ctx) => presentSurveyList(await listSurveys(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/surveys/templates',
    access: { permission: 'registers.read' },
    summary: 'Mẫu phiếu có sẵn (Mẫu 04, Mẫu 06, khảo sát sự hài lòng)',
    response: surveyTemplatesResponse,
    handler: async () =>
      Object.values(SURVEY_TEMPLATES).map((t) => ({
        kind: t.kind,
        title: t.title,
        audience: t.audience,
        questions: questionsOf(t.definition).length,
      })),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys',
    access: { permission: 'registers.edit' },
    summary: 'Tạo phiếu lấy ý kiến (dự thảo) từ một mẫu',
    schemas: { body: createSurveySchema },
    response: surveyResponse,
    handler: async ({ body }, ctx) => surveyOf(ctx, await createSurvey(ctx, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/surveys/invited',
    access: 'signedIn',
    summary: 'Phiếu lấy ý kiến đang mở mà tài khoản được mời trả lời',
    response: invitedSurveysResponse,
    handler: async (_input, ctx) => presentInvited(await listInvited(ctx)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/surveys/:id',
    access: { permission: 'registers.read' },
    summary: 'Phiếu lấy ý kiến và kết quả (số phiếu, biểu đồ, chỉ số)',
    schemas: { params },
    response: surveyResponse,
    handler: async ({ params: p }, ctx) => surveyOf(ctx, p.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys/:id/open',
    access: { permission: 'registers.edit' },
    summary: 'Mở lấy ý kiến',
    schemas: { params },
    response: surveyResponse,
    handler: async ({ params: p }, ctx) => {
      await openSurvey(ctx, p.id);
      return surveyOf(ctx, p.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys/:id/close',
    access: { permission: 'registers.edit' },
    summary: 'Kết thúc lấy ý kiến',
    schemas: { params },
    response: surveyResponse,
    handler: async ({ params: p }, ctx) => {
      await closeSurvey(ctx, p.id);
      return surveyOf(ctx, p.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys/:id/slips',
    access: { permission: 'registers.edit' },
    summary: 'In phiếu: tạo mã dùng một lần cho từng phiếu (chỉ hiện một lần)',
    schemas: { params, body: slipsSchema },
    response: slipsResponse,
    handler: async ({ params: p, body }, ctx) => printSlips(ctx, p.id, body.count),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys/:id/paper-answers',
    access: { permission: 'registers.edit' },
    summary: 'Nhập một phiếu giấy (ghi nguồn "phiếu giấy")',
    schemas: { params, body: paperAnswerSchema },
    response: surveyResponse,
    handler: async ({ params: p, body }, ctx) => {
      await addPaperAnswer(ctx, p.id, body.answers);
      return surveyOf(ctx, p.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/surveys/:id/answers',
    access: 'signedIn',
    summary: 'Cán bộ, thành viên Hội đồng được mời trả lời phiếu (một lần)',
    schemas: { params, body: signedInAnswerSchema },
    response: answerReceivedResponse,
    handler: async ({ params: p, body }, ctx) => answerSignedIn(ctx, p.id, body.answers),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/surveys/:id/document',
    access: { permission: 'registers.read' },
    summary: 'Tải bản tổng hợp kết quả (Mẫu 04 / Mẫu 06 / khảo sát) dạng DOCX, XLSX hoặc PDF',
    schemas: { params, query: surveyDocumentQuery },
    handler: async ({ params: p, query }, ctx, http) => {
      const doc = await getSurveyDocument(ctx, p.id, query.format);
      return http.reply
        .header('content-type', doc.contentType)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/public/surveys/:code',
    access: 'public',
    summary: 'Phiếu lấy ý kiến người dân (không cần đăng nhập)',
    schemas: { params: codeParams },
    response: publicSurveyResponse,
    handler: async ({ params: p }, ctx) => getPublicSurvey(ctx, p.code),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/public/surveys/:code/answers',
    access: 'public',
    summary: 'Người dân gửi phiếu trả lời (một lần mỗi mã phiếu hoặc mỗi thiết bị)',
    schemas: { params: codeParams, body: publicAnswerSchema },
    response: answerReceivedResponse,
    handler: async ({ params: p, body }, ctx, http) => {
      const name = ticketCookie(p.code);
      const { message, ticket } = await answerPublic(ctx, p.code, body, http.request.cookies[name]);
      if (ticket)
        http.reply.setCookie(name, ticket, {
          path: `/api/public/surveys/${p.code}`,
          httpOnly: true,
          sameSite: 'lax',
          secure: ctx.app.config.cookieSecure,
          maxAge: 400 * 24 * 3600,
        });
      return { message };
    },
  }),
];
