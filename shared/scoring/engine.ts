/**
 * The scoring engine: pure, exact (decimal.js), explained in Vietnamese. Two first-class models:
 * points (QĐ 619, QĐ 25 + TT 09, CCHC indices) and pass levels (QĐ 27 + TT 15).
 *
 * Decimals stay decimal.js values while the tree is computed and become strings once, in the
 * result; framework constants are pre-parsed once per framework (index-framework.ts).
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
import { date, num, passText, pct, viNumber } from './explain.ts';
import { scoreFast } from './fast.ts';
import { indexFramework, type CompiledNode, type FrameworkIndex } from './index-framework.ts';
import {
  EvaluationInputError,
  normaliseEvaluationInput,
  type NormalInput,
  type NormalValue,
} from './input.ts';
import type { ConditionResult, EvaluationResult, Measure, ResultNode } from './types.ts';

const ZERO = new Dec(0);
const ONE = new Dec(1);
const HUNDRED = new Dec(100);

interface Ctx {
  fw: Framework;
  index: FrameworkIndex;
  input: NormalInput;
  missing: Set<string>;
}

/** A result node with its points still as a decimal (null in the pass model or when not scored). */
interface Scored {
  r: ResultNode;
  pts: Dec | null;
}

/**
 * Scores an evaluation: validates the input (throws EvaluationInputError listing every issue), then computes
 * the result tree. The scaled-integer path (fast.ts) answers whenever it can vouch for the result; the
 * decimal.js path below decides everything else and is the reference the fast path is tested against.
 */
export function scoreEvaluation(framework: Framework, rawInput: unknown): EvaluationResult {
  return scoreFast(framework, rawInput) ?? scoreEvaluationReference(framework, rawInput);
}

/** The decimal.js path: validation with every issue listed, then scoring. Same results as scoreFast. */
export function scoreEvaluationReference(framework: Framework, rawInput: unknown): EvaluationResult {
  const { issues, input } = normaliseEvaluationInput(framework, rawInput);
  if (issues.length) throw new EvaluationInputError(issues);
  return scoreNormalised(framework, input);
}

function scoreNormalised(fw: Framework, input: NormalInput): EvaluationResult {
  const ctx: Ctx = { fw, index: indexFramework(fw), input, missing: new Set() };
  const scored = fw.nodes.map((node) => evalNode(ctx, node, 0, null));
  const criteria = scored.map((s) => s.r);
  const isPoints = fw.model === 'points';

  let total: Dec | null = null;
  let totalExplanation: string;
  let totalDisplay: string;
  const maxTotal = isPoints ? constant(fw.maxTotal ?? 0) : null;
  if (isPoints && maxTotal) {
    const raw = scored.reduce((s, c) => s.plus(c.pts ?? ZERO), ZERO);
    total = minDec(maxDec(raw, ZERO), maxTotal);
    const terms = scored.map((c) => {
      const shown = viNumber(c.r.points ?? '0');
      return c.r.kind === 'adjustment' ? `(${shown})` : shown;
    });
    const maxShown = num(maxTotal);
    totalExplanation = `Tổng điểm = ${terms.join(' + ')} = ${num(raw)}/${maxShown} điểm`;
    if (!raw.eq(total))
      totalExplanation += `; giới hạn trong khoảng 0–${maxShown} → ${num(total)}/${maxShown} điểm`;
    const display = fw.rounding.display;
    totalDisplay = display
      ? `${num(roundDec(total, display))}/${maxShown} điểm (sau khi làm tròn)`
      : `${num(total)}/${maxShown} điểm`;
  } else {
    const passedCount = criteria.filter((c) => c.passed).length;
    totalExplanation = `${padCount(passedCount)}/${padCount(criteria.length)} tiêu chí đạt`;
    totalDisplay = totalExplanation;
  }

  // Criterion-level pass in the points model (≥ the declared share of the maximum).
  const percentCondition = fw.conditions.find((c) => c.type === 'everyCriterionAtLeastPercent');
  if (isPoints && percentCondition) {
    const share = shareOf(percentCondition.percent);
    for (const c of scored)
      if (c.r.kind !== 'adjustment') {
        c.r.passed = (c.pts ?? ZERO).gte(thresholdOf(compiledOf(ctx, c), share));
      }
  }

  const conditions = fw.conditions.map((c) => evalCondition(ctx, c, scored, total));
  let recognised: boolean | null = null;
  let recognitionExplanation: string;
  if (fw.recognition === 'all-conditions') {
    recognised = conditions.every((c) => c.met);
    const met = conditions.filter((c) => c.met).length;
    recognitionExplanation = `Đáp ứng ${padCount(met)}/${padCount(conditions.length)} điều kiện → ${
      recognised ? 'đủ điều kiện công nhận' : 'chưa đủ điều kiện công nhận'
    }`;
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

const constants = new Map<string, Dec>();

/** A framework constant (string or number) as a decimal, parsed once per distinct value. */
function constant(value: string | number): Dec {
  const key = typeof value === 'number' ? `n${value}` : value;
  let d = constants.get(key);
  if (!d) {
    d = toDec(value);
    constants.set(key, d);
  }
  return d;
}

const shares = new Map<string, Dec>();

/** A percentage as a share (50 → 0.5), cached: division is the slowest decimal.js operation. */
function shareOf(percent: string | number): Dec {
  const key = String(percent);
  let share = shares.get(key);
  if (!share) {
    share = constant(percent).div(HUNDRED);
    shares.set(key, share);
  }
  return share;
}

function padCount(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function nodeProvenance(node: FrameworkNode): Provenance {
  return node.rule?.provenance && node.rule.provenance !== 'L' ? node.rule.provenance : node.provenance;
}

function makeNode(
  node: FrameworkNode,
  compiled: CompiledNode,
  legalBasis: string | null,
  fields: Pick<ResultNode, 'points' | 'passed' | 'source' | 'explanation' | 'provisional' | 'children'> & {
    measure?: Measure;
  },
): ResultNode {
  const result: ResultNode = {
    code: node.code,
    title: node.title,
    kind: node.kind,
    max: compiled.maxText,
    points: fields.points,
    passed: fields.passed,
    source: fields.source,
    explanation: fields.explanation,
    provenance: nodeProvenance(node),
    provisional: fields.provisional,
    legalBasis,
    children: fields.children,
  };
  if (fields.measure) result.measure = fields.measure;
  return result;
}

function notEntered(ctx: Ctx, node: FrameworkNode, legalBasis: string | null, ancestor: string): ResultNode {
  const lb = node.legalBasis ?? legalBasis;
  return makeNode(node, ctx.index.compiled.get(node)!, lb, {
    points: null,
    passed: null,
    source: 'not-entered',
    explanation: `Không chấm riêng: kết quả đã nhập ở mục ${ancestor}`,
    provisional: isProvisional(nodeProvenance(node)),
    children: (node.children ?? []).map((c) => notEntered(ctx, c, lb, ancestor)),
  });
}

/** "2,5/3 điểm" for a node; `text` is the points already as a plain string when known. */
function outOf(compiled: CompiledNode, points: Dec, text?: string): string {
  return `${text !== undefined ? viNumber(text) : num(points)}/${compiled.maxShown} điểm`;
}

/** A ratio whose denominator is 0 (nothing to do in the year): full points unless the rule says otherwise. */
function emptyRatio(
  compiled: CompiledNode,
  max: Dec,
  emptyFull: boolean | undefined,
  m: { measure: Measure; text: string },
) {
  const full = emptyFull ?? true;
  const pointsText = full ? compiled.maxText! : '0';
  return {
    points: full ? max : ZERO,
    pointsText,
    measure: m.measure,
    explanation: `${m.text} → ${outOf(compiled, max, pointsText)}`,
  };
}

function evalNode(ctx: Ctx, node: FrameworkNode, depth: number, legalBasis: string | null): Scored {
  const lb = node.legalBasis ?? legalBasis;
  const compiled = ctx.index.compiled.get(node)!;
  const isPoints = ctx.fw.model === 'points';
  const children = node.children ?? [];
  const historicalSource = depth === 0 ? 'historical-criterion' : 'historical-indicator';
  const ownProvisional = isProvisional(nodeProvenance(node));
  const max = compiled.max ?? ZERO;

  // Historical entry from paper reports.
  const histPoints = ctx.input.points.get(node.code);
  if (histPoints && isPoints) {
    return {
      pts: histPoints,
      r: makeNode(node, compiled, lb, {
        points: decString(histPoints),
        passed: null,
        source: historicalSource,
        explanation: `Điểm nhập theo báo cáo: ${node.kind === 'adjustment' ? `${num(histPoints)} điểm` : outOf(compiled, histPoints)}`,
        provisional: ownProvisional,
        children: children.map((c) => notEntered(ctx, c, lb, node.code)),
      }),
    };
  }
  const histPassed = ctx.input.passed.get(node.code);
  if (histPassed !== undefined && !isPoints) {
    return {
      pts: null,
      r: makeNode(node, compiled, lb, {
        points: null,
        passed: histPassed,
        source: historicalSource,
        explanation: `Kết quả nhập theo báo cáo: ${passText(histPassed)}`,
        provisional: ownProvisional,
        children: children.map((c) => notEntered(ctx, c, lb, node.code)),
      }),
    };
  }

  if (children.length) {
    const results = children.map((c) => evalNode(ctx, c, depth + 1, lb));
    const provisional = ownProvisional || results.some((s) => s.r.provisional);
    if (isPoints) {
      let sum = ZERO;
      let full = 0;
      const terms: string[] = [];
      for (const s of results) {
        if (s.pts) sum = sum.plus(s.pts);
        terms.push(viNumber(s.r.points ?? '0'));
        // Points strings are canonical (no trailing zeros), so string equality is decimal equality.
        if (s.r.points !== null && s.r.points === s.r.max) full++;
      }
      return {
        pts: sum,
        r: makeNode(node, compiled, lb, {
          points: decString(sum),
          passed: null,
          source: 'computed',
          explanation: `Tổng điểm các mục con: ${terms.join(' + ')} = ${outOf(compiled, sum)}; ${padCount(full)}/${padCount(results.length)} mục đạt điểm tối đa`,
          provisional,
          children: results.map((s) => s.r),
        }),
      };
    }
    const agg = node.aggregate ?? { type: 'all' as const };
    const passedCount = results.filter((s) => s.r.passed).length;
    const need = agg.type === 'all' ? results.length : agg.n;
    const passed = passedCount >= need;
    return {
      pts: null,
      r: makeNode(node, compiled, lb, {
        points: null,
        passed,
        source: 'computed',
        explanation: `${padCount(passedCount)}/${padCount(results.length)} mục con đạt (yêu cầu: ${
          agg.type === 'all' ? 'tất cả' : `ít nhất ${agg.n}`
        }) → ${passText(passed)}`,
        provisional,
        children: results.map((s) => s.r),
      }),
    };
  }

  // Leaf: a manual score overrides the rule.
  const manual = ctx.input.manual.get(node.code);
  if (manual) {
    if (isPoints && manual.points)
      return {
        pts: manual.points,
        r: makeNode(node, compiled, lb, {
          points: decString(manual.points),
          passed: null,
          source: 'manual',
          explanation: `Chấm thủ công: ${outOf(compiled, manual.points)}. Lý do: ${manual.reason}`,
          provisional: ownProvisional,
          children: [],
        }),
      };
    if (!isPoints && manual.passed !== undefined)
      return {
        pts: null,
        r: makeNode(node, compiled, lb, {
          points: null,
          passed: manual.passed,
          source: 'manual',
          explanation: `Đánh giá thủ công: ${passText(manual.passed)}. Lý do: ${manual.reason}`,
          provisional: ownProvisional,
          children: [],
        }),
      };
  }

  const outcome = node.rule
    ? applyRule(ctx, node, compiled, node.rule, max)
    : { missing: ['điểm theo báo cáo'] as string[] };
  if ('missing' in outcome) {
    return {
      pts: isPoints ? ZERO : null,
      r: makeNode(node, compiled, lb, {
        points: isPoints ? '0' : null,
        passed: isPoints ? null : false,
        source: 'missing',
        explanation: `Chưa nhập ${outcome.missing.join(', ')} → ${isPoints && compiled.max ? outOf(compiled, ZERO) : 'Không đạt'}`,
        provisional: ownProvisional,
        children: [],
      }),
    };
  }
  const pts = outcome.points ?? null;
  return {
    pts,
    r: makeNode(node, compiled, lb, {
      points: pts ? (outcome.pointsText ?? decString(pts)) : null,
      passed: outcome.passed ?? null,
      source: 'computed',
      explanation: outcome.explanation,
      provisional: ownProvisional,
      ...(outcome.measure ? { measure: outcome.measure } : {}),
      children: [],
    }),
  };
}

type Outcome =
  | { points?: Dec; pointsText?: string; passed?: boolean; explanation: string; measure?: Measure }
  | { missing: string[] };

function value(ctx: Ctx, id: string): { def: InputDef; v: NormalValue | undefined } {
  const entry = ctx.index.inputs.get(id)!;
  return { def: entry.def, v: ctx.input.values.get(id) };
}

function missing(ctx: Ctx, ...defs: InputDef[]): Outcome {
  for (const d of defs) ctx.missing.add(d.id);
  return { missing: defs.map((d) => `"${d.label}"`) };
}

/** What a rule measures from an input: percent for ratios and documents, value for numbers, count for selections. */
function measureOf(
  def: InputDef,
  v: NormalValue,
): { measure: Measure; amount: Dec | null; text: string; percentShown?: string } {
  switch (v.type) {
    case 'ratio':
    case 'documents': {
      const isRatio = v.type === 'ratio';
      const numText = isRatio ? v.numeratorText : String(v.onTime);
      const denText = isRatio ? v.denominatorText : String(v.total);
      const label = isRatio ? 'Tỷ lệ' : 'Văn bản đúng hạn';
      if (isRatio ? v.denominator.isZero() : v.total === 0)
        return {
          measure: { kind: 'percent', value: null, numerator: numText, denominator: '0', empty: true },
          amount: null,
          text: `${label}: không phát sinh (mẫu số bằng 0)`,
        };
      // Texts are canonical decimal strings, so equal texts mean equal values.
      const full = isRatio ? v.numeratorText === v.denominatorText : v.onTime === v.total;
      const p = full
        ? HUNDRED
        : (isRatio ? v.numerator : new Dec(v.onTime))
            .times(HUNDRED)
            .div(isRatio ? v.denominator : new Dec(v.total));
      // The measure shows the percent to 2 decimals; the exact ratio stays in numerator/denominator.
      const shown = full ? '100' : decString(p.toDecimalPlaces(2, Dec.ROUND_HALF_UP));
      return {
        measure: { kind: 'percent', value: shown, numerator: numText, denominator: denText },
        amount: p,
        text: `${label} ${viNumber(numText)}/${viNumber(denText)} = ${viNumber(shown)}%`,
        percentShown: shown,
      };
    }
    case 'decimal': {
      const unit = def.unit ? ` ${def.unit}` : def.type === 'money' ? ' đồng' : '';
      return {
        measure: { kind: 'value', value: v.text },
        amount: v.value,
        text: `${def.label}: ${viNumber(v.text)}${unit}`,
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
        amount: v.value ? ONE : ZERO,
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

/** The tier containing the measure (tiers are validated: contiguous, ascending, from 0). */
export function findTier(tiers: Tier[], amount: Dec): Tier {
  let found = tiers[0]!;
  for (const t of tiers) if (amount.gte(toDec(t.min))) found = t;
  return found;
}

function occurrences(v: NormalValue | undefined): Dec {
  if (!v) return ZERO;
  if (v.type === 'boolean') return v.value ? ONE : ZERO;
  return v.type === 'decimal' ? v.value : ZERO;
}

function applyRule(ctx: Ctx, node: FrameworkNode, compiled: CompiledNode, rule: Rule, max: Dec): Outcome {
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
      const pointsText = ok ? compiled.maxText! : '0';
      return { points, pointsText, measure, explanation: `${text} → ${outOf(compiled, points, pointsText)}` };
    }
    case 'ratio': {
      const { def, v } = value(ctx, rule.input);
      if (!v) return missing(ctx, def);
      const m = measureOf(def, v);
      if (!m.amount) return emptyRatio(compiled, max, rule.emptyFull, m);
      const points = minDec(roundDec(m.amount.times(max).div(HUNDRED), ctx.fw.rounding.points), max);
      return {
        points,
        measure: m.measure,
        explanation: `${m.text} → ${viNumber(m.percentShown ?? '0')}% × ${compiled.maxShown} = ${outOf(compiled, points)}`,
      };
    }
    case 'tiers': {
      const { def, v } = value(ctx, rule.input);
      if (!v) return missing(ctx, def);
      const m = measureOf(def, v);
      if (!m.amount) return emptyRatio(compiled, max, rule.emptyFull, m);
      // Search from the top band: most communes score high, so this usually takes one comparison.
      const tiers = compiled.tiers!;
      let tier = tiers[0]!;
      for (let i = tiers.length - 1; i > 0; i--)
        if (m.amount.gte(tiers[i]!.min)) {
          tier = tiers[i]!;
          break;
        }
      return {
        points: tier.points,
        pointsText: tier.pointsText,
        measure: m.measure,
        explanation: `${m.text} → ${outOf(compiled, tier.points, tier.pointsText)} (${tier.label})`,
      };
    }
    case 'choice': {
      const { def, v } = value(ctx, rule.input);
      if (!v || v.type !== 'choice') return missing(ctx, def);
      const labels = new Map((def.options ?? []).map((o) => [o.value, o.label]));
      const sum = v.selected.reduce((s, o) => s.plus(constant(rule.points[o] ?? 0)), ZERO);
      const points = minDec(sum, max);
      const picked = v.selected.map((o) => `${labels.get(o) ?? o} (${num(constant(rule.points[o] ?? 0))})`);
      return {
        points,
        measure: { kind: 'selection', value: String(v.selected.length), selected: v.selected },
        explanation: `${picked.length ? `Đã chọn: ${picked.join(', ')}` : 'Không chọn phương án nào'}${
          sum.gt(max) ? `; tổng ${num(sum)} vượt mức tối đa` : ''
        } → ${outOf(compiled, points)}`,
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
      const pointsText = onTime ? compiled.maxText! : '0';
      return {
        points: onTime ? max : ZERO,
        pointsText,
        measure,
        explanation: `${text} → ${outOf(compiled, max, pointsText)}`,
      };
    }
    case 'deductions': {
      // An input that was not entered counts as no occurrence.
      let deducted = ZERO;
      const parts: string[] = [];
      for (const item of rule.items) {
        const times = occurrences(value(ctx, item.input).v);
        if (times.isZero()) continue;
        const amount = times.eq(ONE) ? constant(item.points) : constant(item.points).times(times);
        deducted = deducted.plus(amount);
        parts.push(`trừ ${num(amount)} (${item.label}${times.eq(1) ? '' : ` × ${num(times)}`})`);
      }
      const points = maxDec(max.minus(deducted), ZERO);
      return {
        points,
        measure: { kind: 'value', value: decString(deducted) },
        explanation: parts.length
          ? `Điểm tối đa ${compiled.maxShown}; ${parts.join('; ')} → ${outOf(compiled, points)}`
          : `Không có nội dung bị trừ điểm → ${outOf(compiled, points)}`,
      };
    }
    case 'adjustment': {
      let bonus = ZERO;
      let penalty = ZERO;
      const parts: string[] = [];
      for (const item of rule.items) {
        const times = occurrences(value(ctx, item.input).v);
        if (times.isZero()) continue;
        const amount = times.eq(ONE) ? constant(item.points) : constant(item.points).times(times);
        if (item.effect === 'bonus') bonus = bonus.plus(amount);
        else penalty = penalty.plus(amount);
        parts.push(
          `${item.effect === 'bonus' ? 'cộng' : 'trừ'} ${num(amount)} (${item.label}${times.eq(1) ? '' : ` × ${num(times)}`})`,
        );
      }
      const bonusCap = constant(rule.bonusCap);
      const penaltyCap = constant(rule.penaltyCap);
      const points = minDec(bonus, bonusCap).minus(minDec(penalty, penaltyCap));
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
      if (!m.amount) {
        const passed = rule.emptyPasses ?? true;
        return { passed, measure: m.measure, explanation: `${m.text} → ${passText(passed)}` };
      }
      const min = compiled.min!;
      const passed = m.amount.gte(min);
      return {
        passed,
        measure: m.measure,
        explanation: `${m.text} (yêu cầu ≥ ${m.measure.kind === 'percent' ? pct(min) : num(min)}) → ${passText(passed)}`,
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

const lowered = new Map<string, string>();

function lowerFirst(text: string): string {
  let out = lowered.get(text);
  if (out === undefined) {
    out = text.charAt(0).toLowerCase() + text.slice(1);
    lowered.set(text, out);
  }
  return out;
}

/** max × share for a criterion, cached per framework node (the 50 % threshold of each criterion). */
const thresholds = new WeakMap<CompiledNode, Map<Dec, Dec>>();
function thresholdOf(compiled: CompiledNode, share: Dec): Dec {
  let byShare = thresholds.get(compiled);
  if (!byShare) thresholds.set(compiled, (byShare = new Map()));
  let t = byShare.get(share);
  if (!t) byShare.set(share, (t = (compiled.max ?? ZERO).times(share)));
  return t;
}

function compiledOf(ctx: Ctx, s: Scored): CompiledNode {
  return ctx.index.compiled.get(ctx.index.nodes.get(s.r.code)!.node)!;
}

function maxOf(ctx: Ctx, s: Scored): Dec {
  return ctx.index.compiled.get(ctx.index.nodes.get(s.r.code)!.node)!.max ?? ZERO;
}

function evalCondition(ctx: Ctx, c: Condition, scored: Scored[], total: Dec | null): ConditionResult {
  const baseResult = {
    code: c.code,
    title: c.title,
    type: c.type,
    provenance: c.provenance,
    legalBasis: c.legalBasis ?? null,
  };
  const criteria = scored.filter((s) => s.r.kind !== 'adjustment');
  switch (c.type) {
    case 'totalAtLeast': {
      const value = constant(c.value);
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
      const share = shareOf(c.percent);
      const failing = criteria.filter((s) => (s.pts ?? ZERO).lt(thresholdOf(compiledOf(ctx, s), share)));
      const ok = criteria.length - failing.length;
      const detail = failing.map(
        (s) =>
          `tiêu chí ${s.r.code}: ${num(s.pts ?? ZERO)}/${num(maxOf(ctx, s))} điểm, cần ${num(maxOf(ctx, s).times(share))}`,
      );
      return {
        ...baseResult,
        met: failing.length === 0,
        provisional: isProvisional(c.provenance) || criteria.some((s) => s.r.provisional),
        explanation: `${padCount(ok)}/${padCount(criteria.length)} tiêu chí đạt từ ${num(constant(c.percent))}% số điểm tối đa trở lên${
          detail.length ? ` (chưa đạt: ${detail.join('; ')})` : ''
        }`,
      };
    }
    case 'everyCriterionPasses': {
      const failing = criteria.filter((s) => !s.r.passed);
      return {
        ...baseResult,
        met: failing.length === 0,
        provisional: isProvisional(c.provenance) || criteria.some((s) => s.r.provisional),
        explanation: `${padCount(criteria.length - failing.length)}/${padCount(criteria.length)} tiêu chí đạt${
          failing.length ? ` (chưa đạt: ${failing.map((s) => s.r.code).join(', ')})` : ''
        }`,
      };
    }
    case 'noVeto': {
      const fact = ctx.fw.facts.find((f) => f.key === c.fact);
      const value = ctx.input.facts.get(c.fact);
      const title = fact?.title ?? c.fact;
      return {
        ...baseResult,
        met: value === false,
        provisional: isProvisional(c.provenance),
        explanation:
          value === undefined
            ? `Chưa khai báo "${title}" → chưa xác định được, coi như chưa đáp ứng`
            : value
              ? `Có trường hợp: ${title} → không đáp ứng`
              : `Không có trường hợp ${lowerFirst(title)} → đáp ứng`,
      };
    }
  }
}
