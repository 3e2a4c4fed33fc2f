import { describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import { analyseGaps, scoreEvaluation } from './index.ts';

const TCPL21 = getBuiltinFramework('TCPL-2021');
const full = {
  '1.1.1.daBanHanh': { numerator: 1, denominator: 1 },
  '1.1.2.dungQuyDinh': { numerator: 1, denominator: 1 },
  '1.2.dungQuyDinh': { numerator: 10, denominator: 10 },
  '2.1.congKhai': [{ onTime: true }],
  '2.2.dungHan': { numerator: 1, denominator: 1 },
  '2.3.1.ngayBanHanh': '2023-01-01',
  '2.3.1.hanBanHanh': '2023-01-05',
  '2.3.2.hoanThanh': { numerator: 1, denominator: 1 },
  '2.4.hieuQua': { numerator: 1, denominator: 1 },
  '2.5.tapHuan': { numerator: 1, denominator: 1 },
  '2.6.1.kinhPhi': 1000000,
  '2.6.2.phuongTien': ['tuSach', 'loaTruyenThanh'],
  '3.1.1.daHoaGiai': { numerator: 1, denominator: 1 },
  '3.1.2.thanh': { numerator: 1, denominator: 1 },
  '3.2.duocHoTro': { numerator: 1, denominator: 1 },
  '3.3.hoatDong': 2,
  '4.1.doiThoai': 2,
  '4.2.banQuyetDinh': { numerator: 1, denominator: 1 },
  '4.3.bieuQuyet': { numerator: 1, denominator: 1 },
  '4.4.thamGiaYKien': { numerator: 1, denominator: 1 },
  '4.5.giamSat': { numerator: 1, denominator: 1 },
  '5.1.dungQuyDinh': { numerator: 1, denominator: 1 },
  '5.2.dungHan': { numerator: 1, denominator: 1 },
  '5.3.coKyLuat': false,
  '5.4.datAnToan': true,
};

describe('analyseGaps', () => {
  it('nothing lost when everything is at maximum', () => {
    const r = scoreEvaluation(TCPL21, { values: full, facts: { headDisciplined: false } });
    expect(r.total).toBe('100');
    const g = analyseGaps(TCPL21, r);
    expect(g.lost).toEqual([]);
    expect(g.conditions).toEqual([]);
    expect(g.reachable).toBe(true);
  });

  it('lists lost points biggest first, with the next tier and the smallest points to meet each condition', () => {
    const r = scoreEvaluation(TCPL21, {
      values: {
        ...full,
        '2.5.tapHuan': { numerator: 42, denominator: 50 },
        '3.1.1.daHoaGiai': { numerator: 0, denominator: 4 },
        '3.1.2.thanh': { numerator: 0, denominator: 0 },
        '3.2.duocHoTro': { numerator: 0, denominator: 6 },
        '3.3.hoatDong': 0,
        '5.4.datAnToan': false,
        '4.4.thamGiaYKien': { numerator: 0, denominator: 3 },
        '4.5.giamSat': { numerator: 0, denominator: 3 },
        '5.1.dungQuyDinh': { numerator: 0, denominator: 3 },
      },
      facts: { headDisciplined: false },
    });
    // 100 − 1 (2.5) − 3 − 5 − 5 (3.x) − 6 (5.4) − 4 − 4 (4.4, 4.5) − 7 (5.1) = 65
    expect(r.total).toBe('65');
    const g = analyseGaps(TCPL21, r);
    expect(g.lost.map((l) => [l.code, l.lost])).toEqual([
      ['5.1', '7'],
      ['5.4', '6'],
      ['3.2', '5'],
      ['3.3', '5'],
      ['4.4', '4'],
      ['4.5', '4'],
      ['3.1.1', '3'],
      ['2.5', '1'],
    ]);
    const t25 = g.lost.find((l) => l.code === '2.5')!;
    expect(t25.nextStep).toEqual({
      gain: '1',
      description: 'Nâng tỷ lệ lên 90% (cần 45/50, thêm 3) → +1 điểm',
    });
    const t33 = g.lost.find((l) => l.code === '3.3')!;
    expect(t33.nextStep.description).toBe('Nâng lên 1 (thêm 1) → +2,5 điểm');
    const total = g.conditions.find((c) => c.code === 'DK1')!;
    expect(total.neededPoints).toBe('15');
    expect(total.fixable).toBe(true);
    expect(total.candidates).toEqual(['5.1', '5.4', '3.2']);
    const perCriterion = g.conditions.find((c) => c.code === 'DK2')!;
    // Criterion 3: 2/15 (3.1.2 has nothing to mediate → full), needs 7,5; criterion 5: 12/25, needs 12,5.
    expect(perCriterion.perCriterion).toEqual([
      { code: '3', neededPoints: '5.5', failedItems: ['3.2', '3.3'] },
      { code: '5', neededPoints: '0.5', failedItems: ['5.1'] },
    ]);
    expect(perCriterion.explanation).toBe(
      'Tiêu chí 3 cần thêm ít nhất 5,5 điểm; Tiêu chí 5 cần thêm ít nhất 0,5 điểm',
    );
  });

  it('a veto cannot be fixed with points', () => {
    const r = scoreEvaluation(TCPL21, { values: full, facts: { headDisciplined: true } });
    const g = analyseGaps(TCPL21, r);
    expect(g.conditions).toHaveLength(1);
    expect(g.conditions[0]).toMatchObject({ code: 'DK3', fixable: false });
    expect(g.reachable).toBe(false);
  });

  it('pass model: which passes are needed', () => {
    const fw = getBuiltinFramework('TCPL-2025');
    const r = scoreEvaluation(fw, {
      passed: { '1': true, '2': true, '3.1': true, '3.3': true, '3.4': true },
      values: {
        '3.2.1.daHoaGiai': { numerator: 9, denominator: 10 },
        '3.2.2.thanh': { numerator: 5, denominator: 9 },
      },
    });
    const g = analyseGaps(fw, r);
    expect(g.lost.map((l) => [l.code, l.nextStep.description])).toEqual([
      ['3.2.1', 'Nâng tỷ lệ lên 100% (cần 10/10, thêm 1)'],
      ['3.2.2', 'Nâng tỷ lệ lên 80% (cần 8/9, thêm 3)'],
    ]);
    expect(g.conditions[0]!.perCriterion).toEqual([
      { code: '3', neededPoints: null, failedItems: ['3.2.1', '3.2.2'] },
    ]);
  });
});

describe('analyseGaps: tier boundaries use the exact ratio', () => {
  it('89,996% shows as 90% but the next step is still the 90% band', () => {
    const fw = getBuiltinFramework('TCPL-2021');
    const r = scoreEvaluation(fw, { values: { '2.5.tapHuan': { numerator: 22499, denominator: 25000 } } });
    const node = r.criteria[1]!.children.find((c) => c.code === '2.5')!;
    expect(node.measure?.value).toBe('90');
    expect(node.points).toBe('1');
    const step = analyseGaps(fw, r).lost.find((l) => l.code === '2.5')!.nextStep;
    expect(step).toEqual({
      gain: '1',
      description: 'Nâng tỷ lệ lên 90% (cần 22.500/25.000, thêm 1) → +1 điểm',
    });
  });
});
