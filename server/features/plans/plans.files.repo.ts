/** Evidence files of plan tasks (plan_task_files): SQL only. */
import type { Insertable } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import type { PlanTaskFilesTable } from './plans.tables.ts';

export async function insertTaskFile(db: Executor, values: Insertable<PlanTaskFilesTable>): Promise<string> {
  const row = await db.insertInto('plan_task_files').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The files of these tasks, oldest first (not deleted). */
export async function findTaskFiles(db: Executor, taskIds: string[]) {
  if (!taskIds.length) return [];
  return db
    .selectFrom('plan_task_files')
    .select(['id', 'task_id', 'file_name', 'content_type', 'size_bytes', 'created_at'])
    .where('task_id', 'in', taskIds)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** One file of one task of one plan (not deleted), or undefined. */
export async function findTaskFile(db: Executor, planId: string, taskId: string, fileId: string) {
  return db
    .selectFrom('plan_task_files')
    .selectAll()
    .where('id', '=', fileId)
    .where('task_id', '=', taskId)
    .where('plan_id', '=', planId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function softDeleteTaskFile(db: Executor, fileId: string): Promise<void> {
  await db.updateTable('plan_task_files').set({ deleted_at: new Date() }).where('id', '=', fileId).execute();
}
