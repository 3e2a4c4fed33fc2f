import { scopePaths } from '@shared/access/actor.ts';
import type { CreateTokenBody, ListTokensQuery } from '@shared/registers/tokens.contract.ts';
import { findUnitById } from '@server/features/units/units.repo.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { apiTokenHash, newApiToken } from '@server/platform/auth/api-tokens.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '@server/platform/http/errors.ts';
import { canManageTokensOf, tokenUnitRefusal } from './tokens.policy.ts';
import { presentToken } from './tokens.presenter.ts';
import { findTokenById, findTokens, insertToken, revokeToken as markRevoked } from './tokens.repo.ts';

const UNIT_NOT_FOUND = 'Không tìm thấy đơn vị hành chính.';
const TOKEN_NOT_FOUND = 'Không tìm thấy mã kết nối.';

/** Tokens of the communes in the actor's registers.tokens scope (optionally one commune's). */
export async function listTokens(ctx: SignedInContext, query: ListTokensQuery) {
  if (query.unitId) {
    const unit = await findUnitById(ctx.app.db, query.unitId);
    if (!unit || !canManageTokensOf(ctx.actor, unit)) throw new NotFoundError(UNIT_NOT_FOUND);
  }
  const rows = await findTokens(ctx.app.db, scopePaths(ctx.actor, 'registers.tokens'), {
    unitId: query.unitId,
    activeOnly: query.active === '1',
  });
  return { items: rows.map((row) => presentToken(ctx.actor, row)) };
}

/**
 * Gives a commune's register a new token (or a province or commune a read-only analytics token). The token is in this answer only: the table keeps its
 * SHA-256, so a lost token is revoked and replaced, never shown again.
 */
export async function createToken(ctx: SignedInContext, body: CreateTokenBody) {
  const unit = await findUnitById(ctx.app.db, body.unitId);
  if (!unit || !canManageTokensOf(ctx.actor, unit)) throw new NotFoundError(UNIT_NOT_FOUND);
  const refusal = tokenUnitRefusal(unit, todayInVietnam(), body.register);
  if (refusal) throw new ValidationError(refusal, [{ field: 'unitId', message: refusal }]);
  const token = newApiToken();
  const id = await ctx.app.db.transaction().execute(async (trx) => {
    const tokenId = await insertToken(trx, {
      unit_id: unit.id,
      register: body.register,
      name: body.name,
      token_hash: apiTokenHash(token),
      created_by: ctx.actor.userId,
    });
    await writeAudit(trx, {
      action: 'register-token.created',
      objectType: 'register_token',
      objectId: tokenId,
      unitId: unit.id,
      diff: { name: { from: null, to: body.name }, register: { from: null, to: body.register } },
      actor: ctx.actor,
      ip: ctx.ip,
    });
    return tokenId;
  });
  const row = await findTokenById(ctx.app.db, id);
  return { token, item: presentToken(ctx.actor, row!) };
}

/** Takes a token back: from now on the system pushing with it is answered 401. */
export async function revokeToken(ctx: SignedInContext, id: string) {
  const row = await findTokenById(ctx.app.db, id);
  if (!row || !canManageTokensOf(ctx.actor, { path: row.unit_path }))
    throw new NotFoundError(TOKEN_NOT_FOUND);
  await ctx.app.db.transaction().execute(async (trx) => {
    if (!(await markRevoked(trx, id, ctx.actor.userId)))
      throw new ConflictError(`Mã kết nối "${row.name}" đã bị thu hồi trước đó.`);
    await writeAudit(trx, {
      action: 'register-token.revoked',
      objectType: 'register_token',
      objectId: id,
      unitId: row.unit_id,
      diff: { revoked: { from: false, to: true }, name: { from: row.name, to: row.name } },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  const revoked = await findTokenById(ctx.app.db, id);
  return presentToken(ctx.actor, revoked!);
}
