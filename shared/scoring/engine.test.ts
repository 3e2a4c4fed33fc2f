import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import { loadFramework } from '../frameworks/validate.ts';
import type { Framework } from '../frameworks/model.ts';
import { EvaluationInputError, isDocumentOnTime, scoreEvaluation, validateEvaluationInput } from './index.ts';
import type { EvaluationResult, ResultNode } from './types.ts';
import example004 from '../../docs/examples/score-cchc-xa-mau-004.json' with { type: 'json' };
import example2025 from '../../docs/examples/score-tcpl-2025-values.json' with { type: 'json' };

const TCPL21 = getBuiltinFramework('TCPL-2021');
const CCHC = getBuiltinFramework('CCHC-XA-MAU');
const TCPL25 = getBuiltinFramework('TCPL-2025');

function find(result: EvaluationResult, code: string): ResultNode {
  const walk = (nodes: ResultNode[]): ResultNode | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n;
      const f = walk(n.children);
      if (f) return f;
    }
    return undefined;
  };
  const node = walk(result.criteria);
  if (!node) throw new Error(`no node ${code}`);
  return node;
}

/** A small points framework: one criterion, one tiered indicator of 3 points, one yes/no of 2. */
function mini(): Framework {
  return loadFramework({
    code: 'MINI',
    version: 1,
    name: 'Khung thử',
    family: 'tcpl',
    model: 'points',
    legalBasis: [],
    effectiveYears: { from: 2024, to: null },
    unitTypes: ['xa'],
    provenance: 'L',
    maxTotal: '5',
    rounding: { points: { decimals: 2, mode: 'half-up' }, display: null },
    workflow: { publicPosting: false, council: false, ranking: false, explanationRounds: 0 },
    facts: [],
    recognition: 'all-conditions',
    conditions: [{ code: 'DK1', type: 'totalAtLeast', value: '4', title: 'Tổng từ 4 điểm', provenance: 'L' }],
    nodes: [
      {
        code: '1',
        title: 'Tiêu chí thử',
        kind: 'criterion',
        provenance: 'L',
        max: '5',
        legalBasis: 'Khoản 2 Điều 3 TT 09/2021/TT-BTP',
        children: [
          {
            code: '1.1',
            title: 'Tỷ lệ',
            kind: 'indicator',
            provenance: 'L',
            max: '3',
            inputs: [{ id: 'tyLe', type: 'ratio', label: 'Tỷ lệ' }],
            rule: {
              type: 'tiers',
              input: 'tyLe',
              tiers: [
                { min: '0', below: '80', points: '0' },
                { min: '80', below: '90', points: '1' },
                { min: '90', points: '2.5' },
              ],
            },
          },
          {
            code: '1.2',
            title: 'Có/không',
            kind: 'indicator',
            provenance: '?',
            max: '2',
            inputs: [{ id: 'co', type: 'boolean', label: 'Đã thực hiện' }],
            rule: { type: 'fixed', input: 'co' },
          },
        ],
      },
    ],
  });
}

describe('example 000: 2023 report, criteria 10, 30, 14, 20, 25 under TCPL-2021', () => {
  const result = scoreEvaluation(TCPL21, {
    points: { '1': 10, '2': 30, '3': 14, '4': 20, '5': 25 },
    facts: { headDisciplined: false },
  });

  it('totals 99/100 after rounding and is recognised', () => {
    expect(result.total).toBe('99');
    expect(result.max).toBe('100');
    expect(result.totalDisplay).toBe('99/100 điểm (sau khi làm tròn)');
    expect(result.criteria.map((c) => c.points)).toEqual(['10', '30', '14', '20', '25']);
    expect(result.criteria.every((c) => c.passed)).toBe(true);
    expect(result.conditions.map((c) => [c.code, c.met])).toEqual([
      ['DK1', true],
      ['DK2', true],
      ['DK3', true],
    ]);
    expect(result.conditions[1]!.explanation).toBe('05/05 tiêu chí đạt từ 50% số điểm tối đa trở lên');
    expect(result.recognised).toBe(true);
    expect(result.recognitionExplanation).toBe('Đáp ứng 03/03 điều kiện → đủ điều kiện công nhận');
  });

  it('marks the entries as historical per criterion, children as not entered', () => {
    expect(result.criteria.every((c) => c.source === 'historical-criterion')).toBe(true);
    expect(find(result, '3.1').source).toBe('not-entered');
    expect(find(result, '3.1').points).toBeNull();
  });

  it('flags provisional maxima (criteria 2–5 are [?])', () => {
    expect(result.criteria.map((c) => c.provisional)).toEqual([true, true, true, true, true]);
    expect(result.provisional).toBe(true);
    expect(result.criteria[1]!.provenance).toBe('?');
    expect(result.criteria[0]!.legalBasis).toBe('Khoản 1 Điều 3 QĐ 25/2021/QĐ-TTg');
  });
});

describe('points model', () => {
  it('explains a tier: "Tỷ lệ 45/50 = 90% → 2,5/3 điểm"', () => {
    const r = scoreEvaluation(mini(), { values: { tyLe: { numerator: 45, denominator: 50 }, co: true } });
    const n = find(r, '1.1');
    expect(n.points).toBe('2.5');
    expect(n.explanation).toBe('Tỷ lệ 45/50 = 90% → 2,5/3 điểm (mức từ 90% trở lên)');
    expect(n.measure).toEqual({ kind: 'percent', value: '90', numerator: '45', denominator: '50' });
    expect(n.legalBasis).toBe('Khoản 2 Điều 3 TT 09/2021/TT-BTP');
    expect(n.provisional).toBe(false);
    expect(find(r, '1.2').provisional).toBe(true);
    expect(r.criteria[0]!.provisional).toBe(true);
    expect(r.total).toBe('4.5');
    expect(r.recognised).toBe(true);
  });

  it('ratio × max is exact and rounded by the declared rule', () => {
    const r = scoreEvaluation(TCPL21, { values: { '2.2.dungHan': { numerator: 2, denominator: 3 } } });
    // 2/3 × 5 = 3.333… → 3.33 (2 decimals, half-up)
    expect(find(r, '2.2').points).toBe('3.33');
    expect(find(r, '2.2').explanation).toBe('Tỷ lệ 2/3 = 66,67% → 66,67% × 5 = 3,33/5 điểm');
  });

  it('an empty ratio gives full points where the rule says so (no VBQPPL assigned → 3/3)', () => {
    const r = scoreEvaluation(TCPL21, {
      values: {
        '1.1.1.daBanHanh': { numerator: 0, denominator: 0 },
        '1.1.2.dungQuyDinh': { numerator: 0, denominator: 0 },
      },
    });
    expect(find(r, '1.1').points).toBe('3');
    expect(find(r, '1.1.1').explanation).toBe('Tỷ lệ: không phát sinh (mẫu số bằng 0) → 1/1 điểm');
  });

  it('documents with due dates: issued after the due date or never issued count as late', () => {
    const r = scoreEvaluation(TCPL21, {
      values: {
        '2.1.congKhai': [
          { issuedOn: '2023-01-05', dueOn: '2023-01-10' },
          { issuedOn: '2023-01-10', dueOn: '2023-01-10' },
          { issuedOn: '2023-01-11', dueOn: '2023-01-10' },
          { issuedOn: null, dueOn: '2023-01-10' },
          { onTime: true },
        ],
      },
    });
    expect(find(r, '2.1').explanation).toBe(
      'Văn bản đúng hạn 3/5 = 60% → 2,4/6 điểm (mức từ 50% đến dưới 70%)',
    );
  });

  it('missing inputs score 0 (fail-closed) and are listed', () => {
    const r = scoreEvaluation(TCPL21, { facts: { headDisciplined: false } });
    expect(r.total).toBe('0');
    expect(find(r, '2.5').source).toBe('missing');
    expect(find(r, '2.5').explanation).toBe(
      'Chưa nhập "Tuyên truyền viên được tập huấn / tổng số tuyên truyền viên" → 0/2 điểm',
    );
    expect(r.missingInputs).toContain('2.5.tapHuan');
    expect(r.recognised).toBe(false);
  });

  it('manual scores carry their reason and the manual source', () => {
    const r = scoreEvaluation(TCPL21, { manual: { '2.4': { points: '4.75', reason: 'Theo phiếu Mẫu 04' } } });
    expect(find(r, '2.4')).toMatchObject({ points: '4.75', source: 'manual' });
    expect(find(r, '2.4').explanation).toBe('Chấm thủ công: 4,75/6 điểm. Lý do: Theo phiếu Mẫu 04');
  });

  it('historical points per indicator roll up to the criterion', () => {
    const r = scoreEvaluation(TCPL21, { points: { '1.1': 3, '1.2': 5.5 } });
    expect(find(r, '1.1').source).toBe('historical-indicator');
    expect(r.criteria[0]).toMatchObject({ points: '8.5', source: 'computed' });
  });

  it('the example 004 CCHC deductions give exactly 84.66', () => {
    const r = scoreEvaluation(CCHC, example004);
    expect(r.total).toBe('84.66');
    expect(r.totalDisplay).toBe('84,66/100 điểm');
    expect(r.recognised).toBeNull();
    expect(find(r, '3.11.2').points).toBe('0.16');
  });

  it('bonus/penalty is capped and the total stays within [0, max]', () => {
    const r = scoreEvaluation(CCHC, {
      points: { '1': 12, '2': 10, '3': 30, '4': 8, '5': 10, '6': 8, '7': 12, '8': 10 },
      values: { '9.sangKienCapTren': 5, '9.treHenKhongXinLoi': 2 },
    });
    expect(find(r, '9').points).toBe('1.5');
    expect(find(r, '9').explanation).toBe(
      'cộng 5 (Mỗi sáng kiến được cấp tỉnh công nhận × 5); trừ 0,5 (Mỗi hồ sơ trễ hẹn không có văn bản xin lỗi × 2) (điểm thưởng tối đa 2) → 1,5 điểm',
    );
    expect(r.total).toBe('100');
    expect(r.totalExplanation).toBe(
      'Tổng điểm = 12 + 10 + 30 + 8 + 10 + 8 + 12 + 10 + (1,5) = 101,5/100 điểm; giới hạn trong khoảng 0–100 → 100/100 điểm',
    );
  });

  it('deductions subtract per occurrence and stop at 0', () => {
    const r = scoreEvaluation(CCHC, { values: { '5.2.viPham': 5 } });
    expect(find(r, '5.2').points).toBe('0');
    const r2 = scoreEvaluation(CCHC, { values: { '5.2.viPham': 1 } });
    expect(find(r2, '5.2').explanation).toBe(
      'Điểm tối đa 3; trừ 1 (Mỗi trường hợp cán bộ, công chức vi phạm kỷ luật, kỷ cương hành chính) → 2/3 điểm',
    );
  });
});

describe('recognition conditions', () => {
  const full = { '1': 10, '2': 30, '3': 15, '4': 20, '5': 25 };

  it('a disciplined head blocks recognition whatever the score', () => {
    const r = scoreEvaluation(TCPL21, { points: full, facts: { headDisciplined: true } });
    expect(r.total).toBe('100');
    expect(r.conditions[2]!.met).toBe(false);
    expect(r.recognised).toBe(false);
  });

  it('an undeclared veto fact is not assumed away', () => {
    const r = scoreEvaluation(TCPL21, { points: full });
    expect(r.conditions[2]!.met).toBe(false);
    expect(r.conditions[2]!.explanation).toMatch(/^Chưa khai báo/);
  });

  it('a criterion below 50% fails condition 2 even with a high total', () => {
    const r = scoreEvaluation(TCPL21, { points: { ...full, '3': 7 }, facts: { headDisciplined: false } });
    expect(r.total).toBe('92');
    expect(r.criteria[2]!.passed).toBe(false);
    expect(r.conditions[1]!.explanation).toBe(
      '04/05 tiêu chí đạt từ 50% số điểm tối đa trở lên (chưa đạt: tiêu chí 3: 7/15 điểm, cần 7,5)',
    );
    expect(r.recognised).toBe(false);
  });

  it('uses the exact total, not the rounded display (79,6 shows as 80 but fails)', () => {
    const r = scoreEvaluation(TCPL21, {
      points: { '1': 9.6, '2': 25, '3': 10, '4': 15, '5': 20 },
      facts: { headDisciplined: false },
    });
    expect(r.totalDisplay).toBe('80/100 điểm (sau khi làm tròn)');
    expect(r.conditions[0]!.met).toBe(false);
    expect(r.conditions[0]!.explanation).toBe('Tổng điểm 79,6 < 80 điểm → không đạt (thiếu 0,4 điểm)');
  });

  it('TCPL-2017 records history without deciding recognition', () => {
    const r = scoreEvaluation(getBuiltinFramework('TCPL-2017'), {
      points: { '1': 14.5, '2': 28.25, '3': 24, '4': 10, '5': 19 },
      facts: { staffDisciplinedWarningOrHeavier: false },
    });
    expect(r.total).toBe('95.75');
    expect(r.recognised).toBeNull();
  });
});

describe('pass model (TCPL-2025)', () => {
  it('all sub-items must pass; a threshold of 80% on mediation success', () => {
    const r = scoreEvaluation(TCPL25, example2025);
    expect(r.total).toBeNull();
    expect(r.criteria.map((c) => c.passed)).toEqual([true, true, false]);
    expect(find(r, '3.2.2').explanation).toBe('Tỷ lệ 15/20 = 75% (yêu cầu ≥ 80%) → Không đạt');
    expect(find(r, '3.2').explanation).toBe('01/02 mục con đạt (yêu cầu: tất cả) → Không đạt');
    expect(r.recognised).toBe(false);
    expect(r.conditions[0]!.provisional).toBe(true);
  });

  it('"n of m" group rule and historical passes', () => {
    const fw = structuredClone(TCPL25);
    fw.nodes[2]!.aggregate = { type: 'atLeast', n: 3 };
    const checked = loadFramework(fw);
    const r = scoreEvaluation(checked, {
      passed: { '1': true, '2': true, '3.1': true, '3.2': false, '3.3': true, '3.4': true },
    });
    expect(r.criteria[2]!.passed).toBe(true);
    expect(r.criteria[2]!.explanation).toBe('03/04 mục con đạt (yêu cầu: ít nhất 3) → Đạt');
    expect(r.criteria[0]!.source).toBe('historical-criterion');
    expect(r.recognised).toBe(true);
  });
});

describe('invalid inputs give precise Vietnamese errors', () => {
  const messages = (fw: Framework, input: unknown): string[] =>
    validateEvaluationInput(fw, input).map((i) => i.message);

  it('names the node, the input and the field', () => {
    expect(
      messages(TCPL21, {
        values: {
          '2.5.tapHuan': { numerator: 50, denominator: 45 },
          '4.1.doiThoai': 1.5,
          '5.3.coKyLuat': 'không',
          '2.3.1.ngayBanHanh': '2023-02-30',
          '2.6.2.phuongTien': ['tuSach', 'tivi'],
          khongCo: 1,
        },
      }),
    ).toEqual([
      'Chỉ tiêu 2.5, dữ liệu "2.5.tapHuan" (trường "values.2.5.tapHuan.numerator"): tử số (50) lớn hơn mẫu số (45)',
      'Chỉ tiêu 4.1, dữ liệu "4.1.doiThoai" (trường "values.4.1.doiThoai"): phải là số nguyên',
      'Chỉ tiêu 5.3, dữ liệu "5.3.coKyLuat" (trường "values.5.3.coKyLuat"): cần có/không: true hoặc false',
      'Nội dung 2.3.1, dữ liệu "2.3.1.ngayBanHanh" (trường "values.2.3.1.ngayBanHanh"): cần ngày hợp lệ dạng YYYY-MM-DD',
      'Nội dung 2.6.2, dữ liệu "2.6.2.phuongTien" (trường "values.2.6.2.phuongTien[1]"): phương án "tivi" không có (có: tuSach, loaTruyenThanh, trangThongTin, diemInternet)',
      'Trường "values.khongCo": không có dữ liệu mã "khongCo" trong khung TCPL-2021',
    ]);
  });

  it('points out of range, manual without reason, unknown codes and facts', () => {
    expect(
      messages(TCPL21, {
        points: { '1': 11, '7': 2 },
        manual: { '2.5': { points: 1 } },
        facts: { headDisciplined: 'no', x: true },
        extra: 1,
      }),
    ).toEqual([
      'Trường "extra" không được hỗ trợ (chỉ dùng: values, points, passed, manual, facts)',
      'Tiêu chí 1, trường "points.1": điểm 11 ngoài khoảng 0–10',
      'Trường "points.7": không có tiêu chí/chỉ tiêu mã "7" trong khung TCPL-2021',
      'Chỉ tiêu 2.5, trường "manual.2.5.reason": chấm thủ công bắt buộc ghi lý do',
      'Trường "facts.headDisciplined": phải là true hoặc false',
      'Trường "facts.x": khung TCPL-2021 không có sự kiện "x" (có: headDisciplined)',
    ]);
  });

  it('points for both a criterion and its indicator are ambiguous', () => {
    expect(messages(TCPL21, { points: { '1': 10, '1.1': 3 } })).toEqual([
      'Mục 1.1: đã nhập kết quả cho mục cha 1, không nhập thêm cho mục con',
    ]);
  });

  it('scoreEvaluation throws an EvaluationInputError listing the issues', () => {
    expect(() => scoreEvaluation(TCPL21, { points: { '1': -1 } })).toThrow(EvaluationInputError);
    expect(() => scoreEvaluation(TCPL21, [])).toThrow('Dữ liệu chấm điểm phải là một đối tượng JSON');
  });

  it('a value issue also names the input and the problem alone, for the field', () => {
    const [issue] = validateEvaluationInput(TCPL21, { values: { '4.1.doiThoai': '2.5' } });
    expect(issue).toMatchObject({ inputId: '4.1.doiThoai', detail: 'phải là số nguyên', nodeCode: '4.1' });
    expect(validateEvaluationInput(TCPL21, { values: { khongCo: 1 } })[0]!.inputId).toBeUndefined();
  });

  it('documents: a title is accepted and ignored; each item is named by its place', () => {
    const docs = (value: unknown) => validateEvaluationInput(TCPL21, { values: { '2.1.congKhai': value } });
    expect(docs([{ title: 'Kế hoạch PBGDPL', issuedOn: '2023-01-05', dueOn: '2023-01-10' }])).toEqual([]);
    expect(docs([{ title: 'Báo cáo', onTime: true }])).toEqual([]);
    const withTitles = scoreEvaluation(TCPL21, {
      values: {
        '2.1.congKhai': [
          { title: 'A', issuedOn: '2023-01-05', dueOn: '2023-01-10' },
          { title: 'B', issuedOn: null, dueOn: '2023-01-10' },
        ],
      },
    });
    const without = scoreEvaluation(TCPL21, {
      values: {
        '2.1.congKhai': [
          { issuedOn: '2023-01-05', dueOn: '2023-01-10' },
          { issuedOn: null, dueOn: '2023-01-10' },
        ],
      },
    });
    expect(withTitles.total).toBe(without.total);
    expect(docs([{ title: 'A', dueOn: '2023-01-10' }, { title: 'B' }])[0]).toMatchObject({
      field: 'values.2.1.congKhai[1].dueOn',
      detail: 'văn bản thứ 2: chưa có hạn, hoặc hạn không phải một ngày có thật',
    });
    expect(docs([{ title: 7, dueOn: '2023-01-10' }])[0]!.field).toBe('values.2.1.congKhai[0].title');
    expect(docs([{ title: 'x'.repeat(501), dueOn: '2023-01-10' }])).toHaveLength(1);
  });

  it('isDocumentOnTime: on or before the due date; not issued is late', () => {
    expect(isDocumentOnTime({ issuedOn: '2023-01-10', dueOn: '2023-01-10' })).toBe(true);
    expect(isDocumentOnTime({ issuedOn: '2023-01-11', dueOn: '2023-01-10' })).toBe(false);
    expect(isDocumentOnTime({ issuedOn: null, dueOn: '2023-01-10' })).toBe(false);
  });

  it('points are refused in a pass framework', () => {
    expect(messages(TCPL25, { points: { '1': 1 } })).toEqual([
      'Tiêu chí 1, trường "points.1": khung TCPL-2025 chấm theo mức đạt, không nhập điểm (dùng "passed")',
    ]);
  });
});

describe('dates', () => {
  it('accepts 29/02 in leap years only', () => {
    const v = (d: string) => validateEvaluationInput(TCPL21, { values: { '2.3.1.ngayBanHanh': d } });
    expect(v('2024-02-29')).toEqual([]);
    expect(v('2000-02-29')).toEqual([]);
    expect(v('2023-02-29')).toHaveLength(1);
    expect(v('1900-02-29')).toHaveLength(1);
    expect(v('2023-04-31')).toHaveLength(1);
    expect(v('2023-13-01')).toHaveLength(1);
    expect(v('2023-12-31')).toEqual([]);
  });
});
