import type { Insertable } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import type { EvidenceFilesTable } from './evidence.tables.ts';

const EVIDENCE_COLUMNS = [
  'evidence_files.id',
  'evidence_files.evaluation_id',
  'evidence_files.unit_id',
  'evidence_files.node_code',
  'evidence_files.file_name',
  'evidence_files.content_type',
  'evidence_files.size_bytes',
  'evidence_files.sha256',
  'evidence_files.storage_key',
  'evidence_files.uploaded_by',
  'evidence_files.created_at',
  'users.full_name as uploaded_by_name',
] as const;

function baseQuery(db: Executor) {
  return db
    .selectFrom('evidence_files')
    .innerJoin('users', 'users.id', 'evidence_files.uploaded_by')
    .select(EVIDENCE_COLUMNS)
    .where('evidence_files.deleted_at', 'is', null);
}

export type EvidenceRow = Awaited<ReturnType<typeof getEvidenceFile>>;

/**
 * The live evidence files of one evaluation. Callers load the evaluation through its scoped query
 * first (getEvaluationInScope), which is what scopes this list to the actor's units.
 */
export function findEvidenceOfEvaluation(db: Executor, evaluationId: string) {
  return baseQuery(db)
    .where('evidence_files.evaluation_id', '=', evaluationId)
    .orderBy('evidence_files.node_code')
    .orderBy('evidence_files.created_at')
    .execute();
}

/** One live evidence file of an evaluation already loaded in scope; 404 otherwise. */
export async function getEvidenceFile(db: Executor, evaluationId: string, fileId: string) {
  const row = await baseQuery(db)
    .where('evidence_files.evaluation_id', '=', evaluationId)
    .where('evidence_files.id', '=', fileId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Không tìm thấy tài liệu kiểm chứng.');
  return row;
}

/** Records a stored file; returns its id. */
export async function insertEvidenceFile(db: Executor, values: Insertable<EvidenceFilesTable>) {
  const row = await db.insertInto('evidence_files').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Soft delete: the row stays for the audit trail, the file stops being listed or served. */
export async function softDeleteEvidenceFile(db: Executor, fileId: string) {
  await db
    .updateTable('evidence_files')
    .set({ deleted_at: new Date() })
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .execute();
}
