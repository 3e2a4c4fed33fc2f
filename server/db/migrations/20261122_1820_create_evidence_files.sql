-- Evidence files (tài liệu kiểm chứng) attached by a commune to one indicator of its evaluation.
-- The bytes live in the file store (local folder or S3-compatible bucket) under storage_key, a
-- random key chosen by the server; the user's file name is kept here only, for display and download.
-- Deleting is soft: the row stays (deleted_at) so the audit trail can still name what was removed.
create table evidence_files (
  id uuid primary key default gen_random_uuid(),
  evaluation_id uuid not null references evaluations (id) on delete cascade,
  unit_id uuid not null references units (id),
  node_code text not null,
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

create index evidence_files_evaluation_idx on evidence_files (evaluation_id, node_code) where deleted_at is null;
