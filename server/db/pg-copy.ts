/**
 * COPY … FROM STDIN inside a Kysely transaction on the PostgreSQL server. Kysely hands out pg
 * clients but not the client a transaction holds, so the pool's clients are remembered by their
 * backend process id when they connect; the transaction asks the server for its own
 * (`pg_backend_pid()`) and streams into that client, which it holds exclusively until commit.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Trx } from './executor.ts';

const clients = new Map<number, pg.Client>();

/** Called for each new pool client (client.ts). */
export function rememberPgClient(client: pg.Client) {
  const pid = (client as pg.Client & { processID: number | null }).processID;
  if (!pid) return;
  clients.set(pid, client);
  client.once('end', () => clients.delete(pid));
}

/** Streams `source` (COPY text or CSV, as `copySql` says) into the server within `trx`. */
export async function copyIntoInTransaction(trx: Trx, copySql: string, source: Readable): Promise<void> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const client = clients.get(rows[0]!.pid);
  if (!client) throw new Error('COPY: the transaction’s connection is not a known pool client');
  await pipeline(source, client.query(copyFrom(copySql)));
}
