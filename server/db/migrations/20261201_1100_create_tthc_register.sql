-- The register of administrative-procedure (TTHC) dossiers a commune's one-stop desk handles, the
-- Biểu 06 totals of communes that keep no per-dossier data, the API tokens one-stop systems push
-- dossiers with, the saved column mappings of import files, and the values evaluations compute from
-- register measures (docs/adr/0013-registers.md).

create table tthc_dossiers (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  code text not null,
  procedure_code text,
  procedure_name text,
  field text not null,
  channel text not null check (channel in ('truc_tuyen', 'truc_tiep', 'buu_chinh')),
  -- Calendar dates in Vietnam time: every counting rule of Biểu 06 compares dates, not instants.
  received_on date not null,
  due_on date not null,
  resolved_on date,
  status text,
  -- What `status` means for counting: withdrawn, returned, waiting for supplements pause the
  -- deadline (never late, never overdue).
  status_kind text not null default 'binh_thuong'
    check (status_kind in ('binh_thuong', 'rut', 'tra_lai', 'bo_sung')),
  digitised boolean,
  electronic_result boolean,
  online_payment boolean,
  full_process boolean,
  apology_letter boolean,
  source text not null check (source in ('typed', 'import', 'api')),
  import_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tthc_dossiers_unit_code unique (unit_id, code),
  constraint tthc_dossiers_dates check (resolved_on is null or resolved_on >= received_on)
);
-- Biểu 06 for a range reads the dossiers received up to its end and not resolved before its start.
create index tthc_dossiers_unit_received on tthc_dossiers (unit_id, received_on);
create index tthc_dossiers_unit_resolved on tthc_dossiers (unit_id, resolved_on);

create table tthc_aggregates (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  from_date date not null,
  to_date date not null,
  field text not null,
  -- Biểu 06/VPCP/KSTT columns 3–13, as the commune typed or imported them.
  received integer not null check (received >= 0),
  online integer not null check (online >= 0),
  direct integer not null check (direct >= 0),
  carried_over integer not null check (carried_over >= 0),
  resolved integer not null check (resolved >= 0),
  early integer not null check (early >= 0),
  on_time integer not null check (on_time >= 0),
  late integer not null check (late >= 0),
  pending integer not null check (pending >= 0),
  pending_within_due integer not null check (pending_within_due >= 0),
  pending_overdue integer not null check (pending_overdue >= 0),
  source text not null check (source in ('typed', 'import')),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint tthc_aggregates_range check (from_date <= to_date),
  constraint tthc_aggregates_row unique (unit_id, from_date, to_date, field)
);

create table register_tokens (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  register text not null,
  name text not null,
  -- SHA-256 of the token; the token itself is shown once, when it is created.
  token_hash text not null unique,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  last_used_at timestamptz
);
create index register_tokens_unit on register_tokens (unit_id);

create table import_mappings (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  register text not null,
  source_name text not null,
  -- canonical column → header of the source file
  mapping jsonb not null,
  updated_by uuid references users (id),
  updated_at timestamptz not null default now(),
  constraint import_mappings_source unique (unit_id, register, source_name)
);

-- Per bound input: the value a register measure computed (with its measure, range, count and time)
-- and the officer's override reasons. What is scored stays in self_input.
alter table evaluations add column computed_inputs jsonb not null default '{}';
alter table evaluations add column input_overrides jsonb not null default '{}';
