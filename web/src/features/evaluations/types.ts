import type { CommentResponseKind } from '@shared/evaluations/evaluations.schemas.ts';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import type { FactDef, FrameworkNode, WorkflowFlags } from '@shared/frameworks/model.ts';
import type { EvaluationInput, EvaluationResult, ResultNode } from '@shared/scoring/types.ts';

/** One row of GET /api/evaluations. */
export type EvaluationListItem = {
  id: string;
  state: EvaluationState;
  stateLabel: string;
  /** The framework's family: the legal-access standard or the administrative-reform index. */
  family: 'tcpl' | 'cchc';
  unit: { id: string; name: string; code: string };
  period: {
    id: string;
    name: string;
    year: number;
    selfAssessmentDue: string | null;
    submissionDue: string | null;
  };
  selfTotal: string | null;
  appraisedTotal: string | null;
  /** Last day of the public posting, once posted. */
  postingUntil: string | null;
  /** Citizens' comments still without the commune's response. */
  unansweredComments: number;
};

export type Verdict = {
  round: number;
  nodeCode: string;
  verdict: 'accept' | 'adjust' | 'explain';
  points: string | null;
  passed: boolean | null;
  reason: string | null;
  explanation: string | null;
};

/** The verdict in force for an indicator: this round's, or carried forward from an earlier round. */
export type AppliedVerdict = Omit<Verdict, 'explanation'> & { carriedForward: boolean };

export type Difference = {
  code: string;
  title: string;
  self: string | null;
  appraised: string | null;
  selfPassed: boolean | null;
  appraisedPassed: boolean | null;
  reason: string | null;
};

/** GET /api/evaluations/:id (server/features/evaluations/evaluations.presenter.ts). */
export type EvaluationDetail = {
  id: string;
  version: number;
  state: EvaluationState;
  stateLabel: string;
  unit: { id: string; name: string; code: string };
  period: {
    id: string;
    name: string;
    year: number;
    deadlines: {
      selfAssessment: string | null;
      submission: string | null;
      appraisal: string | null;
      decision: string | null;
    };
    postingDays: number;
  };
  framework: {
    id: string;
    code: string;
    version: number;
    name: string;
    model: 'points' | 'pass';
    family: 'tcpl' | 'cchc';
    workflow: WorkflowFlags;
    facts: FactDef[];
    nodes: FrameworkNode[];
  };
  selfInput: EvaluationInput | null;
  selfResult: EvaluationResult | null;
  /** Only in the answer to a save: values the server could not read and left out, in plain words. */
  inputIssues?: { inputId: string; nodeCode: string | null; message: string }[];
  narrative: Record<string, string> | null;
  submittedAt: string | null;
  posting: { from: string; until: string | null } | null;
  appraisalRound: number;
  appraisedResult: EvaluationResult | null;
  verdicts: Verdict[];
  appliedVerdicts: AppliedVerdict[];
  differences: Difference[];
  lockedReason: string | null;
  /** Present when the period has a registration step. */
  registration: { due: string; registeredAt: string | null } | null;
  reopenedUntil: string | null;
  abilities: {
    canEdit: boolean;
    canSubmit: boolean;
    canPost: boolean;
    canSend: boolean;
    /** The posting period is still running: the send button is shown disabled until it ends. */
    sendWaitsForPosting: boolean;
    canExplain: boolean;
    canAppraise: boolean;
    canReturn: boolean;
    canRespondToComments: boolean;
    canRegister: boolean;
  };
};

export type PublicComment = {
  id: string;
  authorName: string;
  authorContact: string | null;
  content: string;
  response: string | null;
  /** Tiếp thu or giải trình, chosen by the commune (Mẫu 03). */
  responseKind: CommentResponseKind | null;
  respondedAt: string | null;
  createdAt: string;
};

export type { ResultNode, EvaluationResult, EvaluationInput };
