/**
 * The surveys register's measures (shared/registers/measures.ts): the share of answers that judge the
 * forms and models of legal dissemination effective (Mẫu 04, TCPL 2.4) and the share of satisfied
 * residents. The figure of each survey kind is data (shared/surveys/templates.ts `figure`); the
 * surveys read are the unit's opened (not draft) surveys of that kind closing within the range.
 */
import { sql } from 'kysely';
import type { DateRange, MeasureId } from '@shared/registers/measures.ts';
import type { SurveyKind } from '@shared/surveys/surveys.ts';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import type { Executor } from '@server/db/executor.ts';

export type SurveysMeasureId = Extract<MeasureId, `surveys.${string}`>;

export const MEASURE_SURVEY_KIND: Record<SurveysMeasureId, SurveyKind> = {
  'surveys.mau04Effective': 'mau04',
  'surveys.satisfied': 'satisfaction',
};

/**
 * Hits / counted answers of the unit's surveys of the measure's kind closing in the range; 0/0 without
 * any. `ref`: the latest such survey (the link opens its results).
 */
export async function computeSurveysMeasure(
  db: Executor,
  unitId: string,
  measure: SurveysMeasureId,
  range: DateRange,
): Promise<{ value: { numerator: number; denominator: number }; rows: number; ref: string | null }> {
  const kind = MEASURE_SURVEY_KIND[measure];
  const figure = SURVEY_TEMPLATES[kind].figure!;
  const surveys = await db
    .selectFrom('surveys')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('kind', '=', kind)
    .where('status', '<>', 'draft')
    .where('closes_on', '>=', range.from)
    .where('closes_on', '<=', range.to)
    .orderBy('closes_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  if (!surveys.length) return { value: { numerator: 0, denominator: 0 }, rows: 0, ref: null };
  const value = sql`a.answers -> ${figure.question}`;
  // A choice figure counts every answer (Mẫu 04: "phiếu thu về"); a scale figure the answers that scored it.
  const counted =
    figure.atLeast !== undefined ? sql<boolean>`jsonb_typeof(${value}) = 'number'` : sql<boolean>`true`;
  const hit =
    figure.atLeast !== undefined
      ? sql<boolean>`jsonb_typeof(${value}) = 'number' and (${value})::text::int >= ${figure.atLeast}`
      : sql<boolean>`(a.answers ->> ${figure.question}) in (${sql.join(figure.options ?? [])})`;
  const row = await db
    .selectFrom('survey_answers as a')
    .where(
      'a.survey_id',
      'in',
      surveys.map((s) => s.id),
    )
    .where(counted)
    .select([
      sql<number>`count(*)::int`.as('rows'),
      sql<number>`count(*) filter (where ${hit})::int`.as('hits'),
    ])
    .executeTakeFirstOrThrow();
  return { value: { numerator: row.hits, denominator: row.rows }, rows: row.rows, ref: surveys[0]!.id };
}
