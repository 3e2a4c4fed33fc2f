-- Administrative units: nation → province → (district, before 1/7/2025) → commune-level unit.
-- A unit is valid over [valid_from, valid_to): a 2023 evaluation belongs to the old commune,
-- a 2026 one to the new. Statistics codes are reused across the 2025 reform, so a code is
-- unique only together with its level and start of validity.
create table units (
  id uuid primary key default gen_random_uuid(),
  code text not null,
  name text not null,
  name_folded text not null,
  level text not null check (level in ('nation', 'province', 'district', 'commune')),
  kind text not null check (
    kind in ('quoc_gia', 'tinh', 'thanh_pho', 'quan', 'huyen', 'thi_xa', 'thanh_pho_thuoc_tinh',
             'xa', 'phuong', 'dac_khu', 'thi_tran')
  ),
  parent_id uuid references units (id),
  -- Materialised ancestry '/<nation id>/<province id>/.../<own id>/': a role held at a unit
  -- covers every unit whose path starts with that unit's path.
  path text not null,
  valid_from date not null,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint units_code_level_from_key unique (level, code, valid_from),
  constraint units_validity_check check (valid_to is null or valid_to > valid_from)
);

create index units_path_idx on units (path text_pattern_ops);
create index units_parent_idx on units (parent_id);
create index units_name_folded_idx on units (name_folded text_pattern_ops);
