/**
 * The results of a survey from its answers: counts per choice, the distribution and average of a
 * scale, the short texts, and the figure the framework reads. Pure: the results page, the summary
 * documents (Mẫu 04, Mẫu 06) and the tests use the same function.
 */
import {
  ANSWER_SOURCES,
  isFigureHit,
  questionsOf,
  type AnswerSource,
  type AnswerValues,
  type SurveyDefinition,
  type SurveyFigure,
} from './surveys.ts';
import type { SurveyResults } from './surveys.contract.ts';

/** a / b × 100 with two decimals, as a plain decimal string ("83.33"); null for 0/0. */
export function percentText(a: number, b: number): string | null {
  if (b === 0) return null;
  // Integer arithmetic: 10000·a/b rounded half up, then two decimals.
  const hundredths = Math.floor((a * 20000) / b + 1) >> 1;
  return `${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

export function summariseAnswers(
  definition: SurveyDefinition,
  figure: SurveyFigure | null,
  answers: readonly { source: AnswerSource; answers: AnswerValues }[],
): SurveyResults {
  const bySource = Object.fromEntries(ANSWER_SOURCES.map((s) => [s, 0])) as Record<AnswerSource, number>;
  for (const a of answers) bySource[a.source]++;
  const questions = questionsOf(definition).map((q) => {
    const values = answers.map((a) => a.answers[q.id]).filter((v) => v !== undefined);
    const base = { id: q.id, text: q.text, type: q.type, answered: values.length };
    if (q.type === 'single' || q.type === 'multiple') {
      const chosen = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
      return {
        ...base,
        options: (q.options ?? []).map((o) => ({
          id: o.id,
          label: o.label,
          count: chosen.filter((c) => c === o.id).length,
        })),
      };
    }
    if (q.type === 'scale') {
      const max = q.scale?.max ?? 5;
      const counts = Array.from({ length: max }, (_, i) => values.filter((v) => v === i + 1).length);
      const sum = counts.reduce((s, c, i) => s + c * (i + 1), 0);
      const n = counts.reduce((s, c) => s + c, 0);
      // Average with two decimals, half up, in integers.
      const average =
        n === 0
          ? null
          : (() => {
              const h = Math.floor((sum * 200) / n + 1) >> 1;
              return `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;
            })();
      return { ...base, scale: { max, counts, average } };
    }
    return { ...base, texts: values.filter((v): v is string => typeof v === 'string') };
  });
  let fig: SurveyResults['figure'] = null;
  if (figure) {
    const counted = answers.filter((a) =>
      figure.atLeast !== undefined ? typeof a.answers[figure.question] === 'number' : true,
    );
    const numerator = counted.filter((a) => isFigureHit(figure, a.answers)).length;
    fig = {
      label: figure.label,
      numerator,
      denominator: counted.length,
      percent: percentText(numerator, counted.length),
    };
  }
  return { total: answers.length, bySource, questions, figure: fig };
}
