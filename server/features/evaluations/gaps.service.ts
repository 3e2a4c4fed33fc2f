import type { EvaluationGapsDto } from '@shared/frameworks/frameworks.schemas.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { ConflictError } from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { getEvaluationInScope } from './evaluations.repo.ts';
import { presentGaps } from './gaps.presenter.ts';

/**
 * Where an evaluation lost points or passes, and what would meet each unmet recognition condition
 * (the basis of the "cheapest path to recognition" screen). Read from the stored result — the
 * self-assessment's or the appraisal's — so it always matches what the scoring screens show.
 */
export async function getEvaluationGaps(
  ctx: SignedInContext,
  id: string,
  source: 'self' | 'appraised',
): Promise<EvaluationGapsDto> {
  const evaluation = await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  const result = (
    source === 'self' ? evaluation.self_result : evaluation.appraised_result
  ) as EvaluationResult | null;
  if (!result) {
    throw new ConflictError(
      source === 'self'
        ? 'Hồ sơ chưa có kết quả tự đánh giá: hãy nhập và lưu số liệu trước.'
        : 'Hồ sơ chưa có kết quả thẩm định.',
    );
  }
  const framework = await getFrameworkVersion(ctx.app.db, evaluation.framework_version_id);
  return presentGaps(evaluation.id, source, framework, result);
}
