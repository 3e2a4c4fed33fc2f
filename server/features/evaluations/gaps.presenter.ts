import type { EvaluationGapsDto } from '@shared/frameworks/frameworks.schemas.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import { analyseGaps, type EvaluationResult } from '@shared/scoring/index.ts';

/** Where a stored result lost points or passes, with the framework it was scored by. */
export function presentGaps(
  evaluationId: string,
  source: 'self' | 'appraised',
  framework: Framework & { id: string },
  result: EvaluationResult,
): EvaluationGapsDto {
  return {
    evaluationId,
    source,
    framework: {
      id: framework.id,
      code: framework.code,
      version: framework.version,
      name: framework.name,
      model: framework.model,
    },
    total: result.total,
    max: result.max,
    totalDisplay: result.totalDisplay,
    recognised: result.recognised,
    provisional: result.provisional,
    gaps: analyseGaps(framework, result),
  };
}
