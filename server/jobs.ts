import type { Executor } from './db/executor.ts';
import { enqueueUnlessQueued, type JobDefinition } from './platform/jobs/queue.ts';
import { bulkDocumentsJob } from './features/documents/documents.jobs.ts';
import { importUnitsJob } from './features/units/units.jobs.ts';
import { importTthcJob } from './features/tthc/tthc.import.jobs.ts';
import { markOverdueJob } from './features/plans/plans.jobs.ts';

/** Every declared job of the application; the worker runs only these. */
export const jobDefinitions: JobDefinition<never>[] = [
  bulkDocumentsJob as JobDefinition<never>,
  importUnitsJob as JobDefinition<never>,
  importTthcJob as JobDefinition<never>,
  markOverdueJob as JobDefinition<never>,
];

/** Queues the first run of each recurring job unless one waits already (called at boot). */
export async function scheduleRecurringJobs(db: Executor): Promise<void> {
  await enqueueUnlessQueued(db, markOverdueJob, {});
}
