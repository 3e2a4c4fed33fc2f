-- Mẫu 03 sorts each answer to a citizen's comment into "tiếp thu" (accepted) or "giải trình"
-- (explained). The commune now states which one explicitly; it used to be guessed from whether the
-- text began with "Tiếp thu".
alter table public_comments add column response_kind text
  check (response_kind in ('accepted', 'explained'));

-- Answers written before this column existed: derived once, by the rule the document used then.
update public_comments
set response_kind = case when response ~* '^\s*tiếp thu' then 'accepted' else 'explained' end
where response is not null;

-- An answer always says which of the two it is.
alter table public_comments add constraint public_comments_response_kind_required
  check (response is null or response_kind is not null);
