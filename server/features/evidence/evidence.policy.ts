import { isSelfAssessmentEditable } from '@shared/evaluations/state-machine.ts';
import type { BusinessClock } from '@server/platform/clock/clock.ts';
import type { EvaluationRow } from '@server/features/evaluations/evaluations.repo.ts';
import { selfAssessmentLock } from '@server/features/evaluations/evaluations.policy.ts';

type EvaluationForEvidence = Pick<
  EvaluationRow,
  'state' | 'self_assessment_due' | 'reopened_until' | 'submitted_at' | 'registration_due' | 'registered_at'
>;

/**
 * Why evidence cannot be added at `clock`, or null when it can: while the self-assessment is editable,
 * and during an explanation round, when the appraisers asked the commune to explain "with new
 * evidence" (state 'returned').
 */
export function evidenceLock(evaluation: EvaluationForEvidence, clock: BusinessClock): string | null {
  if (evaluation.state === 'returned') return null;
  if (!isSelfAssessmentEditable(evaluation.state))
    return 'Hồ sơ đã chốt, không thêm hoặc xóa được tài liệu kiểm chứng.';
  return selfAssessmentLock(evaluation, clock);
}

/**
 * Why this file cannot be deleted at `clock`, or null. During an explanation round only the files added
 * in that round can go: what was submitted with the dossier is what the appraisers relied on.
 */
export function evidenceDeleteLock(
  evaluation: EvaluationForEvidence,
  file: { created_at: Date },
  clock: BusinessClock,
): string | null {
  const lock = evidenceLock(evaluation, clock);
  if (lock) return lock;
  if (
    evaluation.state === 'returned' &&
    evaluation.submitted_at &&
    file.created_at <= evaluation.submitted_at
  ) {
    return 'Tài liệu đã nộp cùng hồ sơ không xóa được khi giải trình; chỉ xóa được tài liệu bổ sung.';
  }
  return null;
}
