-- The per-evaluation facts the analytics figures read, on the one narrow row of `analytics_evaluations`
-- (issue #15, ADR 0018 amended 2026-12-02): the evaluation's unit, period and state, and the result
-- that counts (appraised, else the submitted self-assessment) — whether there is one, its total, max,
-- recognition, explanation, the conditions not met and whether it is historical. The national dashboard
-- then reads one row per evaluation without joining `evaluations` (wide rows) and `analytics_results`
-- twice (docs/BENCHMARKS.md, "Thống kê"). Written by the same trigger as before, in the writer's
-- transaction; existing rows are back-filled here from `evaluations` and `analytics_results`.

alter table analytics_evaluations
  add column unit_id uuid,
  add column period_id uuid,
  add column state text,
  -- a result counts (false: a draft never submitted, or a result that is not a JSON object)
  add column scored boolean not null default false,
  add column total numeric,
  add column max numeric,
  add column recognised boolean,
  add column explanation text,
  add column failed text[] not null default '{}',
  add column historical boolean not null default false;

update analytics_evaluations a
   set unit_id = e.unit_id, period_id = e.period_id, state = e.state
  from evaluations e
 where e.id = a.evaluation_id;
update analytics_evaluations a
   set scored = true, total = r.total, max = r.max, recognised = r.recognised,
       explanation = r.recognition_explanation, failed = r.failed, historical = r.historical
  from analytics_results r
 where r.evaluation_id = a.evaluation_id and r.kind = a.counted;

alter table analytics_evaluations
  alter column unit_id set not null,
  alter column period_id set not null,
  alter column state set not null;

-- The area's evaluations are found from its units (a province: ≈ 750 units of today and former ones).
create index analytics_evaluations_unit on analytics_evaluations (unit_id);

-- Refreshes an evaluation's row (year, family, unit, period, state, the result that counts, a new stamp).
-- Called by the trigger after analytics_store_result has written the results' copies.
create or replace function analytics_touch_evaluation(eid uuid, pid uuid, has_appraised boolean) returns void
language plpgsql as $$
declare
  k text := case when has_appraised then 'appraised' else 'self' end;
begin
  insert into analytics_evaluations (evaluation_id, year, family, counted, stamp, unit_id, period_id, state,
                                     scored, total, max, recognised, explanation, failed, historical)
  select eid, p.year, f.family, k, nextval('analytics_stamp'), e.unit_id, e.period_id, e.state,
         r.evaluation_id is not null, r.total, r.max, r.recognised, r.recognition_explanation,
         coalesce(r.failed, '{}'), coalesce(r.historical, false)
    from evaluations e
    join evaluation_periods p on p.id = pid
    join framework_versions f on f.id = p.framework_version_id
    left join analytics_results r on r.evaluation_id = e.id and r.kind = k
   where e.id = eid
  on conflict (evaluation_id) do update
     set year = excluded.year, family = excluded.family, counted = excluded.counted, stamp = excluded.stamp,
         unit_id = excluded.unit_id, period_id = excluded.period_id, state = excluded.state,
         scored = excluded.scored, total = excluded.total, max = excluded.max,
         recognised = excluded.recognised, explanation = excluded.explanation, failed = excluded.failed,
         historical = excluded.historical;
end;
$$;
