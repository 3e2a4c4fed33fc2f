import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { BUILTIN_FRAMEWORK_CODES, getBuiltinFramework } from './registry.ts';
import { formatRule, frameworkFromTable, frameworkToTable, parseRule, type TableRow } from './table.ts';
import type { Framework, Rule } from './model.ts';

function roundTrip(fw: Framework) {
  const { rows, meta } = frameworkToTable(fw);
  return frameworkFromTable(
    rows.map((cells, i) => ({ row: i + 2, cells })),
    meta.map(([key, value], i) => ({ row: i + 2, key, value })),
  );
}

const ALL_RULES: Rule[] = [
  { type: 'fixed', input: 'a', expected: false, provenance: 'S' },
  { type: 'ratio', input: 'a', emptyFull: true },
  {
    type: 'tiers',
    input: 'a',
    tiers: [
      { min: '0', below: '50.5', points: '0' },
      { min: '50.5', points: '2.25' },
    ],
    emptyFull: false,
  },
  { type: 'choice', input: 'a', points: { co: '1', khong: '0' } },
  { type: 'deadline', input: 'a', dueInput: 'b' },
  { type: 'deductions', items: [{ input: 'a', points: '0.5', label: 'Nhãn; có "ngoặc" \\ và ;' }] },
  { type: 'manual', guidance: 'Chấm theo biên bản; ghi lý do' },
  { type: 'manual' },
  {
    type: 'adjustment',
    bonusCap: '5',
    penaltyCap: '3',
    items: [
      { input: 'a', points: '1', label: 'Thưởng', effect: 'bonus' },
      { input: 'b', points: '2', label: 'Phạt', effect: 'penalty' },
    ],
  },
  { type: 'threshold', input: 'a', min: '80', emptyPasses: true, provenance: '?' },
  { type: 'yes', input: 'a', expected: true },
  { type: 'deadlinePass', input: 'a', dueInput: 'b' },
  { type: 'manualPass', guidance: 'Theo kết quả kiểm tra' },
  { type: 'manualPass' },
];

describe('framework table (XLSX rows)', () => {
  it('writes and reads back every rule kind in the short notation', () => {
    const kinds = new Set(ALL_RULES.map((r) => r.type));
    expect(kinds.size).toBe(12);
    for (const rule of ALL_RULES) expect(parseRule(formatRule(rule))).toEqual(rule);
    expect(formatRule(ALL_RULES[2]!)).toBe('tiers(a; 0..50.5=0; 50.5..=2.25; emptyFull=false)');
  });

  it('round-trips every built-in framework to the same canonical content', () => {
    for (const fw of BUILTIN_FRAMEWORK_CODES.map(getBuiltinFramework)) {
      const back = roundTrip(fw);
      if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('\n'));
      expect(canonicalJson(back.framework)).toBe(canonicalJson({ ...fw, version: 1 }));
    }
  });

  it('refuses the whole table naming row and column', () => {
    const fw = getBuiltinFramework('TCPL-2021');
    const { rows, meta } = frameworkToTable(fw);
    const bad: TableRow[] = rows.map((r) => ({ ...r }));
    const i25 = bad.findIndex((r) => r.code === '2.5');
    bad[i25]!.rule = 'tiers(2.5.tapHuan; 0..50=0; 40..=2)';
    const i11 = bad.findIndex((r) => r.code === '1.1');
    bad[i11]!.max = 'ba';
    const first = frameworkFromTable(
      bad.map((cells, i) => ({ row: i + 2, cells })),
      meta.map(([key, value], i) => ({ row: i + 2, key, value })),
    );
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.issues).toEqual([
      {
        sheet: 'Tiêu chí',
        row: i11 + 2,
        column: 'Điểm tối đa',
        message: 'điểm tối đa "ba" không phải số (ví dụ 2.5)',
      },
    ]);
    bad[i11]!.max = '3';
    const second = frameworkFromTable(
      bad.map((cells, i) => ({ row: i + 2, cells })),
      meta.map(([key, value], i) => ({ row: i + 2, key, value })),
    );
    if (second.ok) throw new Error('expected issues');
    expect(second.issues.map((i) => [i.row, i.column])).toContainEqual([i25 + 2, 'Quy tắc chấm']);
    expect(second.issues.some((i) => i.message.includes('chồng lấn'))).toBe(true);
  });
});
