/**
 * Gap analysis: where points (or passes) were lost, and for each unmet recognition condition the
 * smallest additional points, or the passes, that would meet it. Basis of a later
 * "cheapest path to recognition" screen.
 */
import { Dec, decString, toDec } from '../frameworks/decimal.ts';
import type { Framework, FrameworkNode, Tier } from '../frameworks/model.ts';
import { num, pct } from './explain.ts';
import { indexFramework } from './index-framework.ts';
import type { EvaluationResult, ResultNode } from './types.ts';

const HUNDRED = new Dec(100);

export interface NextStep {
  /** Points gained by this step (points model). */
  gain: string | null;
  /** What to do, in Vietnamese: "Nâng tỷ lệ lên 90% (thêm 3: 45/50) → +0,5 điểm". */
  description: string;
}

export interface LostItem {
  code: string;
  title: string;
  /** Code of the top-level criterion containing the item. */
  criterion: string;
  points: string | null;
  max: string | null;
  /** Points model: max − points. */
  lost: string | null;
  explanation: string;
  provisional: boolean;
  /** The cheapest improvement of this item (next tier, or full marks). */
  nextStep: NextStep;
  /** All the way to full marks / a pass. */
  fullStep: NextStep;
}

export interface ConditionGap {
  code: string;
  title: string;
  /** false when no score change can meet the condition (a veto fact). */
  fixable: boolean;
  /** Points model: the smallest additional points that would meet the condition (per criterion where relevant). */
  neededPoints: string | null;
  perCriterion: { code: string; neededPoints: string | null; failedItems: string[] }[];
  /** Items whose improvement would count towards this condition, cheapest first. */
  candidates: string[];
  explanation: string;
}

export interface GapReport {
  framework: { code: string; version: number };
  recognised: boolean | null;
  /** Leaves that lost points (points model, biggest loss first) or did not pass (pass model). */
  lost: LostItem[];
  /** Unmet recognition conditions. */
  conditions: ConditionGap[];
  /** Whether recognition could still be reached by improving the entered data (no veto). */
  reachable: boolean;
}

/** Lists lost points / failed passes and, per unmet condition, what would meet it. */
export function analyseGaps(framework: Framework, result: EvaluationResult): GapReport {
  const index = indexFramework(framework);
  const isPoints = framework.model === 'points';
  const lost: LostItem[] = [];
  const walk = (r: ResultNode, criterion: string): void => {
    if (r.kind === 'adjustment') return;
    if (r.children.length && r.source !== 'historical-criterion' && r.source !== 'historical-indicator') {
      r.children.forEach((c) => walk(c, criterion));
      return;
    }
    if (r.source === 'not-entered') return;
    const node = index.nodes.get(r.code)?.node;
    if (!node) return;
    if (isPoints) {
      if (r.points === r.max) return;
      const points = toDec(r.points ?? '0');
      const max = toDec(r.max ?? '0');
      if (points.gte(max)) return;
      const gap = max.minus(points);
      const steps = stepsFor(node, r, gap);
      lost.push({
        code: r.code,
        title: r.title,
        criterion,
        points: r.points,
        max: r.max,
        lost: decString(gap),
        explanation: r.explanation,
        provisional: r.provisional,
        ...steps,
      });
    } else if (!r.passed) {
      const how = passStep(node, r);
      lost.push({
        code: r.code,
        title: r.title,
        criterion,
        points: null,
        max: null,
        lost: null,
        explanation: r.explanation,
        provisional: r.provisional,
        nextStep: how,
        fullStep: how,
      });
    }
  };
  result.criteria.forEach((c) => walk(c, c.code));
  if (isPoints)
    lost.sort(
      (a, b) => toDec(b.lost ?? '0').comparedTo(toDec(a.lost ?? '0')) || a.code.localeCompare(b.code),
    );

  const conditions: ConditionGap[] = [];
  const total = toDec(result.total ?? '0');
  for (const c of result.conditions) {
    if (c.met) continue;
    const def = framework.conditions.find((x) => x.code === c.code)!;
    switch (def.type) {
      case 'totalAtLeast': {
        const needed = toDec(def.value).minus(total);
        const candidates = cheapestFirst(lost);
        const available = lost.reduce((s, l) => s.plus(toDec(l.lost ?? '0')), new Dec(0));
        conditions.push({
          code: c.code,
          title: c.title,
          fixable: available.gte(needed),
          neededPoints: decString(needed),
          perCriterion: [],
          candidates: pickUntil(candidates, needed),
          explanation: available.gte(needed)
            ? `Cần thêm ít nhất ${num(needed)} điểm (có thể cải thiện tối đa ${num(available)} điểm)`
            : `Cần thêm ${num(needed)} điểm nhưng chỉ có thể cải thiện tối đa ${num(available)} điểm`,
        });
        break;
      }
      case 'everyCriterionAtLeastPercent': {
        const share = toDec(def.percent).div(HUNDRED);
        const per: ConditionGap['perCriterion'] = [];
        for (const r of result.criteria) {
          if (r.kind === 'adjustment') continue;
          const need = toDec(r.max ?? '0')
            .times(share)
            .minus(toDec(r.points ?? '0'));
          if (need.lte(0)) continue;
          const items = cheapestFirst(lost.filter((l) => l.criterion === r.code));
          per.push({ code: r.code, neededPoints: decString(need), failedItems: pickUntil(items, need) });
        }
        conditions.push({
          code: c.code,
          title: c.title,
          fixable: true,
          neededPoints: decString(per.reduce((s, p) => s.plus(toDec(p.neededPoints ?? '0')), new Dec(0))),
          perCriterion: per,
          candidates: per.flatMap((p) => p.failedItems),
          explanation: per
            .map((p) => `Tiêu chí ${p.code} cần thêm ít nhất ${num(toDec(p.neededPoints ?? '0'))} điểm`)
            .join('; '),
        });
        break;
      }
      case 'everyCriterionPasses': {
        const per: ConditionGap['perCriterion'] = [];
        for (const r of result.criteria) {
          if (r.kind === 'adjustment' || r.passed) continue;
          per.push({ code: r.code, neededPoints: null, failedItems: neededPasses(r) });
        }
        conditions.push({
          code: c.code,
          title: c.title,
          fixable: true,
          neededPoints: null,
          perCriterion: per,
          candidates: per.flatMap((p) => p.failedItems),
          explanation: per
            .map((p) => `Tiêu chí ${p.code} cần đạt thêm: ${p.failedItems.join(', ')}`)
            .join('; '),
        });
        break;
      }
      case 'noVeto':
        conditions.push({
          code: c.code,
          title: c.title,
          fixable: false,
          neededPoints: null,
          perCriterion: [],
          candidates: [],
          explanation: `${c.explanation}. Điều kiện này không khắc phục được bằng điểm số.`,
        });
        break;
    }
  }
  return {
    framework: { code: framework.code, version: framework.version },
    recognised: result.recognised,
    lost,
    conditions,
    reachable: result.recognised !== null && conditions.every((c) => c.fixable),
  };
}

/** Sorts by points lost, biggest first, then by code; each value is parsed once. */
function sortByLoss(items: LostItem[]): LostItem[] {
  const keys = new Map(items.map((i) => [i, toDec(i.lost ?? '0')]));
  return items.sort((a, b) => keys.get(b)!.comparedTo(keys.get(a)!) || a.code.localeCompare(b.code));
}

/** Items ordered by the points their next step gains (largest single gain first). */
function cheapestFirst(items: LostItem[]): LostItem[] {
  const keys = new Map(items.map((i) => [i, toDec(i.nextStep.gain ?? '0')]));
  return [...items].sort((a, b) => keys.get(b)!.comparedTo(keys.get(a)!));
}

/** Greedy: take items (full improvement) until the needed points are covered. */
function pickUntil(items: LostItem[], needed: Dec): string[] {
  const picked: string[] = [];
  let sum = new Dec(0);
  for (const item of sortByLoss([...items])) {
    if (sum.gte(needed)) break;
    picked.push(item.code);
    sum = sum.plus(toDec(item.lost ?? '0'));
  }
  return picked;
}

/** For a failed pass-model node: the failed leaves that must pass (all of them, or enough for "n of m"). */
function neededPasses(r: ResultNode): string[] {
  if (!r.children.length || r.source === 'historical-criterion' || r.source === 'historical-indicator')
    return [r.code];
  return r.children.filter((c) => !c.passed).flatMap(neededPasses);
}

function stepsFor(node: FrameworkNode, r: ResultNode, gap: Dec): { nextStep: NextStep; fullStep: NextStep } {
  const full: NextStep = { gain: decString(gap), description: `Đạt điểm tối đa → +${num(gap)} điểm` };
  const rule = node.rule;
  const m = r.measure;
  if (r.source === 'missing') {
    const d = { gain: decString(gap), description: `Nhập dữ liệu còn thiếu (tối đa +${num(gap)} điểm)` };
    return { nextStep: d, fullStep: d };
  }
  if (r.source === 'historical-criterion' || r.source === 'historical-indicator' || r.source === 'manual')
    return { nextStep: full, fullStep: full };
  if (rule?.type === 'tiers' && m && m.value !== null) {
    // measure.value shows a percent to 2 decimals; the exact percent comes from the ratio itself.
    const amount =
      m.kind === 'percent' && m.numerator !== undefined && m.denominator
        ? toDec(m.numerator).times(HUNDRED).div(toDec(m.denominator))
        : toDec(m.value);
    const points = toDec(r.points ?? '0');
    const next = rule.tiers.find((t: Tier) => toDec(t.min).gt(amount) && toDec(t.points).gt(points));
    if (next) {
      const gain = toDec(next.points).minus(points);
      const target = toDec(next.min);
      let how: string;
      if (m.kind === 'percent' && m.denominator) {
        const den = toDec(m.denominator);
        const needed = target.times(den).div(HUNDRED).ceil();
        how = `Nâng tỷ lệ lên ${pct(target)} (cần ${num(needed)}/${num(den)}, thêm ${num(needed.minus(toDec(m.numerator ?? '0')))})`;
      } else {
        how = `Nâng lên ${num(target)} (thêm ${num(target.minus(amount))})`;
      }
      return {
        nextStep: { gain: decString(gain), description: `${how} → +${num(gain)} điểm` },
        fullStep: full,
      };
    }
  }
  if (rule?.type === 'ratio' && m?.kind === 'percent' && m.denominator && m.numerator) {
    const add = toDec(m.denominator).minus(toDec(m.numerator));
    const d = { gain: decString(gap), description: `Đạt 100% (thêm ${num(add)}) → +${num(gap)} điểm` };
    return { nextStep: d, fullStep: d };
  }
  if (rule?.type === 'deductions') {
    const d = { gain: decString(gap), description: `Khắc phục các nội dung bị trừ điểm → +${num(gap)} điểm` };
    return { nextStep: d, fullStep: d };
  }
  return { nextStep: full, fullStep: full };
}

function passStep(node: FrameworkNode, r: ResultNode): NextStep {
  const rule = node.rule;
  const m = r.measure;
  if (r.source === 'missing') return { gain: null, description: 'Nhập dữ liệu còn thiếu' };
  if (rule?.type === 'threshold' && m?.value !== null && m) {
    const min = toDec(rule.min);
    if (m.kind === 'percent' && m.denominator) {
      const den = toDec(m.denominator);
      const needed = min.times(den).div(HUNDRED).ceil();
      return {
        gain: null,
        description: `Nâng tỷ lệ lên ${pct(min)} (cần ${num(needed)}/${num(den)}, thêm ${num(needed.minus(toDec(m.numerator ?? '0')))})`,
      };
    }
    return {
      gain: null,
      description: `Nâng lên ít nhất ${num(min)} (thêm ${num(min.minus(toDec(m.value ?? '0')))})`,
    };
  }
  if (rule?.type === 'yes')
    return { gain: null, description: `Đáp ứng yêu cầu: ${(rule.expected ?? true) ? 'Có' : 'Không'}` };
  if (rule?.type === 'deadlinePass') return { gain: null, description: 'Ban hành đúng hạn' };
  return { gain: null, description: 'Đạt yêu cầu của mục này' };
}
