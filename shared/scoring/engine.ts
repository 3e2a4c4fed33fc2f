/**
 * The scoring engine: pure, exact (decimal.js), explained in Vietnamese. Two first-class models:
 * points (QĐ 619, QĐ 25 + TT 09, CCHC indices) and pass levels (QĐ 27 + TT 15).
 */
import { contentHash } from '../frameworks/canonical.ts';
import { Dec, decString, maxDec, minDec, roundDec, toDec } from '../frameworks/decimal.ts';
import { isProvisional } from '../frameworks/labels.ts';
import type {
  Condition,
  Framework,
  FrameworkNode,
  InputDef,
  Provenance,
  Rule,
  Tier,
} from '../frameworks/model.ts';
import { date, num, passText, pct, pointsOf } from './explain.ts';
import { indexFramework } from './index-framework.ts';
import {
  EvaluationInputError,
  normaliseEvaluationInput,
  type NormalInput,
  type NormalValue,
} from './input.ts';
import type { ConditionResult, EvaluationResult, Measure, ResultNode } from './types.ts';

const ZERO = new Dec(0);
const HUNDRED = new Dec(100);

interface Ctx {
  fw: Framework;
  input: NormalInput;
  missing: Set<string>;
}

/** Scores an evaluation: validates the input (throws EvaluationInputError listing every issue), then computes the result tree. */
export function scoreEvaluation(framework: Framework, rawInput: unknown): EvaluationResult {
  const { issues, input } = normaliseEvaluationInput(framework, rawInput);
  if (issues.length) throw new EvaluationInputError(issues);
  return scoreNormalised(framework, input);
}

function scoreNormalised(fw: Framework, input: NormalInput): EvaluationResult {
  const ctx: Ctx = { fw, input, missing: new Set() };
  const criteria = fw.nodes.map((node) => evalNode(ctx, node, 0, null));
  const isPoints = fw.model === 'points';

  let total: Dec | null = null;
  let totalExplanation: string;
  let totalDisplay: string;
  const maxTotal = isPoints ? toDec(fw.maxTotal ?? 0) : null;
  if (isPoints && maxTotal) {
    const parts = criteria.map((c) => toDec(c.points ?? '0'));
    const raw = parts.reduce((s, p) => s.plus(p), ZERO);
    total = minDec(maxDec(raw, ZERO), maxTotal);
    const terms = criteria.map((c) =>
      c.kind === 'adjustment' ? `(${num(toDec(c.points ?? '0'))})` : num(toDec(c.points ?? '0')),
    );
    totalExplanation = `Tổng điểm = ${terms.join(' + ')} = ${pointsOf(raw, maxTotal)}`;
    if (!raw.eq(total))
      totalExplanation += `; giới hạn trong khoảng 0–${num(maxTotal)} → ${pointsOf(total, maxTotal)}`;
    const display = fw.rounding.display;
    totalDisplay = display
      ? `${num(roundDec(total, display))}/${num(maxTotal)} điểm (sau khi làm tròn)`
      : `${num(total)}/${num(maxTotal)} điểm`;
  } else {
    const passedCount = criteria.filter((c) => c.passed).length;
    totalExplanation = `${padCount(passedCount)}/${padCount(criteria.length)} tiêu chí đạt`;
    totalDisplay = totalExplanation;
  }

  // Criterion-level pass in the points model (≥ the declared share of the maximum).
  const percentCondition = fw.conditions.find((c) => c.type === 'everyCriterionAtLeastPercent');
  if (isPoints && percentCondition) {
    const share = toDec(percentCondition.percent).div(HUNDRED);
    for (const c of criteria)
      if (c.kind !== 'adjustment') c.passed = toDec(c.points ?? '0').gte(toDec(c.max ?? '0').times(share));
  }

  const conditions = fw.conditions.map((c) => evalCondition(ctx, c, criteria, total));
  let recognised: boolean | null = null;
  let recognitionExplanation: string;
  if (fw.recognition === 'all-conditions') {
    recognised = conditions.every((c) => c.met);
    const met = conditions.filter((c) => c.met).length;
    recognitionExplanation = `Đáp ứng ${padCount(met)}/${padCount(conditions.length)} điều kiện → ${recognised ? 'đủ điều kiện công nhận' : 'chưa đủ điều kiện công nhận'}`;
  } else if (fw.recognition === 'not-determinable') {
    recognitionExplanation =
      'Khung này không đủ căn cứ để tự xác định kết quả công nhận; ghi nhận theo quyết định công nhận đã ban hành.';
  } else {
    recognitionExplanation = 'Khung này không xét công nhận (dùng để chấm điểm, xếp hạng).';
  }
  const provisional = criteria.some((c) => c.provisional) || conditions.some((c) => c.provisional);

  return {
    framework: { code: fw.code, version: fw.version, name: fw.name, hash: contentHash(fw) },
    model: fw.model,
    total: total ? decString(total) : null,
    max: maxTotal ? decString(maxTotal) : null,
    totalDisplay,
    totalExplanation,
    criteria,
    conditions,
    recognised,
    recognitionExplanation,
    provisional,
    missingInputs: [...ctx.missing],
  };
}

function padCount(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function nodeProvenance(node: FrameworkNode): Provenance {
  return node.rule?.provenance && node.rule.provenance !== 'L' ? node.rule.provenance : node.provenance;
}

function base(
  node: FrameworkNode,
  legalBasis: string | null,
): Omit<ResultNode, 'points' | 'passed' | 'source' | 'explanation' | 'provisional' | 'children'> {
  return {
    code: node.code,
    title: node.title,
    kind: node.kind,
    max: node.max !== undefined ? decString(toDec(node.max)) : null,
    provenance: nodeProvenance(node),
    legalBasis: node.legalBasis ?? legalBasis,
  };
}

function notEntered(node: FrameworkNode, legalBasis: string | null, ancestor: string): ResultNode {
  const lb = node.legalBasis ?? legalBasis;
  return {
    ...base(node, lb),
    points: null,
    passed: null,
    source: 'not-entered',
    explanation: `Không chấm riêng: kết quả đã nhập ở mục ${ancestor}`,
    provisional: isProvisional(nodeProvenance(node)),
    children: (node.children ?? []).map((c) => notEntered(c, lb, ancestor)),
  };
}

function evalNode(ctx: Ctx, node: FrameworkNode, depth: number, legalBasis: string | null): ResultNode {
  const lb = node.legalBasis ?? legalBasis;
  const isPoints = ctx.fw.model === 'points';
  const children = node.children ?? [];
  const historicalSource = depth === 0 ? 'historical-criterion' : 'historical-indicator';
  const ownProvisional = isProvisional(nodeProvenance(node));

  // Historical entry from paper reports.
  const histPoints = ctx.input.points.get(node.code);
  if (histPoints && isPoints) {
    const max = toDec(node.max ?? 0);
    return {
      ...base(node, lb),
      points: decString(histPoints),
      passed: null,
      source: historicalSource,
      explanation: `Điểm nhập theo báo cáo: ${node.kind === 'adjustment' ? `${num(histPoints)} điểm` : pointsOf(histPoints, max)}`,
      provisional: ownProvisional,
      children: children.map((c) => notEntered(c, lb, node.code)),
    };
  }
  const histPassed = ctx.input.passed.get(node.code);
  if (histPassed !== undefined && !isPoints) {
    return {
      ...base(node, lb),
      points: null,
      passed: histPassed,
      source: historicalSource,
      explanation: `Kết quả nhập theo báo cáo: ${passText(histPassed)}`,
      provisional: ownProvisional,
      children: children.map((c) => notEntered(c, lb, node.code)),
    };
  }

  if (children.length) {
    const results = children.map((c) => evalNode(ctx, c, depth + 1, lb));
    const provisional = ownProvisional || results.some((r) => r.provisional);
    if (isPoints) {
      const sum = results.reduce((s, r) => s.plus(toDec(r.points ?? '0')), ZERO);
      const max = toDec(node.max ?? 0);
      const full = results.filter(
        (r) => r.points !== null && r.max !== null && toDec(r.points).eq(toDec(r.max)),
      ).length;
      return {
        ...base(node, lb),
        points: decString(sum),
        passed: null,
        source: 'computed',
        explanation: `Tổng điểm các mục con: ${results.map((r) => num(toDec(r.points ?? '0'))).join(' + ')} = ${pointsOf(sum, max)}; ${padCount(full)}/${padCount(results.length)} mục đạt điểm tối đa`,
        provisional,
        children: results,
      };
    }
    const agg = node.aggregate ?? { type: 'all' as const };
    const passedCount = results.filter((r) => r.passed).length;
    const need = agg.type === 'all' ? results.length : agg.n;
    const passed = passedCount >= need;
    return {
      ...base(node, lb),
      points: null,
      passed,
      source: 'computed',
      explanation: `${padCount(passedCount)}/${padCount(results.length)} mục con đạt (yêu cầu: ${agg.type === 'all' ? 'tất cả' : `ít nhất ${agg.n}`}) → ${passText(passed)}`,
      provisional,
      children: results,
    };
  }

  // Leaf: a manual score overrides the rule.
  const manual = ctx.input.manual.get(node.code);
  if (manual) {
    if (isPoints && manual.points) {
      const max = toDec(node.max ?? 0);
      return {
        ...base(node, lb),
        points: decString(manual.points),
        passed: null,
        source: 'manual',
        explanation: `Chấm thủ công: ${pointsOf(manual.points, max)}. Lý do: ${manual.reason}`,
        provisional: ownProvisional,
        children: [],
      };
    }
    if (!isPoints && manual.passed !== undefined)
      return {
        ...base(node, lb),
        points: null,
        passed: manual.passed,
        source: 'manual',
        explanation: `Đánh giá thủ công: ${passText(manual.passed)}. Lý do: ${manual.reason}`,
        provisional: ownProvisional,
        children: [],
      };
  }

  const outcome = node.rule
    ? applyRule(ctx, node, node.rule)
    : { missing: ['(điểm theo báo cáo)'] as string[] };
  if ('missing' in outcome) {
    const labels = outcome.missing;
    const max = node.max !== undefined ? toDec(node.max) : null;
    return {
      ...base(node, lb),
      points: isPoints ? '0' : null,
      passed: isPoints ? null : false,
      source: 'missing',
      explanation: `Chưa nhập ${labels.join(', ')} → ${isPoints && max ? pointsOf(ZERO, max) : 'Không đạt'}`,
      provisional: ownProvisional,
      children: [],
    };
  }
  return {
    ...base(node, lb),
    points: outcome.points ? decString(outcome.points) : null,
    passed: outcome.passed ?? null,
    source: 'computed',
    explanation: outcome.explanation,
    provisional: ownProvisional,
    ...(outcome.measure ? { measure: outcome.measure } : {}),
    children: [],
  };
}

type Outcome =
  { points?: Dec; passed?: boolean; explanation: string; measure?: Measure } | { missing: string[] };

function value(ctx: Ctx, id: string): { def: InputDef; v: NormalValue | undefined } {
  const entry = indexFramework(ctx.fw).inputs.get(id)!;
  const v = ctx.input.values.get(id);
  return { def: entry.def, v };
}

function missing(ctx: Ctx, ...defs: InputDef[]): Outcome {
  for (const d of defs) ctx.missing.add(d.id);
  return { missing: defs.map((d) => `"${d.label}"`) };
}

/** What a rule measures from an input: percent for ratios and documents, value for numbers, count for selections. */
function measureOf(def: InputDef, v: NormalValue): { measure: Measure; amount: Dec | null; text: string } {
  switch (v.type) {
    case 'ratio':
    case 'documents': {
      const n = v.type === 'ratio' ? v.numerator : new Dec(v.onTime);
      const d = v.type === 'ratio' ? v.denominator : new Dec(v.total);
      const label = v.type === 'ratio' ? 'Tỷ lệ' : 'Văn bản đúng hạn';
      if (d.isZero())
        return {
          measure: { kind: 'percent', value: null, numerator: decString(n), denominator: '0', empty: true },
          amount: null,
          text: `${label}: không phát sinh (mẫu số bằng 0)`,
        };
      const p = n.times(HUNDRED).div(d);
      return {
        measure: { kind: 'percent', value: decString(p), numerator: decString(n), denominator: decString(d) },
        amount: p,
        text: `${label} ${num(n)}/${num(d)} = ${pct(p)}`,
      };
    }
    case 'decimal': {
      const unit = def.unit ? ` ${def.unit}` : def.type === 'money' ? ' đồng' : '';
      return {
        measure: { kind: 'value', value: decString(v.value) },
        amount: v.value,
        text: `${def.label}: ${num(v.value)}${unit}`,
      };
    }
    case 'choice':
      return {
        measure: { kind: 'selection', value: String(v.selected.length), selected: v.selected },
        amount: new Dec(v.selected.length),
        text: `${def.label}: chọn ${v.selected.length} phương án`,
      };
    case 'boolean':
      return {
        measure: { kind: 'boolean', value: v.value ? '1' : '0' },
        amount: new Dec(v.value ? 1 : 0),
        text: `${def.label}: ${v.value ? 'Có' : 'Không'}`,
      };
    case 'date':
      return {
        measure: { kind: 'date', value: v.value },
        amount: null,
        text: `${def.label}: ${date(v.value)}`,
      };
  }
}

function tierLabel(tier: Tier, percent: boolean): string {
  const u = percent ? '%' : '';
  const min = num(toDec(tier.min));
  if (tier.below === undefined) return `mức từ ${min}${u} trở lên`;
  return `mức từ ${min}${u} đến dưới ${num(toDec(tier.below))}${u}`;
}

/** The tier containing the measure (tiers are validated: contiguous, ascending, from 0). */
export function findTier(tiers: Tier[], amount: Dec): Tier {
  let found = tiers[0]!;
  for (const t of tiers) if (amount.gte(toDec(t.min))) found = t;
  return found;
}

function applyRule(ctx: Ctx, node: FrameworkNode, rule: Rule): Outcome {
  const max = node.max !== undefined ? toDec(node.max) : ZERO;
  const round = (d: Dec): Dec => roundDec(d, ctx.fw.rounding.points);
  switch (rule.type) {
    case 'fixed':
    case 'yes': {
      const { def, v } = value(ctx, rule.input);
      if (!v || v.type !== 'boolean') return missing(ctx, def);
      const expected = rule.expected ?? true;
      const ok = v.value === expected;
      const measure: Measure = { kind: 'boolean', value: v.value ? '1' : '0' };
      const text = `${def.label}: ${v.value ? 'Có' : 'Không'}`;
      if (rule.type === 'yes')
        return {
          passed: ok,
          measure,
          explanation: `${text} (yêu cầu: ${expected ? 'Có' : 'Không'}) → ${passText(ok)}`,
        };
      const points = ok ? max : ZERO;
      return { points, measure, explanation: `${text} → ${pointsOf(points, max)}` };
    }
    case 'ratio': {
      const { def, v } = value(ctx, rule.input);
      if (!v) return missing(ctx, def);
      const m = measureOf(def, v);
      if (!m.amount) {
        const points = (rule.emptyFull ?? true) ? max : ZERO;
        return { points, measure: m.measure, explanation: `${m.text} → ${pointsOf(points, max)}` };
      }
      const points = minDec(round(m.amount.div(HUNDRED).times(max)), max);
      return {
        points,
        measure: m.measure,
        explanation: `${m.text} → ${pct(m.amount)} × ${num(max)} = ${pointsOf(points, max)}`,
      };
    }
    case 'tiers': {
      const { def, v } = value(ctx, rule.input);
      if (!v) return missing(ctx, def);
      const m = measureOf(def, v);
      const percent = m.measure.kind === 'percent';
      if (!m.amount) {
        const points = (rule.emptyFull ?? true) ? max : ZERO;
        return { points, measure: m.measure, explanation: `${m.text} → ${pointsOf(points, max)}` };
      }
      const tier = findTier(rule.tiers, m.amount);
      const points = toDec(tier.points);
      return {
        points,
        measure: m.measure,
        explanation: `${m.text} → ${pointsOf(points, max)} (${tierLabel(tier, percent)})`,
      };
    }
    case 'choice': {
      const { def, v } = value(ctx, rule.input);
      if (!v || v.type !== 'choice') return missing(ctx, def);
      const labels = new Map((def.options ?? []).map((o) => [o.value, o.label]));
      const sum = v.selected.reduce((s, o) => s.plus(toDec(rule.points[o] ?? 0)), ZERO);
      const points = minDec(sum, max);
      const picked = v.selected.map((o) => `${labels.get(o) ?? o} (${num(toDec(rule.points[o] ?? 0))})`);
      return {
        points,
        measure: { kind: 'selection', value: String(v.selected.length), selected: v.selected },
        explanation: `${picked.length ? `Đã chọn: ${picked.join(', ')}` : 'Không chọn phương án nào'}${sum.gt(max) ? `; tổng ${num(sum)} vượt mức tối đa` : ''} → ${pointsOf(points, max)}`,
      };
    }
    case 'deadline':
    case 'deadlinePass': {
      const a = value(ctx, rule.input);
      const b = value(ctx, rule.dueInput);
      if (!a.v || !b.v || a.v.type !== 'date' || b.v.type !== 'date')
        return missing(
          ctx,
          ...[!a.v ? a.def : null, !b.v ? b.def : null].filter((d): d is InputDef => d !== null),
        );
      const onTime = a.v.value <= b.v.value;
      const text = `${a.def.label}: ${date(a.v.value)}, hạn ${date(b.v.value)} → ${onTime ? 'đúng hạn' : 'quá hạn'}`;
      const measure: Measure = { kind: 'date', value: a.v.value };
      if (rule.type === 'deadlinePass')
        return { passed: onTime, measure, explanation: `${text} → ${passText(onTime)}` };
      const points = onTime ? max : ZERO;
      return { points, measure, explanation: `${text} → ${pointsOf(points, max)}` };
    }
    case 'deductions': {
      // An input that was not entered counts as no occurrence.
      let deducted = ZERO;
      const parts: string[] = [];
      for (const item of rule.items) {
        const { v } = value(ctx, item.input);
        const times = !v
          ? ZERO
          : v.type === 'boolean'
            ? new Dec(v.value ? 1 : 0)
            : v.type === 'decimal'
              ? v.value
              : ZERO;
        if (times.isZero()) continue;
        const amount = toDec(item.points).times(times);
        deducted = deducted.plus(amount);
        parts.push(`trừ ${num(amount)} (${item.label}${times.eq(1) ? '' : ` × ${num(times)}`})`);
      }
      const points = maxDec(max.minus(deducted), ZERO);
      return {
        points,
        measure: { kind: 'value', value: decString(deducted) },
        explanation: parts.length
          ? `Điểm tối đa ${num(max)}; ${parts.join('; ')} → ${pointsOf(points, max)}`
          : `Không có nội dung bị trừ điểm → ${pointsOf(points, max)}`,
      };
    }
    case 'adjustment': {
      let bonus = ZERO;
      let penalty = ZERO;
      const parts: string[] = [];
      for (const item of rule.items) {
        const { v } = value(ctx, item.input);
        const times = !v
          ? ZERO
          : v.type === 'boolean'
            ? new Dec(v.value ? 1 : 0)
            : v.type === 'decimal'
              ? v.value
              : ZERO;
        if (times.isZero()) continue;
        const amount = toDec(item.points).times(times);
        if (item.effect === 'bonus') bonus = bonus.plus(amount);
        else penalty = penalty.plus(amount);
        parts.push(
          `${item.effect === 'bonus' ? 'cộng' : 'trừ'} ${num(amount)} (${item.label}${times.eq(1) ? '' : ` × ${num(times)}`})`,
        );
      }
      const bonusCap = toDec(rule.bonusCap);
      const penaltyCap = toDec(rule.penaltyCap);
      const b = minDec(bonus, bonusCap);
      const p = minDec(penalty, penaltyCap);
      const points = b.minus(p);
      const caps = [
        bonus.gt(bonusCap) ? `điểm thưởng tối đa ${num(bonusCap)}` : '',
        penalty.gt(penaltyCap) ? `điểm phạt tối đa ${num(penaltyCap)}` : '',
      ].filter(Boolean);
      return {
        points,
        measure: { kind: 'value', value: decString(points) },
        explanation: parts.length
          ? `${parts.join('; ')}${caps.length ? ` (${caps.join(', ')})` : ''} → ${num(points)} điểm`
          : 'Không có điểm thưởng, điểm phạt → 0 điểm',
      };
    }
    case 'threshold': {
      const { def, v } = value(ctx, rule.input);
      if (!v) return missing(ctx, def);
      const m = measureOf(def, v);
      const min = toDec(rule.min);
      const percent = m.measure.kind === 'percent';
      if (!m.amount) {
        const passed = rule.emptyPasses ?? true;
        return { passed, measure: m.measure, explanation: `${m.text} → ${passText(passed)}` };
      }
      const passed = m.amount.gte(min);
      return {
        passed,
        measure: m.measure,
        explanation: `${m.text} (yêu cầu ≥ ${percent ? pct(min) : num(min)}) → ${passText(passed)}`,
      };
    }
    case 'manual':
    case 'manualPass':
      return {
        missing: [
          ctx.fw.model === 'points'
            ? 'điểm chấm thủ công (kèm lý do)'
            : 'kết quả đánh giá thủ công (kèm lý do)',
        ],
      };
  }
}

function evalCondition(ctx: Ctx, c: Condition, criteria: ResultNode[], total: Dec | null): ConditionResult {
  const baseResult = {
    code: c.code,
    title: c.title,
    type: c.type,
    provenance: c.provenance,
    legalBasis: c.legalBasis ?? null,
  };
  const scored = criteria.filter((r) => r.kind !== 'adjustment');
  switch (c.type) {
    case 'totalAtLeast': {
      const value = toDec(c.value);
      const t = total ?? ZERO;
      const met = t.gte(value);
      return {
        ...baseResult,
        met,
        provisional: isProvisional(c.provenance),
        explanation: met
          ? `Tổng điểm ${num(t)} ≥ ${num(value)} điểm → đạt`
          : `Tổng điểm ${num(t)} < ${num(value)} điểm → không đạt (thiếu ${num(value.minus(t))} điểm)`,
      };
    }
    case 'everyCriterionAtLeastPercent': {
      const share = toDec(c.percent).div(HUNDRED);
      const failing = scored.filter((r) => toDec(r.points ?? '0').lt(toDec(r.max ?? '0').times(share)));
      const met = failing.length === 0;
      const ok = scored.length - failing.length;
      const detail = failing.map(
        (r) =>
          `tiêu chí ${r.code}: ${pointsOf(toDec(r.points ?? '0'), toDec(r.max ?? '0'))}, cần ${num(toDec(r.max ?? '0').times(share))}`,
      );
      return {
        ...baseResult,
        met,
        provisional: isProvisional(c.provenance) || scored.some((r) => r.provisional),
        explanation: `${padCount(ok)}/${padCount(scored.length)} tiêu chí đạt từ ${num(toDec(c.percent))}% số điểm tối đa trở lên${detail.length ? ` (chưa đạt: ${detail.join('; ')})` : ''}`,
      };
    }
    case 'everyCriterionPasses': {
      const failing = scored.filter((r) => !r.passed);
      const met = failing.length === 0;
      return {
        ...baseResult,
        met,
        provisional: isProvisional(c.provenance) || scored.some((r) => r.provisional),
        explanation: `${padCount(scored.length - failing.length)}/${padCount(scored.length)} tiêu chí đạt${failing.length ? ` (chưa đạt: ${failing.map((r) => r.code).join(', ')})` : ''}`,
      };
    }
    case 'noVeto': {
      const fact = ctx.fw.facts.find((f) => f.key === c.fact);
      const value = ctx.input.facts.get(c.fact);
      const met = value === false;
      return {
        ...baseResult,
        met,
        provisional: isProvisional(c.provenance),
        explanation:
          value === undefined
            ? `Chưa khai báo "${fact?.title ?? c.fact}" → chưa xác định được, coi như chưa đáp ứng`
            : value
              ? `Có trường hợp: ${fact?.title ?? c.fact} → không đáp ứng`
              : `Không có trường hợp ${lowerFirst(fact?.title ?? c.fact)} → đáp ứng`,
      };
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
