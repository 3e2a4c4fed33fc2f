import { sql, type Insertable } from 'kysely';
import type { Role } from '@shared/access/roles.ts';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import type { Executor } from '@server/db/executor.ts';
import { escapeLike } from '@server/features/units/units.scope.ts';
import type {
  CouncilMeetingsTable,
  CouncilMembersTable,
  CouncilOpinionsTable,
  RecognitionDecisionsTable,
} from './council.tables.ts';

/**
 * A period with its organising unit's path. Not scoped in SQL: the service checks council.read at
 * that path and answers 404 outside it.
 */
export async function findPeriodWithOrganiser(db: Executor, periodId: string) {
  return db
    .selectFrom('evaluation_periods')
    .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.unit_id',
      'evaluation_periods.framework_version_id',
      'evaluation_periods.year',
      'units.path',
      'units.name as unit_name',
    ])
    .where('evaluation_periods.id', '=', periodId)
    .executeTakeFirst();
}

export type PeriodWithOrganiser = NonNullable<Awaited<ReturnType<typeof findPeriodWithOrganiser>>>;

export async function findCouncilIdOfPeriod(db: Executor, periodId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('councils')
    .select('id')
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return row?.id;
}

export async function insertCouncil(
  trx: Executor,
  values: { periodId: string; unitId: string; name: string },
) {
  const row = await trx
    .insertInto('councils')
    .values({ period_id: values.periodId, unit_id: values.unitId, name: values.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCouncilMembers(trx: Executor, members: Insertable<CouncilMembersTable>[]) {
  await trx.insertInto('council_members').values(members).execute();
}

/** The opinions recorded at one meeting. */
export async function findOpinionsOfMeeting(db: Executor, meetingId: string) {
  return db
    .selectFrom('council_opinions')
    .leftJoin('users', 'users.id', 'council_opinions.recorded_by')
    .select([
      'council_opinions.member_id',
      'council_opinions.evaluation_id',
      'council_opinions.opinion',
      'council_opinions.comment',
      'council_opinions.proxy_note',
      'users.full_name as recorded_by_name',
    ])
    .where('council_opinions.meeting_id', '=', meetingId)
    .orderBy('council_opinions.created_at')
    .execute();
}

export type OpinionRow = Awaited<ReturnType<typeof findOpinionsOfMeeting>>[number];

/** A council with its members (in the order they were named) and its meetings with their opinions. */
export async function getCouncilRecord(db: Executor, councilId: string) {
  const council = await db
    .selectFrom('councils')
    .selectAll()
    .where('id', '=', councilId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('council_members')
    .leftJoin('users', 'users.id', 'council_members.user_id')
    .select([
      'council_members.id',
      'council_members.full_name',
      'council_members.position',
      'council_members.council_role',
      'council_members.user_id',
      'users.username',
    ])
    .where('council_members.council_id', '=', councilId)
    .orderBy(sql`council_members.rank nulls last`)
    .orderBy('council_members.created_at')
    .execute();
  const meetings = await db
    .selectFrom('council_meetings')
    .select([
      'id',
      'mode',
      'held_on',
      'location',
      'present_member_ids',
      'quorum_met',
      'conclusions',
      'start_time',
      'end_time',
      'chair_member_id',
      'secretary_member_id',
    ])
    .where('council_id', '=', councilId)
    .orderBy('held_on')
    .orderBy('created_at')
    .execute();
  return {
    council,
    members,
    meetings: await Promise.all(
      meetings.map(async (m) => ({ ...m, opinions: await findOpinionsOfMeeting(db, m.id) })),
    ),
  };
}

export type CouncilRecord = Awaited<ReturnType<typeof getCouncilRecord>>;

export async function insertMeeting(trx: Executor, values: Insertable<CouncilMeetingsTable>) {
  const row = await trx
    .insertInto('council_meetings')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** One evaluation of the period (the council speaks only about the period's own communes). */
export async function findEvaluationOfPeriod(db: Executor, periodId: string, evaluationId: string) {
  return db
    .selectFrom('evaluations')
    .select(['id', 'unit_id', 'state'])
    .where('id', '=', evaluationId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
}

/** Records a member's opinion on a commune at a meeting; a second opinion replaces the first. */
export async function upsertOpinion(trx: Executor, values: Insertable<CouncilOpinionsTable>) {
  await trx
    .insertInto('council_opinions')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['meeting_id', 'member_id', 'evaluation_id']).doUpdateSet({
        opinion: values.opinion,
        comment: values.comment ?? null,
        recorded_by: values.recorded_by ?? null,
        proxy_note: values.proxy_note ?? null,
      }),
    )
    .execute();
}

/**
 * Accounts that may be linked to a council member: active users holding one of `roles` at a unit
 * under `path` (the organising unit or below), matching `q` on name or username.
 */
export async function findCouncilCandidates(
  db: Executor,
  path: string,
  roles: Role[],
  q: string | undefined,
) {
  let query = db
    .selectFrom('users')
    .innerJoin('role_assignments', 'role_assignments.user_id', 'users.id')
    .innerJoin('units', 'units.id', 'role_assignments.unit_id')
    .select([
      'users.id',
      'users.username',
      'users.full_name',
      'role_assignments.role',
      'units.name as unit_name',
    ])
    .where('users.is_active', '=', true)
    .where('role_assignments.role', 'in', roles)
    .where('units.path', 'like', `${path}%`);
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([eb('users.full_name', 'ilike', pattern), eb('users.username', 'ilike', pattern)]),
    );
  }
  return query.orderBy('users.full_name').orderBy('users.id').limit(200).execute();
}

export type CandidateRow = Awaited<ReturnType<typeof findCouncilCandidates>>[number];

/**
 * Whether the user exists (`exists`) and holds one of `roles` at a unit under `path` (`inScope`).
 * Not scoped otherwise: the service decides which province `path` is.
 */
export async function findCouncilAccount(db: Executor, userId: string, path: string, roles: Role[]) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'full_name', 'is_active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!user) return { exists: false as const };
  const grant = await db
    .selectFrom('role_assignments')
    .innerJoin('units', 'units.id', 'role_assignments.unit_id')
    .select('role_assignments.id')
    .where('role_assignments.user_id', '=', userId)
    .where('role_assignments.role', 'in', roles)
    .where('units.path', 'like', `${path}%`)
    .executeTakeFirst();
  return { exists: true as const, fullName: user.full_name, isActive: user.is_active, inScope: !!grant };
}

export async function updateMemberUser(trx: Executor, memberId: string, userId: string | null) {
  await trx.updateTable('council_members').set({ user_id: userId }).where('id', '=', memberId).execute();
}

export async function hasDecision(db: Executor, periodId: string): Promise<boolean> {
  const row = await db
    .selectFrom('recognition_decisions')
    .select('id')
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Every evaluation of the period with its commune's name. */
export async function findEvaluationsOfPeriod(db: Executor, periodId: string) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select([
      'evaluations.id',
      'evaluations.unit_id',
      'evaluations.state',
      'evaluations.version',
      'evaluations.appraised_result',
      'units.name',
    ])
    .where('period_id', '=', periodId)
    .execute();
}

/** How many meetings of the period's council were quorate (written consultations count as quorate). */
export async function countQuorateMeetings(db: Executor, periodId: string): Promise<number> {
  const row = await db
    .selectFrom('council_meetings')
    .innerJoin('councils', 'councils.id', 'council_meetings.council_id')
    .select(sql<number>`count(*)`.as('n'))
    .where('councils.period_id', '=', periodId)
    .where('council_meetings.quorum_met', '=', true)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertDecision(trx: Executor, values: Insertable<RecognitionDecisionsTable>) {
  const row = await trx
    .insertInto('recognition_decisions')
    .values(values)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Moves an evaluation to its decided state, only if it is still at the version the decision read. */
export async function setDecidedState(
  trx: Executor,
  evaluation: { id: string; version: number },
  state: EvaluationState,
) {
  await trx
    .updateTable('evaluations')
    .set({ state, version: evaluation.version + 1, updated_at: new Date() })
    .where('id', '=', evaluation.id)
    .where('version', '=', evaluation.version)
    .execute();
}

/** The period's recognition decision with the period and the issuing unit (public: no scope). */
export async function findPublishedDecision(db: Executor, periodId: string) {
  return db
    .selectFrom('recognition_decisions')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'recognition_decisions.period_id')
    .innerJoin('units', 'units.id', 'recognition_decisions.unit_id')
    .select([
      'recognition_decisions.number',
      'recognition_decisions.signed_on',
      'recognition_decisions.signer_name',
      'recognition_decisions.signer_title',
      'evaluation_periods.year',
      'evaluation_periods.name as period_name',
      'units.name as unit_name',
    ])
    .where('recognition_decisions.period_id', '=', periodId)
    .executeTakeFirst();
}

export type PublishedDecisionRow = NonNullable<Awaited<ReturnType<typeof findPublishedDecision>>>;

/** The period's decided evaluations (achieved or not) with their communes (public: no scope). */
export async function findDecidedEvaluations(db: Executor, periodId: string) {
  return db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select(['units.name', 'units.code', 'evaluations.state', 'evaluations.appraised_result'])
    .where('evaluations.period_id', '=', periodId)
    .where('evaluations.state', 'in', ['decided_achieved', 'decided_not_achieved'])
    .execute();
}

export type DecidedEvaluationRow = Awaited<ReturnType<typeof findDecidedEvaluations>>[number];
