import { Alert } from 'antd';
import type { FrameworkNode } from '@shared/frameworks/model.ts';

/**
 * Whether the commune has nothing to enter for this node: a leaf whose rule is a hand-set score
 * (`manual` / `manualPass`) with no inputs. The self-assessment page offers no way to set such a
 * score; it is given by the evaluating body at appraisal (a verdict "Điều chỉnh"), e.g. CCHC 8.1,
 * scored from the satisfaction survey.
 */
export function isReviewerScored(node: FrameworkNode): boolean {
  const manual = node.rule?.type === 'manual' || node.rule?.type === 'manualPass';
  return manual && !node.children?.length && !node.inputs?.length;
}

/** "Chỉ tiêu này do cơ quan đánh giá chấm …; xã không nhập", shown in place of the inputs. */
export function ReviewerScoredNote({ node }: { node: FrameworkNode }) {
  if (!isReviewerScored(node)) return null;
  // The satisfaction survey is the basis of CCHC 8.1; the framework's guidance ("Nhập điểm…") is
  // written for the reviewer and would mislead the commune, so it is not repeated here.
  const basis = /hài lòng/i.test(node.title) ? ' (khảo sát mức độ hài lòng)' : '';
  return (
    <Alert
      type="info"
      showIcon
      data-testid={`reviewer-scored-${node.code}`}
      title={`Chỉ tiêu này do cơ quan đánh giá chấm${basis}; xã không nhập.`}
    />
  );
}
