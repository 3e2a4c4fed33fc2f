-- State several app instances must share (issue #18, ADR 0020), moved out of process memory.
-- Attempt limits (sign-in per address, public comments and survey answers per address, refused API
-- tokens per address): one row per limiter and key, counting hits in a window that starts at the first
-- hit; updated by one atomic upsert, rows whose window ended are pruned.
create table attempt_counters (
  limiter text not null,
  key text not null,
  hits integer not null,
  window_ends_at timestamptz not null,
  primary key (limiter, key)
);
create index attempt_counters_window_ends_at_idx on attempt_counters (window_ends_at);

-- Failed sign-ins in a row for names that are no account, counted like users.failed_login_count and
-- locked like users.locked_until, so the lockout message cannot tell which names exist.
create table sign_in_unknown_names (
  username text primary key,
  failures integer not null,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);
create index sign_in_unknown_names_updated_at_idx on sign_in_unknown_names (updated_at);
