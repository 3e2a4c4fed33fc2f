/** A lookup index over a framework (codes, inputs, parents), built once per framework object. */
import type { Framework, FrameworkNode, InputDef } from '../frameworks/model.ts';

export interface NodeEntry {
  node: FrameworkNode;
  parent: FrameworkNode | null;
  depth: number;
}

export interface FrameworkIndex {
  nodes: Map<string, NodeEntry>;
  inputs: Map<string, { def: InputDef; node: FrameworkNode }>;
  facts: Set<string>;
}

const cache = new WeakMap<Framework, FrameworkIndex>();

/** Returns the (cached) index of a framework. */
export function indexFramework(fw: Framework): FrameworkIndex {
  let index = cache.get(fw);
  if (index) return index;
  index = { nodes: new Map(), inputs: new Map(), facts: new Set(fw.facts.map((f) => f.key)) };
  const visit = (node: FrameworkNode, parent: FrameworkNode | null, depth: number): void => {
    index!.nodes.set(node.code, { node, parent, depth });
    for (const def of node.inputs ?? []) index!.inputs.set(def.id, { def, node });
    for (const child of node.children ?? []) visit(child, node, depth + 1);
  };
  fw.nodes.forEach((n) => visit(n, null, 0));
  cache.set(fw, index);
  return index;
}
