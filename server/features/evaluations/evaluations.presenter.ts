import { can, type Actor } from '@shared/access/actor.ts';
import { NODE_KIND_LABELS } from '@shared/frameworks/labels.ts';
import type { Framework, FrameworkNode, InputDef } from '@shared/frameworks/model.ts';
import type { StoredFramework } from '@server/features/frameworks/frameworks.catalog.ts';
import { STATE_LABELS, nextState } from '@shared/evaluations/state-machine.ts';
import type { EvaluationResult, InputIssue, ResultNode } from '@shared/scoring/index.ts';
import type { BusinessClock } from '@server/platform/clock/clock.ts';
import type { EvaluationListRow, EvaluationRow } from './evaluations.repo.ts';
import { postingNotOverRefusal, registrationRefusal, selfAssessmentLock } from './evaluations.policy.ts';
import type { presentEvidence } from '@server/features/evidence/evidence.presenter.ts';
import { boundInputsOf, evaluationRange, measureRowsLink } from '@shared/evaluations/bound-inputs.ts';
import { MEASURES, type ComputedInput, type InputOverride } from '@shared/registers/measures.ts';
import { appliedVerdicts } from '@server/features/appraisal/appraisal.policy.ts';

type Verdict = {
  round: number;
  node_code: string;
  verdict: 'accept' | 'adjust' | 'explain';
  points: string | null;
  passed: boolean | null;
  reason: string | null;
  explanation: string | null;
};

/** Self-assessed and appraised values of every node side by side, with each difference's reason. */
export function compareResults(
  self: EvaluationResult | null,
  appraised: EvaluationResult | null,
  verdicts: Verdict[],
) {
  if (!self || !appraised) return [];
  const appraisedByCode = new Map<string, ResultNode>();
  const walk = (nodes: ResultNode[], into: (n: ResultNode) => void) => {
    for (const n of nodes) {
      into(n);
      walk(n.children, into);
    }
  };
  walk(appraised.criteria, (n) => appraisedByCode.set(n.code, n));
  const latestReason = new Map<string, string>();
  for (const v of verdicts) if (v.verdict === 'adjust' && v.reason) latestReason.set(v.node_code, v.reason);
  const rows: {
    code: string;
    title: string;
    self: string | null;
    appraised: string | null;
    selfPassed: boolean | null;
    appraisedPassed: boolean | null;
    reason: string | null;
  }[] = [];
  walk(self.criteria, (n) => {
    const other = appraisedByCode.get(n.code);
    if (!other) return;
    if (n.points !== other.points || n.passed !== other.passed) {
      rows.push({
        code: n.code,
        title: n.title,
        self: n.points,
        appraised: other.points,
        selfPassed: n.passed,
        appraisedPassed: other.passed,
        reason: latestReason.get(n.code) ?? null,
      });
    }
  });
  return rows;
}

/**
 * One row of the evaluations list: the commune, the period and its deadlines, the framework's family, both
 * totals, and the citizens' comments still waiting for the commune's response.
 */
export function presentEvaluationListItem(r: EvaluationListRow) {
  return {
    id: r.id,
    state: r.state,
    stateLabel: STATE_LABELS[r.state],
    family: r.family,
    unit: { id: r.unit_id, name: r.unit_name, code: r.unit_code },
    period: {
      id: r.period_id,
      name: r.period_name,
      year: r.year,
      selfAssessmentDue: r.self_assessment_due,
      submissionDue: r.submission_due,
    },
    selfTotal: (r.self_result as EvaluationResult | null)?.total ?? null,
    appraisedTotal: (r.appraised_result as EvaluationResult | null)?.total ?? null,
    postingUntil: r.posted_until,
    unansweredComments: Number(r.unanswered_comments ?? 0),
  };
}

/** The evaluation as the UI needs it: data, server-computed results, differences and the actor's abilities. */
export function presentEvaluation(
  actor: Actor,
  e: EvaluationRow,
  framework: StoredFramework,
  verdicts: Verdict[],
  assignments: { node_code: string; user_id: string; full_name: string }[],
  evidence: ReturnType<typeof presentEvidence>,
  clock: BusinessClock,
) {
  const self = (e.self_result as EvaluationResult | null) ?? null;
  const appraised = (e.appraised_result as EvaluationResult | null) ?? null;
  const lock = selfAssessmentLock(e, clock);
  const canSubmitRole = can(actor, 'assessments.submit', e.unit_path);
  const canAppraiseRole = can(actor, 'appraisals.edit', e.unit_path);
  const allowed = (action: Parameters<typeof nextState>[1]) =>
    nextState(e.state, action, framework.workflow, 'achieved') !== null;
  return {
    id: e.id,
    version: e.version,
    state: e.state,
    stateLabel: STATE_LABELS[e.state],
    unit: { id: e.unit_id, name: e.unit_name, code: e.unit_code },
    period: {
      id: e.period_id,
      name: e.period_name,
      year: e.year,
      deadlines: {
        selfAssessment: e.self_assessment_due,
        submission: e.submission_due,
        appraisal: e.appraisal_due,
        decision: e.decision_due,
      },
      postingDays: e.posting_days,
    },
    framework: {
      id: framework.id,
      code: framework.code,
      version: framework.version,
      name: framework.name,
      model: framework.model,
      family: framework.family,
      contentHash: framework.contentHash,
    },
    selfInput: e.self_input,
    selfResult: self,
    boundInputs: presentBoundInputs(e, framework),
    notes: e.notes,
    narrative: e.narrative,
    submittedAt: e.submitted_at,
    posting: e.posted_from ? { from: e.posted_from, until: e.posted_until } : null,
    appraisalRound: e.appraisal_round,
    appraisedResult: appraised,
    verdicts: verdicts.map((v) => ({
      round: v.round,
      nodeCode: v.node_code,
      verdict: v.verdict,
      points: v.points,
      passed: v.passed,
      reason: v.reason,
      explanation: v.explanation,
    })),
    /** Per indicator, the verdict in force now (this round's, or carried from an earlier round). */
    appliedVerdicts: appliedVerdicts(verdicts, e.appraisal_round),
    differences: compareResults(self, appraised, verdicts),
    assignments: assignments.map((a) => ({
      nodeCode: a.node_code,
      userId: a.user_id,
      fullName: a.full_name,
    })),
    // Evidence is recommended, not required for submission: the UI shows the count.
    evidence: { byNode: evidence.byNode, count: evidence.count },
    lockedReason: lock,
    registration: e.registration_due ? { due: e.registration_due, registeredAt: e.registered_at } : null,
    reopenedUntil: e.reopened_until,
    correction:
      e.correction_reason && e.correction_from_state && e.correction_at
        ? {
            reason: e.correction_reason,
            fromState: e.correction_from_state,
            fromStateLabel: STATE_LABELS[e.correction_from_state],
            at: e.correction_at,
          }
        : null,
    abilities: {
      canEdit: lock === null && can(actor, 'assessments.edit', e.unit_path),
      canSubmit: canSubmitRole && allowed('submit') && lock === null,
      canPost: canSubmitRole && allowed('post'),
      canSend: canSubmitRole && allowed('send'),
      // The button stays visible but disabled while the posting period runs (the server refuses it then).
      sendWaitsForPosting: postingNotOverRefusal(e, clock.today) !== null,
      canExplain: can(actor, 'assessments.edit', e.unit_path) && allowed('explain'),
      canAppraise: canAppraiseRole && allowed('appraise'),
      canReturn: canAppraiseRole && allowed('return'),
      canRespondToComments: can(actor, 'comments.respond', e.unit_path),
      canRegister: canSubmitRole && registrationRefusal(e, clock.today) === null,
      canUploadEvidence: evidence.canUpload,
      canReopenForCorrection: canAppraiseRole && allowed('reopen-correction'),
    },
  };
}

/** Each bound input's measure, computed value, override and the link to the rows it counted. */
function presentBoundInputs(e: EvaluationRow, framework: Framework) {
  const computed = e.computed_inputs as Record<string, ComputedInput>;
  const overrides = e.input_overrides as Record<string, InputOverride>;
  const range = evaluationRange(e.year);
  return Object.fromEntries(
    boundInputsOf(framework).map((b) => {
      const c = computed[b.inputId] ?? null;
      return [
        b.inputId,
        {
          measure: b.measure,
          measureLabel: MEASURES[b.measure].label,
          rowsNoun: MEASURES[b.measure].rows,
          computed: c,
          override: overrides[b.inputId] ?? null,
          // The range of the stored figure when there is one, so the list is the rows it counted.
          link: measureRowsLink(e.unit_id, b.measure, c ? { from: c.from, to: c.to } : range, c?.ref),
        },
      ];
    }),
  );
}

/** Every input of the framework with the node it belongs to. */
function inputsOf(framework: Framework): Map<string, { def: InputDef; node: FrameworkNode }> {
  const out = new Map<string, { def: InputDef; node: FrameworkNode }>();
  const walk = (nodes: FrameworkNode[]) => {
    for (const node of nodes) {
      for (const def of node.inputs ?? []) out.set(def.id, { def, node });
      walk(node.children ?? []);
    }
  };
  walk(framework.nodes);
  return out;
}

/** How an officer recognises an input: "Chỉ tiêu 3.2, “Tổ hòa giải được hỗ trợ kinh phí / tổng số”". */
export function describeInput(framework: Framework, inputId: string): string {
  const entry = inputsOf(framework).get(inputId);
  return entry ? `${NODE_KIND_LABELS[entry.node.kind]} ${entry.node.code}, “${entry.def.label}”` : inputId;
}

/**
 * Values left out of a save, one per input, in the officer's words: the indicator, the input's label, the
 * part of a ratio concerned and the problem — never the internal field path.
 */
export function presentInputIssues(framework: Framework, issues: InputIssue[]) {
  const inputs = inputsOf(framework);
  const seen = new Set<string>();
  const out: { inputId: string; nodeCode: string | null; message: string }[] = [];
  for (const issue of issues) {
    if (!issue.inputId || seen.has(issue.inputId)) continue;
    seen.add(issue.inputId);
    const def = inputs.get(issue.inputId)?.def;
    const detail = issue.detail ?? issue.message;
    const part = issue.field.endsWith('.numerator')
      ? (def?.numeratorLabel ?? 'tử số')
      : issue.field.endsWith('.denominator')
        ? (def?.denominatorLabel ?? 'mẫu số')
        : null;
    out.push({
      inputId: issue.inputId,
      nodeCode: issue.nodeCode,
      message: `${describeInput(framework, issue.inputId)}${part && !detail.startsWith('tử số') ? ` (${part})` : ''}: ${detail}`,
    });
  }
  return out;
}
