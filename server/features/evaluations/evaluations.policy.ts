import { isSelfAssessmentEditable } from '@shared/evaluations/state-machine.ts';
import { formatDate } from '@shared/format/vi.ts';
import type { BusinessClock } from '@server/platform/clock/clock.ts';
import type { EvaluationRow } from './evaluations.repo.ts';

/** Why the self-assessment cannot be edited at `clock` (registered when required, a draft, before the deadline
 * or while reopened), or null when it can. */
export function selfAssessmentLock(
  evaluation: Pick<
    EvaluationRow,
    'state' | 'self_assessment_due' | 'reopened_until' | 'registration_due' | 'registered_at'
  >,
  clock: BusinessClock,
): string | null {
  if (!isSelfAssessmentEditable(evaluation.state))
    return 'Hồ sơ đã chốt, không sửa được kết quả tự đánh giá.';
  if (evaluation.registration_due && !evaluation.registered_at) {
    return `Đơn vị chưa đăng ký tham gia kỳ đánh giá (hạn đăng ký ${formatDate(evaluation.registration_due)}). Chủ tịch UBND đăng ký trước khi tự đánh giá.`;
  }
  const reopened = evaluation.reopened_until && evaluation.reopened_until > clock.now;
  if (!reopened && clock.today > evaluation.self_assessment_due) {
    return `Đã quá hạn tự đánh giá (${formatDate(evaluation.self_assessment_due)}). Liên hệ Sở Tư pháp để được mở lại.`;
  }
  return null;
}

/** Why the commune cannot register on `today` ('YYYY-MM-DD'), or null when it can (only when the period has a
 * registration step). */
export function registrationRefusal(
  evaluation: Pick<EvaluationRow, 'state' | 'registration_due' | 'registered_at'>,
  today: string,
): string | null {
  if (!evaluation.registration_due) return 'Kỳ đánh giá này không có bước đăng ký.';
  if (evaluation.registered_at) return 'Đơn vị đã đăng ký tham gia kỳ đánh giá.';
  if (!isSelfAssessmentEditable(evaluation.state)) return 'Hồ sơ không còn ở bước tự đánh giá.';
  if (today > evaluation.registration_due) {
    return `Đã quá hạn đăng ký (${formatDate(evaluation.registration_due)}). Liên hệ cơ quan tổ chức đánh giá.`;
  }
  return null;
}

/** Why the posting period is not over on `today`, so the dossier cannot be sent yet; null when it can go. */
export function postingNotOverRefusal(
  evaluation: Pick<EvaluationRow, 'state' | 'posted_until'>,
  today: string,
): string | null {
  if (evaluation.state === 'posted' && evaluation.posted_until && today <= evaluation.posted_until) {
    return `Chưa hết thời gian niêm yết (đến hết ngày ${formatDate(evaluation.posted_until)}); chưa gửi hồ sơ được.`;
  }
  return null;
}
