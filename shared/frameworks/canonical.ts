/**
 * Canonical JSON and content hash of a framework version: object keys sorted by UTF-16 code units,
 * no whitespace, numbers in JavaScript's shortest form, `undefined` members dropped. The persistence
 * layer stores this exact text and its SHA-256, so the same data always gives the same hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Serialises JSON-compatible data canonically; throws on values JSON cannot represent. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`JSON chuẩn hoá: số không hợp lệ (${value})`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
    }
    default:
      throw new Error(`JSON chuẩn hoá: không biểu diễn được giá trị kiểu ${typeof value}`);
  }
}

/** SHA-256 (hex) of a string's UTF-8 bytes, pure JS. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

const cache = new WeakMap<object, string>();

/** Content hash of a framework (or any JSON data): "sha256:" + hex of its canonical JSON. Cached per object. */
export function contentHash(value: object): string {
  let hash = cache.get(value);
  if (!hash) {
    hash = `sha256:${sha256Hex(canonicalJson(value))}`;
    cache.set(value, hash);
  }
  return hash;
}
