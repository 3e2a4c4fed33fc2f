/**
 * View models of a period's documents (Mẫu 05 council minutes, Mẫu 08 recognition decision,
 * Mẫu 10 report to the higher level) built from the stored council, meeting, opinions, decision
 * and appraised results. Pure: the service loads, these functions only word the data.
 */
import type { HistogramBin } from '@shared/analytics/charts.ts';
import type { LegalDocumentRef } from '@shared/frameworks/model.ts';
import { compareVietnamese, formatDate } from '@shared/format/vi.ts';
import type { PeriodSummary } from '@shared/evaluations/period-summary.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import { COMMUNE_KINDS, UNIT_KIND_NAMES } from '@shared/units/kinds.ts';
import type { Mau05Data } from '../mau-05.document.ts';
import type { Mau06Data } from '../mau-06.document.ts';
import type { Mau08Data } from '../mau-08.document.ts';
import type { Mau09Data } from '../mau-09.document.ts';
import type { Mau10Data } from '../mau-10.document.ts';
import {
  chairmanTitle,
  committeeAgency,
  departmentOf,
  frameworkUnitNoun,
  justiceHead,
  parentAgency,
  properName,
  runningName,
  type UnitRef,
} from './naming.ts';

/** One evaluation of the period, as stored. */
export type PeriodEvaluation = {
  id: string;
  unit: UnitRef;
  state: string;
  selfTotal: string | null;
  appraised: EvaluationResult | null;
  /** The printed result rests on a provisional value (provenance not L): the document marks it. */
  provisional?: boolean;
};

/** Whether a period document printing these units' points marks them "(tạm tính)". */
const anyProvisional = (p: PeriodFacts) =>
  p.evaluations.some((e) => e.provisional || e.appraised?.provisional);

/** The period and its organiser. */
export type PeriodFacts = {
  year: number;
  /** The period's framework code ("TCPL-2021"): it names the units ("xã, phường, thị trấn" or "… đặc khu"). */
  frameworkCode: string;
  organiser: UnitRef;
  organiserParent: UnitRef | null;
  legalBasis: LegalDocumentRef[];
  evaluations: PeriodEvaluation[];
};

export type CouncilFacts = {
  name: string;
  members: { id: string; name: string; position: string; role: string }[];
  meeting: {
    mode: 'meeting' | 'written';
    heldOn: string;
    location: string | null;
    presentMemberIds: string[];
    conclusions: string | null;
    startTime: string | null;
    endTime: string | null;
    /** Who chaired and took the minutes; null on meetings recorded before they were asked. */
    chairMemberId: string | null;
    secretaryMemberId: string | null;
  };
  /** Opinions recorded at that meeting. */
  opinions: {
    memberId: string;
    evaluationId: string;
    opinion: 'achieved' | 'not_achieved';
    comment: string | null;
  }[];
};

export type DecisionFacts = {
  number: string;
  signedOn: string;
  signerName: string;
  signerTitle: string;
};

const byName = (a: PeriodEvaluation, b: PeriodEvaluation) => compareVietnamese(a.unit.name, b.unit.name);

const KIND_NAMES: Record<string, string> = {
  QĐ: 'Quyết định',
  TT: 'Thông tư',
  NĐ: 'Nghị định',
  NQ: 'Nghị quyết',
  CT: 'Chỉ thị',
  Luật: 'Luật',
};

/** Who signs a legal document, from the tail of its number ("QĐ-TTg" → "Thủ tướng Chính phủ"). */
const ISSUERS: [RegExp, string][] = [
  [/-TTg$/, 'Thủ tướng Chính phủ'],
  [/NĐ-CP$/, 'Chính phủ'],
  [/NQ-CP$/, 'Chính phủ'],
  [/-BTP$/, 'Bộ trưởng Bộ Tư pháp'],
  [/-BNV$/, 'Bộ trưởng Bộ Nội vụ'],
  [/QH\d+$/, 'Quốc hội'],
];

/**
 * A "Căn cứ" line's reference: "Quyết định số 25/2021/QĐ-TTg ngày 22 tháng 7 năm 2021 của Thủ tướng
 * Chính phủ quy định về xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật", from the framework's
 * reference { code: "QĐ 25/2021/QĐ-TTg", title: "Quyết định quy định về …", signedOn }. The title
 * repeats the kind of document; it is dropped so the kind is not said twice.
 */
export function legalReference(ref: LegalDocumentRef): string {
  const [kind = '', ...rest] = ref.code.split(' ');
  const number = rest.join(' ');
  const name = KIND_NAMES[kind] ?? kind;
  const subject = ref.title.replace(new RegExp(`^${name}\\s+`, 'iu'), '');
  const issuer = ISSUERS.find(([re]) => re.test(number))?.[1];
  const [y, m, d] = (ref.signedOn ?? '').split('-').map(Number);
  const date = y && m && d ? ` ngày ${d} tháng ${m} năm ${y}` : '';
  return `${name} số ${number}${date}${issuer ? ` của ${issuer}` : ''} ${subject.charAt(0).toLowerCase()}${subject.slice(1)}`;
}

/** Why an appraised commune does not meet the standard: the conditions it misses, in the engine's words. */
export function notAchievedReason(result: EvaluationResult | null): string {
  if (!result) return 'Chưa có kết quả thẩm định';
  const missed = result.conditions.filter((c) => !c.met);
  return missed.length ? missed.map((c) => c.explanation).join('; ') : result.recognitionExplanation;
}

/** Units of the appraisal, self and appraised points; "achieved" by the members' majority when opinions exist. */
export function mau05View(p: PeriodFacts, c: CouncilFacts): Mau05Data {
  const organiser = runningName(p.organiser);
  const present = new Set(c.meeting.presentMemberIds);
  const written = new Set(c.opinions.map((o) => o.memberId));
  // The minutes are signed by whoever chaired and took them, both present (Điều 5 TT 09): never an
  // absent member's name. Older meetings fall back to the chair (or a vice-chair) and the secretary
  // when present.
  const signer = (id: string | null, roles: string[]) => {
    const eligible = (m: { id: string }) => c.meeting.mode === 'written' || present.has(m.id);
    if (id) return c.members.find((m) => m.id === id && eligible(m));
    return roles.map((r) => c.members.find((m) => m.role === r && eligible(m))).find(Boolean);
  };
  const chair = signer(c.meeting.chairMemberId, ['chair', 'vice_chair']);
  const secretary = signer(c.meeting.secretaryMemberId, ['secretary']);
  if (!chair || !secretary)
    throw new Error(
      'Biên bản cần người chủ trì và thư ký có mặt tại cuộc họp; hãy ghi nhận lại cuộc họp và chọn người ký biên bản.',
    );
  const appraised = p.evaluations.filter((e) => e.appraised?.total != null).sort(byName);
  if (appraised.length === 0) throw new Error('Chưa có hồ sơ nào đã thẩm định.');
  const units = appraised.map((e) => {
    const opinions = c.opinions.filter((o) => o.evaluationId === e.id);
    const yes = opinions.filter((o) => o.opinion === 'achieved').length;
    const achieved = opinions.length ? yes * 2 > opinions.length : e.appraised!.recognised === true;
    return {
      name: e.unit.name,
      selfPoints: e.selfTotal ?? '0',
      appraisedPoints: e.appraised!.total!,
      achieved,
      ...(opinions.length ? { note: `${yes}/${opinions.length} ý kiến đạt` } : {}),
    };
  });
  const achievedCount = units.filter((u) => u.achieved).length;
  return {
    provisional: anyProvisional(p),
    header: {
      parentAgency: parentAgency(p.organiser),
      issuingAgency: c.name.toUpperCase(),
      symbol: 'BB-HĐ',
      place: properName(p.organiser),
      date: c.meeting.heldOn,
      year: Number(c.meeting.heldOn.slice(0, 4)),
    },
    council: c.name,
    year: p.year,
    meeting: {
      date: c.meeting.heldOn,
      ...(c.meeting.startTime ? { start: c.meeting.startTime } : {}),
      ...(c.meeting.endTime ? { end: c.meeting.endTime } : {}),
      place: c.meeting.location ?? `trụ sở Ủy ban nhân dân ${organiser}`,
    },
    chair: { name: chair.name, position: chair.position },
    secretary: { name: secretary.name, position: secretary.position },
    members: c.members.map((m) => ({
      name: m.name,
      position: m.position,
      present: c.meeting.mode === 'meeting' && present.has(m.id),
      writtenOpinion:
        c.meeting.mode === 'written' ? written.has(m.id) : !present.has(m.id) && written.has(m.id),
    })),
    discussion: [
      `Hội đồng đã xem xét hồ sơ, kết quả tự đánh giá và kết quả thẩm định của ${units.length} đơn vị; các thành viên cho ý kiến đối với từng đơn vị như sau:`,
    ],
    units,
    conclusions: [
      ...(c.meeting.conclusions ? [c.meeting.conclusions] : []),
      `Hội đồng thống nhất đề nghị Chủ tịch Ủy ban nhân dân ${organiser} công nhận ${achievedCount}/${units.length} đơn vị đạt chuẩn tiếp cận pháp luật năm ${p.year}.`,
    ],
  };
}

function decisionNumber(value: string): { number?: number; symbol: string } {
  const m = /^(\d+)\s*\/\s*(.+)$/.exec(value.trim());
  return m ? { number: Number(m[1]), symbol: m[2]! } : { symbol: 'QĐ-UBND' };
}

const totalOf = (e: PeriodEvaluation) => e.appraised?.total ?? '0';

/** Mẫu 08: the recognition decision with the lists achieved / not achieved, as decided. */
export function mau08View(p: PeriodFacts, d: DecisionFacts): Mau08Data {
  const organiser = runningName(p.organiser);
  const decided = p.evaluations.filter((e) => e.state.startsWith('decided_')).sort(byName);
  return {
    provisional: anyProvisional(p),
    header: {
      issuingAgency: committeeAgency(p.organiser),
      ...decisionNumber(d.number),
      place: properName(p.organiser),
      date: d.signedOn,
      year: Number(d.signedOn.slice(0, 4)),
    },
    year: p.year,
    unitNoun: frameworkUnitNoun(p.frameworkCode),
    authority: `Chủ tịch Ủy ban nhân dân ${organiser}`,
    bases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương',
      ...p.legalBasis.map((ref) => `Căn cứ ${legalReference(ref)}`),
    ],
    considering: `Xét đề nghị của Hội đồng đánh giá chuẩn tiếp cận pháp luật ${organiser}`,
    achieved: decided
      .filter((e) => e.state === 'decided_achieved')
      .map((e) => ({ name: e.unit.name, points: totalOf(e) })),
    notAchieved: decided
      .filter((e) => e.state === 'decided_not_achieved')
      .map((e) => ({ name: e.unit.name, points: totalOf(e), reason: notAchievedReason(e.appraised) })),
    executors: `Chánh Văn phòng Ủy ban nhân dân ${organiser}, ${justiceHead(p.organiser)}, Chủ tịch Ủy ban nhân dân các đơn vị có tên tại Điều 1`,
    // The recognition is a decision of the chairman (Chủ tịch UBND decides, legal-frameworks.md §1.4
    // step 10), who signs it in his own name: "CHỦ TỊCH", not "TM. ỦY BAN NHÂN DÂN", which is how a
    // collective body's documents are signed (ND 30 box 7a).
    signature: { title: chairmanTitle(d.signerTitle), name: d.signerName },
    recipients: { items: ['Như Điều 3', departmentOf(p.organiser, 'Tư pháp')], archive: 'VT' },
  };
}

/** "xã, phường" from the kinds of the units taking part, in the usual order. */
export function unitNoun(units: UnitRef[]): string {
  const kinds = new Set(units.map((u) => u.kind));
  const words = COMMUNE_KINDS.filter((k) => kinds.has(k)).map((k) => UNIT_KIND_NAMES[k].word);
  return words.length ? words.join(', ') : 'xã, phường, thị trấn';
}

/** A unit of the period as the analytics query layer reports it (analytics.service storedPeriodUnits). */
export type PeriodUnitResult = {
  unit: UnitRef;
  /** The total that counts: appraised, else the submitted self-assessment's; null before either. */
  total: string | null;
  decided: boolean;
  achieved: boolean;
};

/**
 * Mẫu 10: the results reported to the higher level (counts and % achieved), from the decision. The
 * units and their figures come from the dashboard's query layer (ADR 0018), `p` gives the wording.
 */
export function mau10View(
  p: PeriodFacts,
  units: PeriodUnitResult[],
  d: DecisionFacts,
  date: string,
): Mau10Data {
  const organiser = runningName(p.organiser);
  if (!units.some((u) => u.decided)) throw new Error('Chưa có đơn vị nào được quyết định công nhận.');
  // Every unit of the period is counted: one left without a decision (possible only in periods
  // decided before ADR 0008 required all units final) is reported as not achieving the standard.
  const all = [...units].sort((a, b) => compareVietnamese(a.unit.name, b.unit.name));
  return {
    provisional: anyProvisional(p),
    // The committee's own report: its name only (ND 30 box 2, see parentAgency in naming.ts).
    header: {
      issuingAgency: committeeAgency(p.organiser),
      symbol: 'BC-UBND',
      place: properName(p.organiser),
      date,
      year: Number(date.slice(0, 4)),
    },
    year: p.year,
    area: organiser,
    unitNoun: unitNoun(all.map((e) => e.unit)),
    frameworkUnits: frameworkUnitNoun(p.frameworkCode),
    addressees: p.organiserParent ? [`Ủy ban nhân dân ${runningName(p.organiserParent)}`] : ['Bộ Tư pháp'],
    direction: [
      `Thực hiện Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ, Ủy ban nhân dân ${organiser} đã chỉ đạo đánh giá, công nhận đạt chuẩn tiếp cận pháp luật năm ${p.year}; kết quả được công nhận tại Quyết định số ${d.number} ngày ${formatDate(d.signedOn)}.`,
    ],
    units: all.map((u) => ({ name: u.unit.name, points: u.total ?? '0', achieved: u.achieved })),
    assessment: [],
    proposals: [],
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: chairmanTitle(d.signerTitle), name: d.signerName },
    recipients: {
      items: [
        ...(p.organiserParent ? [`UBND ${runningName(p.organiserParent)}`] : ['Bộ Tư pháp']),
        departmentOf(p.organiser, 'Tư pháp'),
      ],
      archive: 'VT',
    },
  };
}

/**
 * Mẫu 06 for a Council that appraised in writing: one questionnaire per member who answered (their
 * opinion on each commune) and the summary per commune (opinions counted, other comments, the
 * majority's proposal, as Mẫu 05 counts it). Refused for a Council that met.
 */
export function mau06View(p: PeriodFacts, c: CouncilFacts): Mau06Data {
  if (c.meeting.mode !== 'written')
    throw new Error(
      'Hội đồng thẩm định tại cuộc họp, không lấy ý kiến bằng văn bản: dùng Biên bản họp (Mẫu 05).',
    );
  const organiser = runningName(p.organiser);
  const evaluations = new Map(p.evaluations.map((e) => [e.id, e]));
  const appraised = p.evaluations.filter((e) => e.appraised?.total != null).sort(byName);
  const points = (e: PeriodEvaluation) => ({
    selfPoints: e.selfTotal ?? '0',
    appraisedPoints: e.appraised?.total ?? '0',
  });
  const questionnaires = c.members.flatMap((m) => {
    const own = c.opinions
      .filter((o) => o.memberId === m.id && evaluations.has(o.evaluationId))
      .map((o) => ({ o, e: evaluations.get(o.evaluationId)! }))
      .sort((a, b) => byName(a.e, b.e));
    if (own.length === 0) return [];
    return [
      {
        member: { name: m.name, position: m.position },
        opinions: own.map(({ o, e }) => ({
          unit: e.unit.name,
          ...points(e),
          opinion: o.opinion,
          ...(o.comment?.trim() ? { comment: o.comment.trim() } : {}),
        })),
      },
    ];
  });
  if (questionnaires.length === 0) throw new Error('Chưa có thành viên nào gửi ý kiến thẩm định.');
  const names = new Map(c.members.map((m) => [m.id, m.name]));
  const summary = appraised.map((e) => {
    const opinions = c.opinions.filter((o) => o.evaluationId === e.id);
    const yes = opinions.filter((o) => o.opinion === 'achieved').length;
    return {
      unit: e.unit.name,
      ...points(e),
      achievedOpinions: yes,
      notAchievedOpinions: opinions.length - yes,
      comments: opinions
        .filter((o) => o.comment?.trim())
        .map((o) => `${names.get(o.memberId) ?? ''}: ${o.comment!.trim()}`),
      // Same rule as Mẫu 05: the majority of opinions, else the engine's recognition.
      proposedAchieved: opinions.length ? yes * 2 > opinions.length : e.appraised!.recognised === true,
    };
  });
  if (summary.length === 0) throw new Error('Chưa có hồ sơ nào đã thẩm định.');
  const chair = c.members.find((m) => m.role === 'chair');
  return {
    provisional: anyProvisional(p),
    header: {
      parentAgency: parentAgency(p.organiser),
      issuingAgency: c.name.toUpperCase(),
      place: properName(p.organiser),
      date: c.meeting.heldOn,
      year: Number(c.meeting.heldOn.slice(0, 4)),
    },
    council: c.name || `Hội đồng đánh giá chuẩn tiếp cận pháp luật ${organiser}`,
    year: p.year,
    date: c.meeting.heldOn,
    questionnaires,
    summary,
    membersTotal: c.members.length,
    signature: { authority: 'TM. HỘI ĐỒNG', title: 'CHỦ TỊCH', ...(chair ? { name: chair.name } : {}) },
  };
}

/**
 * Mẫu 09 from the area summary and the distribution of totals of the dashboard's query layer
 * (analytics.service storedPeriodReport; the definitions of shared/evaluations/period-summary.ts):
 * the organising committee's own document.
 */
export function mau09View(
  p: PeriodFacts,
  report: { summary: PeriodSummary; distribution: HistogramBin[] },
  date: string,
): Mau09Data {
  const { summary } = report;
  if (summary.scored === 0) throw new Error('Chưa có đơn vị nào có kết quả chấm điểm.');
  const organiser = runningName(p.organiser);
  return {
    provisional: anyProvisional(p),
    // The committee's own document: its name only (ND 30 box 2, see parentAgency in naming.ts).
    header: {
      issuingAgency: committeeAgency(p.organiser),
      place: properName(p.organiser),
      date,
      year: Number(date.slice(0, 4)),
    },
    year: p.year,
    area: organiser,
    unitNoun: frameworkUnitNoun(p.frameworkCode),
    counts: {
      communes: summary.communes,
      scored: summary.scored,
      recognised: summary.recognised,
      decidedAchieved: summary.decidedAchieved,
      decidedTotal: summary.decidedTotal,
      ...(summary.percentAchieved !== null ? { percentAchieved: summary.percentAchieved } : {}),
    },
    rows: summary.rows.map((r) => ({
      code: r.code,
      title: r.title,
      depth: r.depth,
      ...(r.max !== null ? { max: r.max } : {}),
      communes: r.communes,
      atMax: r.atMax,
      passed: r.passed,
      ...(r.average !== null ? { average: r.average } : {}),
    })),
    distribution: report.distribution,
    signature: { authority: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH' },
  };
}
