import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '@shared/frameworks/canonical.ts';
import type { Actor } from '@shared/access/actor.ts';
import type { Database } from '@server/db/schema.ts';
import type { Db } from '@server/db/client.ts';
import { findAuditRowsAfter, findLastAuditHash, insertAuditRow, lockAuditChain } from './audit.repo.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  unitId?: string | null;
  diff?: Record<string, unknown> | null;
  actor?: Pick<Actor, 'userId' | 'fullName'> | null;
  ip?: string | null;
};

type ChainedFields = {
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  object_type: string;
  object_id: string | null;
  unit_id: string | null;
  diff: unknown;
  ip: string | null;
};

/** Canonical text of any value as it will be stored as JSON (Dates become ISO strings first). */
function canon(value: unknown): string {
  return canonicalJson(JSON.parse(JSON.stringify(value ?? null)));
}

/** The hash of one row: SHA-256 over the previous row's hash and the row's canonical content. */
export function hashAuditRow(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canon(fields)}`)
    .digest('hex');
}

/**
 * Appends an audit row. Must run inside the transaction that makes the change, so the change
 * and its trail commit or roll back together.
 */
export async function writeAudit(trx: Transaction<Database>, entry: AuditEntry): Promise<void> {
  // Held until commit: rows are chained in commit order, so two writers never share a prev_hash.
  await lockAuditChain(trx);
  const prevHash = (await findLastAuditHash(trx)) ?? GENESIS_HASH;
  const fields: ChainedFields = {
    at: new Date().toISOString(),
    actor_id: entry.actor?.userId ?? null,
    actor_name: entry.actor?.fullName ?? null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    unit_id: entry.unitId ?? null,
    diff: entry.diff == null ? null : JSON.parse(JSON.stringify(entry.diff)),
    ip: entry.ip ?? null,
  };
  await insertAuditRow(trx, {
    ...fields,
    at: new Date(fields.at),
    diff: fields.diff == null ? null : JSON.stringify(fields.diff),
    prev_hash: prevHash,
    hash: hashAuditRow(prevHash, fields),
  });
}

/** Field-level difference of two records: { field: { from, to } } for each changed field. */
export function diffRecords(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  hidden: readonly string[] = ['password_hash'],
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const key of keys) {
    if (key === 'updated_at' || key === 'created_at') continue;
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (canon(from) === canon(to)) continue;
    out[key] = hidden.includes(key) ? { from: '***', to: '***' } : { from, to };
  }
  return out;
}

export type ChainReport =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; badRowId: number; reason: string };

/** Recomputes the chain from the first row and names the first row that does not fit. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = 0;
  let rows = 0;
  for (;;) {
    const batch = await findAuditRowsAfter(db, afterId, batchSize);
    if (batch.length === 0) return { ok: true, rows, lastHash: prevHash };
    for (const row of batch) {
      rows++;
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          rows,
          badRowId: row.id,
          reason: 'mắt xích trước không khớp (có dòng bị xoá hoặc chèn trước dòng này)',
        };
      }
      const expected = hashAuditRow(prevHash, {
        at: row.at.toISOString(),
        actor_id: row.actor_id,
        actor_name: row.actor_name,
        action: row.action,
        object_type: row.object_type,
        object_id: row.object_id,
        unit_id: row.unit_id,
        diff: row.diff,
        ip: row.ip,
      });
      if (expected !== row.hash) {
        return { ok: false, rows, badRowId: row.id, reason: 'nội dung dòng đã bị sửa (mã băm không khớp)' };
      }
      prevHash = row.hash;
      afterId = row.id;
    }
  }
}
