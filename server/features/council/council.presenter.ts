import { ROLE_LABELS } from '@shared/access/roles.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import { quorumOf } from '@shared/evaluations/council.ts';
import type {
  CandidateRow,
  CouncilRecord,
  DecidedEvaluationRow,
  OpinionRow,
  PublishedDecisionRow,
} from './council.repo.ts';

export function presentOpinion(o: OpinionRow) {
  return {
    memberId: o.member_id,
    evaluationId: o.evaluation_id,
    opinion: o.opinion,
    comment: o.comment,
    proxyNote: o.proxy_note,
    recordedBy: o.recorded_by_name,
  };
}

/** One entry per account, with its roles and units ("Thư ký Hội đồng đánh giá — Tỉnh Thái Nguyên"). */
export function presentCandidates(rows: CandidateRow[]) {
  const byUser = new Map<string, { id: string; username: string; fullName: string; roles: string[] }>();
  for (const r of rows) {
    const entry = byUser.get(r.id) ?? { id: r.id, username: r.username, fullName: r.full_name, roles: [] };
    entry.roles.push(`${ROLE_LABELS[r.role]} — ${r.unit_name}`);
    byUser.set(r.id, entry);
  }
  return [...byUser.values()];
}

/** The council as GET /api/periods/:id/council answers it: members, quorum, meetings and their opinions. */
export function presentCouncil({ council, members, meetings }: CouncilRecord) {
  return {
    id: council.id,
    periodId: council.period_id,
    name: council.name,
    quorum: quorumOf(members.length),
    members: members.map((m) => ({
      id: m.id,
      fullName: m.full_name,
      position: m.position,
      councilRole: m.council_role,
      userId: m.user_id,
      username: m.username,
    })),
    meetings: meetings.map((m) => ({
      id: m.id,
      mode: m.mode,
      heldOn: m.held_on,
      location: m.location,
      presentMemberIds: m.present_member_ids,
      quorumMet: m.quorum_met,
      conclusions: m.conclusions,
      startTime: m.start_time,
      endTime: m.end_time,
      chairMemberId: m.chair_member_id,
      secretaryMemberId: m.secretary_member_id,
      opinions: m.opinions.map(presentOpinion),
    })),
  };
}

/** The published decision with its lists of units achieved and not achieved (Mẫu 08 data), and the Mẫu 10 counts. */
export function presentPublicDecision(decision: PublishedDecisionRow, rows: DecidedEvaluationRow[]) {
  const sortVi = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');
  const present = (r: DecidedEvaluationRow) => ({
    name: r.name,
    code: r.code,
    total: (r.appraised_result as EvaluationResult | null)?.total ?? null,
  });
  const achieved = rows
    .filter((r) => r.state === 'decided_achieved')
    .map(present)
    .sort(sortVi);
  const notAchieved = rows
    .filter((r) => r.state === 'decided_not_achieved')
    .map(present)
    .sort(sortVi);
  const total = achieved.length + notAchieved.length;
  return {
    number: decision.number,
    signedOn: decision.signed_on,
    signerName: decision.signer_name,
    signerTitle: decision.signer_title,
    issuingUnit: decision.unit_name,
    year: decision.year,
    periodName: decision.period_name,
    achieved,
    notAchieved,
    summary: {
      achieved: achieved.length,
      total,
      percent: total ? ((achieved.length * 100) / total).toFixed(2).replace(/\.?0+$/, '') : '0',
    },
  };
}
