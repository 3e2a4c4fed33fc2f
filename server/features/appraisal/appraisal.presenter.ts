import Decimal from 'decimal.js';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import type { EvaluationRow } from '@server/features/evaluations/evaluations.repo.ts';

type ResultsRow = Pick<
  EvaluationRow,
  'id' | 'unit_id' | 'unit_name' | 'unit_code' | 'state' | 'self_result' | 'appraised_result'
>;

/** The period's results table: each commune's self-assessed and appraised totals, and its rank. */
export function presentPeriodResults(rows: ResultsRow[]) {
  const results = rows.map((r) => {
    const self = r.self_result as EvaluationResult | null;
    const appraised = r.appraised_result as EvaluationResult | null;
    return {
      evaluationId: r.id,
      unit: { id: r.unit_id, name: r.unit_name, code: r.unit_code },
      state: r.state,
      selfTotal: self?.total ?? null,
      appraisedTotal: appraised?.total ?? null,
      recognised: appraised?.recognised ?? null,
      rank: null as number | null,
      rankOf: null as number | null,
    };
  });
  // Ranks count only appraised communes; equal totals share a rank ("xếp 8/18").
  const ranked = results
    .filter((r) => r.appraisedTotal !== null)
    .sort((a, b) => new Decimal(b.appraisedTotal!).cmp(new Decimal(a.appraisedTotal!)));
  ranked.forEach((r, i) => {
    const previous = ranked[i - 1];
    r.rank =
      previous && new Decimal(previous.appraisedTotal!).eq(new Decimal(r.appraisedTotal!))
        ? previous.rank
        : i + 1;
    r.rankOf = ranked.length;
  });
  return results.sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unit.name.localeCompare(b.unit.name, 'vi'),
  );
}
