-- A remediation plan proposed from an evaluation's result (issue #14 item 3): the evaluation it came
-- from, and for each task the item that lost points and how many (ADR 0013, "Remediation").
alter table plans add column source_evaluation_id uuid references evaluations (id);
create index plans_source_evaluation on plans (source_evaluation_id) where source_evaluation_id is not null;
alter table plan_tasks add column source_item text;
alter table plan_tasks add column points_lost numeric;
