-- Opinion polls and satisfaction surveys (issue #17, ADR 0017): Mẫu 04 for TCPL 2.4, the council's
-- written opinions (Mẫu 06) and the residents' satisfaction survey.

create table surveys (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  kind text not null check (kind in ('mau04', 'mau06', 'satisfaction')),
  audience text not null check (audience in ('public', 'officials', 'council')),
  -- The public link's short code (/khao-sat/<code>).
  code text not null unique,
  title text not null,
  intro text not null default '',
  -- Sections and questions (shared/surveys/surveys.ts), and how the answers become a figure.
  definition jsonb not null,
  figure jsonb,
  status text not null default 'draft' check (status in ('draft', 'open', 'closed')),
  opens_on date not null,
  closes_on date not null check (closes_on >= opens_on),
  require_slip boolean not null default false,
  device_limit integer not null default 1 check (device_limit between 1 and 10),
  -- Signs the per-device tickets (HMAC); never leaves the server.
  ticket_secret text not null,
  -- Signed-in audiences: the accounts invited (a JSON array of user ids).
  invitee_ids jsonb not null default '[]',
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closed_at timestamptz
);
create index surveys_unit_kind on surveys (unit_id, kind, closes_on);

-- One row per answer. Nothing that identifies a person: no address, no account, no time of day
-- (the day only), no slip code, no ticket. unit_id repeats the survey's for scoped queries.
create table survey_answers (
  id uuid primary key default gen_random_uuid(),
  survey_id uuid not null references surveys (id),
  unit_id uuid not null references units (id),
  source text not null check (source in ('online', 'paper', 'signed_in')),
  answers jsonb not null,
  received_on date not null
);
create index survey_answers_survey on survey_answers (survey_id);

-- Printed slips: the SHA-256 of each one-time code, and whether it was used. Not linked to the answer.
create table survey_slips (
  survey_id uuid not null references surveys (id),
  code_hash text not null,
  used boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (survey_id, code_hash)
);

-- Signed-in respondents who answered (one answer each); not linked to the answer either.
create table survey_respondents (
  survey_id uuid not null references surveys (id),
  user_id uuid not null references users (id),
  primary key (survey_id, user_id)
);
