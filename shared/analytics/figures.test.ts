import { describe, expect, it } from 'vitest';
import { histogram, ranking, type FactRow, type ResultSummary } from './figures.ts';

function row(id: string, unit: string, total: string | null, extra: Partial<FactRow> = {}): FactRow {
  const appraised =
    total === null
      ? null
      : ({
          total,
          max: '100',
          recognised: null,
          recognitionExplanation: '',
          failed: [],
          historical: false,
        } satisfies ResultSummary);
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
});
