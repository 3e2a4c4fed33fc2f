import { z } from 'zod';
import type { EvaluationResult } from '../scoring/types.ts';
import { instant } from '../contract.ts';
import { COMMENT_RESPONSE_KINDS } from '../evaluations/evaluations.schemas.ts';

/** Responses of the public posting and citizens' comments (server/features/posting/posting.routes.ts). */

/** A citizen's comment with the commune's response (GET …/comments; POST …/response answers with the list). */
export const commentResponse = z.object({
  id: z.string(),
  authorName: z.string(),
  authorContact: z.string().nullable(),
  content: z.string(),
  response: z.string().nullable(),
  /** Tiếp thu or giải trình, chosen by the commune (Mẫu 03). */
  responseKind: z.enum(COMMENT_RESPONSE_KINDS).nullable(),
  respondedAt: instant.nullable(),
  createdAt: instant,
});
export const commentListResponse = z.array(commentResponse);

/** GET /api/public/evaluations/:id: the submitted snapshot as posted, never the draft. */
export const publicEvaluationResponse = z.object({
  id: z.string(),
  unitName: z.string(),
  year: z.number(),
  periodName: z.string(),
  stateLabel: z.string(),
  framework: z.object({ code: z.string(), name: z.string() }),
  posting: z.object({ from: z.string(), until: z.string().nullable() }),
  acceptingComments: z.boolean(),
  /** Produced by our own scoring engine (shared/scoring). */
  result: z.custom<EvaluationResult>().nullable(),
  narrative: z.record(z.string(), z.string()),
});

/** POST /api/public/evaluations/:id/comments: the comment received and a thank-you line. */
export const publicCommentReceivedResponse = z.object({ id: z.string(), message: z.string() });
export type PublicCommentReceived = z.output<typeof publicCommentReceivedResponse>;
