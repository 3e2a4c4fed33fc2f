import { formatDate } from '@shared/format/vi.ts';
import type { CommentResponseKind } from '@shared/evaluations/evaluations.schemas.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { getEvaluationInScope } from '@server/features/evaluations/evaluations.repo.ts';
import { loadForAction } from '@server/features/evaluations/evaluations.service.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { ConflictError, NotFoundError, TooManyRequestsError } from '@server/platform/http/errors.ts';
import { isAcceptingComments, isPubliclyVisible } from './posting.policy.ts';
import { presentComment, presentPublicEvaluation } from './posting.presenter.ts';
import {
  findCommentsOfEvaluation,
  findPublicEvaluation,
  getCommentOfEvaluation,
  insertPublicComment,
  updateCommentResponse,
} from './posting.repo.ts';

/** A posted evaluation, or 404 for anything that is not (yet, or any more) on a public page. */
async function getPosted(ctx: ServiceContext, id: string) {
  const row = await findPublicEvaluation(ctx.app.db, id);
  if (!row || !isPubliclyVisible(row))
    throw new NotFoundError('Không có kết quả tự đánh giá nào được niêm yết ở địa chỉ này.');
  return row;
}

/** What anyone may read without signing in: a posted self-assessment (the submitted snapshot, never the draft). */
export async function getPublicEvaluation(ctx: ServiceContext, id: string) {
  const row = await getPosted(ctx, id);
  const framework = await getFrameworkVersion(ctx.app.db, row.framework_version_id);
  return presentPublicEvaluation(row, framework, isAcceptingComments(row, todayInVietnam()));
}

/** A citizen's comment on a posted self-assessment: validated, rate-limited per address, audited. */
export async function addPublicComment(
  ctx: ServiceContext,
  id: string,
  body: { authorName: string; authorContact?: string; content: string },
) {
  const wait = await ctx.app.commentLimiter.hit(ctx.ip);
  if (wait > 0)
    throw new TooManyRequestsError(
      `Bạn đã gửi nhiều ý kiến liên tiếp. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  const evaluation = await getPosted(ctx, id);
  if (!isAcceptingComments(evaluation, todayInVietnam())) {
    throw new ConflictError(
      `Thời gian nhận ý kiến đã kết thúc (niêm yết từ ${formatDate(evaluation.posted_from)} đến ${formatDate(evaluation.posted_until ?? evaluation.posted_from)}).`,
    );
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const comment = await insertPublicComment(trx, {
      evaluation_id: id,
      unit_id: evaluation.unit_id,
      author_name: body.authorName,
      author_contact: body.authorContact ?? null,
      content: body.content,
      ip: ctx.ip,
    });
    await writeAudit(trx, {
      action: 'comment.received',
      objectType: 'public_comment',
      objectId: comment.id,
      unitId: evaluation.unit_id,
      ip: ctx.ip,
      diff: { evaluationId: id, authorName: body.authorName },
    });
    return {
      id: comment.id,
      message: 'Cảm ơn bạn đã góp ý. Ủy ban nhân dân sẽ tiếp thu, giải trình ý kiến của bạn.',
    };
  });
}

/** The comments on an evaluation the actor may read, with the commune's responses. */
export async function listComments(ctx: SignedInContext, id: string) {
  await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  return (await findCommentsOfEvaluation(ctx.app.db, id)).map(presentComment);
}

/** The commune records how a comment was received and explained (the data of Mẫu 03). */
export async function respondToComment(
  ctx: SignedInContext,
  id: string,
  commentId: string,
  body: { response: string; kind: CommentResponseKind; expectedRespondedAt: string | null },
) {
  const { response, kind, expectedRespondedAt } = body;
  const { evaluation } = await loadForAction(ctx, id, 'comments.respond');
  await ctx.app.db.transaction().execute(async (trx) => {
    // Read inside the transaction: the audit row names the response this one replaces.
    const before = await getCommentOfEvaluation(trx, id, commentId);
    const isCurrent = await updateCommentResponse(
      trx,
      commentId,
      { response, response_kind: kind, responded_by: ctx.actor.userId, responded_at: new Date() },
      expectedRespondedAt === null ? null : new Date(expectedRespondedAt),
    );
    if (!isCurrent) {
      throw new ConflictError(
        'Ý kiến này vừa được người khác tiếp thu, giải trình. Hãy xem nội dung đã lưu rồi sửa lại nếu cần.',
        { reason: 'stale' },
      );
    }
    await writeAudit(trx, {
      action: 'comment.responded',
      objectType: 'public_comment',
      objectId: commentId,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        response: { from: before.response, to: response },
        kind: { from: before.response_kind, to: kind },
      },
    });
  });
  return listComments(ctx, id);
}
