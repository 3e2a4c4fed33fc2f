-- Biểu 06 of a province for a year reads every dossier of its communes received in the year or
-- carried into it. These two covering indexes hold every column the counting conditions read
-- (server/features/tthc/tthc.counting.repo.ts), so the two ranges are index-only scans that never
-- visit the table's pages (docs/BENCHMARKS.md, "Sổ TTHC — Biểu 06").
create index tthc_dossiers_received_cover on tthc_dossiers (received_on)
  include (resolved_on, due_on, unit_id, field, channel, status_kind);
create index tthc_dossiers_open_cover on tthc_dossiers (resolved_on, received_on)
  include (due_on, unit_id, field, channel, status_kind);
