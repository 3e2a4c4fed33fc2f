/**
 * A lookup index over a framework (codes, inputs, parents) plus its constants pre-parsed as
 * decimals (maxima, tier tables, labels), built once per framework object: scoring thousands of
 * communes must not re-parse the same strings.
 */
import { Dec, toDec } from '../frameworks/decimal.ts';
import { formatDecimal } from '../format/vi.ts';
import type { Framework, FrameworkNode, InputDef } from '../frameworks/model.ts';

export interface NodeEntry {
  node: FrameworkNode;
  parent: FrameworkNode | null;
  depth: number;
}

export interface CompiledTier {
  min: Dec;
  points: Dec;
  pointsText: string;
  label: string;
}

export interface CompiledNode {
  max: Dec | null;
  maxText: string | null;
  /** Vietnamese form of the maximum ("2,5"). */
  maxShown: string;
  tiers: CompiledTier[] | null;
  /** For a threshold rule. */
  min: Dec | null;
}

export interface FrameworkIndex {
  nodes: Map<string, NodeEntry>;
  inputs: Map<string, { def: InputDef; node: FrameworkNode }>;
  facts: Set<string>;
  compiled: Map<FrameworkNode, CompiledNode>;
}

const cache = new WeakMap<Framework, FrameworkIndex>();

/** Returns the (cached) index of a framework. */
export function indexFramework(fw: Framework): FrameworkIndex {
  const cached = cache.get(fw);
  if (cached) return cached;
  const built: FrameworkIndex = {
    nodes: new Map(),
    inputs: new Map(),
    facts: new Set(fw.facts.map((f) => f.key)),
    compiled: new Map(),
  };
  const visit = (node: FrameworkNode, parent: FrameworkNode | null, depth: number): void => {
    built.nodes.set(node.code, { node, parent, depth });
    for (const def of node.inputs ?? []) built.inputs.set(def.id, { def, node });
    for (const child of node.children ?? []) visit(child, node, depth + 1);
  };
  fw.nodes.forEach((n) => visit(n, null, 0));
  for (const { node } of built.nodes.values()) built.compiled.set(node, compileNode(node, built));
  cache.set(fw, built);
  return built;
}

function compileNode(node: FrameworkNode, index: FrameworkIndex): CompiledNode {
  const max = node.max !== undefined ? toDec(node.max) : null;
  const maxText = max ? max.toFixed() : null;
  const rule = node.rule;
  let tiers: CompiledTier[] | null = null;
  if (rule?.type === 'tiers') {
    const def = index.inputs.get(rule.input)?.def;
    const u = def && (def.type === 'ratio' || def.type === 'documents') ? '%' : '';
    tiers = rule.tiers.map((t) => {
      const min = toDec(t.min);
      const points = toDec(t.points);
      const minShown = formatDecimal(min.toFixed());
      const label =
        t.below === undefined
          ? `mức từ ${minShown}${u} trở lên`
          : `mức từ ${minShown}${u} đến dưới ${formatDecimal(toDec(t.below).toFixed())}${u}`;
      return { min, points, pointsText: points.toFixed(), label };
    });
  }
  return {
    max,
    maxText,
    maxShown: maxText ? formatDecimal(maxText) : '',
    tiers,
    min: rule?.type === 'threshold' ? toDec(rule.min) : null,
  };
}
