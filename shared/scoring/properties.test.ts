/** Property-based tests (fast-check) over the built-in points frameworks with generated raw inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec, toDec } from '../frameworks/decimal.ts';
import { getBuiltinFramework } from '../frameworks/registry.ts';
import type { Framework, FrameworkNode, InputDef, Rule } from '../frameworks/model.ts';
import { scoreEvaluation } from './index.ts';
import type { ResultNode } from './types.ts';

const isoDay = (n: number): string => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10);

function arbValue(def: InputDef): fc.Arbitrary<unknown> {
  switch (def.type) {
    case 'ratio':
      return fc.nat({ max: 120 }).chain((denominator) =>
        fc.record({
          numerator: fc.integer({ min: 0, max: denominator }),
          denominator: fc.constant(denominator),
        }),
      );
    case 'count':
      return fc.nat({ max: 6 });
    case 'number':
      return fc.nat({ max: 100 });
    case 'money':
      return fc.nat({ max: 100_000_000 });
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.nat({ max: 60 }).map(isoDay);
    case 'choice': {
      const options = (def.options ?? []).map((o) => o.value);
      return def.multiple ? fc.subarray(options) : fc.constantFrom(...options);
    }
    case 'documents':
      return fc.array(
        fc.oneof(
          fc.record({ onTime: fc.boolean() }),
          fc.record({
            issuedOn: fc.option(fc.nat({ max: 60 }).map(isoDay), { nil: null }),
            dueOn: fc.nat({ max: 60 }).map(isoDay),
          }),
        ),
        { maxLength: 6 },
      );
  }
}

function inputsOf(fw: Framework): InputDef[] {
  const out: InputDef[] = [];
  const visit = (n: FrameworkNode): void => {
    out.push(...(n.inputs ?? []));
    n.children?.forEach(visit);
  };
  fw.nodes.forEach(visit);
  return out;
}

function rulesOf(fw: Framework): Rule[] {
  const out: Rule[] = [];
  const visit = (n: FrameworkNode): void => {
    if (n.rule) out.push(n.rule);
    n.children?.forEach(visit);
  };
  fw.nodes.forEach(visit);
  return out;
}

function arbInput(
  fw: Framework,
): fc.Arbitrary<{ values: Record<string, unknown>; facts: Record<string, boolean> }> {
  const values = Object.fromEntries(inputsOf(fw).map((d) => [d.id, arbValue(d)]));
  const facts = Object.fromEntries(fw.facts.map((f) => [f.key, fc.boolean()]));
  return fc.record({ values: fc.record(values), facts: fc.record(facts) });
}

/** Which direction is "better" for an input, read from the rules that use it. */
function polarity(fw: Framework, id: string): 'higher' | 'lower' {
  for (const rule of rulesOf(fw)) {
    if ((rule.type === 'fixed' || rule.type === 'yes') && rule.input === id)
      return rule.expected === false ? 'lower' : 'higher';
    if (rule.type === 'deductions' && rule.items.some((i) => i.input === id)) return 'lower';
    if (rule.type === 'adjustment') {
      const item = rule.items.find((i) => i.input === id);
      if (item) return item.effect === 'penalty' ? 'lower' : 'higher';
    }
    if ((rule.type === 'deadline' || rule.type === 'deadlinePass') && rule.input === id) return 'lower';
  }
  return 'higher';
}

/** The same value made better (or equal) by `step`. */
function improve(fw: Framework, def: InputDef, value: unknown, step: number): unknown {
  const better = polarity(fw, def.id);
  switch (def.type) {
    case 'ratio': {
      const r = value as { numerator: number; denominator: number };
      return { ...r, numerator: Math.min(r.denominator, r.numerator + step) };
    }
    case 'count':
    case 'number':
    case 'money':
      return better === 'higher' ? (value as number) + step : Math.max(0, (value as number) - step);
    case 'boolean':
      return better === 'higher';
    case 'date':
      return better === 'lower' ? isoDay(0) : isoDay(60);
    case 'choice':
      return def.multiple ? (def.options ?? []).map((o) => o.value) : value;
    case 'documents':
      return (value as unknown[]).map(() => ({ onTime: true }));
  }
}

function leaves(nodes: ResultNode[]): ResultNode[] {
  return nodes.flatMap((n) => (n.children.length ? leaves(n.children) : [n]));
}

const sum = (xs: (string | null)[]): Dec => xs.reduce((s, x) => s.plus(toDec(x ?? '0')), new Dec(0));

for (const code of ['TCPL-2021', 'CCHC-XA-MAU']) {
  const fw = getBuiltinFramework(code);
  const defs = inputsOf(fw);

  describe(`${code}: properties`, () => {
    it('the total is the sum of its parts, each parent the sum of its children, within [0, max]', () => {
      fc.assert(
        fc.property(arbInput(fw), (input) => {
          const r = scoreEvaluation(fw, input);
          const raw = sum(r.criteria.map((c) => c.points));
          expect(toDec(r.total!).eq(Dec.min(Dec.max(raw, 0), toDec(r.max!)))).toBe(true);
          const check = (n: ResultNode): void => {
            if (n.kind === 'adjustment') return;
            const p = toDec(n.points!);
            expect(p.gte(0) && p.lte(toDec(n.max!))).toBe(true);
            if (n.children.length) expect(p.eq(sum(n.children.map((c) => c.points)))).toBe(true);
            n.children.forEach(check);
          };
          r.criteria.forEach(check);
          expect(toDec(r.total!).gte(0) && toDec(r.total!).lte(toDec(r.max!))).toBe(true);
          // Results carry plain decimal strings, never exponent notation.
          for (const l of leaves(r.criteria)) expect(l.points).toMatch(/^-?\d+(\.\d+)?$/);
        }),
        { numRuns: 150 },
      );
    });

    it('raising an input never lowers any score', () => {
      fc.assert(
        fc.property(
          arbInput(fw),
          fc.nat({ max: defs.length - 1 }),
          fc.integer({ min: 1, max: 30 }),
          (input, i, step) => {
            const def = defs[i]!;
            const before = scoreEvaluation(fw, input);
            const better = {
              ...input,
              values: { ...input.values, [def.id]: improve(fw, def, input.values[def.id], step) },
            };
            const after = scoreEvaluation(fw, better);
            expect(toDec(after.total!).gte(toDec(before.total!))).toBe(true);
            const a = leaves(after.criteria);
            leaves(before.criteria).forEach((l, k) =>
              expect(toDec(a[k]!.points!).gte(toDec(l.points!))).toBe(true),
            );
          },
        ),
        { numRuns: 200 },
      );
    });
  });
}

describe('TCPL-2021: historical entry', () => {
  const fw = getBuiltinFramework('TCPL-2021');
  it('criterion points in [0, max] in steps of 0,25 always total exactly', () => {
    const quarter = (max: number) => fc.integer({ min: 0, max: max * 4 }).map((q) => (q / 4).toString());
    fc.assert(
      fc.property(fc.tuple(quarter(10), quarter(30), quarter(15), quarter(20), quarter(25)), (pts) => {
        const r = scoreEvaluation(fw, {
          points: Object.fromEntries(pts.map((p, i) => [String(i + 1), p])),
          facts: { headDisciplined: false },
        });
        expect(r.total).toBe(sum(pts).toFixed());
        const shouldPass =
          sum(pts).gte(80) && pts.every((p, i) => toDec(p).gte(toDec(fw.nodes[i]!.max!).div(2)));
        expect(r.recognised).toBe(shouldPass);
      }),
      { numRuns: 300 },
    );
  });
});

describe('TCPL-2025 (pass levels): properties', () => {
  const fw = getBuiltinFramework('TCPL-2025');
  const defs = inputsOf(fw);

  it('a parent passes exactly when its group rule is met; improving an input never turns a pass into a fail', () => {
    fc.assert(
      fc.property(
        arbInput(fw),
        fc.nat({ max: defs.length - 1 }),
        fc.integer({ min: 1, max: 30 }),
        (input, i, step) => {
          const before = scoreEvaluation(fw, input);
          const check = (n: ResultNode): void => {
            expect(n.points).toBeNull();
            if (n.children.length) expect(n.passed).toBe(n.children.every((c) => c.passed));
            n.children.forEach(check);
          };
          before.criteria.forEach(check);
          expect(before.recognised).toBe(before.criteria.every((c) => c.passed));
          const def = defs[i]!;
          const after = scoreEvaluation(fw, {
            ...input,
            values: { ...input.values, [def.id]: improve(fw, def, input.values[def.id], step) },
          });
          const a = leaves(after.criteria);
          leaves(before.criteria).forEach((l, k) => {
            if (l.passed) expect(a[k]!.passed).toBe(true);
          });
          if (before.recognised) expect(after.recognised).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
