import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry';
import { scoreEvaluation } from '../scoring/engine';
import { summarisePeriod } from './period-summary';

const tcpl = getBuiltinFramework('TCPL-2021');
const byCriteria = (points: number[]) =>
  scoreEvaluation(tcpl, {
    points: Object.fromEntries(points.map((p, i) => [String(i + 1), p])),
    facts: { headDisciplined: false },
  });

describe('period summary (Mẫu 09/10 data)', () => {
  it('counts communes at the maximum and averages points exactly, per criterion', () => {
    const summary = summarisePeriod([
      { state: 'decided_achieved', result: byCriteria([10, 30, 14, 20, 25]) },
      { state: 'decided_achieved', result: byCriteria([10, 29.5, 15, 20, 25]) },
      { state: 'decided_not_achieved', result: byCriteria([5, 10, 5, 10, 10]) },
      { state: 'draft', result: null },
    ]);
    expect(summary).toMatchObject({
      communes: 4,
      scored: 3,
      recognised: 2,
      decidedAchieved: 2,
      decidedTotal: 3,
      percentAchieved: '66.67',
    });
    const c1 = summary.rows.find((r) => r.code === '1')!;
    expect(c1).toMatchObject({ max: '10', communes: 3, atMax: 2, average: '8.33' });
    const c2 = summary.rows.find((r) => r.code === '2')!;
    // (30 + 29.5 + 10) / 3 = 23.1666… → 23.17, never a float artefact.
    expect(c2).toMatchObject({ atMax: 1, average: '23.17' });
  });

  it('reports 100% when every decided commune achieved, and nothing when none is decided', () => {
    expect(
      summarisePeriod([{ state: 'decided_achieved', result: byCriteria([10, 30, 15, 20, 25]) }])
        .percentAchieved,
    ).toBe('100');
    expect(summarisePeriod([{ state: 'draft', result: null }]).percentAchieved).toBeNull();
  });
});
