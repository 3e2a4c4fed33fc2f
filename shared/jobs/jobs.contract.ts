import { z } from 'zod';
import { instant } from '../contract.ts';

/** Response of GET /api/jobs/:id (server/platform/jobs/jobs.routes.ts): a background job's progress. */
export const jobResponse = z.object({
  id: z.number(),
  name: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  attempts: z.number(),
  maxAttempts: z.number(),
  progress: z.object({ done: z.number(), total: z.number(), message: z.string().optional() }).nullable(),
  error: z.string().nullable(),
  /** What the job returned; each job states its own shape (e.g. documents.bulk: { file, documents, failures }). */
  result: z.unknown(),
  createdAt: instant,
  finishedAt: instant.nullable(),
});
