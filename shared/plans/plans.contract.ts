/** Responses of the plans routes (server/features/plans/plans.routes.ts). */
import { z } from 'zod';
import { PLAN_KINDS, PLAN_STATUSES, PLAN_TEMPLATES, TASK_STATUSES } from './plans.ts';

const unitRef = z.object({ id: z.string(), name: z.string() });

const planHeader = {
  id: z.string(),
  unit: unitRef,
  kind: z.enum(PLAN_KINDS),
  year: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  issuingBody: z.string(),
  status: z.enum(PLAN_STATUSES),
  issuedOn: z.string().nullable(),
  issueDue: z.string().nullable(),
};

export const planListResponse = z.object({
  items: z.array(
    z.object({
      ...planHeader,
      /** Tasks counted (not headings, not cancelled) and those done. */
      tasksCounted: z.number(),
      tasksDone: z.number(),
      /** The actor sees the plan for the tasks given to its unit only. */
      assignedOnly: z.boolean(),
    }),
  ),
});

export const planTemplatesResponse = z.array(
  z.object({ id: z.enum(PLAN_TEMPLATES), name: z.string(), kind: z.enum(PLAN_KINDS), tasks: z.number() }),
);

export const planTaskResponse = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  content: z.string(),
  lead: z.string(),
  partners: z.string(),
  timeText: z.string(),
  dueOn: z.string().nullable(),
  output: z.string(),
  target: z.string(),
  assignee: unitRef.nullable(),
  status: z.enum(TASK_STATUSES),
  completedOn: z.string().nullable(),
  progressNote: z.string(),
  evidenceNote: z.string(),
  /** Evidence files of the result (GET /api/plans/:id/tasks/:taskId/files/:fileId downloads one). */
  files: z.array(
    z.object({ id: z.string(), fileName: z.string(), sizeBytes: z.number(), uploadedAt: z.string() }),
  ),
  /** A remediation task: the item that lost points and how many (decimal string). */
  sourceItem: z.string().nullable(),
  pointsLost: z.string().nullable(),
  /** Counted in the plan's measures (not a heading, not cancelled), and done among them. */
  counted: z.boolean(),
  hit: z.boolean(),
  /** Due date passed and neither done nor cancelled. */
  isLate: z.boolean(),
  abilities: z.object({ canEdit: z.boolean(), canReport: z.boolean() }),
});

export const planResponse = z.object({
  ...planHeader,
  purpose: z.string(),
  funding: z.string(),
  organisation: z.string(),
  template: z.string().nullable(),
  /** The evaluation a remediation plan was proposed from. */
  sourceEvaluationId: z.string().nullable(),
  assignedOnly: z.boolean(),
  tasks: z.array(planTaskResponse),
  /** Counted tasks given to each lower unit, by status. */
  rollup: z.array(
    z.object({ unit: unitRef, total: z.number(), byStatus: z.record(z.enum(TASK_STATUSES), z.number()) }),
  ),
  /** The measure the page was opened for (the bound-input link), or null. */
  measure: z.object({ id: z.string(), label: z.string(), hitLabel: z.string() }).nullable(),
  abilities: z.object({ canEdit: z.boolean(), canIssue: z.boolean(), canClose: z.boolean() }),
});
export type PlanResponse = z.output<typeof planResponse>;
export type PlanTask = z.output<typeof planTaskResponse>;

/** A unit's plan tasks due within 7 working days or overdue (GET /api/plans/tasks/due). */
export const dueTasksResponse = z.object({
  items: z.array(
    z.object({
      planId: z.string(),
      planTitle: z.string(),
      taskId: z.string(),
      code: z.string(),
      title: z.string(),
      dueOn: z.string(),
      /** The due date, moved to the next working day when it falls on a day off. */
      deadline: z.string(),
      status: z.enum(TASK_STATUSES),
      isOverdue: z.boolean(),
      unit: unitRef,
    }),
  ),
});
export type DueTask = z.output<typeof dueTasksResponse>['items'][number];
