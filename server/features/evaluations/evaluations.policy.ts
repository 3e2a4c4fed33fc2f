import type { EvaluationRow } from './evaluations.repo.ts';
import { businessNow, todayInVietnam } from '@server/platform/log/time.ts';
import { formatDate } from '@shared/format/vi.ts';

/** Whether the self-assessment may still be edited: a draft, before the deadline or while reopened. */
export function selfAssessmentLock(
  evaluation: Pick<EvaluationRow, 'state' | 'self_assessment_due' | 'reopened_until'>,
): string | null {
  if (evaluation.state !== 'draft') return 'Hồ sơ đã chốt, không sửa được kết quả tự đánh giá.';
  const reopened = evaluation.reopened_until && evaluation.reopened_until > businessNow();
  if (!reopened && todayInVietnam() > evaluation.self_assessment_due) {
    return `Đã quá hạn tự đánh giá (${formatDate(evaluation.self_assessment_due)}). Liên hệ Sở Tư pháp để được mở lại.`;
  }
  return null;
}
