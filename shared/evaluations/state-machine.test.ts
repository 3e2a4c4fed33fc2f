import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import { EVALUATION_STATES, nextState, refusal, stepsOf, type EvaluationAction } from './state-machine';

const tcpl = { publicPosting: true, council: true };
const cchc = { publicPosting: false, council: false };

describe('stepsOf', () => {
  it('chooses the steps from the workflow flags of each built-in framework', () => {
    const all = ['self-assessment', 'posting', 'appraisal', 'council', 'decision'];
    expect(stepsOf(getBuiltinFramework('TCPL-2021').workflow)).toEqual(all);
    expect(stepsOf(getBuiltinFramework('TCPL-2017').workflow)).toEqual(all);
    expect(stepsOf(getBuiltinFramework('TCPL-2025').workflow)).toEqual(all.filter((s) => s !== 'council'));
    expect(stepsOf(getBuiltinFramework('CCHC-XA-MAU').workflow)).toEqual([
      'self-assessment',
      'appraisal',
      'decision',
    ]);
  });
});

describe('evaluation state machine', () => {
  it('walks the legal-access cycle through every step', () => {
    expect(nextState('draft', 'submit', tcpl)).toBe('submitted');
    expect(nextState('submitted', 'post', tcpl)).toBe('posted');
    expect(nextState('posted', 'send', tcpl)).toBe('under_appraisal');
    expect(nextState('under_appraisal', 'return', tcpl)).toBe('returned');
    expect(nextState('returned', 'explain', tcpl)).toBe('under_appraisal');
    expect(nextState('under_appraisal', 'appraise', tcpl)).toBe('appraised');
    expect(nextState('appraised', 'decide', tcpl, 'achieved')).toBe('decided_achieved');
    expect(nextState('appraised', 'decide', tcpl, 'not_achieved')).toBe('decided_not_achieved');
  });

  it('skips public posting when the framework has none (CCHC index)', () => {
    expect(nextState('draft', 'submit', cchc)).toBe('under_appraisal');
    expect(nextState('submitted', 'post', cchc)).toBeNull();
    expect(nextState('posted', 'send', cchc)).toBeNull();
  });

  it('refuses every action outside its state, with a Vietnamese reason', () => {
    const actions: EvaluationAction[] = ['submit', 'post', 'send', 'return', 'explain', 'appraise', 'decide'];
    let allowed = 0;
    for (const state of EVALUATION_STATES) {
      for (const action of actions) {
        if (nextState(state, action, tcpl, 'achieved')) allowed++;
      }
    }
    expect(allowed).toBe(7);
    expect(nextState('decided_achieved', 'submit', tcpl)).toBeNull();
    expect(refusal('posted', 'submit')).toBe(
      'Không thể chốt kết quả tự đánh giá khi hồ sơ đang ở trạng thái "Đang niêm yết công khai".',
    );
  });

  it('needs an outcome to decide', () => {
    expect(nextState('appraised', 'decide', tcpl)).toBeNull();
  });

  it('reopens for correction a closed dossier back to self-assessment, never a draft or a decided one', () => {
    const back = EVALUATION_STATES.filter((s) => nextState(s, 'reopen-correction', tcpl) === 'draft');
    expect(back).toEqual(['submitted', 'posted', 'under_appraisal', 'returned', 'appraised']);
    expect(nextState('decided_achieved', 'reopen-correction', tcpl)).toBeNull();
    expect(refusal('decided_not_achieved', 'reopen-correction')).toBe(
      'Không thể mở lại hồ sơ để sửa khi hồ sơ đang ở trạng thái "Không được công nhận".',
    );
  });
});
