import type { ColumnType, Generated, JSONColumnType } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed';
export type JobProgress = { done: number; total: number; message?: string };

export interface JobsTable {
  id: Generated<number>;
  name: string;
  payload: ColumnType<unknown, string, string>;
  status: Generated<JobStatus>;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  run_at: Generated<Date>;
  locked_at: Date | null;
  locked_by: string | null;
  /** Touched by the worker while the job runs; stale = its process died. */
  heartbeat_at: Date | null;
  progress: JSONColumnType<JobProgress | null, string | null, string | null>;
  result: ColumnType<unknown, string | null, string | null>;
  last_error: string | null;
  created_by: string | null;
  unit_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

export interface JobsTables {
  jobs: JobsTable;
}
