-- The audit trail is append-only in the database itself (docs/adr/0011-audit-anchoring.md): any
-- UPDATE, DELETE or TRUNCATE of audit_log is refused, whatever code or person attempts it. A
-- superuser can still disable these triggers, so each row also carries `mac`, an HMAC of its hash
-- with a key kept outside the database, and the head of the chain is checkpointed outside it.
alter table audit_log add column mac text;

create function refuse_audit_log_change() returns trigger
language plpgsql as $$
begin
  raise exception using
    errcode = 'restrict_violation',
    message = 'Nhật ký thao tác chỉ được ghi thêm: không được sửa, xoá hay làm trống (' || tg_op || ').';
end;
$$;

create trigger audit_log_append_only
  before update or delete on audit_log
  for each row execute function refuse_audit_log_change();

create trigger audit_log_no_truncate
  before truncate on audit_log
  for each statement execute function refuse_audit_log_change();
