/**
 * The fast path of the scoring engine (ADR 0003, issue #18 item 5): the same results and explanations as
 * the decimal.js path in engine.ts, computed with scaled integers.
 *
 * Every decimal is a safe integer count of millionths (2,5 → 2_500_000); sums, differences and products
 * are checked to stay safe integers and exact, ratios are kept as integer fractions and compared or
 * rounded by integer cross-multiplication. No floating point value ever decides a score. Whatever falls
 * outside this (a value with more than 6 decimals or 9 integer digits, an overflow, an input the
 * validator would refuse, a rounding exactly on a boundary after an inexact percent) gives up with
 * `null`, and the caller runs the decimal.js path, which validates, explains the issues, and decides.
 * Framework constants (maxima, tiers, labels, thresholds, texts) are prepared once per framework object.
 */
import { contentHash } from '../frameworks/canonical.ts';
import { Dec, roundDec, toDec } from '../frameworks/decimal.ts';
import { isProvisional } from '../frameworks/labels.ts';
import { LIMITS } from '../limits.ts';
import type {
  Condition,
  DecimalValue,
  Framework,
  FrameworkNode,
  InputDef,
  Provenance,
  RoundingRule,
  Rule,
} from '../frameworks/model.ts';
import { date, passText, pct, viNumber } from './explain.ts';
import type { ConditionResult, EvaluationResult, Measure, ResultNode, ResultSource } from './types.ts';

/** Millionths: every decimal of the fast path is an integer number of these. */
const S = 1_000_000;
const SCALE_DIGITS = 6;

/** Thrown (never escapes this module) when a value falls outside what the fast path computes exactly. */
const BAIL: unique symbol = Symbol('bail');
function bail(): never {
  throw BAIL;
}

/** a × b for safe integers, refusing any product that is not a safe integer (so never rounded). */
function mul(a: number, b: number): number {
  const p = a * b;
  if (!Number.isSafeInteger(p)) bail();
  return p;
}

function add(a: number, b: number): number {
  const s = a + b;
  if (!Number.isSafeInteger(s)) bail();
  return s;
}

/** Product of two scaled values, exact at 6 decimals or bail. */
function mulScaled(a: number, b: number): number {
  const p = mul(a, b);
  if (p % S !== 0) bail();
  return p / S;
}

/** ⌊p / q⌋ for safe integers p ≥ 0, q > 0, corrected so the float division cannot leave it off by one. */
function floorDiv(p: number, q: number): number {
  let r = Math.floor(p / q);
  while (r > 0 && r * q > p) r--;
  while ((r + 1) * q <= p) r++;
  return r;
}

/** Plain decimal text of a scaled value, like decimal.js toFixed(): "2.5", "0", "-1.25". */
function fmt(x: number): string {
  if (x < 0) return `-${fmt(-x)}`;
  const frac = x % S;
  const whole = String((x - frac) / S);
  if (frac === 0) return whole;
  let f = String(frac).padStart(SCALE_DIGITS, '0');
  let end = f.length;
  while (f.charCodeAt(end - 1) === 48) end--;
  f = f.slice(0, end);
  return `${whole}.${f}`;
}

/** Vietnamese form of a scaled value ("2,5"). */
function num(x: number): string {
  return viNumber(fmt(x));
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * A decimal typed by a user as a scaled integer, or undefined when the fast path does not take it
 * (the decimal.js path then validates it). Only values the validator certainly accepts are taken:
 * at most 9 integer digits and 6 decimals, well inside LIMITS.
 */
function parseScaled(v: unknown): number | undefined {
  if (typeof v === 'number') {
    if (Object.is(v, -0)) return undefined;
    if (Number.isSafeInteger(v)) {
      const s = v * S;
      return Number.isSafeInteger(s) ? s : undefined;
    }
    if (!Number.isFinite(v)) return undefined;
    return parseText(String(v));
  }
  if (typeof v !== 'string') return undefined;
  return parseText(v.trim());
}

function parseText(text: string): number | undefined {
  if (text.length > 17 || !DECIMAL.test(text)) return undefined;
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = (dot < 0 ? body : body.slice(0, dot)).replace(/^0+(?=\d)/, '');
  const fraction = dot < 0 ? '' : body.slice(dot + 1);
  if (whole.length > 9 || fraction.length > SCALE_DIGITS) return undefined;
  const value = Number(whole) * S + (fraction ? Number(fraction.padEnd(SCALE_DIGITS, '0')) : 0);
  if (negative && value === 0) return undefined; // "-0": leave the sign question to decimal.js
  return negative ? -value : value;
}

/** A framework constant as a scaled integer (computed once with decimal.js), or undefined if not exact at 6 decimals. */
function constantScaled(value: DecimalValue | Dec): number | undefined {
  const d = (value instanceof Dec ? value : toDec(value)).times(S);
  if (!d.isInteger()) return undefined;
  const n = Number(d.toFixed());
  return Number.isSafeInteger(n) ? n : undefined;
}

function roundScaled(x: number, rule: RoundingRule): number {
  if (rule.decimals >= SCALE_DIGITS) return x;
  if (x < 0 || rule.decimals < 0) bail();
  const unit = 10 ** (SCALE_DIGITS - rule.decimals);
  const rest = x % unit;
  const base = x - rest;
  return rule.mode === 'down' || rest * 2 < unit ? base : base + unit;
}

// ---------------------------------------------------------------------------------------------------
// The framework, prepared once.

interface FInput {
  def: InputDef;
  /** Position of its value in FInputValues.values. */
  index: number;
  /** Choice: option value → label, option value → points text (per rule, see FRule). */
  labels: Map<string, string> | null;
  options: string[];
  min: number | undefined;
  max: number | undefined;
  /** Suffix after a decimal value in explanations (" đồng", " người"). */
  unitText: string;
}

interface FTier {
  min: number;
  points: number;
  pointsText: string;
  label: string;
}

interface FNode {
  node: FrameworkNode;
  code: string;
  title: string;
  kind: FrameworkNode['kind'];
  hasMax: boolean;
  max: number;
  maxText: string | null;
  maxShown: string;
  provenance: Provenance;
  ownProvisional: boolean;
  legalBasis: string | null;
  depth: number;
  children: FNode[];
  parent: FNode | null;
  rule: Rule | undefined;
  tiers: FTier[] | null;
  /** Threshold rule: minimum and its two display forms. */
  min: number;
  minPct: string;
  minNum: string;
  /** Choice rule: option → [points, "label (points)"]. */
  choice: Map<string, { points: number; text: string }> | null;
  /** Deductions/adjustment items' points, in order. */
  itemPoints: number[];
  /** The rule's input, due-date input and item inputs. */
  ruleInput: FInput | null;
  dueInput: FInput | null;
  itemInputs: FInput[];
  bonusCap: number;
  penaltyCap: number;
  /** Criterion threshold of everyCriterionAtLeastPercent (max × share) and its text. */
  shareThreshold: number;
  shareThresholdText: string;
  /** Leaf results already computed, by what they depend on (memoKey). */
  memo: Map<string | number, Scored>;
}

interface FFramework {
  fw: Framework;
  isPoints: boolean;
  nodes: FNode[];
  byCode: Map<string, FNode>;
  inputs: Map<string, FInput>;
  facts: Map<string, string>;
  maxTotal: number;
  maxTotalText: string;
  maxTotalShown: string;
  /** The result's `framework` member, one frozen object per framework. */
  identity: EvaluationResult['framework'];
  conditions: { c: Condition; value: number; percentText: string; texts: Map<number, string> }[];
  /** Texts that recur from commune to commune (the displayed total, the recognition line), by a number. */
  texts: Map<number, string>;
  hasPercentCondition: boolean;
}

const prepared = new WeakMap<Framework, FFramework | null>();

function prepare(fw: Framework): FFramework | null {
  if (prepared.has(fw)) return prepared.get(fw)!;
  let out: FFramework | null;
  try {
    out = build(fw);
  } catch (e) {
    if (e !== BAIL) throw e;
    out = null;
  }
  prepared.set(fw, out);
  return out;
}

function need(n: number | undefined): number {
  if (n === undefined) bail();
  return n;
}

function build(fw: Framework): FFramework {
  const isPoints = fw.model === 'points';
  const inputs = new Map<string, FInput>();
  const byCode = new Map<string, FNode>();
  const percents = fw.conditions.filter((c) => c.type === 'everyCriterionAtLeastPercent');
  // The criteria's pass flags follow the first such condition; two of them stay on the decimal.js path.
  if (percents.length > 1) bail();
  const percent = percents[0];
  const share = percent ? toDec(percent.percent).div(100) : null;

  const collectInputs = (node: FrameworkNode): void => {
    for (const def of node.inputs ?? [])
      inputs.set(def.id, {
        def,
        index: inputs.size,
        labels: def.options ? new Map(def.options.map((o) => [o.value, o.label])) : null,
        options: (def.options ?? []).map((o) => o.value),
        min: def.min !== undefined ? need(constantScaled(def.min)) : undefined,
        max: def.max !== undefined ? need(constantScaled(def.max)) : undefined,
        unitText: def.unit ? ` ${def.unit}` : def.type === 'money' ? ' đồng' : '',
      });
    node.children?.forEach(collectInputs);
  };
  fw.nodes.forEach(collectInputs);

  const visit = (
    node: FrameworkNode,
    parent: FNode | null,
    depth: number,
    legalBasis: string | null,
  ): FNode => {
    const maxDec = node.max !== undefined ? toDec(node.max) : null;
    const maxText = maxDec ? maxDec.toFixed() : null;
    const rule = node.rule;
    const provenance = rule?.provenance && rule.provenance !== 'L' ? rule.provenance : node.provenance;
    const f: FNode = {
      node,
      code: node.code,
      title: node.title,
      kind: node.kind,
      hasMax: maxDec !== null,
      max: maxDec ? need(constantScaled(maxDec)) : 0,
      maxText,
      maxShown: maxText ? viNumber(maxText) : '',
      provenance,
      ownProvisional: isProvisional(provenance),
      legalBasis: node.legalBasis ?? legalBasis,
      depth,
      children: [],
      parent,
      rule,
      tiers: null,
      min: 0,
      minPct: '',
      minNum: '',
      choice: null,
      itemPoints: [],
      ruleInput: rule && 'input' in rule ? (inputs.get(rule.input) ?? null) : null,
      dueInput: rule && 'dueInput' in rule ? (inputs.get(rule.dueInput) ?? null) : null,
      itemInputs:
        rule?.type === 'deductions' || rule?.type === 'adjustment'
          ? rule.items.map((i) => inputs.get(i.input) ?? bail())
          : [],
      bonusCap: 0,
      penaltyCap: 0,
      shareThreshold: 0,
      shareThresholdText: '',
      memo: new Map(),
    };
    if (rule?.type === 'tiers') {
      const def = inputs.get(rule.input)?.def;
      const u = def && (def.type === 'ratio' || def.type === 'documents') ? '%' : '';
      f.tiers = rule.tiers.map((t) => {
        const min = toDec(t.min);
        const points = toDec(t.points);
        const minShown = viNumber(min.toFixed());
        const label =
          t.below === undefined
            ? `mức từ ${minShown}${u} trở lên`
            : `mức từ ${minShown}${u} đến dưới ${viNumber(toDec(t.below).toFixed())}${u}`;
        return {
          min: need(constantScaled(min)),
          points: need(constantScaled(points)),
          pointsText: points.toFixed(),
          label,
        };
      });
    }
    if (rule?.type === 'threshold') {
      const min = toDec(rule.min);
      f.min = need(constantScaled(min));
      f.minPct = pct(min);
      f.minNum = viNumber(min.toFixed());
    }
    if (rule?.type === 'choice') {
      const entry = inputs.get(rule.input);
      f.choice = new Map(
        (entry?.options ?? []).map((o) => {
          const points = need(constantScaled(rule.points[o] ?? 0));
          return [o, { points, text: `${entry?.labels?.get(o) ?? o} (${num(points)})` }];
        }),
      );
    }
    if (rule?.type === 'deductions' || rule?.type === 'adjustment')
      f.itemPoints = rule.items.map((i) => need(constantScaled(i.points)));
    if (rule?.type === 'adjustment') {
      f.bonusCap = need(constantScaled(rule.bonusCap));
      f.penaltyCap = need(constantScaled(rule.penaltyCap));
    }
    if (share && depth === 0) {
      const t = (maxDec ?? new Dec(0)).times(share);
      f.shareThreshold = need(constantScaled(t));
      f.shareThresholdText = num(f.shareThreshold);
    }
    byCode.set(node.code, f);
    f.children = (node.children ?? []).map((c) => visit(c, f, depth + 1, f.legalBasis));
    return f;
  };
  const nodes = fw.nodes.map((n) => visit(n, null, 0, null));
  const maxTotal = need(constantScaled(fw.maxTotal ?? 0));
  return {
    fw,
    isPoints,
    nodes,
    byCode,
    inputs,
    facts: new Map(fw.facts.toReversed().map((f) => [f.key, f.title])),
    maxTotal,
    maxTotalText: fmt(maxTotal),
    maxTotalShown: num(maxTotal),
    identity: Object.freeze({ code: fw.code, version: fw.version, name: fw.name, hash: contentHash(fw) }),
    conditions: fw.conditions.map((c) => ({
      c,
      value: c.type === 'totalAtLeast' ? need(constantScaled(c.value)) : 0,
      percentText: c.type === 'everyCriterionAtLeastPercent' ? num(need(constantScaled(c.percent))) : '',
      texts: new Map(),
    })),
    texts: new Map(),
    hasPercentCondition: percent !== undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Input: read only what the validator certainly accepts; anything else gives up (the decimal.js path
// then lists the issues).

type FValue =
  /** Texts (fmt) are made only when a leaf is computed, not for every commune. */
  | { type: 'decimal'; value: number }
  /** A ratio as integers reduced by common powers of ten (45/50 stays 45/50; 2.5/10 → 25/100). */
  | {
      type: 'ratio';
      n: number;
      d: number;
      /** As typed, scaled. */
      nScaled: number;
      dScaled: number;
      /** Both typed as whole numbers (nWhole/dWhole), the usual case. */
      whole: boolean;
      nWhole: number;
      dWhole: number;
    }
  | { type: 'boolean'; value: boolean }
  | { type: 'choice'; selected: string[] }
  | { type: 'date'; value: string }
  | { type: 'documents'; onTime: number; total: number };

interface FInputValues {
  /** By FInput.index; undefined = not entered. */
  values: (FValue | undefined)[];
  points: Map<string, number>;
  passed: Map<string, boolean>;
  manual: Map<string, { points?: number; passed?: boolean; reason: string }>;
  facts: Map<string, boolean>;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function section(raw: Record<string, unknown>, key: string): Record<string, unknown> | null {
  const v = raw[key];
  if (v === undefined) return null;
  if (!isPlainObject(v)) bail();
  return v;
}

function nonNegative(v: unknown, integer: boolean): number {
  const s = parseScaled(v);
  if (s === undefined || s < 0 || (integer && s % S !== 0)) bail();
  return s;
}

function readValue(entry: FInput, value: unknown): FValue {
  const def = entry.def;
  switch (def.type) {
    case 'number': {
      const s = parseScaled(value);
      if (s === undefined) bail();
      if (entry.min !== undefined && s < entry.min) bail();
      if (entry.max !== undefined && s > entry.max) bail();
      return { type: 'decimal', value: s };
    }
    case 'count':
    case 'money': {
      const s = nonNegative(value, def.type === 'count');
      return { type: 'decimal', value: s };
    }
    case 'ratio': {
      if (!isPlainObject(value)) bail();
      for (const k in value) if (k !== 'numerator' && k !== 'denominator') bail();
      const nScaled = nonNegative(value.numerator, false);
      const dScaled = nonNegative(value.denominator, false);
      if (nScaled > dScaled) bail();
      const whole = nScaled % S === 0 && dScaled % S === 0;
      const nWhole = whole ? nScaled / S : 0;
      const dWhole = whole ? dScaled / S : 0;
      let n = whole ? nWhole : nScaled;
      let d = whole ? dWhole : dScaled;
      for (let i = 0; !whole && i < SCALE_DIGITS && d !== 0 && n % 10 === 0 && d % 10 === 0; i++) {
        n /= 10;
        d /= 10;
      }
      return { type: 'ratio', n, d, nScaled, dScaled, whole, nWhole, dWhole };
    }
    case 'boolean':
      if (typeof value !== 'boolean') bail();
      return { type: 'boolean', value };
    case 'date':
      if (!isIsoDay(value)) bail();
      return { type: 'date', value };
    case 'choice': {
      if (def.multiple ? !Array.isArray(value) : typeof value !== 'string') bail();
      const list: unknown[] = def.multiple ? (value as unknown[]) : [value];
      const selected: string[] = [];
      for (const item of list) {
        if (typeof item !== 'string' || !entry.options.includes(item) || selected.includes(item)) bail();
        selected.push(item);
      }
      return { type: 'choice', selected };
    }
    case 'documents': {
      if (!Array.isArray(value) || value.length > LIMITS.documentsPerInput) bail();
      let onTime = 0;
      for (const doc of value as unknown[]) {
        if (!isPlainObject(doc)) bail();
        if (doc.title !== undefined && (typeof doc.title !== 'string' || doc.title.length > 500)) bail();
        if ('onTime' in doc) {
          if (typeof doc.onTime !== 'boolean') bail();
          if (doc.onTime) onTime++;
          continue;
        }
        const due = doc.dueOn;
        const issued = doc.issuedOn;
        if (!isIsoDay(due)) bail();
        if (issued !== null && issued !== undefined && !isIsoDay(issued)) bail();
        if (typeof issued === 'string' && issued <= due) onTime++;
      }
      return { type: 'documents', onTime, total: value.length };
    }
  }
}

const SECTIONS = new Set(['values', 'points', 'passed', 'manual', 'facts']);

// Module-level helpers, not closures: under tsx every named closure is wrapped at each creation.
function pointsOf(f: FFramework, node: FNode, value: unknown): number {
  if (!f.isPoints) bail();
  const s = parseScaled(value);
  if (s === undefined) bail();
  if (node.kind !== 'adjustment' && (s < 0 || s > node.max)) bail();
  return s;
}

function nodeOf(f: FFramework, code: string): FNode {
  return f.byCode.get(code) ?? bail();
}

function readInput(f: FFramework, raw: unknown): FInputValues {
  if (!isPlainObject(raw)) bail();
  for (const key in raw) if (!SECTIONS.has(key)) bail();
  const input: FInputValues = {
    values: new Array<FValue | undefined>(f.inputs.size).fill(undefined),
    points: new Map(),
    passed: new Map(),
    manual: new Map(),
    facts: new Map(),
  };
  const values = section(raw, 'values');
  if (values)
    for (const id in values) {
      if (!Object.prototype.hasOwnProperty.call(values, id)) continue;
      const entry = f.inputs.get(id);
      if (!entry) bail();
      input.values[entry.index] = readValue(entry, values[id]);
    }
  const points = section(raw, 'points');
  if (points)
    for (const code in points) {
      if (!Object.prototype.hasOwnProperty.call(points, code)) continue;
      input.points.set(code, pointsOf(f, nodeOf(f, code), points[code]));
    }
  const passed = section(raw, 'passed');
  if (passed)
    for (const code in passed) {
      if (!Object.prototype.hasOwnProperty.call(passed, code)) continue;
      nodeOf(f, code);
      const v = passed[code];
      if (f.isPoints || typeof v !== 'boolean') bail();
      input.passed.set(code, v);
    }
  const manual = section(raw, 'manual');
  if (manual)
    for (const code in manual) {
      if (!Object.prototype.hasOwnProperty.call(manual, code)) continue;
      const node = nodeOf(f, code);
      const v = manual[code];
      if (node.children.length || !isPlainObject(v)) bail();
      const reason = typeof v.reason === 'string' ? v.reason.trim() : '';
      if (!reason) bail();
      if (f.isPoints) {
        if (v.points === undefined) bail();
        input.manual.set(code, { points: pointsOf(f, node, v.points), reason });
      } else {
        if (typeof v.passed !== 'boolean') bail();
        input.manual.set(code, { passed: v.passed, reason });
      }
    }
  // An entry for a node and one of its ancestors is refused by the validator.
  for (const code of [...input.points.keys(), ...input.passed.keys()])
    for (let p = f.byCode.get(code)!.parent; p; p = p.parent)
      if (input.points.has(p.code) || input.passed.has(p.code)) bail();
  const facts = section(raw, 'facts');
  if (facts)
    for (const key in facts) {
      if (!Object.prototype.hasOwnProperty.call(facts, key)) continue;
      const v = facts[key];
      if (!f.facts.has(key) || typeof v !== 'boolean') bail();
      input.facts.set(key, v);
    }
  return input;
}

// ---------------------------------------------------------------------------------------------------
// Scoring: the same tree, texts and decisions as engine.ts.

interface Ctx {
  f: FFramework;
  input: FInputValues;
  /** Input ids needed but not entered, in the order met (no duplicates). */
  missing: string[];
  /** Ids the last leaf found missing (duplicates included), remembered with the leaf. */
  leafMissing: readonly string[];
}

/**
 * A computed node with what its parent reads copied beside it: a parent then reads one object per
 * child, not the child's result node too (with leaves shared across thousands of results, those reads
 * are cache misses, the largest cost of the fast path before this).
 */
interface Scored {
  r: ResultNode;
  /** Scaled points, or null in the pass model. */
  pts: number | null;
  f: FNode;
  provisional: boolean;
  passed: boolean | null;
  /** Vietnamese points ("2,5"; "0" when none) and whether they are the maximum. */
  pointsShown: string;
  full: boolean;
  /** For a remembered leaf: every input id it found missing. */
  missing: readonly string[];
}

function scored(f: FNode, pts: number | null, r: ResultNode, missing: readonly string[] = NO_IDS): Scored {
  return {
    r,
    pts,
    f,
    provisional: r.provisional,
    passed: r.passed,
    pointsShown: viNumber(r.points ?? '0'),
    // Points strings are canonical (no trailing zeros), so string equality is decimal equality.
    full: r.points !== null && r.points === r.max,
    missing,
  };
}

/**
 * An amount measured from an input as an exact fraction an/ad (a percent of a ratio: 100·n/d).
 * `exact`: decimal.js holds it without rounding (its percent of a ratio is rounded to 40 digits).
 */
interface Amount {
  an: number;
  ad: number;
  exact: boolean;
  /** For a percent: the ratio as typed, to redo the rare boundary case with decimal.js. */
  numText?: string;
  denText?: string;
}

interface Measured {
  measure: Measure;
  amount: Amount | null;
  text: string;
  percentShown?: string;
}

type Outcome =
  | { points?: number; pointsText?: string; passed?: boolean; explanation: string; measure?: Measure }
  | { missing: string[] };

const dates = new Map<string, string>();
function dateText(iso: string): string {
  let out = dates.get(iso);
  if (out === undefined) {
    if (dates.size > 10_000) dates.clear();
    out = date(iso);
    dates.set(iso, out);
  }
  return out;
}

/**
 * A text that depends only on `key` within `cache`, built once: strings cannot be changed, so sharing one
 * between results is invisible, and thousands of results then hold one copy.
 */
function text(cache: Map<number, string>, key: number, build: () => string): string {
  let out = cache.get(key);
  if (out === undefined) {
    if (cache.size >= MEMO_SIZE) cache.clear();
    out = flat(build());
    cache.set(key, out);
  }
  return out;
}

function padCount(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function outOf(f: FNode, points: number, text?: string): string {
  return `${text !== undefined ? viNumber(text) : num(points)}/${f.maxShown} điểm`;
}

function makeNode(
  f: FNode,
  points: string | null,
  passed: boolean | null,
  source: ResultSource,
  explanation: string,
  provisional: boolean,
  children: ResultNode[],
  measure?: Measure,
): ResultNode {
  const result: ResultNode = {
    code: f.code,
    title: f.title,
    kind: f.kind,
    max: f.maxText,
    points,
    passed,
    source,
    explanation: flat(explanation),
    provenance: f.provenance,
    provisional,
    legalBasis: f.legalBasis,
    children,
  };
  if (measure) result.measure = measure;
  return result;
}

function notEntered(f: FNode, ancestor: string): ResultNode {
  return makeNode(
    f,
    null,
    null,
    'not-entered',
    `Không chấm riêng: kết quả đã nhập ở mục ${ancestor}`,
    f.ownProvisional,
    f.children.map((c) => notEntered(c, ancestor)),
  );
}

/** ⌊an·S/ad⌋-free comparison: amount ≥ a scaled constant. */
function amountAtLeast(a: Amount, scaled: number): boolean {
  return mul(a.an, S) >= mul(scaled, a.ad);
}

/** A scaled decimal as a fraction with the powers of ten it does not need removed (50,000,000 đồng → 5·10⁷/1). */
function decimalAmount(value: number): Amount {
  let an = value;
  let ad = S;
  while (ad > 1 && an % 10 === 0) {
    an /= 10;
    ad /= 10;
  }
  return { an, ad, exact: true };
}

function measureOf(entry: FInput, v: FValue): Measured {
  const def = entry.def;
  switch (v.type) {
    case 'ratio':
    case 'documents': {
      const isRatio = v.type === 'ratio';
      const numText = isRatio ? fmt(v.nScaled) : String(v.onTime);
      const denText = isRatio ? fmt(v.dScaled) : String(v.total);
      const label = isRatio ? 'Tỷ lệ' : 'Văn bản đúng hạn';
      const n = isRatio ? v.n : v.onTime;
      const d = isRatio ? v.d : v.total;
      if (d === 0)
        return {
          measure: { kind: 'percent', value: null, numerator: numText, denominator: '0', empty: true },
          amount: null,
          text: `${label}: không phát sinh (mẫu số bằng 0)`,
        };
      const full = n === d;
      // Percent shown to 2 decimals, half-up: ⌊(2·10⁴·n + d) / 2d⌋ hundredths. On a half-way point
      // the percent terminates, so decimal.js (40 digits) rounds the same exact value.
      const shown = full ? '100' : fmt(mul(floorDiv(add(mul(20_000, n), d), mul(2, d)), 10_000));
      const an = full ? 100 : mul(100, n);
      const ad = full ? 1 : d;
      return {
        measure: { kind: 'percent', value: shown, numerator: numText, denominator: denText },
        amount: { an, ad, exact: full || mul(an, S) % ad === 0, numText, denText },
        text: `${label} ${viNumber(numText)}/${viNumber(denText)} = ${viNumber(shown)}%`,
        percentShown: shown,
      };
    }
    case 'decimal':
      return {
        measure: { kind: 'value', value: fmt(v.value) },
        amount: decimalAmount(v.value),
        text: `${def.label}: ${viNumber(fmt(v.value))}${entry.unitText}`,
      };
    case 'choice':
      return {
        measure: { kind: 'selection', value: String(v.selected.length), selected: v.selected },
        amount: { an: v.selected.length, ad: 1, exact: true },
        text: `${def.label}: chọn ${v.selected.length} phương án`,
      };
    case 'boolean':
      return {
        measure: { kind: 'boolean', value: v.value ? '1' : '0' },
        amount: { an: v.value ? 1 : 0, ad: 1, exact: true },
        text: `${def.label}: ${v.value ? 'Có' : 'Không'}`,
      };
    case 'date':
      return {
        measure: { kind: 'date', value: v.value },
        amount: null,
        text: `${def.label}: ${dateText(v.value)}`,
      };
  }
}

function emptyRatio(f: FNode, emptyFull: boolean | undefined, m: Measured): Outcome {
  const full = emptyFull ?? true;
  const pointsText = full ? f.maxText! : '0';
  return {
    points: full ? f.max : 0,
    pointsText,
    measure: m.measure,
    explanation: `${m.text} → ${outOf(f, f.max, pointsText)}`,
  };
}

/**
 * round(amount × max / 100) by the framework's rule, in scaled units. decimal.js rounds an inexact
 * percent to 40 digits first; that can only change the result when the exact value lies on the very
 * point where the rule turns, and there the value is computed as engine.ts does, with decimal.js.
 */
function ratioPoints(a: Amount, f: FNode, rule: RoundingRule): number {
  const max = f.max;
  if (rule.decimals > SCALE_DIGITS || rule.decimals < 0) bail();
  const unit = 10 ** (SCALE_DIGITS - rule.decimals);
  const p = mul(a.an, max);
  const q = mul(mul(a.ad, 100), unit);
  if (p < 0) bail();
  // The 40-digit error matters only on the very point where the rule turns: a half unit for half-up,
  // a whole unit for down (1/3 of 3 points: 0,99999… rounds half-up to 1 but down to 0,99).
  if (!a.exact && (rule.mode === 'down' ? p % q === 0 : mul(p, 2) % q === 0 && ((mul(p, 2) / q) & 1) === 1))
    return need(
      constantScaled(
        roundDec(toDec(a.numText!).times(100).div(toDec(a.denText!)).times(toDec(f.maxText!)).div(100), rule),
      ),
    );
  const steps = rule.mode === 'down' ? floorDiv(p, q) : floorDiv(add(mul(p, 2), q), mul(q, 2));
  return mul(steps, unit);
}

function times(v: FValue | undefined): number {
  if (!v) return 0;
  if (v.type === 'boolean') return v.value ? S : 0;
  return v.type === 'decimal' ? v.value : 0;
}

function missingOf(ctx: Ctx, ...defs: InputDef[]): Outcome {
  const ids: string[] = [];
  for (const d of defs) {
    ids.push(d.id);
    addMissing(ctx, d.id);
  }
  ctx.leafMissing = ids;
  return { missing: defs.map((d) => `"${d.label}"`) };
}

function applyRule(ctx: Ctx, f: FNode, rule: Rule): Outcome {
  const values = ctx.input.values;
  switch (rule.type) {
    case 'fixed':
    case 'yes': {
      const entry = f.ruleInput!;
      const v = values[f.ruleInput!.index];
      if (!v || v.type !== 'boolean') return missingOf(ctx, entry.def);
      const expected = rule.expected ?? true;
      const ok = v.value === expected;
      const measure: Measure = { kind: 'boolean', value: v.value ? '1' : '0' };
      const text = `${entry.def.label}: ${v.value ? 'Có' : 'Không'}`;
      if (rule.type === 'yes')
        return {
          passed: ok,
          measure,
          explanation: `${text} (yêu cầu: ${expected ? 'Có' : 'Không'}) → ${passText(ok)}`,
        };
      const points = ok ? f.max : 0;
      const pointsText = ok ? f.maxText! : '0';
      return { points, pointsText, measure, explanation: `${text} → ${outOf(f, points, pointsText)}` };
    }
    case 'ratio': {
      const entry = f.ruleInput!;
      const v = values[f.ruleInput!.index];
      if (!v) return missingOf(ctx, entry.def);
      const m = measureOf(entry, v);
      if (!m.amount) return emptyRatio(f, rule.emptyFull, m);
      const rounded = ratioPoints(m.amount, f, ctx.f.fw.rounding.points);
      const points = rounded < f.max ? rounded : f.max;
      return {
        points,
        measure: m.measure,
        explanation: `${m.text} → ${viNumber(m.percentShown ?? '0')}% × ${f.maxShown} = ${outOf(f, points)}`,
      };
    }
    case 'tiers': {
      const entry = f.ruleInput!;
      const v = values[f.ruleInput!.index];
      if (!v) return missingOf(ctx, entry.def);
      const m = measureOf(entry, v);
      if (!m.amount) return emptyRatio(f, rule.emptyFull, m);
      const tiers = f.tiers!;
      let tier = tiers[0]!;
      for (let i = tiers.length - 1; i > 0; i--)
        if (amountAtLeast(m.amount, tiers[i]!.min)) {
          tier = tiers[i]!;
          break;
        }
      return {
        points: tier.points,
        pointsText: tier.pointsText,
        measure: m.measure,
        explanation: `${m.text} → ${outOf(f, tier.points, tier.pointsText)} (${tier.label})`,
      };
    }
    case 'choice': {
      const entry = f.ruleInput!;
      const v = values[f.ruleInput!.index];
      if (!v || v.type !== 'choice') return missingOf(ctx, entry.def);
      let sum = 0;
      const picked: string[] = [];
      for (const o of v.selected) {
        const c = f.choice!.get(o)!;
        sum = add(sum, c.points);
        picked.push(c.text);
      }
      const points = sum < f.max ? sum : f.max;
      return {
        points,
        measure: { kind: 'selection', value: String(v.selected.length), selected: v.selected },
        explanation: `${picked.length ? `Đã chọn: ${picked.join(', ')}` : 'Không chọn phương án nào'}${
          sum > f.max ? `; tổng ${num(sum)} vượt mức tối đa` : ''
        } → ${outOf(f, points)}`,
      };
    }
    case 'deadline':
    case 'deadlinePass': {
      const aDef = f.ruleInput!.def;
      const bDef = f.dueInput!.def;
      const a = values[f.ruleInput!.index];
      const b = values[f.dueInput!.index];
      if (!a || !b || a.type !== 'date' || b.type !== 'date')
        return missingOf(
          ctx,
          ...[!a ? aDef : null, !b ? bDef : null].filter((d): d is InputDef => d !== null),
        );
      const onTime = a.value <= b.value;
      const text = `${aDef.label}: ${dateText(a.value)}, hạn ${dateText(b.value)} → ${onTime ? 'đúng hạn' : 'quá hạn'}`;
      const measure: Measure = { kind: 'date', value: a.value };
      if (rule.type === 'deadlinePass')
        return { passed: onTime, measure, explanation: `${text} → ${passText(onTime)}` };
      const pointsText = onTime ? f.maxText! : '0';
      return {
        points: onTime ? f.max : 0,
        pointsText,
        measure,
        explanation: `${text} → ${outOf(f, f.max, pointsText)}`,
      };
    }
    case 'deductions': {
      let deducted = 0;
      const parts: string[] = [];
      rule.items.forEach((item, i) => {
        const t = times(values[f.itemInputs[i]!.index]);
        if (t === 0) return;
        const amount = t === S ? f.itemPoints[i]! : mulScaled(f.itemPoints[i]!, t);
        deducted = add(deducted, amount);
        parts.push(`trừ ${num(amount)} (${item.label}${t === S ? '' : ` × ${num(t)}`})`);
      });
      const rest = f.max - deducted;
      const points = rest > 0 ? rest : 0;
      return {
        points,
        measure: { kind: 'value', value: fmt(deducted) },
        explanation: parts.length
          ? `Điểm tối đa ${f.maxShown}; ${parts.join('; ')} → ${outOf(f, points)}`
          : `Không có nội dung bị trừ điểm → ${outOf(f, points)}`,
      };
    }
    case 'adjustment': {
      let bonus = 0;
      let penalty = 0;
      const parts: string[] = [];
      rule.items.forEach((item, i) => {
        const t = times(values[f.itemInputs[i]!.index]);
        if (t === 0) return;
        const amount = t === S ? f.itemPoints[i]! : mulScaled(f.itemPoints[i]!, t);
        if (item.effect === 'bonus') bonus = add(bonus, amount);
        else penalty = add(penalty, amount);
        parts.push(
          `${item.effect === 'bonus' ? 'cộng' : 'trừ'} ${num(amount)} (${item.label}${t === S ? '' : ` × ${num(t)}`})`,
        );
      });
      const points =
        (bonus < f.bonusCap ? bonus : f.bonusCap) - (penalty < f.penaltyCap ? penalty : f.penaltyCap);
      const caps = [
        bonus > f.bonusCap ? `điểm thưởng tối đa ${num(f.bonusCap)}` : '',
        penalty > f.penaltyCap ? `điểm phạt tối đa ${num(f.penaltyCap)}` : '',
      ].filter(Boolean);
      return {
        points,
        measure: { kind: 'value', value: fmt(points) },
        explanation: parts.length
          ? `${parts.join('; ')}${caps.length ? ` (${caps.join(', ')})` : ''} → ${num(points)} điểm`
          : 'Không có điểm thưởng, điểm phạt → 0 điểm',
      };
    }
    case 'threshold': {
      const entry = f.ruleInput!;
      const v = values[f.ruleInput!.index];
      if (!v) return missingOf(ctx, entry.def);
      const m = measureOf(entry, v);
      if (!m.amount) {
        const passed = rule.emptyPasses ?? true;
        return { passed, measure: m.measure, explanation: `${m.text} → ${passText(passed)}` };
      }
      const passed = amountAtLeast(m.amount, f.min);
      return {
        passed,
        measure: m.measure,
        explanation: `${m.text} (yêu cầu ≥ ${m.measure.kind === 'percent' ? f.minPct : f.minNum}) → ${passText(passed)}`,
      };
    }
    case 'manual':
    case 'manualPass':
      return {
        missing: [
          ctx.f.isPoints ? 'điểm chấm thủ công (kèm lý do)' : 'kết quả đánh giá thủ công (kèm lý do)',
        ],
      };
  }
}

function evalNode(ctx: Ctx, f: FNode): Scored {
  const isPoints = ctx.f.isPoints;
  const historicalSource = f.depth === 0 ? 'historical-criterion' : 'historical-indicator';

  // Most inputs have no historical or manual entries: skip the lookups then.
  const hist = ctx.input.points.size ? ctx.input.points.get(f.code) : undefined;
  if (hist !== undefined && isPoints)
    return scored(
      f,
      hist,
      makeNode(
        f,
        fmt(hist),
        null,
        historicalSource,
        `Điểm nhập theo báo cáo: ${f.kind === 'adjustment' ? `${num(hist)} điểm` : outOf(f, hist)}`,
        f.ownProvisional,
        f.children.map((c) => notEntered(c, f.code)),
      ),
    );
  const histPassed = ctx.input.passed.size ? ctx.input.passed.get(f.code) : undefined;
  if (histPassed !== undefined && !isPoints)
    return scored(
      f,
      null,
      makeNode(
        f,
        null,
        histPassed,
        historicalSource,
        `Kết quả nhập theo báo cáo: ${passText(histPassed)}`,
        f.ownProvisional,
        f.children.map((c) => notEntered(c, f.code)),
      ),
    );

  if (f.children.length) {
    const results: Scored[] = [];
    const childNodes: ResultNode[] = [];
    let provisional = f.ownProvisional;
    for (const c of f.children) {
      const s = evalNode(ctx, c);
      results.push(s);
      childNodes.push(s.r);
      if (s.provisional) provisional = true;
    }
    if (isPoints) {
      let sum = 0;
      let full = 0;
      let terms = '';
      for (const s of results) {
        if (s.pts !== null) sum = add(sum, s.pts);
        terms = terms ? `${terms} + ${s.pointsShown}` : s.pointsShown;
        if (s.full) full++;
      }
      return scored(
        f,
        sum,
        makeNode(
          f,
          fmt(sum),
          null,
          'computed',
          `Tổng điểm các mục con: ${terms} = ${outOf(f, sum)}; ${padCount(full)}/${padCount(results.length)} mục đạt điểm tối đa`,
          provisional,
          childNodes,
        ),
      );
    }
    const agg = f.node.aggregate ?? { type: 'all' as const };
    let passedCount = 0;
    for (const s of results) if (s.passed) passedCount++;
    const needed = agg.type === 'all' ? results.length : agg.n;
    const passed = passedCount >= needed;
    return scored(
      f,
      null,
      makeNode(
        f,
        null,
        passed,
        'computed',
        `${padCount(passedCount)}/${padCount(results.length)} mục con đạt (yêu cầu: ${
          agg.type === 'all' ? 'tất cả' : `ít nhất ${agg.n}`
        }) → ${passText(passed)}`,
        provisional,
        childNodes,
      ),
    );
  }

  const manual = ctx.input.manual.size ? ctx.input.manual.get(f.code) : undefined;
  if (manual) {
    if (isPoints && manual.points !== undefined)
      return scored(
        f,
        manual.points,
        makeNode(
          f,
          fmt(manual.points),
          null,
          'manual',
          `Chấm thủ công: ${outOf(f, manual.points)}. Lý do: ${manual.reason}`,
          f.ownProvisional,
          [],
        ),
      );
    if (!isPoints && manual.passed !== undefined)
      return scored(
        f,
        null,
        makeNode(
          f,
          null,
          manual.passed,
          'manual',
          `Đánh giá thủ công: ${passText(manual.passed)}. Lý do: ${manual.reason}`,
          f.ownProvisional,
          [],
        ),
      );
  }

  const key = memoKey(ctx, f);
  if (key === undefined) return ruleResult(ctx, f);
  const hit = f.memo.get(key);
  if (hit) {
    if (hit.missing.length) for (const id of hit.missing) addMissing(ctx, id);
    return hit;
  }
  ctx.leafMissing = NO_IDS;
  const result = ruleResult(ctx, f);
  if (f.memo.size >= MEMO_SIZE) f.memo.clear();
  // Every id this leaf needs, even one another leaf already listed: the next commune may differ there.
  freezeLeaf(result.r);
  const remembered = ctx.leafMissing.length ? scored(f, result.pts, result.r, ctx.leafMissing) : result;
  f.memo.set(key, remembered);
  return remembered;
}

function addMissing(ctx: Ctx, id: string): void {
  if (!ctx.missing.includes(id)) ctx.missing.push(id);
}

/**
 * Leaves remembered per framework node (then forgotten all at once): enough for the distinct figures of a
 * whole country, and a bound on memory (about 0.5 KB a leaf, so about 1 MB per framework node at most).
 */
const MEMO_SIZE = 2048;
const NO_IDS: readonly string[] = Object.freeze([]);

/**
 * What a leaf's rule result depends on, as a string, for the rules that read one input (or a date and
 * its due date); undefined for the others. Many communes enter the same figures (12/12 documents,
 * 45/50 people), so their leaves are computed once and shared, frozen.
 */
function memoKey(ctx: Ctx, f: FNode): string | number | undefined {
  const rule = f.rule;
  if (!rule) return undefined;
  const values = ctx.input.values;
  switch (rule.type) {
    case 'fixed':
    case 'yes':
    case 'ratio':
    case 'tiers':
    case 'threshold':
    case 'choice':
      return valueKey(values[f.ruleInput!.index]);
    case 'deadline':
    case 'deadlinePass':
      return `${valueKey(values[f.ruleInput!.index])}|${valueKey(values[f.dueInput!.index])}`;
    default:
      return undefined;
  }
}

/** Small whole figures make number keys (cheaper to hash than strings); texts otherwise. */
function valueKey(v: FValue | undefined): string | number {
  if (!v) return '';
  switch (v.type) {
    case 'ratio':
      return v.whole && v.nWhole < 4096 && v.dWhole < 4096
        ? v.nWhole * 4096 + v.dWhole
        : `${v.nScaled}/${v.dScaled}`;
    case 'documents':
      return v.total < 4096 ? v.onTime * 4096 + v.total : `${v.onTime}:${v.total}`;
    case 'decimal':
      return v.value >= 0 && v.value < 4096 * S && v.value % S === 0 ? v.value / S : `d${v.value}`;
    case 'boolean':
      return v.value ? 1 : 0;
    case 'choice':
      return `[${v.selected.join('\u0000')}]`;
    case 'date':
      return v.value;
  }
}

function freezeLeaf(r: ResultNode): ResultNode {
  if (r.measure?.selected) Object.freeze(r.measure.selected);
  if (r.measure) Object.freeze(r.measure);
  Object.freeze(r.children);
  return Object.freeze(r);
}

function ruleResult(ctx: Ctx, f: FNode): Scored {
  const isPoints = ctx.f.isPoints;
  const outcome: Outcome = f.rule ? applyRule(ctx, f, f.rule) : { missing: ['điểm theo báo cáo'] };
  if ('missing' in outcome)
    return scored(
      f,
      isPoints ? 0 : null,
      makeNode(
        f,
        isPoints ? '0' : null,
        isPoints ? null : false,
        'missing',
        `Chưa nhập ${outcome.missing.join(', ')} → ${isPoints && f.hasMax ? outOf(f, 0) : 'Không đạt'}`,
        f.ownProvisional,
        [],
      ),
    );
  const pts = outcome.points ?? null;
  return scored(
    f,
    pts,
    makeNode(
      f,
      pts !== null ? (outcome.pointsText ?? fmt(pts)) : null,
      outcome.passed ?? null,
      'computed',
      outcome.explanation,
      f.ownProvisional,
      [],
      outcome.measure,
    ),
  );
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

/** Members in the order of engine.ts (base fields, then met, provisional, explanation). */
function conditionResult(
  c: Condition,
  met: boolean,
  provisional: boolean,
  explanation: string,
): ConditionResult {
  return {
    code: c.code,
    title: c.title,
    type: c.type,
    provenance: c.provenance,
    legalBasis: c.legalBasis ?? null,
    met,
    provisional,
    explanation: flat(explanation),
  };
}

function evalCondition(
  ctx: Ctx,
  prepared: FFramework['conditions'][number],
  /** The criteria without the bonus/penalty item. */
  criteria: Scored[],
  total: number | null,
): ConditionResult {
  const c = prepared.c;
  switch (c.type) {
    case 'totalAtLeast': {
      const value = prepared.value;
      const t = total ?? 0;
      const met = t >= value;
      return conditionResult(
        c,
        met,
        isProvisional(c.provenance),
        text(prepared.texts, t, () =>
          met
            ? `Tổng điểm ${num(t)} ≥ ${num(value)} điểm → đạt`
            : `Tổng điểm ${num(t)} < ${num(value)} điểm → không đạt (thiếu ${num(value - t)} điểm)`,
        ),
      );
    }
    case 'everyCriterionAtLeastPercent': {
      const failing = criteria.filter((s) => (s.pts ?? 0) < s.f.shareThreshold);
      const detail = failing.map(
        (s) => `tiêu chí ${s.r.code}: ${num(s.pts ?? 0)}/${num(s.f.max)} điểm, cần ${s.f.shareThresholdText}`,
      );
      return conditionResult(
        c,
        failing.length === 0,
        isProvisional(c.provenance) || criteria.some((s) => s.r.provisional),
        `${padCount(criteria.length - failing.length)}/${padCount(criteria.length)} tiêu chí đạt từ ${prepared.percentText}% số điểm tối đa trở lên${
          detail.length ? ` (chưa đạt: ${detail.join('; ')})` : ''
        }`,
      );
    }
    case 'everyCriterionPasses': {
      const failing = criteria.filter((s) => !s.r.passed);
      return conditionResult(
        c,
        failing.length === 0,
        isProvisional(c.provenance) || criteria.some((s) => s.r.provisional),
        `${padCount(criteria.length - failing.length)}/${padCount(criteria.length)} tiêu chí đạt${
          failing.length ? ` (chưa đạt: ${failing.map((s) => s.r.code).join(', ')})` : ''
        }`,
      );
    }
    case 'noVeto': {
      const title = ctx.f.facts.get(c.fact) ?? c.fact;
      const value = ctx.input.facts.get(c.fact);
      return conditionResult(
        c,
        value === false,
        isProvisional(c.provenance),
        text(prepared.texts, value === undefined ? 2 : value ? 1 : 0, () =>
          value === undefined
            ? `Chưa khai báo "${title}" → chưa xác định được, coi như chưa đáp ứng`
            : value
              ? `Có trường hợp: ${title} → không đáp ứng`
              : `Không có trường hợp ${lowerFirst(title)} → đáp ứng`,
        ),
      );
    }
  }
}

function score(f: FFramework, input: FInputValues): EvaluationResult {
  const fw = f.fw;
  const ctx: Ctx = { f, input, missing: [], leafMissing: NO_IDS };
  const scored = f.nodes.map((n) => evalNode(ctx, n));
  const criteria = scored.map((s) => s.r);
  const isPoints = f.isPoints;

  let total: number | null = null;
  let totalExplanation: string;
  let totalDisplay: string;
  if (isPoints) {
    let raw = 0;
    for (const s of scored) raw = add(raw, s.pts ?? 0);
    total = raw < 0 ? 0 : raw > f.maxTotal ? f.maxTotal : raw;
    const terms = scored.map((c) => {
      const shown = viNumber(c.r.points ?? '0');
      return c.r.kind === 'adjustment' ? `(${shown})` : shown;
    });
    const maxShown = f.maxTotalShown;
    totalExplanation = `Tổng điểm = ${terms.join(' + ')} = ${num(raw)}/${maxShown} điểm`;
    if (raw !== total)
      totalExplanation += `; giới hạn trong khoảng 0–${maxShown} → ${num(total)}/${maxShown} điểm`;
    const display = fw.rounding.display;
    const shownTotal = display ? roundScaled(total, display) : total;
    totalDisplay = text(f.texts, shownTotal, () =>
      display
        ? `${num(shownTotal)}/${maxShown} điểm (sau khi làm tròn)`
        : `${num(shownTotal)}/${maxShown} điểm`,
    );
  } else {
    let passedCount = 0;
    for (const c of criteria) if (c.passed) passedCount++;
    totalExplanation = `${padCount(passedCount)}/${padCount(criteria.length)} tiêu chí đạt`;
    totalDisplay = totalExplanation;
  }

  if (isPoints && f.hasPercentCondition)
    for (const s of scored) if (s.r.kind !== 'adjustment') s.r.passed = (s.pts ?? 0) >= s.f.shareThreshold;

  const ranked = scored.filter((s) => s.r.kind !== 'adjustment');
  const conditions = f.conditions.map((c) => evalCondition(ctx, c, ranked, total));
  let recognised: boolean | null = null;
  let recognitionExplanation: string;
  if (fw.recognition === 'all-conditions') {
    let met = 0;
    for (const c of conditions) if (c.met) met++;
    recognised = met === conditions.length;
    const all = recognised;
    recognitionExplanation = text(
      f.texts,
      -1 - met,
      () =>
        `Đáp ứng ${padCount(met)}/${padCount(conditions.length)} điều kiện → ${
          all ? 'đủ điều kiện công nhận' : 'chưa đủ điều kiện công nhận'
        }`,
    );
  } else if (fw.recognition === 'not-determinable') {
    recognitionExplanation =
      'Khung này không đủ căn cứ để tự xác định kết quả công nhận; ghi nhận theo quyết định công nhận đã ban hành.';
  } else {
    recognitionExplanation = 'Khung này không xét công nhận (dùng để chấm điểm, xếp hạng).';
  }
  const provisional = criteria.some((c) => c.provisional) || conditions.some((c) => c.provisional);

  return {
    framework: f.identity,
    model: fw.model,
    total: total !== null ? fmt(total) : null,
    max: isPoints ? f.maxTotalText : null,
    totalDisplay,
    totalExplanation,
    criteria,
    conditions,
    recognised,
    recognitionExplanation,
    provisional,
    missingInputs: ctx.missing,
  };
}

/**
 * Scores an input with scaled integers; null when the fast path cannot vouch for the result (invalid
 * input, values beyond 6 decimals or 9 integer digits, overflow, a boundary after an inexact percent):
 * the caller then uses the decimal.js path.
 */
export function scoreFast(framework: Framework, rawInput: unknown): EvaluationResult | null {
  const f = prepare(framework);
  if (!f) return null;
  try {
    return score(f, readInput(f, rawInput));
  } catch (e) {
    if (e === BAIL) return null;
    throw e;
  }
}

function flat(s: string): string {
  s.charCodeAt(s.length >> 1);
  return s;
}

/** isIsoDate (shared/dates.ts) without a regular expression: YYYY-MM-DD, a date that exists. */
export function isIsoDay(text: unknown): text is string {
  if (typeof text !== 'string' || text.length !== 10) return false;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    y = y * 10 + c;
  }
  const m1 = text.charCodeAt(5) - 48;
  const m2 = text.charCodeAt(6) - 48;
  const d1 = text.charCodeAt(8) - 48;
  const d2 = text.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return false;
  const mo = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS_IN_MONTH[mo - 1]!);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
