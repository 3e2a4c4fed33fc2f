import type { EvaluationResult } from '@shared/scoring/index.ts';
import { STATE_LABELS } from '@shared/evaluations/state-machine.ts';
import type { CommentRow, PublicEvaluationRow } from './posting.repo.ts';

/** The public page: the submitted snapshot, never the draft, and no internal identifiers beyond the evaluation's. */
export function presentPublicEvaluation(
  row: PublicEvaluationRow & { posted_from: string },
  framework: { code: string; name: string },
  acceptingComments: boolean,
) {
  const snapshot = row.submitted_snapshot as {
    result: EvaluationResult;
    narrative: Record<string, string>;
  } | null;
  return {
    id: row.id,
    unitName: row.unit_name,
    year: row.year,
    periodName: row.period_name,
    stateLabel: STATE_LABELS[row.state],
    framework: { code: framework.code, name: framework.name },
    posting: { from: row.posted_from, until: row.posted_until },
    acceptingComments,
    result: snapshot?.result ?? null,
    narrative: snapshot?.narrative ?? {},
  };
}

/** A comment with the commune's response, for signed-in users of the commune and its reviewers. */
export function presentComment(r: CommentRow) {
  return {
    id: r.id,
    authorName: r.author_name,
    authorContact: r.author_contact,
    content: r.content,
    response: r.response,
    responseKind: r.response_kind,
    respondedAt: r.responded_at,
    createdAt: r.created_at,
  };
}
