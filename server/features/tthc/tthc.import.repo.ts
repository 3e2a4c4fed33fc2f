/**
 * The SQL of an import: saved column mappings, and the bulk write of checked dossiers (CSV lines in
 * STAGED_COLUMNS order, written by the service for each row that passed parseDossierRow). On the
 * PostgreSQL server they stream with COPY as the file is checked — straight into the register on a
 * commune's first import, else into a temporary table merged with one `insert … on conflict`; on
 * PGlite a staging file is written in chunks through upsertDossiers once the whole file passed
 * (docs/adr/0013-registers.md, "Import", gives the figures behind the choice).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { sql } from 'kysely';
import type { DossierInput } from '@shared/tthc/dossier-row.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import { openCopyInTransaction } from '@server/db/pg-copy.ts';
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

/**
 * Row ids in time order (UUID version 7, RFC 9562 method 1): the import's start in milliseconds,
 * then a counter, then random bits drawn once per import. The register's primary key then grows at
 * its right edge instead of touching a random page of the index for every row (the column's
 * default, gen_random_uuid(), stays for single writes).
 */
export function timeOrderedIds(): () => string {
  const ms = Date.now().toString(16).padStart(12, '0');
  const random = randomBytes(6).toString('hex');
  const prefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
  const variant = '89ab'[randomBytes(1)[0]! & 3];
  let counter = 0;
  return () => {
    // 32 bits of counter: 3 hex in the version group, 3 after the variant, 2 before the random ones.
    const c = (counter++).toString(16).padStart(8, '0');
    return `${prefix}${c.slice(0, 3)}-${variant}${c.slice(3, 6)}-${c.slice(6, 8)}${random.slice(0, 10)}`;
  };
}

/** What the server path writes per dossier: id, unit and import, then the staging columns. */
const COPY_COLUMNS = ['id', 'unit_id', 'import_id', 'source', ...STAGED_COLUMNS] as const;

/**
 * PostgreSQL server: a COPY the caller feeds as it checks the file, so that the server writes while
 * Node reads the rest (two cores at work instead of one after the other). A commune's first import
 * (no dossier yet) is copied straight into tthc_dossiers; later ones into a temporary table merged
 * with one `insert … on conflict` at the end. Two imports of the same commune's first file at once:
 * the second fails on the unique code and its job's retry merges.
 */
export async function openDossierCopy(trx: Trx, unitId: string, importId: string) {
  const known = await trx
    .selectFrom('tthc_dossiers')
    .select('id')
    .where('unit_id', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  const direct = known === undefined;
  if (!direct)
    await sql`create temporary table tthc_import_stage (
        id uuid not null, unit_id uuid not null, import_id uuid not null, source text not null,
        code text not null, procedure_code text, procedure_name text, field text not null,
        channel text not null, received_on date not null, due_on date not null, resolved_on date,
        status text, status_kind text not null, digitised boolean, electronic_result boolean,
        online_payment boolean, full_process boolean, apology_letter boolean
      ) on commit drop`.execute(trx);
  const copy = await openCopyInTransaction(
    trx,
    `copy ${direct ? 'tthc_dossiers' : 'tthc_import_stage'} (${COPY_COLUMNS.join(', ')}) from stdin with (format csv)`,
  );
  const nextId = timeOrderedIds();
  const head = `,${unitId},${importId},import,`;
  let rows = 0;
  return {
    direct,
    write(d: DossierInput) {
      rows++;
      return copy.write(nextId() + head + stagedLine(d));
    },
    abandon: () => copy.abandon(),
    /** Ends the copy and, for a later import, merges: new codes inserted, known ones updated. */
    async finish(): Promise<{ created: number; updated: number }> {
      await copy.finish();
      if (direct) return { created: rows, updated: 0 };
      const cols = sql.raw(COPY_COLUMNS.join(', '));
      const updates = sql.raw(
        STAGED_COLUMNS.filter((c) => c !== 'code')
          .map((c) => `${c} = excluded.${c}`)
          .join(', '),
      );
      const { rows: counts } = await sql<{ created: number; total: number }>`
        with written as (
          insert into tthc_dossiers (${cols})
          select ${cols} from tthc_import_stage
          on conflict (unit_id, code) do update set ${updates}, source = excluded.source,
            import_id = excluded.import_id, updated_at = now()
          returning (xmax = 0) as inserted
        )
        select (count(*) filter (where inserted))::int as created, count(*)::int as total from written`.execute(
        trx,
      );
      return { created: counts[0]!.created, updated: counts[0]!.total - counts[0]!.created };
    },
  };
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

/** PGlite: writes a staging file's dossiers into `unitId`'s register, inside `trx`: new codes inserted, known ones updated. */
export function writeStagedDossiers(trx: Trx, unitId: string, stagingFile: string, importId: string) {
  return upsertStaged(trx, unitId, stagingFile, importId);
}
