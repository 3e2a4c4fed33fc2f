import type { JobDefinition } from './platform/jobs/queue.ts';
import { bulkDocumentsJob } from './features/documents/documents.jobs.ts';
import { importUnitsJob } from './features/units/units.jobs.ts';
import { importTthcJob } from './features/tthc/tthc.import.jobs.ts';

/** Every declared job of the application; the worker runs only these. */
export const jobDefinitions: JobDefinition<never>[] = [
  bulkDocumentsJob as JobDefinition<never>,
  importUnitsJob as JobDefinition<never>,
  importTthcJob as JobDefinition<never>,
];
