import type { Rank } from '@shared/evaluations/ranking.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import type { EvaluationRow } from '@server/features/evaluations/evaluations.repo.ts';

type ResultsRow = Pick<
  EvaluationRow,
  'id' | 'unit_id' | 'unit_name' | 'unit_code' | 'state' | 'self_result' | 'appraised_result'
>;

/**
 * The period's results table: each commune's self-assessed and appraised totals, and its rank among
 * every appraised commune of the period ("xếp 8/18", from rankPeriod), best first.
 */
export function presentPeriodResults({ rows, ranks }: { rows: ResultsRow[]; ranks: Map<string, Rank> }) {
  const results = rows.map((r) => {
    const self = r.self_result as EvaluationResult | null;
    const appraised = r.appraised_result as EvaluationResult | null;
    const rank = ranks.get(r.id);
    return {
      evaluationId: r.id,
      unit: { id: r.unit_id, name: r.unit_name, code: r.unit_code },
      state: r.state,
      selfTotal: self?.total ?? null,
      appraisedTotal: appraised?.total ?? null,
      recognised: appraised?.recognised ?? null,
      rank: rank?.rank ?? null,
      rankOf: rank?.of ?? null,
    };
  });
  return results.sort(
    (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.unit.name.localeCompare(b.unit.name, 'vi'),
  );
}
