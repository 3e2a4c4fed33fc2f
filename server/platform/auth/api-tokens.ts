import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '@server/app-context.ts';
import type { Db } from '@server/db/client.ts';
import { TooManyRequestsError, UnauthenticatedError } from '@server/platform/http/errors.ts';
import { newToken } from './tokens.ts';

/**
 * API tokens: how another system (a province's one-stop software) writes into one commune's
 * register without a person's session. A token is `dg_` + 32 random bytes (base64url); only its
 * SHA-256 is stored, the token itself is shown once when it is created.
 */
export const API_TOKEN_PREFIX = 'dg_';

/** A live (not revoked) token, as the token store finds it. */
export type ApiTokenIdentity = { id: string; unitId: string; register: string; name: string };

/**
 * Where tokens are read from. Supplied by features/registers when the app is built (as the session
 * store is by features/auth): the mechanism lives here, the table belongs to the feature.
 */
export type ApiTokenStore = {
  findLiveToken(db: Db, hash: string): Promise<ApiTokenIdentity | undefined>;
};

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${newToken(32)}`;
}

export function apiTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const BEARER = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i;

/**
 * The token of `Authorization: Bearer dg_…` for `register`, or a 401. Every refused attempt counts
 * against the client's address (ctx.apiTokenLimiter): past the limit the address is answered 429
 * without looking the token up, which makes guessing hopeless (and 256 random bits already are).
 */
export async function authenticateApiToken(
  ctx: AppContext,
  store: ApiTokenStore,
  register: string,
  request: FastifyRequest,
): Promise<ApiTokenIdentity> {
  const wait = await ctx.apiTokenLimiter.check(request.ip);
  if (wait > 0)
    throw new TooManyRequestsError(
      `Địa chỉ này đã gửi mã kết nối sai quá nhiều lần. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  const header = request.headers.authorization;
  const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  const found =
    token?.startsWith(API_TOKEN_PREFIX) === true
      ? await store.findLiveToken(ctx.db, apiTokenHash(token))
      : undefined;
  if (found && found.register === register) return found;
  await ctx.apiTokenLimiter.hit(request.ip);
  throw new UnauthenticatedError(
    token === undefined
      ? 'Thiếu mã kết nối: hãy gửi tiêu đề "Authorization: Bearer dg_…" với mã do Sở Tư pháp cấp.'
      : 'Mã kết nối không hợp lệ hoặc đã bị thu hồi.',
  );
}
