import type { EvaluationState, WorkflowStep } from '@shared/evaluations/state-machine.ts';

/** One row of GET /api/periods (server/features/periods/periods.presenter.ts presentPeriod). */
export type PeriodListItem = {
  id: string;
  year: number;
  name: string;
  evaluatingLevel: 'district' | 'province';
  selfAssessmentDue: string;
  submissionDue: string;
  appraisalDue: string;
  decisionDue: string;
  unitName: string;
  frameworkCode: string;
  frameworkName: string;
  /** The steps of the period's framework (stepsOf its workflow flags). */
  steps: WorkflowStep[];
  /** canReadAreaSummary: the area aggregate (Mẫu 09) is for the organiser's level, not a commune. */
  abilities: { canManage: boolean; canReadAreaSummary: boolean };
};

/** One row of GET /api/periods/:id/results, ranked by the server. */
export type PeriodResult = {
  evaluationId: string;
  unit: { id: string; name: string; code: string };
  state: EvaluationState;
  selfTotal: string | null;
  appraisedTotal: string | null;
  recognised: boolean | null;
  rank: number | null;
  rankOf: number | null;
};

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';

/** GET /api/periods/:id/council (server/features/council/council.presenter.ts presentCouncil). */
export type Council = {
  id: string;
  periodId: string;
  name: string;
  quorum: number;
  members: {
    id: string;
    fullName: string;
    position: string;
    councilRole: CouncilRole;
    userId: string | null;
    /** The linked account's username (null: not linked, the member cannot record his own opinion). */
    username: string | null;
  }[];
  meetings: {
    id: string;
    mode: 'meeting' | 'written';
    heldOn: string;
    location: string | null;
    presentMemberIds: string[];
    quorumMet: boolean;
    conclusions: string | null;
    startTime: string | null;
    endTime: string | null;
    chairMemberId: string | null;
    secretaryMemberId: string | null;
    opinions: Opinion[];
  }[];
};

export type Opinion = {
  memberId: string;
  evaluationId: string;
  opinion: 'achieved' | 'not_achieved';
  comment: string | null;
  /** "Ghi thay theo …" when the secretary recorded it for the member. */
  proxyNote: string | null;
  recordedBy: string | null;
};

/** GET /api/periods/:id/council/candidates: accounts that may be linked to a member. */
export type CouncilCandidate = { id: string; username: string; fullName: string; roles: string[] };

type DecisionUnit = { name: string; code: string; total: string | null };

/** GET /api/public/periods/:id/decision. */
export type PublicDecision = {
  number: string;
  signedOn: string;
  signerName: string;
  signerTitle: string;
  issuingUnit: string;
  year: number;
  periodName: string;
  achieved: DecisionUnit[];
  notAchieved: DecisionUnit[];
  summary: { achieved: number; total: number; percent: string };
};

/** The built-in frameworks, offered only if GET /api/frameworks cannot be read (the server decides anyway). */
export const FRAMEWORK_OPTIONS = [
  { code: 'TCPL-2025', label: 'Chuẩn tiếp cận pháp luật (QĐ 27/2025/QĐ-TTg)' },
  { code: 'TCPL-2021', label: 'Chuẩn tiếp cận pháp luật (QĐ 25/2021/QĐ-TTg)' },
  { code: 'CCHC-XA-MAU', label: 'Chỉ số cải cách hành chính cấp xã (mẫu)' },
] as const;

/** The problems of a 400 answer, by form field (the server names fields like `unitIds` or `members.0.fullName`). */
export function problemsByField(problems: { field: string; message: string }[] | undefined) {
  const map = new Map<string, string[]>();
  for (const p of problems ?? []) {
    const key = p.field.split('.')[0] ?? p.field;
    map.set(key, [...(map.get(key) ?? []), p.message]);
  }
  return map;
}
