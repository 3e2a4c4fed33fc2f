import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import type { Db } from '@server/db/client.ts';
import { findLatestFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

export const FIXTURE_NARRATIVE = {
  advantages: 'Được sự quan tâm của lãnh đạo.',
  difficulties: 'Công chức kiêm nhiệm.',
  goals: 'Đẩy mạnh tuyên truyền.',
};

/** The same sample input and its score for every fixture of a framework: computed once (the
 * generated access test builds hundreds of evaluations). */
const samples = new Map<string, { selfInput: unknown; result: ReturnType<typeof scoreEvaluation> }>();
function sampleOf(code: string, framework: ReturnType<typeof getBuiltinFramework>) {
  let sample = samples.get(code);
  if (!sample) {
    const selfInput = sampleEvaluationInput(framework, seededRandom(11), 1);
    sample = { selfInput, result: scoreEvaluation(framework, selfInput) };
    samples.set(code, sample);
  }
  return sample;
}

/**
 * A period organised by `organiser` with one evaluation of `commune` already in `state`, built
 * directly in the database (for tests that start mid-cycle, e.g. the generated access test).
 */
export async function createEvaluationInState(
  db: Db,
  input: {
    organiser: { id: string };
    commune: { id: string };
    state: EvaluationState;
    frameworkCode?: string;
    registrationDue?: string;
  },
) {
  const code = input.frameworkCode ?? 'TCPL-2021';
  const version = (await findLatestFrameworkVersion(db, code))!;
  const framework = getBuiltinFramework(code);
  const today = todayInVietnam();
  const period = await db
    .insertInto('evaluation_periods')
    .values({
      unit_id: input.organiser.id,
      year: 2026,
      name: `Kỳ thử ${code}`,
      evaluating_level: 'province',
      framework_version_id: version.id,
      registration_due: input.registrationDue ?? null,
      self_assessment_due: addDays(today, 10),
      submission_due: addDays(today, 20),
      appraisal_due: addDays(today, 30),
      decision_due: addDays(today, 40),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { selfInput, result } = sampleOf(code, framework);
  const submitted = input.state !== 'draft';
  const posted = ['posted', 'under_appraisal', 'returned', 'appraised'].includes(input.state);
  const evaluation = await db
    .insertInto('evaluations')
    .values({
      period_id: period.id,
      unit_id: input.commune.id,
      state: input.state,
      self_input: JSON.stringify(selfInput),
      self_result: JSON.stringify(result),
      narrative: JSON.stringify(FIXTURE_NARRATIVE),
      submitted_snapshot: submitted
        ? JSON.stringify({ input: selfInput, result, narrative: FIXTURE_NARRATIVE })
        : null,
      submitted_at: submitted ? new Date() : null,
      posted_from: posted ? (input.state === 'posted' ? today : addDays(today, -6)) : null,
      posted_until: posted ? (input.state === 'posted' ? addDays(today, 4) : addDays(today, -2)) : null,
      appraisal_round: ['under_appraisal', 'returned', 'appraised'].includes(input.state) ? 1 : 0,
      appraised_result: input.state === 'appraised' ? JSON.stringify(result) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { periodId: period.id, evaluationId: evaluation.id };
}
