/**
 * Deterministic sample inputs for any framework (benchmarks, demos, property tests): a value for
 * every input, varied by a seeded pseudo-random generator. Pure.
 */
import { addDays } from '../dates.ts';
import type { Framework, FrameworkNode, InputDef } from '../frameworks/model.ts';
import type { EvaluationInput } from './types.ts';

/** Mulberry32: a small seeded PRNG returning numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function isoDay(dayOfYear: number, year = 2023): string {
  return addDays(`${year}-01-01`, dayOfYear);
}

/** A plausible raw value for one input; `quality` in [0, 1] skews towards good results. */
export function sampleValue(def: InputDef, random: () => number, quality = 0.85): unknown {
  const int = (max: number): number => Math.floor(random() * (max + 1));
  switch (def.type) {
    case 'ratio': {
      const denominator = random() < 0.05 ? 0 : 1 + int(60);
      const share = Math.min(1, quality + (random() - 0.5) * 0.4);
      const numerator = Math.max(0, Math.min(denominator, Math.round(denominator * share)));
      return { numerator, denominator };
    }
    case 'count':
      return int(4);
    case 'number':
      return int(100);
    case 'money':
      return random() < 0.1 ? 0 : int(50) * 1_000_000;
    case 'boolean':
      return random() < quality;
    case 'date':
      return isoDay(int(30));
    case 'choice': {
      const options = (def.options ?? []).map((o) => o.value);
      if (!def.multiple) return options[int(options.length - 1)];
      return options.filter(() => random() < quality * 0.7);
    }
    case 'documents': {
      const n = int(6);
      return Array.from({ length: n }, (_, i) =>
        random() < 0.3
          ? { onTime: random() < quality }
          : {
              title: `Văn bản ${i + 1}`,
              issuedOn: random() < 0.05 ? null : isoDay(int(40)),
              dueOn: isoDay(10 + int(30)),
            },
      );
    }
  }
}

/** Raw values for every input of a framework, plus every declared fact (false, i.e. no veto). */
export function sampleEvaluationInput(
  framework: Framework,
  random: () => number,
  quality = 0.85,
): EvaluationInput {
  const values: Record<string, unknown> = {};
  const visit = (node: FrameworkNode): void => {
    for (const def of node.inputs ?? []) values[def.id] = sampleValue(def, random, quality);
    node.children?.forEach(visit);
  };
  framework.nodes.forEach(visit);
  const facts = Object.fromEntries(framework.facts.map((f) => [f.key, random() < 0.02]));
  return { values, facts };
}
