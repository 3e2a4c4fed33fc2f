/**
 * The SQL of an import: saved column mappings, and the bulk write of checked dossiers (CSV lines in
 * STAGED_COLUMNS order, written by the service for each row that passed parseDossierRow). On the
 * PostgreSQL server they stream with COPY as the file is checked; on PGlite they go to a staging file
 * copied once the whole file passed. Either way straight into the register on a commune's first
 * import, else into a temporary table merged with one `insert … on conflict` (docs/adr/0013-registers.md,
 * "Import", gives the figures behind the choice).
 */
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { sql } from 'kysely';
import type { DossierInput } from '@shared/tthc/dossier-row.ts';
import type { Executor, Trx } from '@server/db/executor.ts';
import { openCopyInTransaction } from '@server/db/pg-copy.ts';
import { copyBlobInTransaction } from '@server/db/pglite-copy.ts';

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
function stagedLine(d: DossierInput): string {
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

/** What an import copies per dossier: id, unit and import, then the staging columns. */
const COPY_COLUMNS = ['id', 'unit_id', 'import_id', 'source', ...STAGED_COLUMNS] as const;

/** The CSV line of each dossier of one import, as COPY_COLUMNS says (a fresh time-ordered id each). */
export function dossierLines(unitId: string, importId: string): (d: DossierInput) => string {
  const nextId = timeOrderedIds();
  const head = `,${unitId},${importId},import,`;
  return (d) => nextId() + head + stagedLine(d);
}

/**
 * Where an import's lines are copied: a commune's first import (no dossier yet) straight into
 * tthc_dossiers; later ones into a temporary table merged at the end (mergeStaged). Two first imports
 * of the same commune at once: the second fails on the unique code, and its job's retry merges.
 */
async function copyTarget(trx: Trx, unitId: string): Promise<{ direct: boolean; table: string }> {
  const known = await trx
    .selectFrom('tthc_dossiers')
    .select('id')
    .where('unit_id', '=', unitId)
    .limit(1)
    .executeTakeFirst();
  if (known === undefined) return { direct: true, table: 'tthc_dossiers' };
  await sql`create temporary table tthc_import_stage (
      id uuid not null, unit_id uuid not null, import_id uuid not null, source text not null,
      code text not null, procedure_code text, procedure_name text, field text not null,
      channel text not null, received_on date not null, due_on date not null, resolved_on date,
      status text, status_kind text not null, digitised boolean, electronic_result boolean,
      online_payment boolean, full_process boolean, apology_letter boolean
    ) on commit drop`.execute(trx);
  return { direct: false, table: 'tthc_import_stage' };
}

/**
 * The staged lines into the register: new codes inserted, known ones updated (their id kept). A known
 * dossier whose facts are all the same as the file's is not rewritten (re-importing an overlapping
 * export rewrites only what changed: every rewritten row costs a new version in every index); it still
 * counts as updated — `updated` is the file's codes already in the register, `created` the others.
 */
async function mergeStaged(trx: Trx, staged: number): Promise<{ created: number; updated: number }> {
  const cols = sql.raw(COPY_COLUMNS.join(', '));
  const facts = STAGED_COLUMNS.filter((c) => c !== 'code');
  const updates = sql.raw(facts.map((c) => `${c} = excluded.${c}`).join(', '));
  const before = sql.raw(['source', ...facts].map((c) => `tthc_dossiers.${c}`).join(', '));
  const after = sql.raw(['source', ...facts].map((c) => `excluded.${c}`).join(', '));
  const { rows } = await sql<{ created: number }>`
    with written as (
      insert into tthc_dossiers (${cols})
      select ${cols} from tthc_import_stage
      on conflict (unit_id, code) do update set ${updates}, source = excluded.source,
        import_id = excluded.import_id, updated_at = now()
        where (${before}) is distinct from (${after})
      returning (xmax = 0) as inserted
    )
    select (count(*) filter (where inserted))::int as created from written`.execute(trx);
  return { created: rows[0]!.created, updated: staged - rows[0]!.created };
}

/**
 * PostgreSQL server: a COPY FROM STDIN the caller feeds (dossierLines) as it checks the file, so that
 * the server writes while Node reads the rest — two cores at work instead of one after the other.
 */
export async function openDossierCopy(trx: Trx, unitId: string) {
  const { direct, table } = await copyTarget(trx, unitId);
  const copy = await openCopyInTransaction(
    trx,
    `copy ${table} (${COPY_COLUMNS.join(', ')}) from stdin with (format csv)`,
  );
  let rows = 0;
  return {
    write(line: string) {
      rows++;
      return copy.write(line);
    },
    abandon: () => copy.abandon(),
    /** Ends the copy and, for a later import, merges. */
    async finish(): Promise<{ created: number; updated: number }> {
      await copy.finish();
      return direct ? { created: rows, updated: 0 } : mergeStaged(trx, rows);
    },
  };
}

/**
 * PGlite: the staging file of a checked import (dossierLines), copied from '/dev/blob' in one
 * statement, then merged as on the server.
 */
export async function writeStagedDossiers(trx: Trx, unitId: string, stagingFile: string) {
  const { direct, table } = await copyTarget(trx, unitId);
  const rows = await copyBlobInTransaction(
    trx,
    `copy ${table} (${COPY_COLUMNS.join(', ')}) from '/dev/blob' with (format csv)`,
    await openAsBlob(stagingFile),
  );
  return direct ? { created: rows, updated: 0 } : mergeStaged(trx, rows);
}
