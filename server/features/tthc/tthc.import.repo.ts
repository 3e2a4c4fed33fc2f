/**
 * The SQL of an import: saved column mappings, and the bulk write of a checked file. The checked
 * rows arrive as a staging CSV (columns in STAGED_COLUMNS order, written by the service after every
 * row passed parseDossierRow). On the PostgreSQL server they are streamed with COPY into a temporary
 * table and merged with one `insert … select … on conflict`; on PGlite they are written in chunks
 * through upsertDossiers (docs/adr/0013-registers.md, "Import", gives the figures behind the choice).
 */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { DossierInput } from '@shared/tthc/dossier-row.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import { copyIntoInTransaction } from '@server/db/pg-copy.ts';
import { upsertDossiers } from './tthc.repo.ts';

export const TTHC_REGISTER = 'tthc';

export async function findSavedMapping(db: Executor, unitId: string, sourceName: string) {
  const row = await db
    .selectFrom('import_mappings')
    .select('mapping')
    .where('unit_id', '=', unitId)
    .where('register', '=', TTHC_REGISTER)
    .where('source_name', '=', sourceName)
    .executeTakeFirst();
  return row?.mapping ?? null;
}

export async function saveMapping(
  trx: Trx,
  unitId: string,
  sourceName: string,
  mapping: Record<string, string>,
  userId: string | null,
) {
  await trx
    .insertInto('import_mappings')
    .values({
      unit_id: unitId,
      register: TTHC_REGISTER,
      source_name: sourceName,
      mapping: JSON.stringify(mapping),
      updated_by: userId,
    })
    .onConflict((oc) =>
      oc.columns(['unit_id', 'register', 'source_name']).doUpdateSet({
        mapping: JSON.stringify(mapping),
        updated_by: userId,
        updated_at: sql`now()`,
      }),
    )
    .execute();
}

/** The staging file's columns, in order (DossierInput's fields). */
export const STAGED_COLUMNS = [
  'code',
  'procedure_code',
  'procedure_name',
  'field',
  'channel',
  'received_on',
  'due_on',
  'resolved_on',
  'status',
  'status_kind',
  'digitised',
  'electronic_result',
  'online_payment',
  'full_process',
  'apology_letter',
] as const;

/** One checked dossier as a line of the staging CSV: text quoted, NULL as nothing, booleans t/f. */
export function stagedLine(d: DossierInput): string {
  const text = (v: string | null) => (v === null ? '' : `"${v.replace(/"/g, '""')}"`);
  const bool = (v: boolean | null) => (v === null ? '' : v ? 't' : 'f');
  return (
    [
      text(d.code),
      text(d.procedureCode),
      text(d.procedureName),
      text(d.field),
      d.channel,
      d.receivedOn,
      d.dueOn,
      d.resolvedOn ?? '',
      text(d.status),
      d.statusKind,
      bool(d.digitised),
      bool(d.electronicResult),
      bool(d.onlinePayment),
      bool(d.fullProcess),
      bool(d.apologyLetter),
    ].join(',') + '\n'
  );
}

/** PostgreSQL server: COPY into a temporary table, then one merge into the register. */
async function copyStaged(trx: Trx, unitId: string, stagingFile: string, importId: string) {
  await sql`create temporary table tthc_import_stage (
      code text not null, procedure_code text, procedure_name text, field text not null,
      channel text not null, received_on date not null, due_on date not null, resolved_on date,
      status text, status_kind text not null, digitised boolean, electronic_result boolean,
      online_payment boolean, full_process boolean, apology_letter boolean
    ) on commit drop`.execute(trx);
  await copyIntoInTransaction(
    trx,
    `copy tthc_import_stage (${STAGED_COLUMNS.join(', ')}) from stdin with (format csv)`,
    createReadStream(stagingFile),
  );
  const cols = sql.raw(STAGED_COLUMNS.join(', '));
  const updates = sql.raw(
    STAGED_COLUMNS.filter((c) => c !== 'code')
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  );
  const { rows } = await sql<{ created: number; total: number }>`
    with written as (
      insert into tthc_dossiers (unit_id, ${cols}, source, import_id)
      select ${unitId}::uuid, ${cols}, 'import', ${importId}::uuid from tthc_import_stage
      on conflict (unit_id, code) do update set ${updates}, source = excluded.source,
        import_id = excluded.import_id, updated_at = now()
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as created, count(*)::int as total from written`.execute(
    trx,
  );
  return { created: rows[0]!.created, updated: rows[0]!.total - rows[0]!.created };
}

const PGLITE_CHUNK = 5000;

/** PGlite: the staging file read back in chunks, each written by upsertDossiers. */
async function upsertStaged(trx: Trx, unitId: string, stagingFile: string, importId: string) {
  const parser = createReadStream(stagingFile).pipe(parse({ cast: false }));
  let chunk: DossierInput[] = [];
  let created = 0;
  let updated = 0;
  const flush = async () => {
    const r = await upsertDossiers(trx, unitId, chunk, 'import', importId);
    created += r.created;
    updated += r.updated;
    chunk = [];
  };
  const orNull = (v: string | undefined) => (v === undefined || v === '' ? null : v);
  const bool = (v: string | undefined) => (v === 't' ? true : v === 'f' ? false : null);
  for await (const r of parser as AsyncIterable<string[]>) {
    chunk.push({
      code: r[0]!,
      procedureCode: orNull(r[1]),
      procedureName: orNull(r[2]),
      field: r[3]!,
      channel: r[4] as DossierInput['channel'],
      receivedOn: r[5]!,
      dueOn: r[6]!,
      resolvedOn: orNull(r[7]),
      status: orNull(r[8]),
      statusKind: r[9] as DossierInput['statusKind'],
      digitised: bool(r[10]),
      electronicResult: bool(r[11]),
      onlinePayment: bool(r[12]),
      fullProcess: bool(r[13]),
      apologyLetter: bool(r[14]),
    });
    if (chunk.length >= PGLITE_CHUNK) await flush();
  }
  if (chunk.length) await flush();
  return { created, updated };
}

/** Writes a staging file's dossiers into `unitId`'s register, inside `trx`: new codes inserted, known ones updated. */
export function writeStagedDossiers(
  trx: Trx,
  engine: 'pglite' | 'postgres',
  unitId: string,
  stagingFile: string,
  importId: string,
) {
  return engine === 'postgres'
    ? copyStaged(trx, unitId, stagingFile, importId)
    : upsertStaged(trx, unitId, stagingFile, importId);
}
