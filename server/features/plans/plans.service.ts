/**
 * Plans and their tasks (issue #14): create (from a template), edit, issue, close; add and change
 * tasks; an assignee unit reports on its tasks. Each change and its audit row in one transaction.
 */
import { scopePaths } from '@shared/access/actor.ts';
import {
  PLAN_KIND_LABELS,
  YEARLY_KINDS,
  type CreatePlanBody,
  type CreateTaskBody,
  type PlanKind,
  type UpdatePlanBody,
  type UpdateTaskBody,
} from '@shared/plans/plans.ts';
import { forYear, getPlanTemplate } from '@shared/plans/templates.ts';
import { planProgress } from '@shared/plans/progress.ts';
import { missingItems, remediationTasks, type ProposeRemediationBody } from '@shared/plans/remediation.ts';
import { analyseGaps, type EvaluationResult } from '@shared/scoring/index.ts';
import { getEvaluationInScope } from '@server/features/evaluations/evaluations.repo.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { isMeasureId, MEASURES } from '@shared/registers/measures.ts';
import { diffRecords, writeAudit } from '@server/platform/audit/audit.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import {
  canEditPlan,
  canReadPlan,
  canReportTask,
  fieldsBeyondReport,
  planLockedRefusal,
  statusAfterDueChange,
  taskStatusRefusal,
} from './plans.policy.ts';
import {
  findOtherIssuedYearly,
  findPlan,
  findPlans,
  findRemediationOf,
  findTask,
  findTaskCodes,
  findTasks,
  findUnitPath,
  hasTaskAssignedIn,
  insertPlan,
  insertTasks,
  nextTaskPosition,
  rollupByAssignee,
  updatePlanRow,
  updateTaskRow,
  type PlanRow,
} from './plans.repo.ts';
import type { PlansTable, PlanTasksTable } from './plans.tables.ts';
import { planProgressData, renderPlanProgress } from './plan-progress.document.ts';
import { findTaskFiles } from './plans.files.repo.ts';
import { hitOf, type PlansMeasureId } from './plans.measures.repo.ts';
import { renderPlanDocx } from './plan.document.ts';
import type { Insertable, Updateable } from 'kysely';

const NOT_FOUND = 'Không tìm thấy kế hoạch.';

/** The plan if the actor may read it: whole (its unit or above), or for its assigned tasks only. */
export async function loadPlan(ctx: SignedInContext, id: string) {
  const plan = await findPlan(ctx.app.db, id);
  if (!plan) throw new NotFoundError(NOT_FOUND);
  if (canReadPlan(ctx.actor, plan.unit_path)) return { plan, assignedOnly: false };
  const paths = scopePaths(ctx.actor, 'registers.read');
  if (await hasTaskAssignedIn(ctx.app.db, id, paths)) return { plan, assignedOnly: true };
  throw new NotFoundError(NOT_FOUND);
}

async function loadPlanForEdit(ctx: SignedInContext, id: string) {
  const loaded = await loadPlan(ctx, id);
  if (loaded.assignedOnly || !canEditPlan(ctx.actor, loaded.plan.unit_path)) throw new ForbiddenError();
  return loaded.plan;
}

export async function listPlans(
  ctx: SignedInContext,
  filter: { unitId?: string; kind?: PlanKind; year?: number },
) {
  return findPlans(ctx.app.db, scopePaths(ctx.actor, 'registers.read'), filter);
}

/** A plan with its tasks (all of them, or the assignee's), the roll-up by assignee, and the measure filter. */
export async function getPlan(ctx: SignedInContext, id: string, measure?: string) {
  const { plan, assignedOnly } = await loadPlan(ctx, id);
  const planMeasure =
    measure && isMeasureId(measure) && MEASURES[measure].register === 'plans' ? measure : null;
  const hit = hitOf(planMeasure as PlansMeasureId | null);
  const tasks = await findTasks(
    ctx.app.db,
    id,
    assignedOnly ? scopePaths(ctx.actor, 'registers.read') : undefined,
    hit.hit,
  );
  const rollup = assignedOnly ? [] : await rollupByAssignee(ctx.app.db, id);
  const files = await findTaskFiles(
    ctx.app.db,
    tasks.map((t) => t.id),
  );
  const measureDef = planMeasure
    ? { id: planMeasure, label: MEASURES[planMeasure].label, hitLabel: hit.label }
    : null;
  return { plan, tasks, rollup, files, assignedOnly, measure: measureDef };
}

/** Refuses an assignee that is not a unit below the plan's unit. */
async function checkAssignee(
  ctx: SignedInContext,
  plan: Pick<PlanRow, 'unit_path'>,
  unitId: string,
  field: string,
) {
  const unit = await findUnitPath(ctx.app.db, unitId);
  if (!unit || !unit.path.startsWith(plan.unit_path) || unit.path === plan.unit_path)
    throw new ValidationError('Chỉ giao nhiệm vụ cho đơn vị trực thuộc đơn vị ban hành kế hoạch.', [
      { field, message: 'Đơn vị không trực thuộc' },
    ]);
}

function planFields(body: UpdatePlanBody): Updateable<PlansTable> {
  const out: Updateable<PlansTable> = {};
  if (body.title !== undefined) out.title = body.title;
  if (body.issuingBody !== undefined) out.issuing_body = body.issuingBody;
  if (body.number !== undefined) out.number = body.number || null;
  if (body.purpose !== undefined) out.purpose = body.purpose;
  if (body.funding !== undefined) out.funding = body.funding;
  if (body.organisation !== undefined) out.organisation = body.organisation;
  if (body.issueDue !== undefined) out.issue_due = body.issueDue;
  return out;
}

export async function createPlan(ctx: SignedInContext, body: CreatePlanBody) {
  const unit = await findUnitPath(ctx.app.db, body.unitId);
  if (!unit || !canReadPlan(ctx.actor, unit.path)) throw new NotFoundError('Không tìm thấy đơn vị.');
  if (!canEditPlan(ctx.actor, unit.path)) throw new ForbiddenError();
  const template = body.template ? getPlanTemplate(body.template) : null;
  const text = (given: string | undefined, fromTemplate: string | undefined) =>
    given ?? (fromTemplate ? forYear(fromTemplate, body.year) : '');
  return ctx.app.db.transaction().execute(async (trx) => {
    const id = await insertPlan(trx, {
      unit_id: unit.id,
      kind: body.kind,
      year: body.year,
      number: body.number || null,
      title: body.title,
      issuing_body: body.issuingBody,
      purpose: text(body.purpose, template?.purpose),
      funding: text(body.funding, template?.funding),
      organisation: text(body.organisation, template?.organisation),
      issue_due: body.issueDue ?? null,
      template: template?.id ?? null,
      created_by: ctx.actor.userId,
    });
    const tasks = (template?.tasks ?? []).map((t, position): Insertable<PlanTasksTable> => ({
      plan_id: id,
      unit_id: unit.id,
      position,
      code: t.code,
      title: forYear(t.title, body.year),
      content: forYear(t.content ?? '', body.year),
      lead: t.lead ?? '',
      partners: t.partners ?? '',
      time_text: forYear(t.timeText ?? '', body.year),
      due_on: t.due ? `${body.year}-${t.due}` : null,
      output: t.output ?? '',
      target: t.target ?? '',
    }));
    await insertTasks(trx, tasks);
    await writeAudit(trx, {
      action: 'plan.created',
      objectType: 'plan',
      objectId: id,
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        kind: body.kind,
        year: body.year,
        title: body.title,
        template: template?.id ?? null,
        tasks: tasks.length,
      },
    });
    return id;
  });
}

export async function updatePlan(ctx: SignedInContext, id: string, body: UpdatePlanBody) {
  const plan = await loadPlanForEdit(ctx, id);
  if (plan.status === 'closed') throw new ConflictError('Kế hoạch đã kết thúc, không sửa được.');
  const values = planFields(body);
  if (plan.status !== 'draft' && values.number === null)
    throw new ValidationError('Kế hoạch đã ban hành phải có số hiệu.', [
      { field: 'number', message: 'Cần số hiệu' },
    ]);
  const diff = diffRecords(plan as unknown as Record<string, unknown>, { ...plan, ...values });
  if (Object.keys(diff).length === 0) return;
  await ctx.app.db.transaction().execute(async (trx) => {
    await updatePlanRow(trx, id, values);
    await writeAudit(trx, {
      action: 'plan.updated',
      objectType: 'plan',
      objectId: id,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff,
    });
  });
}

/** Issues a draft plan with its number and date; one issued yearly plan (PBGDPL, CCHC) per unit and year. */
export async function issuePlan(
  ctx: SignedInContext,
  id: string,
  body: { number: string; issuedOn: string },
) {
  const plan = await loadPlanForEdit(ctx, id);
  if (plan.status !== 'draft') throw new ConflictError('Kế hoạch đã ban hành.');
  if (body.issuedOn > businessClock().today)
    throw new ValidationError('Ngày ban hành không được sau ngày hôm nay.', [
      { field: 'issuedOn', message: 'Ngày trong tương lai' },
    ]);
  if (YEARLY_KINDS.includes(plan.kind)) {
    const other = await findOtherIssuedYearly(ctx.app.db, plan);
    if (other)
      throw new ConflictError(
        `Đơn vị đã ban hành ${PLAN_KIND_LABELS[plan.kind].toLowerCase()} ${plan.year} (số ${other.number}); mỗi năm chỉ một kế hoạch loại này.`,
      );
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    await updatePlanRow(trx, id, { status: 'issued', number: body.number, issued_on: body.issuedOn });
    await writeAudit(trx, {
      action: 'plan.issued',
      objectType: 'plan',
      objectId: id,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { number: body.number, issuedOn: body.issuedOn, issueDue: plan.issue_due },
    });
  });
}

export async function closePlan(ctx: SignedInContext, id: string) {
  const plan = await loadPlanForEdit(ctx, id);
  if (plan.status !== 'issued') throw new ConflictError('Chỉ kết thúc được kế hoạch đã ban hành.');
  await ctx.app.db.transaction().execute(async (trx) => {
    await updatePlanRow(trx, id, { status: 'closed' });
    await writeAudit(trx, {
      action: 'plan.closed',
      objectType: 'plan',
      objectId: id,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { status: { from: 'issued', to: 'closed' } },
    });
  });
}

function taskFields(body: UpdateTaskBody): Updateable<PlanTasksTable> {
  const out: Updateable<PlanTasksTable> = {};
  if (body.code !== undefined) out.code = body.code;
  if (body.title !== undefined) out.title = body.title;
  if (body.content !== undefined) out.content = body.content;
  if (body.lead !== undefined) out.lead = body.lead;
  if (body.partners !== undefined) out.partners = body.partners;
  if (body.timeText !== undefined) out.time_text = body.timeText;
  if (body.dueOn !== undefined) out.due_on = body.dueOn;
  if (body.output !== undefined) out.output = body.output;
  if (body.target !== undefined) out.target = body.target;
  if (body.assigneeUnitId !== undefined) out.assignee_unit_id = body.assigneeUnitId;
  if (body.status !== undefined) out.status = body.status;
  if (body.completedOn !== undefined) out.completed_on = body.completedOn;
  if (body.progressNote !== undefined) out.progress_note = body.progressNote;
  if (body.evidenceNote !== undefined) out.evidence_note = body.evidenceNote;
  return out;
}

export async function addTask(ctx: SignedInContext, planId: string, body: CreateTaskBody) {
  const plan = await loadPlanForEdit(ctx, planId);
  const locked = planLockedRefusal(plan.status);
  if (locked) throw new ConflictError(locked);
  if ((await findTaskCodes(ctx.app.db, planId)).includes(body.code))
    throw new ValidationError(`Kế hoạch đã có nhiệm vụ số ${body.code}.`, [
      { field: 'code', message: 'Trùng số thứ tự' },
    ]);
  if (body.assigneeUnitId) await checkAssignee(ctx, plan, body.assigneeUnitId, 'assigneeUnitId');
  await ctx.app.db.transaction().execute(async (trx) => {
    const position = await nextTaskPosition(trx, planId);
    const values = { ...taskFields(body), plan_id: planId, unit_id: plan.unit_id, position };
    await insertTasks(trx, [values as Insertable<PlanTasksTable>]);
    await writeAudit(trx, {
      action: 'plan-task.created',
      objectType: 'plan',
      objectId: planId,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { task: body.code, title: body.title, assigneeUnitId: body.assigneeUnitId ?? null },
    });
  });
}

/**
 * Changes a task. The plan's unit may change any field; the assignee unit reports (status, completion
 * date, notes). Marking done needs the completion date; any other status clears it.
 */
/** A task the actor may report on (its assignee, or the plan's unit), with its plan. */
export async function loadTaskForReport(ctx: SignedInContext, planId: string, taskId: string) {
  const { plan } = await loadPlan(ctx, planId);
  const task = await findTask(ctx.app.db, planId, taskId);
  if (!task) throw new NotFoundError('Không tìm thấy nhiệm vụ.');
  if (!canReportTask(ctx.actor, plan.unit_path, task.assignee_path)) {
    // An assignee of another task of the plan does not learn this one exists.
    if (!canReadPlan(ctx.actor, plan.unit_path)) throw new NotFoundError('Không tìm thấy nhiệm vụ.');
    throw new ForbiddenError();
  }
  return { plan, task };
}

export async function updateTask(ctx: SignedInContext, planId: string, taskId: string, body: UpdateTaskBody) {
  const { plan, task } = await loadTaskForReport(ctx, planId, taskId);
  const isOwner = canEditPlan(ctx.actor, plan.unit_path);
  if (!isOwner) {
    const beyond = fieldsBeyondReport(body);
    if (beyond.length)
      throw new ValidationError('Đơn vị được giao chỉ báo cáo tiến độ, kết quả thực hiện nhiệm vụ.', [
        ...beyond.map((field) => ({ field, message: 'Do đơn vị ban hành kế hoạch quyết định' })),
      ]);
  }
  const locked = planLockedRefusal(plan.status);
  if (locked) throw new ConflictError(locked);
  if (
    body.code !== undefined &&
    body.code !== task.code &&
    (await findTaskCodes(ctx.app.db, planId)).includes(body.code)
  )
    throw new ValidationError(`Kế hoạch đã có nhiệm vụ số ${body.code}.`, [
      { field: 'code', message: 'Trùng số thứ tự' },
    ]);
  if (body.assigneeUnitId) await checkAssignee(ctx, plan, body.assigneeUnitId, 'assigneeUnitId');
  const values = taskFields(body);
  const today = businessClock().today;
  // Moving an overdue task's deadline to today or later reopens it (the daily job marks it again if missed).
  if (values.status === undefined && values.due_on !== undefined && values.due_on !== task.due_on) {
    const reopened = statusAfterDueChange(
      { status: task.status, progressNote: values.progress_note ?? task.progress_note },
      values.due_on,
      today,
    );
    if (reopened !== task.status) values.status = reopened;
  }
  const status = values.status ?? task.status;
  // Leaving "done" clears the completion date unless one is given (which the check then refuses).
  if (body.status !== undefined && body.status !== 'done' && body.completedOn === undefined)
    values.completed_on = null;
  const completedOn = values.completed_on !== undefined ? values.completed_on : task.completed_on;
  const refusal = taskStatusRefusal({ status, completedOn: completedOn ?? null }, plan.status, today);
  if (refusal) throw new ValidationError(refusal.message, [refusal]);
  const { assignee_path: _path, ...before } = task;
  const diff = diffRecords(before as unknown as Record<string, unknown>, { ...before, ...values });
  if (Object.keys(diff).length === 0) return;
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateTaskRow(trx, taskId, values);
    await writeAudit(trx, {
      action: 'plan-task.updated',
      objectType: 'plan',
      objectId: planId,
      unitId: plan.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { task: task.code, taskId, ...diff },
    });
  });
}

/**
 * Proposes a draft remediation plan from an evaluation's result: one task per item that lost points
 * (item, points lost, the engine's reason, the gap analysis's step as target; items never entered are
 * not deductions and are left out), which the unit then
 * edits, gives to officer posts (the task's lead) and issues. The appraisal's result by default when
 * there is one. One proposal per evaluation: a second is refused, naming the first.
 */
export async function proposeRemediation(ctx: SignedInContext, body: ProposeRemediationBody) {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, body.evaluationId);
  if (!canEditPlan(ctx.actor, evaluation.unit_path)) throw new ForbiddenError();
  const source = body.source ?? (evaluation.appraised_result ? 'appraised' : 'self');
  const result = (
    source === 'appraised' ? evaluation.appraised_result : evaluation.self_result
  ) as EvaluationResult | null;
  if (!result)
    throw new ConflictError(
      source === 'appraised' ? 'Hồ sơ chưa có kết quả thẩm định.' : 'Hồ sơ chưa có kết quả tự đánh giá.',
    );
  const existing = await findRemediationOf(ctx.app.db, evaluation.id);
  if (existing)
    throw new ConflictError(`Đã có kế hoạch khắc phục lập từ kết quả này: "${existing.title}".`, {
      reason: 'remediation_exists',
      planId: existing.id,
    });
  const framework = await getFrameworkVersion(ctx.app.db, evaluation.framework_version_id);
  const drafts = remediationTasks(analyseGaps(framework, result).lost, missingItems(result));
  if (!drafts.length)
    throw new ConflictError(
      'Kết quả không có mục nào bị trừ điểm (mục chưa nhập số liệu không tính): không cần lập kế hoạch khắc phục.',
    );
  const year = evaluation.year;
  const what = source === 'appraised' ? 'kết quả thẩm định' : 'kết quả tự đánh giá';
  // "chuẩn tiếp cận pháp luật" from "Chuẩn tiếp cận pháp luật (QĐ 25/2021/QĐ-TTg, …)".
  const short = framework.name.replace(/\s*\(.*\)\s*$/, '');
  const subject = short.charAt(0).toLowerCase() + short.slice(1);
  return ctx.app.db.transaction().execute(async (trx) => {
    const id = await insertPlan(trx, {
      unit_id: evaluation.unit_id,
      kind: 'remediation',
      year,
      title: `Khắc phục những tồn tại, hạn chế theo ${what} ${subject} năm ${year}`,
      issuing_body: `Ủy ban nhân dân ${evaluation.unit_name.charAt(0).toLowerCase()}${evaluation.unit_name.slice(1)}`,
      purpose:
        `Khắc phục các nội dung bị trừ điểm theo ${what} năm ${year}; phân công cụ thể cho từng chức danh, ` +
        'có chỉ tiêu và thời hạn hoàn thành.',
      source_evaluation_id: evaluation.id,
      created_by: ctx.actor.userId,
    });
    await insertTasks(
      trx,
      drafts.map((d, position) => ({
        plan_id: id,
        unit_id: evaluation.unit_id,
        position,
        code: d.code,
        title: d.title,
        content: d.content,
        target: d.target,
        source_item: d.sourceItem,
        points_lost: d.pointsLost,
      })),
    );
    await writeAudit(trx, {
      action: 'plan.remediation-proposed',
      objectType: 'plan',
      objectId: id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        evaluationId: evaluation.id,
        source,
        items: drafts.map((d) => ({ item: d.sourceItem, lost: d.pointsLost })),
      },
    });
    return id;
  });
}

/** "Hương Trà" from "Thị xã Hương Trà": the place name of the header's date line. */
function placeOf(unitName: string): string {
  return unitName.replace(/^(Tỉnh|Thành phố|Thị xã|Huyện|Quận|Xã|Phường|Thị trấn|Đặc khu)\s+/iu, '');
}

/** The plan as a DOCX (Nghị định 30 layout), for whoever reads the whole plan. */
export async function getPlanDocument(ctx: SignedInContext, id: string) {
  const { plan, assignedOnly } = await loadPlan(ctx, id);
  if (assignedOnly) throw new ForbiddenError();
  const tasks = await findTasks(ctx.app.db, id);
  return renderPlanDocx({
    issuingBody: plan.issuing_body,
    number: plan.number,
    issuedOn: plan.issued_on,
    place: placeOf(plan.unit_name),
    year: plan.year,
    title: plan.title,
    purpose: plan.purpose,
    funding: plan.funding,
    organisation: plan.organisation,
    tasks: tasks.map((t) => ({
      code: t.code,
      title: t.title,
      content: t.content,
      lead: t.lead,
      partners: t.partners,
      timeText: t.time_text,
      dueOn: t.due_on,
      output: t.output,
      target: t.target,
      assignee: t.assignee_name,
    })),
  });
}

/** The plan's progress report (done, overdue, per lead) as of the business day, as DOCX or XLSX. */
export async function getPlanProgressDocument(ctx: SignedInContext, id: string, format: 'docx' | 'xlsx') {
  const { plan, assignedOnly } = await loadPlan(ctx, id);
  if (assignedOnly) throw new ForbiddenError();
  const tasks = await findTasks(ctx.app.db, id);
  const asOf = businessClock().today;
  const progress = planProgress(
    tasks.map((t) => ({
      code: t.code,
      title: t.title,
      lead: t.lead,
      assignee: t.assignee_name,
      status: t.status,
      dueOn: t.due_on,
      completedOn: t.completed_on,
    })),
    asOf,
  );
  return renderPlanProgress(
    planProgressData({
      issuingBody: plan.issuing_body,
      place: placeOf(plan.unit_name),
      year: plan.year,
      number: plan.number,
      issuedOn: plan.issued_on,
      title: plan.title,
      progress,
      asOf,
    }),
    format,
  );
}
