-- Legal frameworks as stored, immutable versions (content = the framework JSON, hash = SHA-256 of
-- its canonical JSON). Editing a framework creates a new version; a version is never updated.
create table framework_versions (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  version integer not null,
  name text not null,
  family text not null check (family in ('tcpl', 'cchc')),
  content jsonb not null,
  content_hash text not null,
  -- null: a built-in framework of the product; else the province that owns its copy.
  owner_unit_id uuid references units (id),
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint framework_versions_code_version_key unique (code, version)
);

-- An evaluation period: one evaluating unit (district up to 2024, province from 2026) runs one
-- framework version for one year over a set of communes.
create table evaluation_periods (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  year integer not null check (year between 2000 and 2100),
  name text not null,
  evaluating_level text not null check (evaluating_level in ('district', 'province')),
  framework_version_id uuid not null references framework_versions (id),
  registration_due date,
  self_assessment_due date not null,
  posting_days integer not null default 5 check (posting_days >= 5),
  submission_due date not null,
  appraisal_due date not null,
  decision_due date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);

create index evaluation_periods_unit_idx on evaluation_periods (unit_id, year);

-- One commune's evaluation in a period. Inputs are the engine's EvaluationInput; results are the
-- engine's output, computed on the server and stored with the input that produced them.
create table evaluations (
  id uuid primary key default gen_random_uuid(),
  period_id uuid not null references evaluation_periods (id) on delete cascade,
  unit_id uuid not null references units (id),
  state text not null default 'draft' check (
    state in ('draft', 'submitted', 'posted', 'under_appraisal', 'returned', 'appraised',
              'decided_achieved', 'decided_not_achieved')
  ),
  version integer not null default 1,
  self_input jsonb not null default '{}',
  self_result jsonb,
  notes jsonb not null default '{}',
  narrative jsonb not null default '{}',
  submitted_snapshot jsonb,
  submitted_at timestamptz,
  submitted_by uuid,
  posted_from date,
  posted_until date,
  appraisal_round integer not null default 0,
  appraised_result jsonb,
  appraised_at timestamptz,
  reopened_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint evaluations_period_unit_key unique (period_id, unit_id)
);

create index evaluations_unit_idx on evaluations (unit_id);

-- Indicators assigned to named commune officers (TT 09/2021 Điều 6.4).
create table evaluation_assignments (
  evaluation_id uuid not null references evaluations (id) on delete cascade,
  node_code text not null,
  user_id uuid not null references users (id),
  unit_id uuid not null references units (id),
  created_at timestamptz not null default now(),
  primary key (evaluation_id, node_code, user_id)
);

-- Comments from the public on a posted self-assessment, and how the commune handled each (Mẫu 03).
create table public_comments (
  id uuid primary key default gen_random_uuid(),
  evaluation_id uuid not null references evaluations (id) on delete cascade,
  unit_id uuid not null references units (id),
  author_name text not null,
  author_contact text,
  content text not null,
  ip text,
  response text,
  responded_by uuid,
  responded_at timestamptz,
  created_at timestamptz not null default now()
);

create index public_comments_evaluation_idx on public_comments (evaluation_id, created_at);

-- The appraiser's verdict per indicator and round: accept, adjust (with the appraised value and a
-- mandatory reason) or ask the commune to explain; the commune's explanation is kept beside it.
create table appraisal_verdicts (
  id uuid primary key default gen_random_uuid(),
  evaluation_id uuid not null references evaluations (id) on delete cascade,
  unit_id uuid not null references units (id),
  round integer not null,
  node_code text not null,
  verdict text not null check (verdict in ('accept', 'adjust', 'explain')),
  points text,
  passed boolean,
  reason text,
  explanation text,
  explained_by uuid,
  explained_at timestamptz,
  reviewer_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint appraisal_verdicts_round_node_key unique (evaluation_id, round, node_code),
  constraint appraisal_verdicts_reason_check check (verdict = 'accept' or length(coalesce(reason, '')) > 0)
);
