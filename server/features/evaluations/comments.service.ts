import type { EvaluationResult } from '@shared/scoring/index.ts';
import { STATE_LABELS, type EvaluationState } from '@shared/evaluations/state-machine.ts';
import type { AppContext } from '@server/app-context.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { ConflictError, NotFoundError, TooManyRequestsError } from '@server/platform/http/errors.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { formatDate } from '@shared/format/vi.ts';
import { getEvaluationInScope } from './evaluations.repo.ts';
import { loadForAction } from './evaluations.service.ts';

const PUBLIC_STATES: EvaluationState[] = [
  'posted',
  'under_appraisal',
  'returned',
  'appraised',
  'decided_achieved',
  'decided_not_achieved',
];

/** What anyone may read without signing in: a posted self-assessment (the submitted snapshot, never the draft). */
export async function getPublicEvaluation(app: AppContext, id: string) {
  const row = await app.db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'evaluations.period_id')
    .select([
      'evaluations.id',
      'evaluations.state',
      'evaluations.submitted_snapshot',
      'evaluations.posted_from',
      'evaluations.posted_until',
      'units.name as unit_name',
      'evaluation_periods.year',
      'evaluation_periods.name as period_name',
      'evaluation_periods.framework_version_id',
    ])
    .where('evaluations.id', '=', id)
    .executeTakeFirst();
  if (!row || !row.posted_from || !PUBLIC_STATES.includes(row.state))
    throw new NotFoundError('Không có kết quả tự đánh giá nào được niêm yết ở địa chỉ này.');
  const framework = await getFrameworkVersion(app.db, row.framework_version_id);
  const snapshot = row.submitted_snapshot as {
    result: EvaluationResult;
    narrative: Record<string, string>;
  } | null;
  const today = todayInVietnam();
  return {
    id: row.id,
    unitName: row.unit_name,
    year: row.year,
    periodName: row.period_name,
    stateLabel: STATE_LABELS[row.state],
    framework: { code: framework.code, name: framework.name },
    posting: { from: row.posted_from, until: row.posted_until },
    acceptingComments:
      row.state === 'posted' && today >= row.posted_from && today <= (row.posted_until ?? ''),
    result: snapshot?.result ?? null,
    narrative: snapshot?.narrative ?? {},
  };
}

/** A citizen's comment on a posted self-assessment: validated, rate-limited per address, audited. */
export async function addPublicComment(
  ctx: ServiceContext,
  id: string,
  body: { authorName: string; authorContact?: string; content: string },
) {
  const wait = ctx.app.commentLimiter.hit(ctx.ip);
  if (wait > 0)
    throw new TooManyRequestsError(
      `Bạn đã gửi nhiều ý kiến liên tiếp. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  const evaluation = await getPublicEvaluation(ctx.app, id);
  if (!evaluation.acceptingComments) {
    throw new ConflictError(
      `Thời gian nhận ý kiến đã kết thúc (niêm yết từ ${formatDate(evaluation.posting.from)} đến ${formatDate(evaluation.posting.until ?? evaluation.posting.from)}).`,
    );
  }
  const unit = await ctx.app.db
    .selectFrom('evaluations')
    .select('unit_id')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return ctx.app.db.transaction().execute(async (trx) => {
    const comment = await trx
      .insertInto('public_comments')
      .values({
        evaluation_id: id,
        unit_id: unit.unit_id,
        author_name: body.authorName,
        author_contact: body.authorContact ?? null,
        content: body.content,
        ip: ctx.ip,
      })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      action: 'comment.received',
      objectType: 'public_comment',
      objectId: comment.id,
      unitId: unit.unit_id,
      ip: ctx.ip,
      diff: { evaluationId: id, authorName: body.authorName },
    });
    return {
      id: comment.id,
      message: 'Cảm ơn bạn đã góp ý. Ủy ban nhân dân sẽ tiếp thu, giải trình ý kiến của bạn.',
    };
  });
}

export async function listComments(ctx: SignedInContext, id: string) {
  await getEvaluationInScope(ctx.app.db, ctx.actor, id);
  const rows = await ctx.app.db
    .selectFrom('public_comments')
    .select(['id', 'author_name', 'author_contact', 'content', 'response', 'responded_at', 'created_at'])
    .where('evaluation_id', '=', id)
    .orderBy('created_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    authorName: r.author_name,
    authorContact: r.author_contact,
    content: r.content,
    response: r.response,
    respondedAt: r.responded_at,
    createdAt: r.created_at,
  }));
}

/** The commune records how a comment was received and explained (the data of Mẫu 03). */
export async function respondToComment(
  ctx: SignedInContext,
  id: string,
  commentId: string,
  response: string,
) {
  const { evaluation } = await loadForAction(ctx, id, 'comments.respond');
  await ctx.app.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('public_comments')
      .select(['response'])
      .where('id', '=', commentId)
      .where('evaluation_id', '=', id)
      .executeTakeFirst();
    if (!before) throw new NotFoundError('Không tìm thấy ý kiến.');
    await trx
      .updateTable('public_comments')
      .set({ response, responded_by: ctx.actor.userId, responded_at: new Date() })
      .where('id', '=', commentId)
      .execute();
    await writeAudit(trx, {
      action: 'comment.responded',
      objectType: 'public_comment',
      objectId: commentId,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { response: { from: before.response, to: response } },
    });
  });
  return listComments(ctx, id);
}
