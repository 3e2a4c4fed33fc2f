-- Reopening a submitted or appraised dossier for correction (issue #16 item 3, ADR 0019): the
-- reviewer's reason, the state it was reopened from, when and by whom. Kept on the evaluation so the
-- commune reads the reason on its page; the audit row keeps the same and the verdicts it set aside.
alter table evaluations add column correction_reason text;
alter table evaluations add column correction_from_state text;
alter table evaluations add column correction_at timestamptz;
alter table evaluations add column correction_by uuid references users (id);
