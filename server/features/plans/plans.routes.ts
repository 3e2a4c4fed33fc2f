/** Plans and their tasks (issue #14): list, templates, create, edit, issue, close, tasks, DOCX. */
import { z } from 'zod';
import {
  createPlanSchema,
  createTaskSchema,
  issuePlanSchema,
  plansQuery,
  updatePlanSchema,
  updateTaskSchema,
} from '@shared/plans/plans.ts';
import { PLAN_TEMPLATE_LIST } from '@shared/plans/templates.ts';
import { proposeRemediationSchema } from '@shared/plans/remediation.ts';
import {
  dueTasksResponse,
  planListResponse,
  planResponse,
  planTemplatesResponse,
} from '@shared/plans/plans.contract.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import { contentDisposition } from '@server/platform/http/content-disposition.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { receiveFile } from '@server/platform/http/multipart.ts';
import { LIMITS } from '@shared/limits.ts';
import { deleteTaskFile, openTaskFile, uploadTaskFile } from './plans.files.service.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { presentPlan, presentPlanList } from './plans.presenter.ts';
import {
  addTask,
  closePlan,
  createPlan,
  getPlan,
  getPlanDocument,
  getPlanProgressDocument,
  issuePlan,
  listPlans,
  proposeRemediation,
  updatePlan,
  updateTask,
} from './plans.service.ts';
import { findDueTasksOfActor } from './plans.reminders.service.ts';

const id = z.uuid('Mã không hợp lệ');
const planParams = z.object({ id });
const taskParams = z.object({ id, taskId: id });
const taskFileParams = z.object({ id, taskId: id, fileId: id });
const planQuery = z.object({ measure: z.string().max(100).optional() });
const progressQuery = z.object({
  format: z.enum(['docx', 'xlsx'], 'Định dạng phải là docx hoặc xlsx').default('docx'),
});

async function planOf(ctx: SignedInContext, planId: string, measure?: string) {
  return presentPlan(ctx.actor, await getPlan(ctx, planId, measure), businessClock().today);
}

export const plansRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/plans',
    access: { permission: 'registers.read' },
    summary: 'Kế hoạch trong phạm vi (của đơn vị, hoặc có nhiệm vụ giao cho đơn vị)',
    schemas: { query: plansQuery },
    response: planListResponse,
    handler: async ({ query }, ctx) => presentPlanList(await listPlans(ctx, query)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/templates',
    access: { permission: 'registers.read' },
    summary: 'Mẫu kế hoạch có sẵn để tạo kế hoạch mới',
    response: planTemplatesResponse,
    handler: async () =>
      PLAN_TEMPLATE_LIST.map((t) => ({ id: t.id, name: t.name, kind: t.kind, tasks: t.tasks.length })),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans',
    access: { permission: 'registers.edit' },
    summary: 'Tạo kế hoạch (dự thảo), có thể từ một mẫu',
    schemas: { body: createPlanSchema },
    response: planResponse,
    handler: async ({ body }, ctx) => planOf(ctx, await createPlan(ctx, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/tasks/due',
    access: { permission: 'registers.read' },
    summary: 'Nhiệm vụ của đơn vị đến hạn trong 7 ngày làm việc hoặc quá hạn (Việc cần làm)',
    response: dueTasksResponse,
    handler: async (_request, ctx) => findDueTasksOfActor(ctx),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/remediation',
    access: { permission: 'registers.edit' },
    summary: 'Lập kế hoạch khắc phục (dự thảo) từ kết quả đánh giá: mỗi mục bị trừ điểm một nhiệm vụ',
    schemas: { body: proposeRemediationSchema },
    response: planResponse,
    handler: async ({ body }, ctx) => planOf(ctx, await proposeRemediation(ctx, body)),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id',
    access: { permission: 'registers.read' },
    summary: 'Kế hoạch và các nhiệm vụ (đơn vị được giao: chỉ nhiệm vụ của mình)',
    schemas: { params: planParams, query: planQuery },
    response: planResponse,
    handler: async ({ params, query }, ctx) => planOf(ctx, params.id, query.measure),
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/plans/:id',
    access: { permission: 'registers.edit' },
    summary: 'Sửa thông tin kế hoạch (trích yếu, mục đích, kinh phí, tổ chức thực hiện…)',
    schemas: { params: planParams, body: updatePlanSchema },
    response: planResponse,
    handler: async ({ params, body }, ctx) => {
      await updatePlan(ctx, params.id, body);
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/issue',
    access: { permission: 'registers.edit' },
    summary: 'Ban hành kế hoạch (số hiệu, ngày ban hành)',
    schemas: { params: planParams, body: issuePlanSchema },
    response: planResponse,
    handler: async ({ params, body }, ctx) => {
      await issuePlan(ctx, params.id, body);
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/close',
    access: { permission: 'registers.edit' },
    summary: 'Kết thúc kế hoạch (không sửa nhiệm vụ được nữa)',
    schemas: { params: planParams },
    response: planResponse,
    handler: async ({ params }, ctx) => {
      await closePlan(ctx, params.id);
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/tasks',
    access: { permission: 'registers.edit' },
    summary: 'Thêm nhiệm vụ vào kế hoạch',
    schemas: { params: planParams, body: createTaskSchema },
    response: planResponse,
    handler: async ({ params, body }, ctx) => {
      await addTask(ctx, params.id, body);
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/plans/:id/tasks/:taskId',
    access: { permission: 'registers.edit' },
    summary: 'Sửa nhiệm vụ, hoặc báo cáo tiến độ, kết quả (đơn vị được giao)',
    schemas: { params: taskParams, body: updateTaskSchema },
    response: planResponse,
    handler: async ({ params, body }, ctx) => {
      await updateTask(ctx, params.id, params.taskId, body);
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/document',
    access: { permission: 'registers.read' },
    summary: 'Tải kế hoạch dạng DOCX (thể thức Nghị định 30)',
    schemas: { params: planParams },
    handler: async ({ params }, ctx, http) => {
      const doc = await getPlanDocument(ctx, params.id);
      return http.reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/progress',
    access: { permission: 'registers.read' },
    summary:
      'Báo cáo tiến độ thực hiện kế hoạch (hoàn thành, quá hạn, theo đơn vị chủ trì) dạng DOCX hoặc XLSX',
    schemas: { params: planParams, query: progressQuery },
    handler: async ({ params, query }, ctx, http) => {
      const doc = await getPlanProgressDocument(ctx, params.id, query.format);
      return http.reply
        .header('content-type', doc.contentType)
        .header('content-disposition', contentDisposition(doc.fileName))
        .header('cache-control', 'no-store')
        .send(doc.buffer);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/plans/:id/tasks/:taskId/files',
    access: { permission: 'registers.edit' },
    summary: 'Tải lên tệp minh chứng kết quả thực hiện nhiệm vụ (PDF, DOCX, XLSX, JPEG, PNG; tối đa 20 MB)',
    schemas: { params: taskParams },
    response: planResponse,
    handler: async ({ params }, ctx, http) => {
      await uploadTaskFile(ctx, params.id, params.taskId, () =>
        receiveFile(http.request, LIMITS.evidenceMaxBytes),
      );
      return planOf(ctx, params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/plans/:id/tasks/:taskId/files/:fileId',
    access: { permission: 'registers.read' },
    summary: 'Tải về một tệp minh chứng của nhiệm vụ',
    schemas: { params: taskFileParams },
    async handler({ params }, ctx, http) {
      const { file, stream } = await openTaskFile(ctx, params.id, params.taskId, params.fileId);
      http.reply
        .header('content-type', file.content_type)
        .header('content-length', String(file.size_bytes))
        .header('content-disposition', contentDisposition(file.file_name))
        .header('cache-control', 'private, no-store');
      return stream;
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/plans/:id/tasks/:taskId/files/:fileId',
    access: { permission: 'registers.edit' },
    summary: 'Xóa một tệp minh chứng của nhiệm vụ (khi kế hoạch chưa kết thúc)',
    schemas: { params: taskFileParams },
    response: planResponse,
    handler: async ({ params }, ctx) => {
      await deleteTaskFile(ctx, params.id, params.taskId, params.fileId);
      return planOf(ctx, params.id);
    },
  }),
];
