-- A stored framework version is immutable: scores, documents and decisions refer to it by id, so
-- changing it would silently rewrite history. Editing a framework creates a new version; the
-- database itself refuses any UPDATE, whatever code (or person at a SQL prompt) attempts it.
-- Deleting a version referenced by an evaluation period is already refused by the foreign key
-- evaluation_periods.framework_version_id (no "on delete" clause).
create function refuse_framework_version_update() returns trigger
language plpgsql as $$
begin
  raise exception using
    errcode = 'restrict_violation',
    message = format(
      'Phiên bản bộ tiêu chí %s phiên bản %s là bất biến, không được sửa. Hãy nhập bộ tiêu chí đã sửa để tạo phiên bản mới.',
      old.code, old.version
    );
end;
$$;

create trigger framework_versions_immutable
  before update on framework_versions
  for each row execute function refuse_framework_version_update();
