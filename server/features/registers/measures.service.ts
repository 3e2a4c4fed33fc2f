/**
 * Computes a register measure (shared/registers/measures.ts) for one unit over a date range, by
 * handing it to the register that keeps the rows. Each register states its own counting in SQL
 * (server/features/<register>/*.measures.repo.ts); this is the one place that knows which is which.
 */
import { MEASURES, type ComputedInput, type DateRange, type MeasureId } from '@shared/registers/measures.ts';
import type { Executor } from '@server/db/executor.ts';
import { computeTthcMeasure, type TthcMeasureId } from '@server/features/tthc/tthc.measures.repo.ts';
import { computePlansMeasure, type PlansMeasureId } from '@server/features/plans/plans.measures.repo.ts';
import {
  computeSurveysMeasure,
  type SurveysMeasureId,
} from '@server/features/surveys/surveys.measures.repo.ts';
import { computeBooksMeasure, type BooksMeasureId } from '@server/features/books/books.measures.repo.ts';

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
