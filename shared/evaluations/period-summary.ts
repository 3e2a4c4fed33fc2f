/**
 * The area summary of a period (the data of Mẫu 09 "bản tổng hợp thông tin, số liệu thực hiện tiêu
 * chí, chỉ tiêu trên địa bàn" and the counts of Mẫu 10): per criterion and indicator, how many
 * communes reached the maximum (or passed) and the average points, from the server's results.
 * Pure; exact decimals.
 */
import Decimal from 'decimal.js';
import type { z } from 'zod';
import type { periodSummaryResponse, summaryRowResponse } from '../appraisal/appraisal.contract.ts';
import type { EvaluationResult, ResultNode } from '../scoring/types.ts';

/** One node of the area summary (shared/appraisal/appraisal.contract.ts). */
export type SummaryRow = z.output<typeof summaryRowResponse>;

/** The area summary of a period, as GET /api/periods/:id/summary sends it. */
export type PeriodSummary = z.output<typeof periodSummaryResponse>;

export type SummaryInput = { state: string; result: EvaluationResult | null };

/** Aggregates the results of a period's communes, criteria and indicators (two levels). */
export function summarisePeriod(evaluations: SummaryInput[], maxDepth = 2): PeriodSummary {
  const rows = new Map<string, SummaryRow & { sum: Decimal }>();
  const scored = evaluations.filter((e) => e.result);
  for (const { result } of scored) {
    const walk = (nodes: ResultNode[], depth: number) => {
      for (const node of nodes) {
        let row = rows.get(node.code);
        if (!row) {
          row = {
            code: node.code,
            title: node.title,
            depth,
            max: node.max,
            communes: 0,
            atMax: 0,
            passed: 0,
            average: null,
            sum: new Decimal(0),
          };
          rows.set(node.code, row);
        }
        row.communes++;
        if (node.points !== null) {
          row.sum = row.sum.plus(node.points);
          if (node.max !== null && new Decimal(node.points).gte(node.max)) row.atMax++;
        }
        if (node.passed) row.passed++;
        if (depth < maxDepth) walk(node.children, depth + 1);
      }
    };
    walk(result!.criteria, 1);
  }
  const decided = evaluations.filter(
    (e) => e.state === 'decided_achieved' || e.state === 'decided_not_achieved',
  );
  const achieved = decided.filter((e) => e.state === 'decided_achieved').length;
  return {
    communes: evaluations.length,
    scored: scored.length,
    recognised: scored.filter((e) => e.result!.recognised === true).length,
    decidedAchieved: achieved,
    decidedTotal: decided.length,
    percentAchieved: decided.length
      ? trim(new Decimal(achieved).times(100).div(decided.length).toDecimalPlaces(2))
      : null,
    rows: [...rows.values()].map(({ sum, ...row }) => ({
      ...row,
      average: row.max !== null && row.communes ? trim(sum.div(row.communes).toDecimalPlaces(2)) : null,
    })),
  };
}

function trim(value: Decimal): string {
  return value
    .toFixed()
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}
