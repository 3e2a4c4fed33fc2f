import { describe, expect, it } from 'vitest';
import type { EvaluationResult } from '../scoring/types.ts';
import { histogram, nodeStats, ranking, type FactRow } from './figures.ts';

function row(id: string, unit: string, total: string | null, extra: Partial<FactRow> = {}): FactRow {
  const appraised =
    total === null
      ? null
      : ({
          total,
          max: '100',
          criteria: [],
          conditions: [],
          recognised: null,
        } as unknown as EvaluationResult);
  return {
    evaluationId: id,
    periodId: 'p',
    year: 2024,
    state: 'appraised',
    evaluated: { id: unit, name: unit },
    current: { id: unit, name: unit, path: `/n/${unit}/` },
    former: false,
    self: null,
    appraised,
    deadlines: { self_assessment_due: '', submission_due: '', appraisal_due: '', decision_due: '' },
    ...extra,
  };
}

describe('analytics figures', () => {
  it('puts a total equal to the maximum in the last bin and 0 in the first', () => {
    const bins = histogram([row('a', 'A', '100'), row('b', 'B', '0'), row('c', 'C', '89.99')]);
    expect(bins.map((b) => b.count)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect(bins[9]).toMatchObject({ from: '90', to: '100' });
  });

  it('ranks ties together, and a single total is every quartile', () => {
    const { rows, quartiles } = ranking(
      [row('a', 'A', '80'), row('b', 'B', '80.00'), row('c', 'C', '70')],
      [],
    );
    expect(rows.map((r) => [r.unit.name, r.rank])).toEqual([
      ['A', 1],
      ['B', 1],
      ['C', 3],
    ]);
    expect(ranking([row('a', 'A', '80')], []).quartiles).toEqual({ q1: '80', median: '80', q3: '80' });
    expect(quartiles).toEqual({ q1: '75', median: '80', q3: '80' });
  });

  it('counts a pass-model indicator that failed as below the maximum, with no points lost', () => {
    const node = (passed: boolean) => ({
      code: '1.1',
      title: 'Chỉ tiêu',
      kind: 'indicator',
      max: null,
      points: null,
      passed,
      source: 'computed',
      children: [],
    });
    const result = (passed: boolean) =>
      ({
        total: null,
        criteria: [{ ...node(true), code: '1', children: [node(passed)] }],
      }) as unknown as EvaluationResult;
    const stats = nodeStats([
      row('a', 'A', null, { appraised: result(false) }),
      row('b', 'B', null, { appraised: result(true) }),
    ]);
    expect(stats.find((s) => s.code === '1.1')).toMatchObject({
      belowMax: 1,
      pointsLost: '0',
      average: null,
    });
  });
});
