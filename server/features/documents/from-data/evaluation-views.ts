/**
 * View models of one commune's documents (Mẫu 01, 02, 03, 07 and the CCHC deductions report) built
 * from what is stored: the submitted snapshot's engine result and narrative, the appraised result,
 * the public comments, the ranking. Pure: the service loads, these functions only word the data.
 */
import Decimal from 'decimal.js';
import type { RoundingRule } from '@shared/frameworks/model.ts';
import type { EvaluationResult, ResultNode } from '@shared/scoring/types.ts';
import type { Rank } from '@shared/evaluations/ranking.ts';
import type { CchcDeductionsData } from '../cchc-deductions.document.ts';
import type { Mau01Data } from '../mau-01.document.ts';
import type { Mau02Data } from '../mau-02.document.ts';
import type { Mau03Data } from '../mau-03.document.ts';
import type { Mau07Data } from '../mau-07.document.ts';
import type { CriterionRow, IndicatorRow } from '../score-table.ts';
import {
  committeeAgency,
  departmentOf,
  communeUnit,
  properName,
  runningName,
  type UnitRef,
} from './naming.ts';

/** Everything stored about one evaluation that its documents need. */
export type EvaluationFacts = {
  unit: UnitRef;
  /** The commune's parent unit (district or, since 2025, province), for box 1 of the header. */
  parent: UnitRef | null;
  /** The unit organising the period (its committee recognises, its council appraises). */
  organiser: UnitRef;
  year: number;
  /** Display rounding of totals (framework.rounding.display). */
  displayRounding: RoundingRule | null;
  /** The engine result kept in the submitted snapshot. */
  submitted: EvaluationResult;
  narrative: Record<string, string | undefined>;
  /** Date of submission (yyyy-mm-dd, Vietnam time): the date of the commune's documents. */
  submittedOn: string | null;
  submittedBy: string | null;
  appraised: EvaluationResult | null;
  appraisedOn: string | null;
  /** Council name, when the period has one. */
  councilName: string | null;
  councilChair: string | null;
  /** Officer responsible for each indicator (TT 09 Đ6.4), by node code. */
  owners: Record<string, string>;
};

/** Paragraphs of a stored narrative section: one per non-empty line. */
export function paragraphsOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

const isFull = (n: ResultNode) => n.max !== null && n.points !== null && new Decimal(n.points).eq(n.max);

const isHalf = (n: ResultNode) =>
  n.max !== null && n.points !== null && new Decimal(n.points).times(2).gte(n.max);

/**
 * Indicators of a criterion at 50 % of their maximum or more; entered as a whole from a paper
 * report, a full criterion counts all its indicators (as indicatorsAtMax does) and a partial one none.
 */
export function indicatorsAtHalf(criterion: ResultNode): number {
  if (criterion.children.every((c) => c.source === 'not-entered'))
    return isFull(criterion) ? criterion.children.length : 0;
  return criterion.children.filter(isHalf).length;
}

/**
 * Criteria under which Mẫu 01 (TT 09/2021) states "Số chỉ tiêu đạt từ 50% số điểm tối đa trở lên":
 * criterion 5 (tiếp công dân, TTHC, an ninh trật tự), as the form is filled in the published report
 * of phường Long Hoa (shared/domain example 000).
 */
const HALF_LINE_CRITERIA = new Set(['5']);

/**
 * Indicators of a criterion at full points. When the criterion was entered as a whole from a paper
 * report (its indicators "not-entered"), full criterion points mean every indicator was at full
 * points; otherwise only indicators actually scored at their maximum count.
 */
export function indicatorsAtMax(criterion: ResultNode): number {
  if (criterion.children.every((c) => c.source === 'not-entered') && isFull(criterion))
    return criterion.children.length;
  return criterion.children.filter(isFull).length;
}

/** The total as the framework displays it, and whether display rounding changed it. */
export function displayTotal(total: string, rule: RoundingRule | null): { value: string; rounded: boolean } {
  if (!rule) return { value: total, rounded: false };
  const exact = new Decimal(total);
  const value = exact.toDecimalPlaces(
    rule.decimals,
    rule.mode === 'down' ? Decimal.ROUND_DOWN : Decimal.ROUND_HALF_UP,
  );
  // The engine states "(sau khi làm tròn)" whenever the framework rounds for display; so does the report.
  return { value: value.toString(), rounded: true };
}

const criteriaOf = (r: EvaluationResult) => r.criteria.filter((c) => c.kind === 'criterion');

function requirePoints(result: EvaluationResult) {
  if (result.model !== 'points' || result.total === null || result.max === null)
    throw new Error('Mẫu này chỉ lập được cho bộ tiêu chí chấm điểm.');
  return { total: result.total, max: result.max };
}

/**
 * The header of the commune committee's own documents: its name only, no line for the level above
 * (Nghị định 30/2020 box 2; see parentAgency in naming.ts for the rule and its basis).
 */
function commonHeader(f: EvaluationFacts, date: string | null, symbol?: string) {
  return {
    issuingAgency: committeeAgency(f.unit),
    ...(symbol ? { symbol } : {}),
    place: properName(f.unit),
    ...(date ? { date } : {}),
    year: date ? Number(date.slice(0, 4)) : f.year,
  };
}

const chairmanSignature = (f: EvaluationFacts) => ({
  authority: 'TM. ỦY BAN NHÂN DÂN',
  title: 'CHỦ TỊCH',
  ...(f.submittedBy ? { name: f.submittedBy } : {}),
});

/** Mẫu 01 from the submitted snapshot: per criterion indicators at full points and points, conditions, veto. */
export function mau01View(f: EvaluationFacts): Mau01Data {
  const r = f.submitted;
  const { total, max } = requirePoints(r);
  const unit = runningName(f.unit);
  const organiser = runningName(f.organiser);
  const criteria = criteriaOf(r);
  const veto = r.conditions.find((c) => c.type === 'noVeto');
  const shown = displayTotal(total, f.displayRounding);
  const organisation = paragraphsOf(f.narrative.organisation);
  return {
    header: commonHeader(f, f.submittedOn, 'BC-UBND'),
    unit: communeUnit(f.unit),
    year: f.year,
    addressees: [`Ủy ban nhân dân ${organiser}`],
    intro: organisation.length
      ? organisation
      : [
          `Thực hiện Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ và Thông tư số 09/2021/TT-BTP ngày 15/11/2021 của Bộ trưởng Bộ Tư pháp, Ủy ban nhân dân ${unit} báo cáo kết quả đánh giá chuẩn tiếp cận pháp luật năm ${f.year} như sau:`,
        ],
    criteria: criteria.map((c) => ({
      number: Number(c.code),
      indicatorCount: c.children.length,
      indicatorsAtMax: indicatorsAtMax(c),
      ...(HALF_LINE_CRITERIA.has(c.code) ? { indicatorsAtHalf: indicatorsAtHalf(c) } : {}),
      points: c.points ?? '0',
      maxPoints: c.max ?? '0',
      provisional: c.provisional,
    })),
    conditions: {
      criteriaAtHalf: criteria.filter((c) => c.passed === true).length,
      totalPoints: shown.value,
      totalMax: max,
      totalRounded: shown.rounded,
      // The veto condition is met when no head was disciplined.
      headsDisciplined: veto ? !veto.met : false,
      conditionsMet: r.conditions.filter((c) => c.met).length,
      conditionsTotal: r.conditions.length,
      provisional: r.provisional,
    },
    narrative: {
      strengths: paragraphsOf(f.narrative.advantages),
      limitations: paragraphsOf(f.narrative.difficulties),
      proposals: paragraphsOf(f.narrative.proposals),
      goals: paragraphsOf(f.narrative.goals),
      plans: paragraphsOf(f.narrative.plan),
    },
    recognitionAuthority: `Chủ tịch Ủy ban nhân dân ${organiser}`,
    signature: chairmanSignature(f),
    recipients: { items: [`UBND ${organiser}`, departmentOf(f.organiser, 'Tư pháp')], archive: 'VT' },
  };
}

function measureData(n: ResultNode): { data?: string; rate?: string } {
  const m = n.measure;
  if (!m) return {};
  const data =
    m.numerator !== undefined && m.denominator !== undefined ? `${m.numerator}/${m.denominator}` : undefined;
  const rate = m.kind === 'percent' && m.value !== null ? m.value : undefined;
  return { ...(data ? { data } : {}), ...(rate ? { rate } : {}) };
}

/** Indicator rows of a criterion; a criterion entered as a whole has one row saying so. */
function indicatorRows(
  criterion: ResultNode,
  owners: Record<string, string>,
  appraised?: Map<string, ResultNode>,
): IndicatorRow[] {
  const scored = criterion.children.filter((c) => c.source !== 'not-entered' && c.points !== null);
  const wholeFull = scored.length === 0 && isFull(criterion);
  if (scored.length === 0 && !wholeFull) {
    const a = appraised?.get(criterion.code);
    return [
      {
        code: criterion.code,
        content: 'Điểm của tiêu chí nhập theo báo cáo, không chấm riêng từng chỉ tiêu',
        rules: [],
        maxPoints: criterion.max ?? '0',
        points: criterion.points ?? '0',
        ...(a?.points != null ? { appraisedPoints: a.points } : {}),
        provisional: criterion.provisional || !!a?.provisional,
      },
    ];
  }
  return criterion.children.map((c) => {
    const a = appraised?.get(c.code);
    // Full criterion points entered as a whole: every indicator was at its maximum.
    const points = c.points ?? (wholeFull ? (c.max ?? '0') : '0');
    const note = a && a.source === 'manual' ? a.explanation : undefined;
    return {
      code: c.code,
      content: c.title,
      rules: [],
      maxPoints: c.max ?? '0',
      ...measureData(c),
      points,
      ...(a ? { appraisedPoints: a.points ?? (wholeFull ? (c.max ?? '0') : '0') } : {}),
      ...(owners[c.code] ? { owner: owners[c.code] } : {}),
      ...(note ? { note } : {}),
      provisional: c.provisional || !!a?.provisional,
    };
  });
}

function nodesByCode(result: EvaluationResult): Map<string, ResultNode> {
  const map = new Map<string, ResultNode>();
  const stack = [...result.criteria];
  while (stack.length) {
    const n = stack.pop()!;
    map.set(n.code, n);
    stack.push(...n.children);
  }
  return map;
}

/** Mẫu 02: the self-assessed score table of the submitted snapshot. */
export function mau02View(f: EvaluationFacts): Mau02Data {
  const r = f.submitted;
  const { total, max } = requirePoints(r);
  const criteria: CriterionRow[] = criteriaOf(r).map((c) => ({
    number: Number(c.code),
    content: c.title,
    maxPoints: c.max ?? '0',
    points: c.points ?? '0',
    provisional: c.provisional,
    indicators: indicatorRows(c, f.owners),
  }));
  return {
    header: commonHeader(f, f.submittedOn),
    unit: communeUnit(f.unit),
    year: f.year,
    criteria,
    total: { maxPoints: max, points: total, provisional: r.provisional },
    signature: chairmanSignature(f),
  };
}

/** Mẫu 07: the Council's appraised table beside the self-assessed points. */
export function mau07View(f: EvaluationFacts): Mau07Data {
  if (!f.appraised) throw new Error('Hồ sơ chưa được thẩm định.');
  const self = f.submitted;
  const { total } = requirePoints(self);
  const appraisedTotal = requirePoints(f.appraised);
  const byCode = nodesByCode(f.appraised);
  const organiser = runningName(f.organiser);
  const criteria = criteriaOf(self).map((c) => ({
    number: Number(c.code),
    content: c.title,
    maxPoints: c.max ?? '0',
    points: c.points ?? '0',
    appraisedPoints: byCode.get(c.code)?.points ?? '0',
    provisional: c.provisional || !!byCode.get(c.code)?.provisional,
    indicators: indicatorRows(c, {}, byCode).map((i) => ({
      ...i,
      appraisedPoints: i.appraisedPoints ?? '0',
    })),
  }));
  return {
    header: {
      parentAgency: `UBND ${organiser.toUpperCase()}`,
      issuingAgency: (
        f.councilName ?? `Hội đồng đánh giá chuẩn tiếp cận pháp luật ${organiser}`
      ).toUpperCase(),
      place: properName(f.organiser),
      ...(f.appraisedOn ? { date: f.appraisedOn } : {}),
      year: f.appraisedOn ? Number(f.appraisedOn.slice(0, 4)) : f.year,
    },
    council: f.councilName ?? `Hội đồng đánh giá chuẩn tiếp cận pháp luật ${organiser}`,
    unit: communeUnit(f.unit),
    year: f.year,
    criteria,
    total: {
      maxPoints: appraisedTotal.max,
      points: total,
      appraisedPoints: appraisedTotal.total,
      provisional: self.provisional || f.appraised.provisional,
    },
    signature: {
      authority: 'TM. HỘI ĐỒNG',
      title: 'CHỦ TỊCH',
      ...(f.councilChair ? { name: f.councilChair } : {}),
    },
  };
}

/** A public comment and the commune's answer, as stored. */
export type StoredComment = {
  author: string;
  content: string;
  response: string | null;
  /** The commune's explicit choice, stored with the response. */
  kind: 'accepted' | 'explained' | null;
};

/**
 * Mẫu 03 from the posting dates and the comments. Each answer is tiếp thu or giải trình as the
 * commune chose when answering (never guessed from its wording). Unanswered comments are refused by
 * the service before this is called.
 */
export function mau03View(
  f: EvaluationFacts,
  posting: { from: string; to: string },
  comments: StoredComment[],
): Mau03Data {
  const unit = runningName(f.unit);
  return {
    header: commonHeader(f, posting.to),
    unit: communeUnit(f.unit),
    year: f.year,
    posting: {
      from: posting.from,
      to: posting.to,
      places: [
        `trụ sở Ủy ban nhân dân ${unit}`,
        'trang công khai của Hệ thống đánh giá chuẩn tiếp cận pháp luật',
      ],
    },
    comments: comments.map((c) => ({
      content: c.content,
      author: c.author,
      accepted: c.kind === 'accepted',
      response: c.response ?? '',
    })),
    signature: chairmanSignature(f),
  };
}

/** One item that lost points: the deepest scored nodes below their maximum, with the engine's explanation. */
export function lostItems(
  result: EvaluationResult,
): { code: string; title: string; lost: string; max: string; reason: string; provisional: boolean }[] {
  const items: ReturnType<typeof lostItems> = [];
  const visit = (n: ResultNode) => {
    const scoredChildren = n.children.filter((c) => c.points !== null && c.source !== 'not-entered');
    if (scoredChildren.length) {
      n.children.forEach(visit);
      return;
    }
    if (n.kind === 'adjustment' || n.max === null || n.points === null) return;
    const lost = new Decimal(n.max).minus(n.points);
    if (lost.gt(0)) {
      items.push({
        code: n.code,
        title: n.title,
        lost: lost.toString(),
        max: n.max,
        reason: n.explanation,
        provisional: n.provisional,
      });
    }
  };
  result.criteria.forEach(visit);
  return items;
}

/** What the CCHC report needs besides the evaluation: the index decision and the commune's rank in the period. */
export type CchcContext = {
  decision: { number: string; date: string; issuer: string } | null;
  /** From rankPeriod (shared/evaluations/ranking.ts) over every appraised commune of the period. */
  rank: Rank | undefined;
  /** Remediation tasks when stored; absent → the report says none were recorded. */
  remediation?: { general: string[]; departments: { department: string; tasks: string[] }[] };
  /** Date of the report (yyyy-mm-dd). */
  date: string;
};

/** The CCHC deductions report: total and rank, each item that lost points with points lost / maximum and why. */
export function cchcDeductionsView(f: EvaluationFacts, c: CchcContext): CchcDeductionsData {
  if (!f.appraised || f.appraised.total === null) throw new Error('Hồ sơ chưa được thẩm định.');
  const organiser = runningName(f.organiser);
  if (!c.rank) throw new Error('Đơn vị chưa có điểm thẩm định.');
  const { rank, of } = c.rank;
  const deductions = lostItems(f.appraised).map((i) => ({
    code: i.code,
    title: i.title,
    pointsLost: `-${i.lost}`,
    maxPoints: i.max,
    reason: i.reason,
    provisional: i.provisional,
  }));
  const unit = runningName(f.unit);
  const tasks = c.remediation;
  return {
    header: commonHeader(f, c.date, 'BC-UBND'),
    unit: communeUnit(f.unit),
    year: f.year,
    decision: c.decision
      ? { ...c.decision, subject: `về việc công bố Chỉ số cải cách hành chính năm ${f.year}` }
      : {
          number: '…',
          date: f.appraisedOn ?? c.date,
          issuer: `UBND ${organiser}`,
          subject: `về việc công bố Chỉ số cải cách hành chính năm ${f.year}`,
        },
    result: {
      points: f.appraised.total,
      rank,
      of,
      peers: 'xã, phường, thị trấn',
      provisional: f.appraised.provisional,
    },
    deductions: deductions.length
      ? deductions
      : [{ code: '—', title: 'Không có tiêu chí nào bị trừ điểm', provisional: false }],
    actionIntro: tasks
      ? `Để khắc phục các tồn tại, hạn chế nêu trên, Ủy ban nhân dân ${unit} đề ra các nhiệm vụ, giải pháp sau:`
      : 'Chưa có nhiệm vụ khắc phục nào được ghi nhận trên hệ thống; Ủy ban nhân dân bổ sung nhiệm vụ, giải pháp và phân công thực hiện khi hoàn thiện báo cáo.',
    generalTasks: tasks?.general ?? [],
    departmentTasks: tasks?.departments ?? [],
    closing: `Trên đây là Báo cáo khắc phục những tồn tại, hạn chế trong công tác cải cách hành chính năm ${f.year} của Ủy ban nhân dân ${unit}./.`,
    signature: chairmanSignature(f),
    recipients: { items: [`UBND ${organiser}`, departmentOf(f.organiser, 'Nội vụ')], archive: 'VT' },
  };
}
