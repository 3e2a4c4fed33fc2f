-- Pilot findings on the council (ADR 0008).
-- Meeting hours as entered (nothing invented when left empty) and who signs the minutes (Mẫu 05):
-- the person chairing and the secretary, both among the members present.
alter table council_meetings add column start_time text
  check (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
alter table council_meetings add column end_time text
  check (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$');
alter table council_meetings add column chair_member_id uuid references council_members (id);
alter table council_meetings add column secretary_member_id uuid references council_members (id);

-- Who recorded an opinion and, when the secretary wrote it for a member, on what basis ("ghi thay theo …").
alter table council_opinions add column recorded_by uuid references users (id);
alter table council_opinions add column proxy_note text;

-- The order in which the members were named (members inserted together share created_at).
alter table council_members add column rank smallint;
