import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** File in DATA_DIR holding the audit key when AUDIT_KEY is not set (created at first start, mode 0600). */
export const AUDIT_KEY_FILE = 'audit.key';

let current: Buffer | undefined;

/**
 * The key that seals the audit trail: AUDIT_KEY when given (server deployments, the same on every
 * instance), else DATA_DIR/audit.key, created with 32 random bytes at the first start. It is never
 * stored in the database, so whoever can only write the database cannot forge a row's MAC.
 */
export function loadAuditKey(options: { auditKey?: string; dataDir: string }): Buffer {
  if (options.auditKey) return Buffer.from(options.auditKey, 'utf8');
  const file = path.join(options.dataDir, AUDIT_KEY_FILE);
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = readFileSync(file, 'utf8').trim();
  if (text.length < 32) throw new Error(`Tệp khoá nhật ký ${file} bị hỏng (quá ngắn).`);
  return Buffer.from(text, 'utf8');
}

/** Sets the key writeAudit and verifyAuditChain use (at boot, in the CLI, in tests). */
export function setAuditKey(key: Buffer) {
  current = key;
}

export function getAuditKey(): Buffer {
  if (!current) throw new Error('Audit key not set: call setAuditKey at startup (boot.ts, cli).');
  return current;
}

/** HMAC-SHA256 of `text` with the audit key. */
export function auditMac(text: string, key = getAuditKey()): string {
  return createHmac('sha256', key).update(text).digest('hex');
}
