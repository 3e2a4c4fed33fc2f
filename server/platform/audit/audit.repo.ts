import { sql, type Transaction } from 'kysely';
import type { Database } from '@server/db/schema.ts';
import type { Db } from '@server/db/client.ts';

// Held until commit: rows are chained in commit order, so two writers never share a prev_hash.
const AUDIT_CHAIN_LOCK_KEY = 726_002;

/** Takes the chain lock for the rest of the transaction. */
export async function lockAuditChain(trx: Transaction<Database>) {
  await sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`.execute(trx);
}

export async function findLastAuditHash(trx: Transaction<Database>): Promise<string | undefined> {
  const last = await trx
    .selectFrom('audit_log')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return last?.hash;
}

export async function insertAuditRow(
  trx: Transaction<Database>,
  row: {
    at: Date;
    actor_id: string | null;
    actor_name: string | null;
    action: string;
    object_type: string;
    object_id: string | null;
    unit_id: string | null;
    diff: string | null;
    ip: string | null;
    prev_hash: string;
    hash: string;
    mac: string;
  },
) {
  await trx.insertInto('audit_log').values(row).execute();
}

/** Up to `limit` rows after `afterId`, in chain order. */
export async function findAuditRowsAfter(db: Db, afterId: number, limit: number) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The row whose hash is `hash` (unique), to tell a reordered chain from a deleted row. */
export async function findAuditRowIdByHash(db: Db, hash: string): Promise<number | undefined> {
  const row = await db.selectFrom('audit_log').select('id').where('hash', '=', hash).executeTakeFirst();
  return row?.id;
}

/** The chain's head (last row) and row count, read in one snapshot. */
export async function findAuditHead(
  db: Db,
): Promise<{ rows: number; headId: number; headHash: string; lastUnkeyedId: number }> {
  const { rows } = await sql<{
    rows: number;
    head_id: number | null;
    head_hash: string | null;
    unkeyed: number | null;
  }>`
    select (select count(*) from audit_log)::int as rows,
           (select max(id) from audit_log where mac is null)::int as unkeyed,
           h.id::int as head_id, h.hash as head_hash
    from (select 1) one left join (select id, hash from audit_log order by id desc limit 1) h on true`.execute(
    db,
  );
  const r = rows[0]!;
  return { rows: r.rows, headId: r.head_id ?? 0, headHash: r.head_hash ?? '', lastUnkeyedId: r.unkeyed ?? 0 };
}
