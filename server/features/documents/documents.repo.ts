/** SQL for the documents built from stored data: units, comments, council, decision, period evaluations. */
import { sql } from 'kysely';
import type { Executor } from '@server/db/executor.ts';

/** A unit's name and kind, and its parent's. */
export async function getUnitWithParent(db: Executor, unitId: string) {
  const row = await db
    .selectFrom('units')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .select([
      'units.id',
      'units.name',
      'units.kind',
      'units.path',
      'parent.name as parent_name',
      'parent.kind as parent_kind',
    ])
    .where('units.id', '=', unitId)
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    path: row.path,
    unit: { name: row.name, kind: row.kind as string },
    parent: row.parent_name ? { name: row.parent_name, kind: row.parent_kind as string } : null,
  };
}

/** The period with its organising unit; undefined when absent. */
export async function findPeriod(db: Executor, periodId: string) {
  return db
    .selectFrom('evaluation_periods')
    .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.year',
      'evaluation_periods.name',
      'evaluation_periods.unit_id',
      'evaluation_periods.framework_version_id',
      'units.path as unit_path',
    ])
    .where('evaluation_periods.id', '=', periodId)
    .executeTakeFirst();
}

function storedEvaluations(db: Executor) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select([
      'evaluations.id',
      'evaluations.period_id',
      'evaluations.unit_id',
      'evaluations.state',
      'evaluations.self_result',
      'evaluations.narrative',
      'evaluations.submitted_snapshot',
      'evaluations.submitted_at',
      'evaluations.submitted_by',
      'evaluations.posted_from',
      'evaluations.posted_until',
      'evaluations.appraised_result',
      'evaluations.appraised_at',
      'units.name as unit_name',
      'units.kind as unit_kind',
    ]);
}

/** Every evaluation of a period with its unit (the caller has already checked the period's scope). */
export async function findPeriodEvaluations(db: Executor, periodId: string) {
  return storedEvaluations(db).where('evaluations.period_id', '=', periodId).orderBy('units.name').execute();
}

export type StoredEvaluation = Awaited<ReturnType<typeof findPeriodEvaluations>>[number];

/** One evaluation by id, unscoped: callers load it through the scoped repo first. */
export async function getStoredEvaluation(db: Executor, id: string): Promise<StoredEvaluation> {
  return storedEvaluations(db).where('evaluations.id', '=', id).executeTakeFirstOrThrow();
}

export async function findComments(db: Executor, evaluationId: string) {
  return db
    .selectFrom('public_comments')
    .select(['author_name', 'content', 'response', 'response_kind'])
    .where('evaluation_id', '=', evaluationId)
    .orderBy('created_at')
    .execute();
}

export async function findAssignments(db: Executor, evaluationId: string) {
  return db
    .selectFrom('evaluation_assignments')
    .innerJoin('users', 'users.id', 'evaluation_assignments.user_id')
    .select(['evaluation_assignments.node_code', 'users.full_name'])
    .where('evaluation_id', '=', evaluationId)
    .execute();
}

export async function findUserName(db: Executor, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const row = await db.selectFrom('users').select('full_name').where('id', '=', userId).executeTakeFirst();
  return row?.full_name ?? null;
}

/** The period's council with its members and its latest quorate meeting (and that meeting's opinions). */
export async function findCouncilOfPeriod(db: Executor, periodId: string) {
  const council = await db
    .selectFrom('councils')
    .select(['id', 'name'])
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (!council) return undefined;
  const members = await db
    .selectFrom('council_members')
    .select(['id', 'full_name', 'position', 'council_role'])
    .where('council_id', '=', council.id)
    .orderBy(sql`rank nulls last`)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const meeting = await db
    .selectFrom('council_meetings')
    .select([
      'id',
      'mode',
      'held_on',
      'location',
      'present_member_ids',
      'conclusions',
      'start_time',
      'end_time',
      'chair_member_id',
      'secretary_member_id',
    ])
    .where('council_id', '=', council.id)
    .where('quorum_met', '=', true)
    .orderBy('held_on', 'desc')
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const opinions = meeting
    ? await db
        .selectFrom('council_opinions')
        .select(['member_id', 'evaluation_id', 'opinion', 'comment'])
        .where('meeting_id', '=', meeting.id)
        .execute()
    : [];
  return { council, members, meeting, opinions };
}

export async function findDecision(db: Executor, periodId: string) {
  return db
    .selectFrom('recognition_decisions')
    .select(['number', 'signed_on', 'signer_name', 'signer_title'])
    .where('period_id', '=', periodId)
    .executeTakeFirst();
}

/** The name of a unit known to exist (a period's organiser). */
export async function getUnitName(db: Executor, unitId: string): Promise<string> {
  const unit = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirstOrThrow();
  return unit.name;
}

/** Succeeded bulk runs finished more than `days` days ago whose ZIP is still in the file store. */
export async function findExpiredBulkExports(db: Executor, days: number) {
  const { rows } = await sql<{ id: number; file: string }>`
    select id, result->>'file' as file from jobs
    where name = 'documents.bulk' and status = 'succeeded'
      and finished_at < now() - ${days}::integer * interval '1 day'
      and result->>'file' like 'exports/%' and not (result ? 'removed')
    order by id limit 100`.execute(db);
  return rows;
}

/** Records in the run's result that its ZIP was removed. */
export async function markBulkExportRemoved(db: Executor, jobId: number) {
  await sql`update jobs set result = result || '{"removed": true}'::jsonb where id = ${jobId}`.execute(db);
}
