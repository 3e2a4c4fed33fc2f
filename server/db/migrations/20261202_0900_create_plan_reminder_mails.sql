-- Reminder e-mails of plan tasks (issue #14 item 5): at most one per account per day. The daily run
-- claims a row before sending, so a retried or concurrent run never mails anyone twice.
create table plan_reminder_mails (
  user_id uuid not null references users (id),
  sent_on date not null,
  tasks integer not null,
  created_at timestamptz not null default now(),
  primary key (user_id, sent_on)
);
