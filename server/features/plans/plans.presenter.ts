import type { z } from 'zod';
import { TASK_STATUSES, type TaskStatus } from '@shared/plans/plans.ts';
import type { planListResponse, planResponse } from '@shared/plans/plans.contract.ts';
import type { Actor } from '@shared/access/actor.ts';
import { compareVietnamese } from '@shared/format/vi.ts';
import { canEditPlan, canReportTask } from './plans.policy.ts';
import type { getPlan, listPlans } from './plans.service.ts';

type Plan = Awaited<ReturnType<typeof getPlan>>;

export function presentPlanList(
  rows: Awaited<ReturnType<typeof listPlans>>,
): z.input<typeof planListResponse> {
  return {
    items: rows.map((p) => ({
      id: p.id,
      unit: { id: p.unit_id, name: p.unit_name },
      kind: p.kind,
      year: p.year,
      number: p.number,
      title: p.title,
      issuingBody: p.issuing_body,
      status: p.status,
      issuedOn: p.issued_on,
      issueDue: p.issue_due,
      tasksCounted: p.tasks_counted,
      tasksDone: p.tasks_done,
      assignedOnly: !p.owned,
    })),
  };
}

export function presentPlan(actor: Actor, loaded: Plan, today: string): z.input<typeof planResponse> {
  const { plan, tasks, rollup } = loaded;
  const filesOf = new Map<string, z.input<typeof planResponse>['tasks'][number]['files']>();
  for (const f of loaded.files)
    filesOf.set(f.task_id, [
      ...(filesOf.get(f.task_id) ?? []),
      { id: f.id, fileName: f.file_name, sizeBytes: f.size_bytes, uploadedAt: f.created_at.toISOString() },
    ]);
  const canEdit = !loaded.assignedOnly && canEditPlan(actor, plan.unit_path);
  const open = plan.status !== 'closed';
  const byUnit = new Map<
    string,
    { unit: { id: string; name: string }; total: number; byStatus: Record<TaskStatus, number> }
  >();
  for (const r of rollup) {
    const entry = byUnit.get(r.unit_id) ?? {
      unit: { id: r.unit_id, name: r.unit_name },
      total: 0,
      byStatus: Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>,
    };
    entry.byStatus[r.status] += r.n;
    entry.total += r.n;
    byUnit.set(r.unit_id, entry);
  }
  return {
    id: plan.id,
    unit: { id: plan.unit_id, name: plan.unit_name },
    kind: plan.kind,
    year: plan.year,
    number: plan.number,
    title: plan.title,
    issuingBody: plan.issuing_body,
    status: plan.status,
    issuedOn: plan.issued_on,
    issueDue: plan.issue_due,
    purpose: plan.purpose,
    funding: plan.funding,
    organisation: plan.organisation,
    template: plan.template,
    sourceEvaluationId: plan.source_evaluation_id,
    assignedOnly: loaded.assignedOnly,
    tasks: tasks.map((t) => ({
      id: t.id,
      code: t.code,
      title: t.title,
      content: t.content,
      lead: t.lead,
      partners: t.partners,
      timeText: t.time_text,
      dueOn: t.due_on,
      output: t.output,
      target: t.target,
      assignee: t.assignee_unit_id ? { id: t.assignee_unit_id, name: t.assignee_name ?? '' } : null,
      status: t.status,
      completedOn: t.completed_on,
      progressNote: t.progress_note,
      evidenceNote: t.evidence_note,
      files: filesOf.get(t.id) ?? [],
      sourceItem: t.source_item,
      pointsLost: t.points_lost,
      counted: Boolean(t.counted),
      hit: Boolean(t.hit),
      isLate: t.due_on !== null && t.due_on < today && t.status !== 'done' && t.status !== 'cancelled',
      abilities: {
        canEdit: canEdit && open,
        canReport: open && canReportTask(actor, plan.unit_path, t.assignee_path),
      },
    })),
    rollup: [...byUnit.values()].sort((a, b) => compareVietnamese(a.unit.name, b.unit.name)),
    measure: loaded.measure,
    abilities: {
      canEdit: canEdit && open,
      canIssue: canEdit && plan.status === 'draft',
      canClose: canEdit && plan.status === 'issued',
    },
  };
}
