import type { Db } from '@server/db/client.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import type { ApiTokenIdentity } from '@server/platform/auth/api-tokens.ts';
import { pathInScope } from '@server/features/units/units.scope.ts';

export type TokenRow = {
  id: string;
  unit_id: string;
  register: string;
  name: string;
  created_by_name: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  revoked_by_name: string | null;
  unit_code: string;
  unit_name: string;
  unit_path: string;
};

function selectTokens(db: Executor) {
  return db
    .selectFrom('register_tokens as t')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .leftJoin('users as c', 'c.id', 't.created_by')
    .leftJoin('users as r', 'r.id', 't.revoked_by')
    .select([
      't.id',
      't.unit_id',
      't.register',
      't.name',
      'c.full_name as created_by_name',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
      'r.full_name as revoked_by_name',
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
    ]);
}

/** Tokens of units under the scope paths (newest first); never the hash. */
export async function findTokens(
  db: Executor,
  paths: string[],
  filter: { unitId?: string; activeOnly: boolean },
): Promise<TokenRow[]> {
  let query = selectTokens(db).where((eb) => pathInScope(eb, 'u.path', paths));
  if (filter.unitId) query = query.where('t.unit_id', '=', filter.unitId);
  if (filter.activeOnly) query = query.where('t.revoked_at', 'is', null);
  return query.orderBy('t.created_at', 'desc').orderBy('t.id').limit(1000).execute();
}

/** One token with its unit's path (the service checks the scope against it). */
export async function findTokenById(db: Executor, id: string): Promise<TokenRow | undefined> {
  return selectTokens(db).where('t.id', '=', id).executeTakeFirst();
}

export async function insertToken(
  trx: Trx,
  row: { unit_id: string; register: string; name: string; token_hash: string; created_by: string | null },
): Promise<string> {
  const inserted = await trx
    .insertInto('register_tokens')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Marks the token revoked, unless it already is; whether this call revoked it. */
export async function revokeToken(trx: Trx, id: string, by: string | null): Promise<boolean> {
  const rows = await trx
    .updateTable('register_tokens')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returning('id')
    .execute();
  return rows.length > 0;
}

export async function touchToken(trx: Trx, id: string): Promise<void> {
  await trx.updateTable('register_tokens').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

/**
 * The token store the route layer authenticates `{ apiToken }` routes with (server/app.ts): a token
 * is found by its hash only while it is not revoked. Authentication, not a list: no unit scope.
 */
export const apiTokenStore = {
  async findLiveToken(db: Db, hash: string): Promise<ApiTokenIdentity | undefined> {
    const row = await db
      .selectFrom('register_tokens')
      .select(['id', 'unit_id', 'register', 'name'])
      .where('token_hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row && { id: row.id, unitId: row.unit_id, register: row.register, name: row.name };
  },
};
