-- "Where reviewers correct communes" (issue #15, ADR 0018 amended 2026-12-02): each node of an appraised
-- result carries the self-assessment's value of the same criterion/indicator, so the corrections of an
-- area read the appraised nodes once instead of joining them to the self-assessment's nodes (for the
-- nation ≈ 83,000 node rows instead of ≈ 166,000, docs/BENCHMARKS.md "Thống kê"). Kept by
-- analytics_store_result (the trigger on `evaluations`, in the writer's transaction) whichever of the two
-- results changes; back-filled here.

alter table analytics_nodes
  -- on an appraised node: the submitted self-assessment has a node of the same code and depth
  add column self_found boolean not null default false,
  add column self_points numeric,
  add column self_passed boolean;

update analytics_nodes a
   set self_found = true, self_points = s.points, self_passed = s.passed
  from analytics_nodes s
 where a.kind = 'appraised' and s.kind = 'self'
   and s.evaluation_id = a.evaluation_id and s.code = a.code and s.depth = a.depth;

-- Replaces the copy of one result of an evaluation (`r` null: no such result), then brings the appraised
-- nodes' self-assessment values up to date.
create or replace function analytics_store_result(eid uuid, k text, r jsonb) returns void
language plpgsql as $$
declare
  criteria jsonb;
begin
  delete from analytics_results where evaluation_id = eid and kind = k;
  if r is not null and jsonb_typeof(r) = 'object' then
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
  end if;
  if k = 'self' then
    update analytics_nodes a set self_found = false, self_points = null, self_passed = null
     where a.evaluation_id = eid and a.kind = 'appraised' and a.self_found;
  end if;
  update analytics_nodes a
     set self_found = true, self_points = s.points, self_passed = s.passed
    from analytics_nodes s
   where a.evaluation_id = eid and a.kind = 'appraised'
     and s.evaluation_id = eid and s.kind = 'self' and s.code = a.code and s.depth = a.depth;
end;
$$;
