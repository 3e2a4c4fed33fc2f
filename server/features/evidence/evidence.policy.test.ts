import { describe, expect, it } from 'vitest';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { evidenceDeleteLock, evidenceLock } from './evidence.policy.ts';

// A fixed business clock: the policy reads no clock of its own.
const clock = { now: new Date('2026-11-10T03:00:00Z'), today: '2026-11-10' };
const submittedAt = new Date('2026-11-01T00:00:00Z');
const evaluation = (state: EvaluationState, due = '2026-11-15', reopened: Date | null = null) => ({
  state,
  self_assessment_due: due,
  reopened_until: reopened,
  submitted_at: state === 'draft' ? null : submittedAt,
  registration_due: null,
  registered_at: null,
});

describe('evidence policy', () => {
  it('allows adding evidence while the self-assessment is editable and during an explanation round', () => {
    expect(evidenceLock(evaluation('draft'), clock)).toBeNull();
    expect(evidenceLock(evaluation('returned'), clock)).toBeNull();
    expect(
      evidenceLock(evaluation('draft', '2020-01-01', new Date('2026-11-11T03:00:00Z')), clock),
    ).toBeNull();
  });

  it('refuses after the deadline and in every other state', () => {
    expect(evidenceLock(evaluation('draft', '2020-01-01'), clock)).toContain('Đã quá hạn tự đánh giá');
    for (const state of [
      'submitted',
      'posted',
      'under_appraisal',
      'appraised',
      'decided_achieved',
      'decided_not_achieved',
    ] as const) {
      expect(evidenceLock(evaluation(state), clock)).toBe(
        'Hồ sơ đã chốt, không thêm hoặc xóa được tài liệu kiểm chứng.',
      );
    }
  });

  it('during explanation, deletes only what was added after submission', () => {
    const returned = evaluation('returned');
    expect(evidenceDeleteLock(returned, { created_at: new Date('2026-10-30T00:00:00Z') }, clock)).toContain(
      'chỉ xóa được tài liệu bổ sung',
    );
    expect(evidenceDeleteLock(returned, { created_at: new Date('2026-11-02T00:00:00Z') }, clock)).toBeNull();
    expect(
      evidenceDeleteLock(evaluation('draft'), { created_at: new Date('2020-01-01T00:00:00Z') }, clock),
    ).toBeNull();
  });
});
