-- Background jobs live in the same database as the data they act on, so a job enqueued inside
-- a business transaction exists if and only if that transaction commits (docs/adr/0004-jobs.md).
create table jobs (
  id bigint generated always as identity primary key,
  name text not null,
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'succeeded', 'failed')),
  attempts integer not null default 0,
  max_attempts integer not null default 3,
  run_at timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  progress jsonb,
  result jsonb,
  last_error text,
  created_by uuid,
  unit_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);

create index jobs_ready_idx on jobs (run_at, id) where status = 'queued';
create index jobs_created_by_idx on jobs (created_by, id);
