import { z } from 'zod';
import { instant, pageOf } from '../contract.ts';

/** Responses of /api/audit (server/features/audit/audit.routes.ts). */

/** One row of the audit trail. */
export const auditRowResponse = z.object({
  id: z.number(),
  at: instant,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  /** The object's readable name when the server could resolve it within the actor's scope. */
  objectName: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** What changed, as recorded (its keys are data: column names, snake_case included). */
  diff: z.record(z.string(), z.unknown()).nullable(),
  ip: z.string().nullable(),
});

/** GET /api/audit: one page, newest first. */
export const auditPageResponse = pageOf(auditRowResponse);

/** GET /api/audit/verify: the hash chain intact (and checkpointed again), or the first thing that does not fit. */
export const chainReportResponse = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), rows: z.number(), lastHash: z.string(), checkpoints: z.number() }),
  z.object({ ok: z.literal(false), rows: z.number(), badRowId: z.number().nullable(), reason: z.string() }),
]);
