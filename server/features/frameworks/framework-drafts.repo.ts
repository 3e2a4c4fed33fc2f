import type { Executor } from '@server/db/executor.ts';

/** The draft of a code, with its author's name; undefined when none is stored. */
export async function findDraftOfCode(db: Executor, code: string) {
  return db
    .selectFrom('framework_drafts')
    .leftJoin('users', 'users.id', 'framework_drafts.updated_by')
    .select([
      'framework_drafts.id',
      'framework_drafts.code',
      'framework_drafts.owner_unit_id',
      'framework_drafts.base_version_id',
      'framework_drafts.content',
      'framework_drafts.version',
      'framework_drafts.updated_at',
      'users.full_name as updated_by_name',
    ])
    .where('framework_drafts.code', '=', code)
    .executeTakeFirst();
}

/** Creates the draft of a code (version 1); a concurrent creation loses on the unique code (23505). */
export async function insertDraft(
  db: Executor,
  values: { code: string; ownerUnitId: string; baseVersionId: string; content: string; userId: string },
) {
  return db
    .insertInto('framework_drafts')
    .values({
      code: values.code,
      owner_unit_id: values.ownerUnitId,
      base_version_id: values.baseVersionId,
      content: values.content,
      updated_by: values.userId,
    })
    .returning(['id', 'version'])
    .executeTakeFirstOrThrow();
}

/** Replaces the draft's content if it is still at `expectedVersion`; undefined when someone saved since. */
export async function updateDraftVersioned(
  db: Executor,
  code: string,
  expectedVersion: number,
  values: { baseVersionId: string; content: string; userId: string },
) {
  return db
    .updateTable('framework_drafts')
    .set((eb) => ({
      base_version_id: values.baseVersionId,
      content: values.content,
      updated_by: values.userId,
      updated_at: new Date(),
      version: eb('version', '+', 1),
    }))
    .where('code', '=', code)
    .where('version', '=', expectedVersion)
    .returning(['id', 'version'])
    .executeTakeFirst();
}

/** Deletes the draft if it is still at `expectedVersion` (any version when null); the deleted id. */
export async function deleteDraft(db: Executor, code: string, expectedVersion: number | null) {
  let query = db.deleteFrom('framework_drafts').where('code', '=', code);
  if (expectedVersion !== null) query = query.where('version', '=', expectedVersion);
  return query.returning(['id']).executeTakeFirst();
}
