import type { Actor } from '@shared/access/actor.ts';
import { TOKEN_REGISTER_LABELS, type tokenResponse } from '@shared/registers/tokens.contract.ts';
import type { z } from 'zod';
import { canRevokeToken } from './tokens.policy.ts';
import type { TokenRow } from './tokens.repo.ts';

/** A token as the list shows it: never the token nor its hash. */
export function presentToken(actor: Actor, row: TokenRow): z.input<typeof tokenResponse> {
  return {
    id: row.id,
    name: row.name,
    register: row.register,
    registerLabel: TOKEN_REGISTER_LABELS[row.register as keyof typeof TOKEN_REGISTER_LABELS] ?? row.register,
    unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
    createdBy: row.created_by_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by_name,
    abilities: { canRevoke: canRevokeToken(actor, row) },
  };
}
