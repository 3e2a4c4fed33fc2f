-- The commune's other books (issue #13, ADR 0014): documents, publication and information requests,
-- citizen reception and petitions, mediation, legal dissemination and grassroots democracy,
-- discipline. One table for every kind of record; the kind's fields (shared/books/kinds.ts) are in
-- `data`, validated by the server, and `record_date` is the date the year counts on.

create table book_records (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  kind text not null check (kind in (
    'document', 'publication', 'info_request', 'reception', 'petition', 'mediation_team',
    'mediation_case', 'propagandist', 'activity', 'democracy_item', 'pbgdpl_funding', 'discipline'
  )),
  record_date date not null,
  data jsonb not null,
  source text not null default 'typed' check (source in ('typed', 'import')),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
create index book_records_unit_kind_date on book_records (unit_id, kind, record_date);
