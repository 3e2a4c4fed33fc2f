import { z } from 'zod';
import { EVIDENCE_TYPES, type EvidenceContentType } from '../evaluations/evidence.ts';
import { noContent } from '../contract.ts';

/** Responses of /api/evaluations/:id/evidence (server/features/evidence/evidence.routes.ts). */

const contentTypes = Object.keys(EVIDENCE_TYPES) as [EvidenceContentType, ...EvidenceContentType[]];

/** One evidence file as the API shows it: never its storage key. POST …/evidence answers with it. */
export const evidenceItemResponse = z.object({
  id: z.string(),
  nodeCode: z.string(),
  fileName: z.string(),
  contentType: z.enum(contentTypes),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string(), fullName: z.string() }),
  /** ISO text already (the presenter converts it). */
  createdAt: z.string(),
  canDelete: z.boolean(),
});

/** Evidence files grouped by node code, with their count. */
export const evidenceByNode = z.record(z.string(), z.array(evidenceItemResponse));

/** GET /api/evaluations/:id/evidence: the files by node and whether the actor may add more. */
export const evidenceListResponse = z.object({
  byNode: evidenceByNode,
  count: z.number(),
  canUpload: z.boolean(),
});

/** DELETE /api/evaluations/:id/evidence/:fileId. */
export const evidenceDeletedResponse = noContent;
