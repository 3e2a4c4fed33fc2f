/**
 * COPY … FROM '/dev/blob' on PGlite inside a Kysely transaction: PGlite takes a COPY's data as a Blob
 * given with the query, which the PGlite dialect (pglite-dialect.ts) passes on when a compiled query
 * carries one. The PostgreSQL server's COPY FROM STDIN is in pg-copy.ts.
 */
import { CompiledQuery } from 'kysely';
import type { Trx } from './executor.ts';

/** Runs `copySql` (which reads `from '/dev/blob'`) with `blob` as its data; answers the rows copied. */
export async function copyBlobInTransaction(trx: Trx, copySql: string, blob: Blob): Promise<number> {
  const query: CompiledQuery & { blob: Blob } = { ...CompiledQuery.raw(copySql), blob };
  const result = await trx.executeQuery(query);
  return Number(result.numAffectedRows ?? 0);
}
