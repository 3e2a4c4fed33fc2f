import type { JobDefinition } from './platform/jobs/queue.ts';

/** Every declared job of the application; the worker runs only these. */
export const jobDefinitions: JobDefinition<never>[] = [];
