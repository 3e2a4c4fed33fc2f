import type { JobDefinition } from './platform/jobs/queue.ts';
import { bulkDocumentsJob } from './features/documents/documents.jobs.ts';

/** Every declared job of the application; the worker runs only these. */
export const jobDefinitions: JobDefinition<never>[] = [bulkDocumentsJob as JobDefinition<never>];
