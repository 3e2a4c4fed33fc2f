-- Analytics figures as SQL aggregates (issue #15, ADR 0018): a narrow copy of the two results the
-- dashboard counts — the submitted self-assessment's (kind 'self', from submitted_snapshot.result) and
-- the appraised one — one row per evaluation × result (totals, recognition, conditions not met) and
-- one row per evaluation × result × criterion/indicator (points, max, passed). The copy is written by a
-- trigger on `evaluations`, so every writer (self-assessment submit, appraisal, historical entry,
-- rescore, correction reopen, imports, tests and benches inserting rows) updates it in its own
-- transaction; no code path can forget it.
--
-- `analytics_evaluations.stamp` is a number drawn from a sequence each time an evaluation's counted
-- facts change (state, unit, period, results) or its period changes; the dashboard cache compares
-- count, sum and max of the stamps of a framework family (the "data version") on every request,
-- so every app instance sees a change as soon as it is committed. `analytics_stamps` carries the
-- version of what the stamps do not cover: the unit tree and its old → new links ('units'), the
-- registers the dashboard reads ('registers').

create table analytics_results (
  evaluation_id uuid not null references evaluations (id) on delete cascade,
  kind text not null check (kind in ('self', 'appraised')),
  total numeric,
  max numeric,
  recognised boolean,
  recognition_explanation text,
  -- explanations of the conditions not met, in the result's order
  failed text[] not null default '{}',
  -- any criterion or indicator entered from a past paper report (source historical-*)
  historical boolean not null default false,
  primary key (evaluation_id, kind)
);

create table analytics_nodes (
  evaluation_id uuid not null,
  kind text not null,
  code text not null,
  -- walk order: criterion i at i * 1000, its indicator j at i * 1000 + j
  ord integer not null,
  depth smallint not null,
  title text not null,
  max numeric,
  points numeric,
  passed boolean,
  foreign key (evaluation_id, kind) references analytics_results (evaluation_id, kind) on delete cascade
);
create index analytics_nodes_evaluation on analytics_nodes (evaluation_id, kind, code);

create sequence analytics_stamp;

create table analytics_evaluations (
  evaluation_id uuid primary key references evaluations (id) on delete cascade,
  year integer not null,
  family text not null,
  -- the result the figures count: 'appraised' when there is one, else 'self'
  counted text not null,
  stamp bigint not null
);
create index analytics_evaluations_family_year on analytics_evaluations (family, year) include (stamp);

create table analytics_stamps (
  key text primary key,
  stamp bigint not null
);
insert into analytics_stamps (key, stamp) values ('units', 0), ('registers', 0);

-- A decimal or boolean of a result, null when absent or not one (a malformed result never fails a save).
create function analytics_num(x text) returns numeric
language sql immutable as $$
  select case when x ~ '^-?[0-9]+(\.[0-9]+)?$' then x::numeric end
$$;
create function analytics_bool(x jsonb) returns boolean
language sql immutable as $$
  select case when jsonb_typeof(x) = 'boolean' then (x #>> '{}')::boolean end
$$;

-- The criteria (depth 1) and their indicators (depth 2) of a result, in walk order.
create function analytics_walk_nodes(criteria jsonb) returns table (v jsonb, ord integer, depth smallint)
language sql immutable as $$
  select c.v, (c.o * 1000)::integer, 1::smallint
    from jsonb_array_elements(criteria) with ordinality c(v, o)
  union all
  select i.v, (c.o * 1000 + i.o)::integer, 2::smallint
    from jsonb_array_elements(criteria) with ordinality c(v, o),
         jsonb_array_elements(case when jsonb_typeof(c.v -> 'children') = 'array' then c.v -> 'children' else '[]' end)
         with ordinality i(v, o)
$$;

-- Replaces the copy of one result of an evaluation (`r` null: no such result).
create function analytics_store_result(eid uuid, k text, r jsonb) returns void
language plpgsql as $$
declare
  criteria jsonb;
begin
  delete from analytics_results where evaluation_id = eid and kind = k;
  if r is null or jsonb_typeof(r) <> 'object' then
    return;
  end if;
  criteria := case when jsonb_typeof(r -> 'criteria') = 'array' then r -> 'criteria' else '[]'::jsonb end;
  insert into analytics_results (evaluation_id, kind, total, max, recognised, recognition_explanation, failed, historical)
  select eid, k, analytics_num(r ->> 'total'), analytics_num(r ->> 'max'), analytics_bool(r -> 'recognised'),
         r ->> 'recognitionExplanation',
         array(select coalesce(x.v ->> 'explanation', '')
                 from jsonb_array_elements(case when jsonb_typeof(r -> 'conditions') = 'array' then r -> 'conditions' else '[]' end)
                      with ordinality x(v, o)
                where x.v ->> 'met' = 'false'
                order by x.o),
         coalesce(bool_or(n.v ->> 'source' in ('historical-criterion', 'historical-indicator')), false)
    from analytics_walk_nodes(criteria) n;
  insert into analytics_nodes (evaluation_id, kind, code, ord, depth, title, max, points, passed)
  select eid, k, n.v ->> 'code', n.ord, n.depth, coalesce(n.v ->> 'title', ''),
         analytics_num(n.v ->> 'max'), analytics_num(n.v ->> 'points'), analytics_bool(n.v -> 'passed')
    from analytics_walk_nodes(criteria) n
   where n.v ->> 'code' is not null;
end;
$$;

-- Refreshes an evaluation's per-evaluation row (year, family, counted result, a new stamp).
create function analytics_touch_evaluation(eid uuid, pid uuid, has_appraised boolean) returns void
language plpgsql as $$
begin
  insert into analytics_evaluations (evaluation_id, year, family, counted, stamp)
  select eid, p.year, f.family, case when has_appraised then 'appraised' else 'self' end, nextval('analytics_stamp')
    from evaluation_periods p
    join framework_versions f on f.id = p.framework_version_id
   where p.id = pid
  on conflict (evaluation_id) do update
     set year = excluded.year, family = excluded.family, counted = excluded.counted, stamp = excluded.stamp;
end;
$$;

create function analytics_evaluation_changed() returns trigger
language plpgsql as $$
begin
  if tg_op = 'INSERT' or new.submitted_snapshot is distinct from old.submitted_snapshot then
    perform analytics_store_result(new.id, 'self', new.submitted_snapshot -> 'result');
  end if;
  if tg_op = 'INSERT' or new.appraised_result is distinct from old.appraised_result then
    perform analytics_store_result(new.id, 'appraised', new.appraised_result);
  end if;
  if tg_op = 'INSERT'
     or new.state is distinct from old.state
     or new.unit_id is distinct from old.unit_id
     or new.period_id is distinct from old.period_id
     or new.submitted_snapshot is distinct from old.submitted_snapshot
     or new.appraised_result is distinct from old.appraised_result then
    perform analytics_touch_evaluation(new.id, new.period_id, new.appraised_result is not null
                                       and jsonb_typeof(new.appraised_result) = 'object');
  end if;
  return null;
end;
$$;

create trigger evaluations_analytics
  after insert or update of state, unit_id, period_id, submitted_snapshot, appraised_result on evaluations
  for each row execute function analytics_evaluation_changed();

-- A period's year, deadlines or framework change what its evaluations count: new stamps.
create function analytics_period_changed() returns trigger
language plpgsql as $$
begin
  update analytics_evaluations a
     set stamp = nextval('analytics_stamp'), year = new.year,
         family = (select f.family from framework_versions f where f.id = new.framework_version_id)
    from evaluations e
   where e.period_id = new.id and a.evaluation_id = e.id;
  return null;
end;
$$;

create trigger evaluation_periods_analytics
  after update of year, framework_version_id, self_assessment_due, submission_due, appraisal_due, decision_due
  on evaluation_periods
  for each row execute function analytics_period_changed();

-- Units, their links, and the registers: one counter each, bumped once per statement.
create function analytics_bump_stamp() returns trigger
language plpgsql as $$
begin
  update analytics_stamps set stamp = stamp + 1 where key = tg_argv[0];
  return null;
end;
$$;

create trigger units_analytics after insert or update or delete on units
  for each statement execute function analytics_bump_stamp('units');
create trigger unit_links_analytics after insert or update or delete on unit_links
  for each statement execute function analytics_bump_stamp('units');
create trigger tthc_dossiers_analytics after insert or update or delete on tthc_dossiers
  for each statement execute function analytics_bump_stamp('registers');
create trigger book_records_analytics after insert or update or delete on book_records
  for each statement execute function analytics_bump_stamp('registers');

-- Backfill from the stored results.
select analytics_store_result(e.id, 'self', e.submitted_snapshot -> 'result'),
       analytics_store_result(e.id, 'appraised', e.appraised_result),
       analytics_touch_evaluation(e.id, e.period_id, e.appraised_result is not null
                                  and jsonb_typeof(e.appraised_result) = 'object')
  from evaluations e;
