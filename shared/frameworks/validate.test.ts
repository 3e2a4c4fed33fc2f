import { describe, expect, it } from 'vitest';
import { BUILTIN_FRAMEWORK_CODES, getBuiltinFramework, listBuiltinFrameworks } from './registry.ts';
import { parseFramework, type FrameworkIssue } from './validate.ts';
import { importFrameworkJson } from './io.ts';
import type { Framework, FrameworkNode } from './model.ts';

/** A fresh, mutable copy of TCPL-2021 to break in each test. */
function tcpl(): Framework {
  return structuredClone(getBuiltinFramework('TCPL-2021'));
}

function node(fw: Framework, code: string): FrameworkNode {
  const find = (nodes: FrameworkNode[]): FrameworkNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const found = find(n.children ?? []);
      if (found) return found;
    }
    return undefined;
  };
  const found = find(fw.nodes);
  if (!found) throw new Error(`no node ${code}`);
  return found;
}

function issues(fw: unknown): FrameworkIssue[] {
  const result = parseFramework(fw);
  if (result.ok) throw new Error('expected the framework to be invalid');
  return result.issues;
}

describe('built-in frameworks', () => {
  it('all load and validate', () => {
    expect(BUILTIN_FRAMEWORK_CODES).toEqual(['TCPL-2017', 'TCPL-2021', 'TCPL-2025', 'CCHC-XA-MAU']);
    for (const f of listBuiltinFrameworks()) {
      expect(f.version).toBe(1);
      expect(f.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
  });

  it('TCPL-2021 has 5 criteria, 20 indicators, 100 points split 10/30/15/20/25', () => {
    const fw = getBuiltinFramework('TCPL-2021');
    expect(fw.nodes.map((n) => n.max)).toEqual(['10', '30', '15', '20', '25']);
    expect(fw.nodes.map((n) => n.children?.length)).toEqual([2, 6, 3, 5, 4]);
    expect(fw.maxTotal).toBe('100');
    expect(fw.conditions.map((c) => c.type)).toEqual([
      'totalAtLeast',
      'everyCriterionAtLeastPercent',
      'noVeto',
    ]);
    // TT 09 has one completion step after a request (3 working days), hence one round.
    expect(fw.workflow).toEqual({ publicPosting: true, council: true, ranking: false, explanationRounds: 1 });
    // Provisional values are tagged: criterion 1 (10 points) is [S], criteria 2–5 maxima are [?].
    expect(fw.nodes.map((n) => n.provenance)).toEqual(['S', '?', '?', '?', '?']);
  });

  it('TCPL-2025 has 3 criteria and 14 indicators, pass levels', () => {
    const fw = getBuiltinFramework('TCPL-2025');
    expect(fw.model).toBe('pass');
    expect(fw.nodes.map((n) => n.children?.length)).toEqual([3, 7, 4]);
    expect(fw.unitTypes).toEqual(['xa', 'phuong', 'dac_khu']);
  });

  it('CCHC template uses ranking, no posting, no council', () => {
    const fw = getBuiltinFramework('CCHC-XA-MAU');
    expect(fw.workflow).toMatchObject({ publicPosting: false, council: false, ranking: true });
    expect(fw.nodes.at(-1)?.kind).toBe('adjustment');
  });

  it('throws a Vietnamese error for an unknown code', () => {
    expect(() => getBuiltinFramework('XYZ')).toThrow('Không có khung đánh giá mã "XYZ"');
  });
});

describe('structural errors name the node and the field', () => {
  it('a wrong type in a nested node', () => {
    const fw = tcpl() as unknown as { nodes: { children: { max: unknown }[] }[] };
    fw.nodes[1]!.children[4]!.max = 'hai';
    const [first] = issues(fw);
    expect(first).toMatchObject({ nodeCode: '2.5', field: 'max' });
    expect(first!.message).toBe('Chỉ tiêu 2.5, trường "max": phải là một số thập phân, ví dụ "2.5"');
  });

  it('a missing title and an unknown field', () => {
    const fw = tcpl() as unknown as { nodes: Record<string, unknown>[] };
    delete fw.nodes[0]!.title;
    fw.nodes[0]!.diem = 3;
    const messages = issues(fw).map((i) => i.message);
    expect(messages).toContain('Tiêu chí 1, trường "title": thiếu (bắt buộc)');
    expect(messages).toContain('Tiêu chí 1, trường "(toàn bộ)": có trường không được phép: diem');
  });

  it('an unknown rule type', () => {
    const fw = tcpl() as unknown as { nodes: { children: { rule?: unknown }[] }[] };
    fw.nodes[0]!.children[1]!.rule = { type: 'magic', input: 'x' };
    const [first] = issues(fw);
    expect(first).toMatchObject({ nodeCode: '1.2', field: 'rule.type' });
  });

  it('bad JSON text', () => {
    const result = importFrameworkJson('{"code": ');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0]!.message).toMatch(/^Tệp khung đánh giá không phải JSON hợp lệ/);
  });
});

describe('semantic errors', () => {
  it('duplicate node codes', () => {
    const fw = tcpl();
    node(fw, '1.2').code = '1.1';
    expect(issues(fw).map((i) => i.message)).toContain('Chỉ tiêu 1.1, trường "code": mã "1.1" bị trùng');
  });

  it("children's maxima not adding up to the parent's maximum", () => {
    const fw = tcpl();
    node(fw, '2.5').max = '3';
    expect(issues(fw).map((i) => i.message)).toContain(
      'Tiêu chí 2, trường "max": tổng điểm tối đa của các mục con (31) không bằng điểm tối đa của mục (30)',
    );
  });

  it('total maximum not matching the criteria', () => {
    const fw = tcpl();
    fw.maxTotal = '90';
    expect(issues(fw).map((i) => i.message)).toContain(
      'Khung đánh giá, trường "maxTotal": tổng điểm tối đa của các tiêu chí (100) không bằng 90',
    );
  });

  it('unknown input references and wrong input types', () => {
    const fw = tcpl();
    const n22 = node(fw, '2.2');
    n22.rule = { type: 'ratio', input: '2.2.khongCo' };
    const n53 = node(fw, '5.3');
    n53.rule = { type: 'ratio', input: '5.3.coKyLuat' };
    const messages = issues(fw).map((i) => i.message);
    expect(messages).toContain(
      'Chỉ tiêu 2.2, trường "rule.input": tham chiếu dữ liệu không tồn tại "2.2.khongCo"',
    );
    expect(messages).toContain(
      'Chỉ tiêu 5.3, trường "rule.input": dữ liệu "5.3.coKyLuat" có loại có/không, quy tắc này cần loại tử số/mẫu số hoặc danh sách văn bản có hạn',
    );
  });

  it('a binding to an unknown register measure, or to a measure of another type', () => {
    const fw = tcpl();
    node(fw, '5.2').inputs![0]!.source = { measure: 'tthc.khongCo' };
    node(fw, '5.3').inputs![0]!.source = { measure: 'tthc.onTime' };
    const messages = issues(fw).map((i) => i.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^Chỉ tiêu 5\.2, trường "inputs\[0\]\.source\.measure": không có phép đo sổ "tthc\.khongCo"/,
      ),
    );
    expect(messages).toContain(
      'Chỉ tiêu 5.3, trường "inputs[0].source.measure": phép đo "tthc.onTime" cho ra tử số/mẫu số, dữ liệu "5.3.coKyLuat" là có/không',
    );
  });

  it('duplicate input ids', () => {
    const fw = tcpl();
    node(fw, '5.4').inputs![0]!.id = '5.3.coKyLuat';
    expect(issues(fw).map((i) => i.message)).toContain(
      'Chỉ tiêu 5.4, trường "inputs[0].id": mã dữ liệu "5.3.coKyLuat" bị trùng',
    );
  });

  const withTiers = (tiers: { min: string; below?: string; points: string }[]): string[] => {
    const fw = tcpl();
    const n = node(fw, '2.5');
    n.rule = { type: 'tiers', input: '2.5.tapHuan', tiers };
    return issues(fw).map((i) => i.message);
  };

  it('tier table with a gap', () => {
    expect(
      withTiers([
        { min: '0', below: '50', points: '0' },
        { min: '60', points: '2' },
      ]),
    ).toContain('Chỉ tiêu 2.5, trường "rule.tiers[1].min": hở khoảng giữa hai bậc: từ 50 đến dưới 60');
  });

  it('tier table with an overlap', () => {
    expect(
      withTiers([
        { min: '0', below: '80', points: '0' },
        { min: '70', points: '2' },
      ]),
    ).toContain(
      'Chỉ tiêu 2.5, trường "rule.tiers[1].min": chồng lấn với bậc trước: bậc trước đến dưới 80, bậc này từ 70',
    );
  });

  it('unsorted tier table', () => {
    expect(
      withTiers([
        { min: '0', below: '90', points: '0' },
        { min: '90', below: '100', points: '1' },
        { min: '50', points: '2' },
      ]),
    ).toContain(
      'Chỉ tiêu 2.5, trường "rule.tiers[2].min": các bậc phải xếp theo thứ tự tăng dần của cận dưới',
    );
  });

  it('tier points above the maximum, decreasing, not starting at 0, open top', () => {
    const messages = withTiers([
      { min: '10', below: '50', points: '3' },
      { min: '50', below: '100', points: '1' },
    ]);
    expect(messages).toContain('Chỉ tiêu 2.5, trường "rule.tiers[0].points": số điểm 3 vượt điểm tối đa 2');
    expect(messages).toContain(
      'Chỉ tiêu 2.5, trường "rule.tiers[0].min": bậc đầu tiên phải bắt đầu từ 0 (hở khoảng 0–10)',
    );
    expect(messages).toContain(
      'Chỉ tiêu 2.5, trường "rule.tiers[1].points": điểm của bậc cao hơn không được thấp hơn bậc trước',
    );
    expect(messages).toContain(
      'Chỉ tiêu 2.5, trường "rule.tiers[1].below": bậc cao nhất không có cận trên (hở khoảng từ 100 trở lên)',
    );
  });

  it('a pass-model rule in a points framework, and a veto on an undeclared fact', () => {
    const fw = tcpl();
    node(fw, '5.4').rule = { type: 'yes', input: '5.4.datAnToan' };
    fw.conditions[2] = {
      ...fw.conditions[2]!,
      type: 'noVeto',
      fact: 'khongCo',
    } as Framework['conditions'][number];
    const messages = issues(fw).map((i) => i.message);
    expect(messages).toContain(
      'Chỉ tiêu 5.4, trường "rule.type": quy tắc "yes" không dùng được trong khung chấm điểm',
    );
    expect(messages).toContain(
      'Khung đánh giá, trường "conditions[2].fact": sự kiện "khongCo" chưa được khai báo trong "facts"',
    );
  });

  it('a group rule asking for more passes than there are children', () => {
    const fw = structuredClone(getBuiltinFramework('TCPL-2025'));
    node(fw, '2.1').aggregate = { type: 'atLeast', n: 3 };
    expect(issues(fw).map((i) => i.message)).toContain(
      'Chỉ tiêu 2.1, trường "aggregate.n": yêu cầu 3 mục con đạt nhưng chỉ có 2 mục con',
    );
  });

  it('a child code outside its parent', () => {
    const fw = tcpl();
    node(fw, '1.2').code = '7.2';
    expect(issues(fw).map((i) => i.message)).toContain(
      'Chỉ tiêu 7.2, trường "code": mã con phải bắt đầu bằng mã cha "1."',
    );
  });
});
