/**
 * COPY … FROM STDIN inside a Kysely transaction on the PostgreSQL server. Kysely hands out pg
 * clients but not the client a transaction holds, so the pool's clients are remembered by their
 * backend process id when they connect; the transaction asks the server for its own
 * (`pg_backend_pid()`) and streams into that client, which it holds exclusively until commit.
 */
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
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

async function clientOf(trx: Trx): Promise<pg.Client> {
  const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
  const client = clients.get(rows[0]!.pid);
  if (!client) throw new Error('COPY: the transaction’s connection is not a known pool client');
  return client;
}

/** Streams `source` (COPY text or CSV, as `copySql` says) into the server within `trx`. */
export async function copyIntoInTransaction(trx: Trx, copySql: string, source: Readable): Promise<void> {
  const client = await clientOf(trx);
  await pipeline(source, client.query(copyFrom(copySql)));
}

/**
 * A COPY … FROM STDIN of `trx` the caller writes into as it goes (the server works while the caller
 * produces the rest). `finish()` ends it and waits for the server; `abandon()` cancels it (CopyFail),
 * after which the transaction can only roll back. One of the two must be called before the
 * transaction ends: until then the connection is busy copying.
 */
export async function openCopyInTransaction(trx: Trx, copySql: string) {
  const client = await clientOf(trx);
  const stream = client.query(copyFrom(copySql));
  let failure: Error | null = null;
  stream.on('error', (error) => (failure ??= error));
  return {
    /** Writes text, waiting when the server is behind. */
    async write(text: string): Promise<void> {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async finish(): Promise<void> {
      if (failure) throw failure;
      stream.end();
      await finished(stream);
    },
    async abandon(): Promise<void> {
      if (stream.destroyed) return;
      stream.destroy(new Error('COPY abandoned'));
      await finished(stream).catch(() => undefined);
    },
  };
}
