import { describe, expect, it } from 'vitest';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { postingNotOverRefusal, registrationRefusal, selfAssessmentLock } from './evaluations.policy.ts';

// A fixed business clock: the policy reads no clock of its own.
const clock = { now: new Date('2026-11-10T03:00:00Z'), today: '2026-11-10' };
const evaluation = (
  state: EvaluationState = 'draft',
  overrides: Partial<{
    self_assessment_due: string;
    reopened_until: Date | null;
    registration_due: string | null;
    registered_at: Date | null;
  }> = {},
) => ({
  state,
  self_assessment_due: '2026-11-15',
  reopened_until: null,
  registration_due: null,
  registered_at: null,
  ...overrides,
});

describe('self-assessment lock', () => {
  it('is open for a draft until the end of its deadline day, and while reopened', () => {
    expect(selfAssessmentLock(evaluation(), clock)).toBeNull();
    expect(selfAssessmentLock(evaluation('draft', { self_assessment_due: '2026-11-10' }), clock)).toBeNull();
    expect(
      selfAssessmentLock(
        evaluation('draft', {
          self_assessment_due: '2026-11-01',
          reopened_until: new Date('2026-11-10T04:00:00Z'),
        }),
        clock,
      ),
    ).toBeNull();
  });

  it('locks after the deadline, once the reopening has passed, before registration and after submission', () => {
    expect(selfAssessmentLock(evaluation('draft', { self_assessment_due: '2026-11-09' }), clock)).toContain(
      'Đã quá hạn tự đánh giá (09/11/2026)',
    );
    expect(
      selfAssessmentLock(
        evaluation('draft', {
          self_assessment_due: '2026-11-01',
          reopened_until: new Date('2026-11-10T02:00:00Z'),
        }),
        clock,
      ),
    ).toContain('Đã quá hạn tự đánh giá');
    expect(selfAssessmentLock(evaluation('draft', { registration_due: '2026-11-12' }), clock)).toContain(
      'chưa đăng ký',
    );
    expect(selfAssessmentLock(evaluation('submitted'), clock)).toContain('Hồ sơ đã chốt');
  });
});

describe('registration', () => {
  it('is possible for a draft until the registration deadline, once', () => {
    expect(
      registrationRefusal(evaluation('draft', { registration_due: '2026-11-10' }), clock.today),
    ).toBeNull();
    expect(
      registrationRefusal(evaluation('draft', { registration_due: '2026-11-09' }), clock.today),
    ).toContain('Đã quá hạn đăng ký');
    expect(
      registrationRefusal(
        evaluation('draft', { registration_due: '2026-11-12', registered_at: new Date() }),
        clock.today,
      ),
    ).toContain('đã đăng ký');
    expect(registrationRefusal(evaluation('draft'), clock.today)).toContain('không có bước đăng ký');
  });
});

describe('sending for appraisal', () => {
  it('waits for the last posting day to pass', () => {
    expect(postingNotOverRefusal({ state: 'posted', posted_until: '2026-11-10' }, clock.today)).toContain(
      'Chưa hết thời gian niêm yết (đến hết ngày 10/11/2026)',
    );
    expect(postingNotOverRefusal({ state: 'posted', posted_until: '2026-11-09' }, clock.today)).toBeNull();
    expect(postingNotOverRefusal({ state: 'submitted', posted_until: null }, clock.today)).toBeNull();
  });
});
