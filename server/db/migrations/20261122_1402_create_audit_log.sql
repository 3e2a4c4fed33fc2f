-- Append-only trail of every mutation, written in the same transaction as the change.
-- Each row's hash covers its content and the previous row's hash, so editing or deleting
-- a row breaks the chain from that row on (npm run cli -- audit verify).
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null,
  actor_id uuid,
  actor_name text,
  action text not null,
  object_type text not null,
  object_id text,
  unit_id uuid,
  diff jsonb,
  ip text,
  prev_hash text not null,
  hash text not null,
  constraint audit_log_hash_key unique (hash)
);

create index audit_log_unit_idx on audit_log (unit_id, id);
create index audit_log_object_idx on audit_log (object_type, object_id);
create index audit_log_actor_idx on audit_log (actor_id, id);
