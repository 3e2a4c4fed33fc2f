import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from './registry.ts';
import {
  addNode,
  findNode,
  listNodes,
  moveNode,
  nextChildCode,
  provenanceSummary,
  removeNode,
} from './tree.ts';
import { parseFramework } from './validate.ts';

const tcpl = () => getBuiltinFramework('TCPL-2021');

describe('framework tree operations (editor)', () => {
  it('adds, moves and removes nodes without touching the original', () => {
    const fw = tcpl();
    expect(nextChildCode(fw, '2')).toBe('2.7');
    const added = addNode(fw, '2', {
      code: '2.7',
      title: 'Mới',
      kind: 'indicator',
      provenance: '?',
      max: '1',
    });
    expect(findNode(added, '2.7')?.title).toBe('Mới');
    expect(findNode(fw, '2.7')).toBeUndefined();
    const moved = moveNode(fw, '3.2', -1);
    expect(findNode(moved, '3')!.children!.map((c) => c.code)).toEqual(['3.2', '3.1', '3.3']);
    expect(moveNode(fw, '3.1', -1)).toBe(fw);
    const removed = removeNode(fw, '1.1.2');
    expect(findNode(removed, '1.1')!.children!.map((c) => c.code)).toEqual(['1.1.1']);
    expect(listNodes(removed).length).toBe(listNodes(fw).length - 1);
    // The engine's validator sees what the editor made: 1.1 no longer adds up.
    const result = parseFramework(removed);
    expect(result.ok ? [] : result.issues.map((i) => `${i.nodeCode} ${i.field}`)).toContain('1.1 max');
  });

  it('counts the values confirmed against a legal text', () => {
    const { confirmed, total } = provenanceSummary(tcpl());
    expect(total).toBeGreaterThan(30);
    expect(confirmed).toBe(3); // the three recognition conditions of Điều 4 QĐ 25
  });
});
