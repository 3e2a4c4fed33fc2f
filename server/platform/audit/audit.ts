import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import { canonicalJson } from '@shared/frameworks/canonical.ts';
import type { Actor } from '@shared/access/actor.ts';
import type { Database } from '@server/db/schema.ts';
import type { Db } from '@server/db/client.ts';
import {
  findAuditRowIdByHash,
  findAuditRowsAfter,
  findLastAuditHash,
  insertAuditRow,
  lockAuditChain,
} from './audit.repo.ts';
import { readAuditCheckpoints, type AuditCheckpoint } from './audit-anchor.ts';
import { auditMac, getAuditKey } from './audit-key.ts';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditEntry = {
  action: string;
  objectType: string;
  objectId?: string | number | null;
  unitId?: string | null;
  diff?: Record<string, unknown> | null;
  actor?: Pick<Actor, 'userId' | 'fullName'> | null;
  /** Who acted when no user did, shown in place of a user's name (an API token: "Kết nối API: …"). */
  actorLabel?: string | null;
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

/**
 * The hash of one row: SHA-256 over the previous row's hash and the row's canonical content. Anyone
 * can recompute it; what proves a row was written by the application is its `mac` (auditRowMac).
 */
export function hashAuditRow(prevHash: string, fields: ChainedFields): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canon(fields)}`)
    .digest('hex');
}

/** The row's seal: HMAC-SHA256 of its hash with the audit key, which is not in the database. */
export function auditRowMac(hash: string, key?: Buffer): string {
  return auditMac(`row\n${hash}`, key);
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
    actor_name: entry.actor?.fullName ?? entry.actorLabel ?? null,
    action: entry.action,
    object_type: entry.objectType,
    object_id: entry.objectId == null ? null : String(entry.objectId),
    unit_id: entry.unitId ?? null,
    diff: entry.diff == null ? null : JSON.parse(JSON.stringify(entry.diff)),
    ip: entry.ip ?? null,
  };
  const hash = hashAuditRow(prevHash, fields);
  await insertAuditRow(trx, {
    ...fields,
    at: new Date(fields.at),
    diff: fields.diff == null ? null : JSON.stringify(fields.diff),
    prev_hash: prevHash,
    hash,
    mac: auditRowMac(hash),
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
  | { ok: true; rows: number; lastHash: string; checkpoints: number }
  | { ok: false; rows: number; badRowId: number | null; reason: string };

export type VerifyOptions = {
  batchSize?: number;
  /** DATA_DIR/audit-anchor.jsonl: checks the log against its checkpoints (shortened, truncated, rewritten). */
  anchorFile?: string;
  key?: Buffer;
};

/** "19/12/2026 14:05:09" in Vietnam time. */
function vnTime(iso: string): string {
  return new Date(iso).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour12: false });
}

/**
 * Recomputes the chain from the first row and names the first thing that does not fit: a row
 * edited, rows missing or reordered, a row whose hash was recomputed without the key (no valid
 * MAC), or — against the checkpoints kept outside the database — a log shorter than it was.
 */
export async function verifyAuditChain(db: Db, options: number | VerifyOptions = {}): Promise<ChainReport> {
  const {
    batchSize = 5000,
    anchorFile,
    key = getAuditKey(),
  } = typeof options === 'number' ? { batchSize: options } : options;
  const anchor = anchorFile ? readAuditCheckpoints(anchorFile, key) : undefined;
  if (anchorFile && anchor?.badLine)
    return {
      ok: false,
      rows: 0,
      badRowId: null,
      reason: `tệp điểm neo ${anchorFile} bị sửa ở dòng ${anchor.badLine} (chữ ký không khớp khoá)`,
    };
  const checkpoints = anchor?.checkpoints ?? [];
  // Rows without a MAC are accepted only where the first checkpoint vouches for them (written
  // before this version); with no checkpoint file, only as a prefix before the first sealed row.
  const legacyUpTo = checkpoints.length ? (checkpoints[0]!.legacyUpTo ?? 0) : Infinity;
  const expectedAt = new Map<number, AuditCheckpoint[]>();
  for (const c of checkpoints)
    if (c.headId) expectedAt.set(c.headId, [...(expectedAt.get(c.headId) ?? []), c]);
  const countAt = new Map<number, number>();

  let prevHash = GENESIS_HASH;
  let prevId = 0;
  let afterId = 0;
  let rows = 0;
  let sealedSeen = false;
  const fail = (badRowId: number | null, reason: string): ChainReport => ({
    ok: false,
    rows,
    badRowId,
    reason,
  });
  for (;;) {
    const batch = await findAuditRowsAfter(db, afterId, batchSize);
    if (batch.length === 0) break;
    for (const row of batch) {
      rows++;
      if (row.prev_hash !== prevHash) {
        const linkedTo = await findAuditRowIdByHash(db, row.prev_hash);
        if (linkedTo !== undefined && linkedTo > row.id)
          return fail(
            row.id,
            `dòng số ${row.id}: thứ tự các dòng đã bị đảo (dòng này lẽ ra nối tiếp dòng số ${linkedTo})`,
          );
        return fail(
          row.id,
          prevId
            ? `dòng số ${row.id}: thiếu dòng — giữa dòng số ${prevId} và dòng số ${row.id} có dòng đã bị xoá`
            : `dòng số ${row.id}: thiếu dòng — các dòng trước dòng số ${row.id} đã bị xoá`,
        );
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
      if (expected !== row.hash)
        return fail(row.id, `dòng số ${row.id}: nội dung dòng đã bị sửa (mã băm không khớp)`);
      if (row.mac === null) {
        if (sealedSeen || row.id > legacyUpTo)
          return fail(
            row.id,
            `dòng số ${row.id}: không có mã xác thực (HMAC) — dòng được ghi hoặc tính lại mã băm mà không có khoá bí mật`,
          );
      } else {
        sealedSeen = true;
        if (row.mac !== auditRowMac(row.hash, key))
          return fail(
            row.id,
            `dòng số ${row.id}: mã băm đã được tính lại mà không có khoá bí mật (mã xác thực HMAC không khớp) — ` +
              'nội dung dòng này hoặc một dòng trước nó đã bị sửa hay xoá rồi tính lại chuỗi',
          );
      }
      for (const c of expectedAt.get(row.id) ?? []) {
        if (c.headHash !== row.hash)
          return fail(
            row.id,
            `dòng số ${row.id}: không khớp điểm neo lúc ${vnTime(c.at)} (chuỗi đã bị viết lại từ dòng này trở về trước)`,
          );
        countAt.set(row.id, rows);
      }
      prevHash = row.hash;
      prevId = row.id;
      afterId = row.id;
    }
  }
  // Against the checkpoints: every head they recorded still there, with as many rows up to it.
  for (const c of checkpoints) {
    if (c.rows === 0) continue;
    if (rows === 0)
      return fail(
        null,
        `nhật ký trống nhưng điểm neo lúc ${vnTime(c.at)} đã ghi nhận ${c.rows} dòng — toàn bộ nhật ký đã bị xoá`,
      );
    const counted = countAt.get(c.headId);
    if (counted === undefined)
      return fail(
        prevId,
        prevId < c.headId
          ? `thiếu các dòng sau dòng số ${prevId}: điểm neo lúc ${vnTime(c.at)} ghi nhận dòng cuối là dòng số ${c.headId} ` +
              `(${c.rows} dòng), nhật ký hiện chỉ còn ${rows} dòng — các dòng cuối đã bị xoá`
          : `thiếu dòng số ${c.headId} được điểm neo lúc ${vnTime(c.at)} ghi nhận — dòng đã bị xoá`,
      );
    if (counted !== c.rows)
      return fail(
        c.headId,
        `nhật ký ngắn hơn điểm neo lúc ${vnTime(c.at)}: tới dòng số ${c.headId} chỉ còn ${counted} dòng, ` +
          `điểm neo ghi nhận ${c.rows} dòng — có dòng đã bị xoá`,
      );
  }
  if (anchorFile && !anchor && rows > 0)
    return fail(
      null,
      `không tìm thấy tệp điểm neo ${anchorFile}: không thể kiểm tra nhật ký có bị xoá bớt các dòng cuối hay không`,
    );
  return { ok: true, rows, lastHash: prevHash, checkpoints: checkpoints.length };
}
