import { sql } from 'kysely';
import type { PeriodTotal } from '@shared/evaluations/ranking.ts';
import type { Executor } from '@server/db/executor.ts';

/** The verdict already recorded on one indicator in one round, if any (for the audit diff). */
export async function findVerdict(db: Executor, evaluationId: string, round: number, nodeCode: string) {
  return db
    .selectFrom('appraisal_verdicts')
    .select(['verdict', 'points', 'passed', 'reason'])
    .where('evaluation_id', '=', evaluationId)
    .where('round', '=', round)
    .where('node_code', '=', nodeCode)
    .executeTakeFirst();
}

export type VerdictValues = {
  verdict: 'accept' | 'adjust' | 'explain';
  points: string | null;
  passed: boolean | null;
  reason: string | null;
  reviewer_id: string;
  updated_at: Date;
};

/** Records the verdict on one indicator for a round; a second verdict in the same round replaces the first. */
export async function upsertVerdict(
  trx: Executor,
  key: { evaluationId: string; unitId: string; round: number; nodeCode: string },
  values: VerdictValues,
) {
  await trx
    .insertInto('appraisal_verdicts')
    .values({
      evaluation_id: key.evaluationId,
      unit_id: key.unitId,
      round: key.round,
      node_code: key.nodeCode,
      ...values,
    })
    .onConflict((oc) => oc.columns(['evaluation_id', 'round', 'node_code']).doUpdateSet(values))
    .execute();
}

/** The indicators the appraiser asked the commune to explain in a round. */
export async function findExplanationRequests(db: Executor, evaluationId: string, round: number) {
  const rows = await db
    .selectFrom('appraisal_verdicts')
    .select('node_code')
    .where('evaluation_id', '=', evaluationId)
    .where('round', '=', round)
    .where('verdict', '=', 'explain')
    .execute();
  return rows.map((r) => r.node_code);
}

/** Stores the commune's explanation beside the verdict that asked for it. */
export async function recordExplanation(
  trx: Executor,
  key: { evaluationId: string; round: number; nodeCode: string },
  text: string,
  userId: string,
) {
  await trx
    .updateTable('appraisal_verdicts')
    .set({ explanation: text, explained_by: userId, explained_at: new Date() })
    .where('evaluation_id', '=', key.evaluationId)
    .where('round', '=', key.round)
    .where('node_code', '=', key.nodeCode)
    .execute();
}

/** Every verdict of the evaluation, all rounds (the appraised input applies them in round order). */
export async function findVerdictsOfEvaluation(db: Executor, evaluationId: string) {
  return db
    .selectFrom('appraisal_verdicts')
    .select(['round', 'node_code', 'verdict', 'points', 'passed', 'reason'])
    .where('evaluation_id', '=', evaluationId)
    .execute();
}

/**
 * Every appraised total of a period, unscoped but numbers only: a commune's rank is a fact about the
 * whole period (shared/evaluations/ranking.ts), even for an actor who sees fewer communes.
 */
export async function findAppraisedTotalsOfPeriod(db: Executor, periodId: string): Promise<PeriodTotal[]> {
  const total = sql<string | null>`evaluations.appraised_result ->> 'total'`;
  const rows = await db
    .selectFrom('evaluations')
    .select(['evaluations.id', total.as('total')])
    .where('evaluations.period_id', '=', periodId)
    .where(total, 'is not', null)
    .execute();
  return rows.map((r) => ({ evaluationId: r.id, total: r.total! }));
}
