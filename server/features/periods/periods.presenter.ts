import type { Actor } from '@shared/access/actor.ts';
import { stepsOf } from '@shared/evaluations/state-machine.ts';
import { canManagePeriod, canReadAreaSummary } from './periods.policy.ts';
import type { PeriodListRow } from './periods.repo.ts';

/** One row of GET /api/periods: the period, its organiser and framework, and what the actor may do. */
export function presentPeriod(actor: Actor, row: PeriodListRow) {
  return {
    id: row.id,
    year: row.year,
    name: row.name,
    evaluatingLevel: row.evaluating_level,
    selfAssessmentDue: row.self_assessment_due,
    submissionDue: row.submission_due,
    appraisalDue: row.appraisal_due,
    decisionDue: row.decision_due,
    unitName: row.unit_name,
    frameworkCode: row.framework_code,
    frameworkName: row.framework_name,
    steps: stepsOf(row.workflow),
    abilities: {
      canManage: canManagePeriod(actor, row.unit_path),
      canReadAreaSummary: canReadAreaSummary(actor, row.unit_path),
    },
  };
}
