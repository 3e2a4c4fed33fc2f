-- A running job's worker touches heartbeat_at every few seconds (docs/adr/0004-jobs.md): a job
-- whose heartbeat stopped (its process died) goes back to the queue within seconds, and a long
-- job whose heartbeat is alive is never taken over, however long it runs.
alter table jobs add column heartbeat_at timestamptz;

create index jobs_running_heartbeat_idx on jobs (heartbeat_at) where status = 'running';
