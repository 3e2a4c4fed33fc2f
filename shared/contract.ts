import { z } from 'zod';

/**
 * Building blocks of the response contracts (shared/<feature>/*.contract.ts): what a handler
 * returns is the schema's input, what the browser receives (after JSON) its output.
 */

/** A moment (timestamptz): a Date on the server, its ISO text in the JSON. */
export const instant = z.date().transform((d) => d.toISOString());

/** One page of a list. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
}

/** A route that answers 204 No Content. */
export const noContent = z.void();

/** A background job started by the request; its progress is at GET /api/jobs/:id. */
export const jobStarted = z.object({ jobId: z.number() });
export type JobStarted = z.output<typeof jobStarted>;
