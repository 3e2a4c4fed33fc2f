import { sql, type Insertable } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import type { PublicCommentsTable } from '@server/features/evaluations/evaluations.tables.ts';

/**
 * An evaluation as the public page may need it, whatever its state: the caller decides with the
 * posting policy whether it is shown (no unit scope: the page is public once posted).
 */
export function findPublicEvaluation(db: Executor, id: string) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'evaluations.period_id')
    .select([
      'evaluations.id',
      'evaluations.unit_id',
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
}

export type PublicEvaluationRow = NonNullable<Awaited<ReturnType<typeof findPublicEvaluation>>>;

/** Records a citizen's comment; returns its id and time. */
export function insertPublicComment(db: Executor, values: Insertable<PublicCommentsTable>) {
  return db
    .insertInto('public_comments')
    .values(values)
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * The comments on one evaluation, oldest first. Callers load the evaluation through its scoped
 * query first (getEvaluationInScope), which is what scopes this list to the actor's units.
 */
export function findCommentsOfEvaluation(db: Executor, evaluationId: string) {
  return db
    .selectFrom('public_comments')
    .select([
      'id',
      'author_name',
      'author_contact',
      'content',
      'response',
      'response_kind',
      'responded_at',
      'created_at',
    ])
    .where('evaluation_id', '=', evaluationId)
    .orderBy('created_at')
    .execute();
}

export type CommentRow = Awaited<ReturnType<typeof findCommentsOfEvaluation>>[number];

/** One comment of an evaluation already loaded in scope; 404 otherwise. */
export async function getCommentOfEvaluation(db: Executor, evaluationId: string, commentId: string) {
  const row = await db
    .selectFrom('public_comments')
    .select(['response', 'response_kind'])
    .where('id', '=', commentId)
    .where('evaluation_id', '=', evaluationId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Không tìm thấy ý kiến.');
  return row;
}

/**
 * Stores how the commune received and explained a comment, only if the response is still the one
 * the writer saw (`expectedRespondedAt`, null for none); false when someone answered meanwhile.
 */
export async function updateCommentResponse(
  db: Executor,
  commentId: string,
  values: {
    response: string;
    response_kind: 'accepted' | 'explained';
    responded_by: string;
    responded_at: Date;
  },
  expectedRespondedAt: Date | null,
): Promise<boolean> {
  const result = await db
    .updateTable('public_comments')
    .set(values)
    .where('id', '=', commentId)
    .where((eb) =>
      expectedRespondedAt === null
        ? eb('responded_at', 'is', null)
        : // The client holds milliseconds (JSON dates); the column may hold microseconds.
          eb(sql<Date>`date_trunc('milliseconds', responded_at)`, '=', expectedRespondedAt),
    )
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
