import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from '@shared/frameworks/canonical.ts';
import type { Db } from '@server/db/client.ts';
import { findAuditHead } from './audit.repo.ts';
import { auditMac } from './audit-key.ts';

/** Checkpoints of the audit chain, outside the database: DATA_DIR/audit-anchor.jsonl, one JSON line each. */
export const AUDIT_ANCHOR_FILE = 'audit-anchor.jsonl';

export type AuditCheckpoint = {
  at: string;
  /** Rows in the log, and its last row, when the checkpoint was taken. */
  rows: number;
  headId: number;
  headHash: string;
  /** Rows up to this id were written before rows carried a MAC (first checkpoint only). */
  legacyUpTo?: number;
  mac: string;
};

export const anchorFileIn = (dataDir: string) => path.join(dataDir, AUDIT_ANCHOR_FILE);

const macOf = (c: Omit<AuditCheckpoint, 'mac'>, key?: Buffer) => auditMac(`anchor\n${canonicalJson(c)}`, key);

export type AnchorRead = { checkpoints: AuditCheckpoint[]; badLine?: number };

/** The file's checkpoints, oldest first; `badLine` is the first line that is not a checkpoint sealed with our key. */
export function readAuditCheckpoints(file: string, key?: Buffer): AnchorRead | undefined {
  if (!existsSync(file)) return undefined;
  const checkpoints: AuditCheckpoint[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    try {
      const { mac, ...rest } = JSON.parse(line) as AuditCheckpoint;
      if (typeof mac !== 'string' || macOf(rest, key) !== mac) return { checkpoints, badLine: i + 1 };
      checkpoints.push({ ...rest, mac });
    } catch {
      return { checkpoints, badLine: i + 1 };
    }
  }
  return { checkpoints };
}

/**
 * Appends a checkpoint (row count, head id and hash, time) when the head moved since the last one.
 * Called at start, every minute while the server runs, at shutdown, and after each CLI command.
 * Appending only: earlier checkpoints stay, so a shortened log is caught against any of them.
 */
export async function writeAuditCheckpoint(db: Db, file: string): Promise<AuditCheckpoint | undefined> {
  const head = await findAuditHead(db);
  const previous = readAuditCheckpoints(file);
  const last = previous?.checkpoints.at(-1);
  if (last && last.rows === head.rows && last.headHash === head.headHash) return undefined;
  const checkpoint: Omit<AuditCheckpoint, 'mac'> = {
    at: new Date().toISOString(),
    rows: head.rows,
    headId: head.headId,
    headHash: head.headHash,
    // The first checkpoint vouches for the rows written before rows carried a MAC.
    ...(previous === undefined && head.lastUnkeyedId ? { legacyUpTo: head.lastUnkeyedId } : {}),
  };
  const sealed = { ...checkpoint, mac: macOf(checkpoint) };
  appendFileSync(file, `${JSON.stringify(sealed)}\n`, { mode: 0o600 });
  return sealed;
}
