import type { z } from 'zod';
import type {
  planListResponse,
  planResponse,
  planTaskResponse,
  planTemplatesResponse,
} from '@shared/plans/plans.contract.ts';

/** GET /api/plans (shared/plans/plans.contract.ts). */
export type PlanListItem = z.output<typeof planListResponse>['items'][number];
/** GET /api/plans/:id. */
export type Plan = z.output<typeof planResponse>;
export type PlanTask = z.output<typeof planTaskResponse>;
/** GET /api/plans/templates. */
export type PlanTemplate = z.output<typeof planTemplatesResponse>[number];
