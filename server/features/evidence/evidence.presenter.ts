import { can, type Actor } from '@shared/access/actor.ts';
import { cleanFileName, type EvidenceItem, type EvidenceList } from '@shared/evaluations/evidence.ts';
import type { BusinessClock } from '@server/platform/clock/clock.ts';
import type { EvaluationRow } from '@server/features/evaluations/evaluations.repo.ts';
import type { EvidenceRow } from './evidence.repo.ts';
import { evidenceDeleteLock, evidenceLock } from './evidence.policy.ts';

/** One file as the API shows it: never its storage key. */
export function presentEvidenceItem(
  actor: Actor,
  evaluation: EvaluationRow,
  row: EvidenceRow,
  clock: BusinessClock,
): EvidenceItem {
  return {
    id: row.id,
    nodeCode: row.node_code,
    // Names stored before the current rules are shown under today's (type's extension, no bidi).
    fileName: cleanFileName(row.file_name, row.content_type),
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: { id: row.uploaded_by, fullName: row.uploaded_by_name },
    createdAt: row.created_at.toISOString(),
    canDelete:
      can(actor, 'assessments.edit', evaluation.unit_path) &&
      evidenceDeleteLock(evaluation, row, clock) === null,
  };
}

/** The evaluation's evidence grouped by node code, with whether the actor may add more. */
export function presentEvidence(
  actor: Actor,
  evaluation: EvaluationRow,
  rows: EvidenceRow[],
  clock: BusinessClock,
) {
  const byNode: EvidenceList['byNode'] = {};
  for (const row of rows)
    (byNode[row.node_code] ??= []).push(presentEvidenceItem(actor, evaluation, row, clock));
  return {
    byNode,
    count: rows.length,
    canUpload:
      can(actor, 'assessments.edit', evaluation.unit_path) && evidenceLock(evaluation, clock) === null,
  };
}
