/**
 * Computes a register measure (shared/registers/measures.ts) for one unit over a date range, by
 * handing it to the register that keeps the rows. Each register states its own counting in SQL
 * (server/features/<register>/*.measures.repo.ts); this is the one place that knows which is which.
 */
import { MEASURES, type ComputedInput, type DateRange, type MeasureId } from '@shared/registers/measures.ts';
import type { Executor } from '@server/db/executor.ts';
import {
  computeTthcMeasure,
  computeTthcRatioByUnit,
  type TthcMeasureId,
} from '@server/features/tthc/tthc.measures.repo.ts';
import { computePlansMeasure, type PlansMeasureId } from '@server/features/plans/plans.measures.repo.ts';
import {
  computeSurveysMeasure,
  type SurveysMeasureId,
} from '@server/features/surveys/surveys.measures.repo.ts';
import {
  computeBooksMeasure,
  computeBooksRatioByUnit,
  type BooksMeasureId,
} from '@server/features/books/books.measures.repo.ts';

/** The measure's value for `unitId` over `range`, with how many rows it came from and when. */
export async function computeMeasure(
  db: Executor,
  unitId: string,
  measure: MeasureId,
  range: DateRange,
): Promise<ComputedInput> {
  const def = MEASURES[measure];
  const stamp = { measure, from: range.from, to: range.to, unitId, computedAt: new Date().toISOString() };
  switch (def.register) {
    case 'tthc': {
      const { value, rows } = await computeTthcMeasure(db, unitId, measure as TthcMeasureId, range);
      return { ...stamp, value, rows };
    }
    case 'plans': {
      // The plan's id: the link opens that plan's tasks.
      const { value, rows, ref } = await computePlansMeasure(db, unitId, measure as PlansMeasureId, range);
      return { ...stamp, value, rows, ref };
    }
    case 'surveys': {
      // The latest survey's id: the link opens its results.
      const { value, rows, ref } = await computeSurveysMeasure(
        db,
        unitId,
        measure as SurveysMeasureId,
        range,
      );
      return { ...stamp, value, rows, ref };
    }
    case 'books': {
      const { value, rows } = await computeBooksMeasure(db, unitId, measure as BooksMeasureId, range);
      return { ...stamp, value, rows };
    }
  }
}

/**
 * A TTHC or books ratio measure for many units over `range` in one query: per unit with at least one
 * row counted, its numerator and denominator (a unit absent from the map has none).
 */
export async function computeRatioByUnits(
  db: Executor,
  unitIds: string[],
  measure: Extract<MeasureId, 'tthc.onTime' | 'books.petitionsLawful' | 'books.mediationSuccessful'>,
  range: DateRange,
): Promise<Map<string, { numerator: number; denominator: number }>> {
  return MEASURES[measure].register === 'tthc'
    ? computeTthcRatioByUnit(db, unitIds, measure as TthcMeasureId, range)
    : computeBooksRatioByUnit(db, unitIds, measure as BooksMeasureId, range);
}
