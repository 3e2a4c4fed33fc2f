/**
 * The rank of a commune in its period ("xếp thứ 8/18"): a fact about the period, so it is taken
 * among ALL appraised communes of the period, whoever asks. The results screen and the CCHC
 * document both rank through here.
 */
import Decimal from 'decimal.js';

/** One appraised total of the period (exact decimal string), keyed by its evaluation. */
export type PeriodTotal = { evaluationId: string; total: string };

export type Rank = { rank: number; of: number };

/**
 * Ranks every total, higher first, compared as exact decimals ("84.660" equals "84.66"); equal
 * totals share a rank and the next rank skips (1, 1, 3).
 */
export function rankPeriod(totals: readonly PeriodTotal[]): Map<string, Rank> {
  const sorted = totals
    .map((t) => ({ id: t.evaluationId, total: new Decimal(t.total) }))
    .sort((a, b) => b.total.cmp(a.total));
  const ranks = new Map<string, Rank>();
  sorted.forEach((t, i) => {
    const previous = sorted[i - 1];
    const rank = previous && previous.total.eq(t.total) ? ranks.get(previous.id)!.rank : i + 1;
    ranks.set(t.id, { rank, of: sorted.length });
  });
  return ranks;
}
