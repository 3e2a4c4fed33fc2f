import { describe, expect, it } from 'vitest';
import { diffFrameworks } from './diff.ts';
import { findNode } from './tree.ts';
import { getBuiltinFramework } from './registry.ts';
import type { Framework } from './model.ts';

const tcpl = (): Framework => structuredClone(getBuiltinFramework('TCPL-2021'));

describe('diffFrameworks', () => {
  it('finds nothing between a version and itself', () => {
    expect(diffFrameworks(tcpl(), tcpl())).toEqual([]);
  });

  it('says a tier change in words, with the old rule and the source', () => {
    const after = tcpl();
    const rule = findNode(after, '2.5')!.rule!;
    if (rule.type !== 'tiers') throw new Error('2.5 has tiers');
    rule.tiers = [
      { min: '0', below: '90', points: '0' },
      { min: '90', points: '2' },
    ];
    rule.provenance = 'L';
    const changes = diffFrameworks(tcpl(), after);
    const texts = changes.map((c) => c.text);
    expect(texts[0]).toBe(
      '2.5: bậc: 0–dưới 90 % → 0 điểm; mức ≥ 90 % → 2 điểm (không phát sinh → đủ điểm) ' +
        '(trước: bậc: 0–dưới 50 % → 0 điểm; 50–dưới 70 % → 0,25 điểm; 70–dưới 80 % → 0,5 điểm; ' +
        '80–dưới 90 % → 1 điểm; mức ≥ 90 % → 2 điểm (không phát sinh → đủ điểm)) — nguồn: L (Đã đối chiếu văn bản pháp luật); ' +
        'Điểm đ khoản 2 Điều 3 QĐ 25/2021/QĐ-TTg; Phụ lục I TT 09/2021/TT-BTP',
    );
    expect(texts[1]).toMatch(
      /^2\.5: nguồn L \(Đã đối chiếu văn bản pháp luật\) \(trước: S \(Theo nguồn thứ cấp/,
    );
    expect(changes.every((c) => c.code === '2.5' && c.kind === 'changed')).toBe(true);
  });

  it('reports maxima on both sides, added and removed nodes, reordering and framework fields', () => {
    const before = tcpl();
    const after = tcpl();
    findNode(after, '2.4')!.max = '5';
    findNode(after, '2.5')!.max = '3';
    const c3 = findNode(after, '3')!;
    c3.children = [c3.children![1]!, c3.children![0]!, c3.children![2]!];
    const c4 = findNode(after, '4')!;
    c4.children!.pop();
    c4.children!.push({
      code: '4.6',
      title: 'Chỉ tiêu mới',
      kind: 'indicator',
      provenance: 'L',
      max: '4',
      inputs: [{ id: '4.6.x', type: 'boolean', label: 'Có' }],
      rule: { type: 'fixed', input: '4.6.x' },
    });
    after.workflow.explanationRounds = 2;
    const texts = diffFrameworks(before, after).map((c) => c.text);
    expect(texts).toContain('Số lần trả lại để bổ sung, giải trình: 2 (trước: 1)');
    expect(texts.some((t) => t.startsWith('2.4: điểm tối đa 5 điểm (trước: 6 điểm)'))).toBe(true);
    expect(texts.some((t) => t.startsWith('2.5: điểm tối đa 3 điểm (trước: 2 điểm)'))).toBe(true);
    expect(texts).toContain('Các mục con của 3 xếp lại: 3.2, 3.1, 3.3 (trước: 3.1, 3.2, 3.3)');
    expect(texts.some((t) => t.startsWith('4.6: thêm "Chỉ tiêu mới", tối đa 4 điểm; có → đủ điểm'))).toBe(
      true,
    );
    expect(texts.at(-1)).toMatch(/^4\.5: bỏ "Thực hiện các nội dung Nhân dân giám sát/);
  });

  it('names a change of measure binding and of a condition', () => {
    const after = tcpl();
    delete findNode(after, '5.2')!.inputs![0]!.source;
    const dk1 = after.conditions.find((c) => c.code === 'DK1')!;
    if (dk1.type !== 'totalAtLeast') throw new Error('DK1 is a total');
    dk1.value = '85';
    const texts = diffFrameworks(tcpl(), after).map((c) => c.text);
    expect(texts).toContain('Điều kiện DK1: tổng điểm ≥ 85 (trước: tổng điểm ≥ 80)');
    expect(texts).toContain(
      '5.2: dữ liệu "Hồ sơ TTHC giải quyết đúng hạn / hồ sơ đã giải quyết" lấy từ sổ: nhập tay (trước: tthc.onTime)',
    );
  });
});
