create table users (
  id uuid primary key default gen_random_uuid(),
  username text not null,
  full_name text not null,
  email text,
  password_hash text not null,
  is_active boolean not null default true,
  must_change_password boolean not null default false,
  failed_login_count integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create unique index users_username_key on users (lower(username));

-- A role is held at a unit and covers that unit and every unit below it.
create table role_assignments (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null,
  unit_id uuid not null references units (id),
  created_at timestamptz not null default now(),
  constraint role_assignments_user_role_unit_key unique (user_id, role, unit_id)
);

create index role_assignments_unit_idx on role_assignments (unit_id);

-- Server-side sessions: the cookie carries a random token, the table keeps only its SHA-256,
-- so a copy of the database cannot be used to sign in.
create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ip text,
  user_agent text
);

create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);
