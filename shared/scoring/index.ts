/** Public API of the scoring engine (pure: no I/O). */
export { scoreEvaluation, findTier } from './engine.ts';
export { analyseGaps } from './gaps.ts';
export type { GapReport, LostItem, ConditionGap, NextStep } from './gaps.ts';
export {
  validateEvaluationInput,
  EvaluationInputError,
  isDocumentOnTime,
  DOCUMENT_TITLE_MAX,
  type DocumentItem,
} from './input.ts';
export type * from './types.ts';
