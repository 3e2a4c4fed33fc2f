-- The working-day calendar used for legal deadlines (docs/adr/0007-working-days.md): weekday days
-- off ('holiday': public holidays, compensating days off) and weekend days worked in exchange
-- ('working_day': make-up Saturdays, "làm bù"). Saturdays and Sundays are days off without a row.
-- One row per day; the administrator loads a year from the built-in table and confirms it.
create table holidays (
  id uuid primary key default gen_random_uuid(),
  day date not null,
  name text not null,
  kind text not null check (kind in ('holiday', 'working_day')),
  source text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint holidays_day_key unique (day)
);
