import { describe, expect, it } from 'vitest';
import { rankPeriod } from './ranking.ts';

describe('rankPeriod', () => {
  it('ranks higher totals first; exactly equal decimals share a rank and the next one skips', () => {
    const ranks = rankPeriod([
      { evaluationId: 'a', total: '84.66' },
      { evaluationId: 'b', total: '90' },
      { evaluationId: 'c', total: '84.660' },
      { evaluationId: 'd', total: '84.6599999999999999' },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({
      b: { rank: 1, of: 4 },
      a: { rank: 2, of: 4 },
      c: { rank: 2, of: 4 },
      d: { rank: 4, of: 4 },
    });
  });

  it('has no rank for a commune without an appraised total', () => {
    expect(rankPeriod([{ evaluationId: 'a', total: '1' }]).get('x')).toBeUndefined();
  });
});
