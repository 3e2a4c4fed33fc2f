import { z } from 'zod';
import type { EvaluationInput, EvaluationResult } from '../scoring/types.ts';
import { instant } from '../contract.ts';
import { evidenceByNode } from '../evidence/evidence.contract.ts';
import { EVALUATION_STATES } from './state-machine.ts';
import { computedInputSchema, inputOverrideSchema } from '../registers/measures.ts';

/** Responses of /api/evaluations (server/features/evaluations/evaluations.routes.ts, presenter). */

export const evaluationState = z.enum(EVALUATION_STATES);
const family = z.enum(['tcpl', 'cchc']);
const unitRef = z.object({ id: z.string(), name: z.string(), code: z.string() });
/** Produced by our own scoring engine (shared/scoring), validated there. */
const evaluationResult = z.custom<EvaluationResult>();

/** One row of GET /api/evaluations. */
export const evaluationListItemResponse = z.object({
  id: z.string(),
  state: evaluationState,
  stateLabel: z.string(),
  /** The framework's family: the legal-access standard or the administrative-reform index. */
  family,
  unit: unitRef,
  period: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    selfAssessmentDue: z.string().nullable(),
    submissionDue: z.string().nullable(),
  }),
  selfTotal: z.string().nullable(),
  appraisedTotal: z.string().nullable(),
  /** Last day of the public posting, once posted. */
  postingUntil: z.string().nullable(),
  /** Citizens' comments still without the commune's response. */
  unansweredComments: z.number(),
});
export const evaluationListResponse = z.array(evaluationListItemResponse);

const verdictKind = z.enum(['accept', 'adjust', 'explain']);

export const verdictResponse = z.object({
  round: z.number(),
  nodeCode: z.string(),
  verdict: verdictKind,
  points: z.string().nullable(),
  passed: z.boolean().nullable(),
  reason: z.string().nullable(),
  explanation: z.string().nullable(),
});

/** The verdict in force for an indicator: this round's, or carried forward from an earlier round. */
export const appliedVerdictResponse = z.object({
  nodeCode: z.string(),
  verdict: verdictKind,
  points: z.string().nullable(),
  passed: z.boolean().nullable(),
  reason: z.string().nullable(),
  round: z.number(),
  carriedForward: z.boolean(),
});

/** A node whose self-assessed and appraised values differ, with the appraiser's reason. */
export const differenceResponse = z.object({
  code: z.string(),
  title: z.string(),
  self: z.string().nullable(),
  appraised: z.string().nullable(),
  selfPassed: z.boolean().nullable(),
  appraisedPassed: z.boolean().nullable(),
  reason: z.string().nullable(),
});

/**
 * An input bound to a register measure (ADR 0013): what the register gives (null until first
 * computed), the officer's reason when another value is scored, and the list of the rows counted.
 */
export const boundInputResponse = z.object({
  measure: z.string(),
  measureLabel: z.string(),
  /** The noun of the rows, for "tính từ N hồ sơ". */
  rowsNoun: z.string(),
  computed: computedInputSchema.nullable(),
  override: inputOverrideSchema.nullable(),
  /** The register page listing exactly the rows the measure counted, for this commune and year. */
  link: z.string(),
});

/**
 * GET /api/evaluations/:id, and the answer of every action on it (save, assignments, register, submit,
 * post, send, reopen, verdicts, return, explanations, appraise).
 */
export const evaluationResponse = z.object({
  id: z.string(),
  version: z.number(),
  state: evaluationState,
  stateLabel: z.string(),
  unit: unitRef,
  period: z.object({
    id: z.string(),
    name: z.string(),
    year: z.number(),
    deadlines: z.object({
      selfAssessment: z.string().nullable(),
      submission: z.string().nullable(),
      appraisal: z.string().nullable(),
      decision: z.string().nullable(),
    }),
    postingDays: z.number(),
  }),
  /**
   * The framework the evaluation is scored by, as a reference: its content (criteria, inputs, facts,
   * workflow) is read once per version from GET /api/frameworks/content/:contentHash, cached for good
   * by the browser (issue #18: an evaluation read does not re-send what never changes).
   */
  framework: z.object({
    id: z.string(),
    code: z.string(),
    version: z.number(),
    name: z.string(),
    model: z.enum(['points', 'pass']),
    family,
    contentHash: z.string(),
  }),
  selfInput: z.custom<EvaluationInput>().nullable(),
  selfResult: evaluationResult.nullable(),
  /** Input id → its binding, for every input of the framework bound to a register measure. */
  boundInputs: z.record(z.string(), boundInputResponse),
  notes: z.record(z.string(), z.string()).nullable(),
  narrative: z.record(z.string(), z.string()).nullable(),
  submittedAt: instant.nullable(),
  posting: z.object({ from: z.string(), until: z.string().nullable() }).nullable(),
  appraisalRound: z.number(),
  appraisedResult: evaluationResult.nullable(),
  verdicts: z.array(verdictResponse),
  appliedVerdicts: z.array(appliedVerdictResponse),
  differences: z.array(differenceResponse),
  assignments: z.array(z.object({ nodeCode: z.string(), userId: z.string(), fullName: z.string() })),
  /** Evidence is recommended, not required for submission: the UI shows the count. */
  evidence: z.object({ byNode: evidenceByNode, count: z.number() }),
  lockedReason: z.string().nullable(),
  /** Present when the period has a registration step. */
  registration: z.object({ due: z.string(), registeredAt: instant.nullable() }).nullable(),
  reopenedUntil: instant.nullable(),
  /** The latest reopening for correction of a closed dossier (ADR 0019): why, from which state, when. */
  correction: z
    .object({ reason: z.string(), fromState: z.string(), fromStateLabel: z.string(), at: instant })
    .nullable(),
  abilities: z.object({
    canEdit: z.boolean(),
    canSubmit: z.boolean(),
    canPost: z.boolean(),
    canSend: z.boolean(),
    /** The posting period is still running: the send button is shown disabled until it ends. */
    sendWaitsForPosting: z.boolean(),
    canExplain: z.boolean(),
    canAppraise: z.boolean(),
    canReturn: z.boolean(),
    canRespondToComments: z.boolean(),
    canRegister: z.boolean(),
    canUploadEvidence: z.boolean(),
    /** A province reviewer may reopen this closed dossier for correction (not once decided). */
    canReopenForCorrection: z.boolean(),
  }),
  /** Only in the answer to a save: values the server could not read and left out, in plain words. */
  inputIssues: z
    .array(z.object({ inputId: z.string(), nodeCode: z.string().nullable(), message: z.string() }))
    .optional(),
});
