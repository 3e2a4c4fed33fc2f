-- The analytics dashboard's on-time rate of a province's communes (tthc.onTime over a year, one grouped
-- query, ADR 0018) reads dossiers by (unit_id, resolved_on); with the dates it tests in the index the
-- read is index-only instead of ≈ 100,000 random heap reads for a province of 168 communes at 10 M
-- dossiers. It replaces the index on the same key without the included columns.
drop index tthc_dossiers_unit_resolved;
create index tthc_dossiers_unit_resolved on tthc_dossiers (unit_id, resolved_on)
  include (received_on, due_on, status_kind);
