/**
 * Surveys and their answers: all SQL. Lists take the actor's unit paths. No query here reads an
 * answer together with a slip or a respondent: the tables are not linked (ADR 0017).
 */
import { sql, type Insertable } from 'kysely';
import type { SurveyKind } from '@shared/surveys/surveys.ts';
import type { Executor } from '@server/db/executor.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';
import type { SurveyAnswersTable, SurveysTable } from './surveys.tables.ts';

const SURVEY_COLUMNS = [
  's.id',
  's.unit_id',
  's.kind',
  's.audience',
  's.code',
  's.title',
  's.intro',
  's.definition',
  's.figure',
  's.status',
  's.opens_on',
  's.closes_on',
  's.require_slip',
  's.device_limit',
  's.invitee_ids',
  's.created_at',
  's.closed_at',
] as const;

export async function insertSurvey(trx: Executor, values: Insertable<SurveysTable>): Promise<string> {
  const row = await trx.insertInto('surveys').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function setSurveyStatus(trx: Executor, id: string, status: 'open' | 'closed') {
  await trx
    .updateTable('surveys')
    .set({ status, updated_at: new Date(), ...(status === 'closed' ? { closed_at: new Date() } : {}) })
    .where('id', '=', id)
    .execute();
}

/** One survey with its unit (name, path), whoever asks: the service checks the path. */
export function findSurvey(db: Executor, id: string) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([...SURVEY_COLUMNS, 'u.name as unit_name', 'u.path as unit_path'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}
export type SurveyRow = NonNullable<Awaited<ReturnType<typeof findSurvey>>>;

/** The survey of a public link, with its ticket secret (public answering signs tickets with it). */
export function findSurveyByCode(db: Executor, code: string) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([...SURVEY_COLUMNS, 's.ticket_secret', 'u.name as unit_name', 'u.path as unit_path'])
    .where('s.code', '=', code)
    .executeTakeFirst();
}
export type PublicSurveyRow = NonNullable<Awaited<ReturnType<typeof findSurveyByCode>>>;

/** Surveys of units under `paths`, newest first, with their answer counts. */
export function findSurveys(
  db: Executor,
  paths: string[],
  filter: { unitId?: string; year?: number; kind?: SurveyKind },
) {
  let q = db
    .selectFrom('surveys as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      ...SURVEY_COLUMNS,
      'u.name as unit_name',
      'u.path as unit_path',
      (eb) =>
        eb
          .selectFrom('survey_answers as a')
          .whereRef('a.survey_id', '=', 's.id')
          .select(sql<number>`count(*)::int`.as('n'))
          .as('answers'),
    ])
    .where((eb) => pathInScope(eb, 'u.path', paths));
  if (filter.unitId) q = q.where('s.unit_id', '=', filter.unitId);
  if (filter.kind) q = q.where('s.kind', '=', filter.kind);
  if (filter.year)
    q = q
      .where('s.closes_on', '>=', `${filter.year}-01-01`)
      .where('s.closes_on', '<=', `${filter.year}-12-31`);
  return q.orderBy('s.created_at', 'desc').limit(500).execute();
}

/** Surveys a signed-in account is invited to answer (open ones), with whether it answered. */
export function findInvitedSurveys(db: Executor, userId: string) {
  return db
    .selectFrom('surveys as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .select([
      ...SURVEY_COLUMNS,
      'u.name as unit_name',
      'u.path as unit_path',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('survey_respondents as r')
              .whereRef('r.survey_id', '=', 's.id')
              .where('r.user_id', '=', userId)
              .select('r.user_id'),
          )
          .as('answered'),
    ])
    .where('s.status', '=', 'open')
    .where(sql<boolean>`s.invitee_ids @> ${JSON.stringify([userId])}::jsonb`)
    .orderBy('s.closes_on')
    .execute();
}

export async function insertAnswer(trx: Executor, values: Insertable<SurveyAnswersTable>) {
  await trx.insertInto('survey_answers').values(values).execute();
}

/** Every answer of a survey (the values and their source only), in no particular order. */
export function findAnswers(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_answers')
    .select(['source', 'answers'])
    .where('survey_id', '=', surveyId)
    .execute();
}

export async function insertSlips(trx: Executor, surveyId: string, hashes: string[]) {
  if (hashes.length)
    await trx
      .insertInto('survey_slips')
      .values(hashes.map((code_hash) => ({ survey_id: surveyId, code_hash })))
      .execute();
}

/** Marks a slip used if it exists and was not; false otherwise (race-safe: one update wins). */
export async function useSlip(
  trx: Executor,
  surveyId: string,
  codeHash: string,
): Promise<'used' | 'unknown' | 'spent'> {
  const result = await trx
    .updateTable('survey_slips')
    .set({ used: true })
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', codeHash)
    .where('used', '=', false)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return 'used';
  const row = await trx
    .selectFrom('survey_slips')
    .select('used')
    .where('survey_id', '=', surveyId)
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row ? 'spent' : 'unknown';
}

export async function countSlips(db: Executor, surveyId: string) {
  return db
    .selectFrom('survey_slips')
    .select([
      sql<number>`count(*)::int`.as('printed'),
      sql<number>`count(*) filter (where used)::int`.as('used'),
    ])
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
}

/** Records that an account answered; false when it already had (the primary key refuses it). */
export async function claimRespondent(trx: Executor, surveyId: string, userId: string): Promise<boolean> {
  const rows = await trx
    .insertInto('survey_respondents')
    .values({ survey_id: surveyId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .returning('user_id')
    .execute();
  return rows.length > 0;
}

export async function countRespondents(db: Executor, surveyId: string) {
  const row = await db
    .selectFrom('survey_respondents')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('survey_id', '=', surveyId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function findUnitPath(db: Executor, unitId: string) {
  return db.selectFrom('units').select(['id', 'path', 'name']).where('id', '=', unitId).executeTakeFirst();
}

/** The accounts among `ids` that exist, with their names. */
export function findUsersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', ids).execute();
}
