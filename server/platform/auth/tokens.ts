import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'dg_session';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * Readable by the page (not HttpOnly) and says only "a session may exist": the public pages ask
 * /api/auth/me for the CSRF token when it is there, so anonymous visitors make no request that fails.
 * Mirrors web/src/public/session.ts.
 */
export const SIGNED_IN_HINT_COOKIE = 'dg_signed_in';

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Sessions are stored by the SHA-256 of their token, never the token itself. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
