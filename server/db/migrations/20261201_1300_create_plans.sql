-- Plans (implementation, yearly PBGDPL, yearly CCHC, self-inspection, remediation) and their tasks,
-- kept as a register: the completion of the tasks feeds TCPL 2.3.2 and CCHC 1.1.3 (ADR 0013, "Plans").

create table plans (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references units (id),
  kind text not null
    check (kind in ('implementation', 'pbgdpl', 'cchc', 'self_inspection', 'remediation')),
  year integer not null check (year between 2000 and 2100),
  -- Số hiệu ("3590/KH-UBND") and the date the plan bears; both known once it is issued.
  number text,
  title text not null,
  issuing_body text not null,
  purpose text not null default '',
  funding text not null default '',
  organisation text not null default '',
  status text not null default 'draft' check (status in ('draft', 'issued', 'closed')),
  issued_on date,
  -- The deadline for issuing it (TCPL 2.3.1, CCHC 1.1.1 compare issued_on with it).
  issue_due date,
  template text,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint plans_issued check (status = 'draft' or (issued_on is not null and number is not null))
);
create index plans_unit_year on plans (unit_id, year, kind);
-- The indicators read "the" yearly plan of a kind: one issued (or closed) per unit, kind and year.
create unique index plans_one_yearly on plans (unit_id, kind, year)
  where status <> 'draft' and kind in ('pbgdpl', 'cchc');

create table plan_tasks (
  id uuid primary key default gen_random_uuid(),
  plan_id uuid not null references plans (id),
  -- The plan's unit, repeated so that every scoped query reads one table's unit.
  unit_id uuid not null references units (id),
  position integer not null,
  -- "1", "2.a": a task whose code prefixes another's ("2" of "2.a") is a heading, not counted.
  code text not null,
  title text not null,
  content text not null default '',
  lead text not null default '',
  partners text not null default '',
  time_text text not null default '',
  due_on date,
  output text not null default '',
  target text not null default '',
  -- A lower unit given the task (a commune of a province's plan): it sees it and reports on it.
  assignee_unit_id uuid references units (id),
  status text not null default 'not_started'
    check (status in ('not_started', 'in_progress', 'done', 'overdue', 'cancelled')),
  completed_on date,
  progress_note text not null default '',
  evidence_note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint plan_tasks_code unique (plan_id, code),
  constraint plan_tasks_done check ((status = 'done') = (completed_on is not null))
);
create index plan_tasks_plan on plan_tasks (plan_id, position);
create index plan_tasks_assignee on plan_tasks (assignee_unit_id);
