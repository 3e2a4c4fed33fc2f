/** Pure rules of the appraisal (no database, no HTTP). */

export type StoredVerdict = {
  round: number;
  node_code: string;
  verdict: 'accept' | 'adjust' | 'explain';
  points: string | null;
  passed: boolean | null;
  reason: string | null;
};

/**
 * The verdict that currently applies to each indicator: this round's if the reviewer gave one,
 * otherwise the latest "accept" or "adjust" of an earlier round, carried forward with its points and
 * reason (the same rule appraisedInput scores by: an earlier "explain" was answered and decides
 * nothing). Indicators with neither are absent: the self-assessed value stands.
 */
export function appliedVerdicts(verdicts: StoredVerdict[], currentRound: number) {
  const applied = new Map<string, StoredVerdict>();
  for (const v of [...verdicts].sort((a, b) => a.round - b.round)) {
    if (v.round > currentRound) continue;
    if (v.round === currentRound || v.verdict === 'accept' || v.verdict === 'adjust')
      applied.set(v.node_code, v);
  }
  return [...applied.values()].map((v) => ({
    nodeCode: v.node_code,
    verdict: v.verdict,
    points: v.points,
    passed: v.passed,
    reason: v.reason,
    /** The round that gave it; below the current round when carried forward. */
    round: v.round,
    carriedForward: v.round < currentRound,
  }));
}
