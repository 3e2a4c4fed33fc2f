/**
 * Tree operations on a framework's nodes, for the editor and its tests: find, list, add, remove,
 * move among siblings. Pure: each operation returns a new framework and leaves its argument intact.
 */
import type { Framework, FrameworkNode } from './model.ts';

/** The node with this code anywhere in the tree, or undefined. */
export function findNode(fw: Pick<Framework, 'nodes'>, code: string): FrameworkNode | undefined {
  const find = (nodes: FrameworkNode[]): FrameworkNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const found = find(n.children ?? []);
      if (found) return found;
    }
    return undefined;
  };
  return find(fw.nodes);
}

/** Every node, parents before children, in tree order, with its depth (0 at the top). */
export function listNodes(
  fw: Pick<Framework, 'nodes'>,
): { node: FrameworkNode; depth: number; parent: string | null }[] {
  const out: { node: FrameworkNode; depth: number; parent: string | null }[] = [];
  const walk = (nodes: FrameworkNode[], depth: number, parent: string | null) => {
    for (const node of nodes) {
      out.push({ node, depth, parent });
      walk(node.children ?? [], depth + 1, node.code);
    }
  };
  walk(fw.nodes, 0, null);
  return out;
}

function clone(fw: Framework): Framework {
  return structuredClone(fw);
}

function siblingsOf(fw: Framework, code: string): FrameworkNode[] | undefined {
  if (fw.nodes.some((n) => n.code === code)) return fw.nodes;
  for (const { node } of listNodes(fw)) if (node.children?.some((c) => c.code === code)) return node.children;
  return undefined;
}

/** Replaces the node `code` by `change(node)` (a copy); the code may change only through renameCode. */
export function updateNode(
  fw: Framework,
  code: string,
  change: (node: FrameworkNode) => FrameworkNode,
): Framework {
  const next = clone(fw);
  const list = siblingsOf(next, code);
  const i = list?.findIndex((n) => n.code === code) ?? -1;
  if (!list || i < 0) return fw;
  list[i] = change(list[i]!);
  return next;
}

/** The next free child code under `parent` (null: a top-level criterion): "2.7" after "2.6". */
export function nextChildCode(fw: Framework, parent: string | null): string {
  const siblings = parent === null ? fw.nodes : (findNode(fw, parent)?.children ?? []);
  const used = new Set(listNodes(fw).map((e) => e.node.code));
  for (let i = siblings.length + 1; ; i++) {
    const code = parent === null ? String(i) : `${parent}.${i}`;
    if (!used.has(code)) return code;
  }
}

/** Adds a node at the end of `parent`'s children (null: at the top level). */
export function addNode(fw: Framework, parent: string | null, node: FrameworkNode): Framework {
  const next = clone(fw);
  if (parent === null) next.nodes.push(node);
  else {
    const p = findNode(next, parent);
    if (!p) return fw;
    p.children = [...(p.children ?? []), node];
  }
  return next;
}

/** Removes a node and its subtree. */
export function removeNode(fw: Framework, code: string): Framework {
  const next = clone(fw);
  const list = siblingsOf(next, code);
  const i = list?.findIndex((n) => n.code === code) ?? -1;
  if (!list || i < 0) return fw;
  list.splice(i, 1);
  for (const { node } of listNodes(next)) if (node.children?.length === 0) delete node.children;
  return next;
}

/** Moves a node one place up (-1) or down (+1) among its siblings. */
export function moveNode(fw: Framework, code: string, delta: -1 | 1): Framework {
  const next = clone(fw);
  const list = siblingsOf(next, code);
  const i = list?.findIndex((n) => n.code === code) ?? -1;
  const j = i + delta;
  if (!list || i < 0 || j < 0 || j >= list.length) return fw;
  [list[i], list[j]] = [list[j]!, list[i]!];
  return next;
}

/**
 * How many values of a framework are confirmed against a legal text (tag L): every node's maximum
 * or rule (the rule's own tag when it has one) and every recognition condition.
 */
export function provenanceSummary(fw: Pick<Framework, 'nodes' | 'conditions'>): {
  confirmed: number;
  total: number;
} {
  let confirmed = 0;
  let total = 0;
  for (const { node } of listNodes(fw)) {
    if (node.max === undefined && !node.rule) continue;
    total++;
    if ((node.rule?.provenance ?? node.provenance) === 'L') confirmed++;
  }
  for (const c of fw.conditions) {
    total++;
    if (c.provenance === 'L') confirmed++;
  }
  return { confirmed, total };
}
