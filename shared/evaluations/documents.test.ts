import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import { evaluationFormsAt, formApplies, PERIOD_FORMS } from './documents.ts';

const none = { submitted: false, posted: false, appraised: false };
const tcpl2021 = getBuiltinFramework('TCPL-2021');
const tcpl2025 = getBuiltinFramework('TCPL-2025');
const cchc = getBuiltinFramework('CCHC-XA-MAU');

describe('official forms', () => {
  it('offers each evaluation form once its step is reached', () => {
    expect(evaluationFormsAt(tcpl2021, none)).toEqual([]);
    expect(evaluationFormsAt(tcpl2021, { ...none, submitted: true })).toEqual(['mau-01', 'mau-02']);
    expect(evaluationFormsAt(tcpl2021, { submitted: true, posted: true, appraised: true })).toEqual([
      'mau-01',
      'mau-02',
      'mau-03',
      'mau-07',
    ]);
    expect(evaluationFormsAt(cchc, { submitted: true, posted: false, appraised: true })).toEqual([
      'cchc-deductions',
    ]);
  });

  it('has the period forms of the framework’s cycle only (Mẫu 05, 06 need a council step)', () => {
    expect(PERIOD_FORMS.filter((f) => formApplies(f, tcpl2021))).toEqual([
      'mau-05',
      'mau-06',
      'mau-08',
      'mau-09',
      'mau-10',
    ]);
    // The area summary (Mẫu 09) exists for the pass-model framework too.
    expect(PERIOD_FORMS.filter((f) => formApplies(f, tcpl2025))).toEqual(['mau-09']);
    expect(PERIOD_FORMS.filter((f) => formApplies(f, cchc))).toEqual([]);
  });
});
