-- Old → new administrative units across the 2025 reform: a new commune (or province) lists the
-- old units it was formed from. `full`: the whole old unit went into it; `partial`: part of it.
-- The old units themselves are rows of `units` with valid_to = '2025-07-01'.
create table unit_links (
  from_unit_id uuid not null references units (id),
  to_unit_id uuid not null references units (id),
  kind text not null check (kind in ('full', 'partial')),
  created_at timestamptz not null default now(),
  primary key (from_unit_id, to_unit_id),
  constraint unit_links_not_self_check check (from_unit_id <> to_unit_id)
);

create index unit_links_to_idx on unit_links (to_unit_id);
