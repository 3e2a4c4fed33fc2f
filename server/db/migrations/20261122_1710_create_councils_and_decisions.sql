-- The evaluation council (Hội đồng) of a period: at most 15 members with their roles, meetings
-- (or written consultations) with a quorum check, and each member's opinion per commune (Mẫu 05–07).
create table councils (
  id uuid primary key default gen_random_uuid(),
  period_id uuid not null references evaluation_periods (id) on delete cascade,
  unit_id uuid not null references units (id),
  name text not null,
  created_at timestamptz not null default now(),
  constraint councils_period_key unique (period_id)
);

create table council_members (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references councils (id) on delete cascade,
  unit_id uuid not null references units (id),
  user_id uuid references users (id),
  full_name text not null,
  position text not null,
  council_role text not null check (council_role in ('chair', 'vice_chair', 'member', 'secretary')),
  created_at timestamptz not null default now()
);

create index council_members_council_idx on council_members (council_id);

create table council_meetings (
  id uuid primary key default gen_random_uuid(),
  council_id uuid not null references councils (id) on delete cascade,
  unit_id uuid not null references units (id),
  mode text not null check (mode in ('meeting', 'written')),
  held_on date not null,
  location text,
  present_member_ids jsonb not null default '[]',
  quorum_met boolean not null,
  conclusions text,
  created_by uuid,
  created_at timestamptz not null default now()
);

create table council_opinions (
  id uuid primary key default gen_random_uuid(),
  meeting_id uuid not null references council_meetings (id) on delete cascade,
  member_id uuid not null references council_members (id),
  evaluation_id uuid not null references evaluations (id),
  unit_id uuid not null references units (id),
  opinion text not null check (opinion in ('achieved', 'not_achieved')),
  comment text,
  created_at timestamptz not null default now(),
  constraint council_opinions_member_evaluation_key unique (meeting_id, member_id, evaluation_id)
);

-- The competent chairman's recognition decision (Mẫu 08), published on the public page.
create table recognition_decisions (
  id uuid primary key default gen_random_uuid(),
  period_id uuid not null references evaluation_periods (id) on delete cascade,
  unit_id uuid not null references units (id),
  number text not null,
  signed_on date not null,
  signer_name text not null,
  signer_title text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  constraint recognition_decisions_period_key unique (period_id)
);
