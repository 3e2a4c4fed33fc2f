-- Evidence of a plan task's result (issue #14 item 2): files uploaded by whoever reports on the task
-- (the unit it is given to, or the plan's own unit), stored like evaluation evidence (file store,
-- random storage_key, inspected type and SHA-256). Soft delete keeps the row for the audit trail.
create table plan_task_files (
  id uuid primary key default gen_random_uuid(),
  task_id uuid not null references plan_tasks (id) on delete cascade,
  plan_id uuid not null references plans (id) on delete cascade,
  unit_id uuid not null references units (id),
  file_name text not null check (length(file_name) between 1 and 255),
  content_type text not null check (
    content_type in (
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'image/jpeg',
      'image/png'
    )
  ),
  size_bytes bigint not null check (size_bytes > 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null unique,
  uploaded_by uuid not null references users (id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz
);

create index plan_task_files_task_idx on plan_task_files (task_id) where deleted_at is null;
