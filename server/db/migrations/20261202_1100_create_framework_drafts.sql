-- Framework editor (issue #16, ADR 0015): the province's working copy of its own framework, one per
-- code, stored as JSON while it is edited (it may be invalid in between). Publishing turns it into a
-- new immutable row of framework_versions and deletes the draft.
create table framework_drafts (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  owner_unit_id uuid not null references units (id),
  base_version_id uuid not null references framework_versions (id),
  content jsonb not null,
  version integer not null default 1,
  updated_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
