import { sql } from 'kysely';
import type { DossierInput } from '@shared/tthc/dossier-row.ts';
import type { Trx } from '@server/db/executor.ts';
import type { TthcSource } from './tthc.tables.ts';

const CHUNK = 1000;

/**
 * Inserts dossiers or, for a code the unit's register already holds, replaces its facts
 * (re-importing a file or re-pushing a batch is idempotent). Rows within one call must have
 * distinct codes. Returns how many were new and how many updated.
 */
export async function upsertDossiers(
  trx: Trx,
  unitId: string,
  dossiers: readonly DossierInput[],
  source: TthcSource,
  importId: string | null = null,
): Promise<{ created: number; updated: number }> {
  let created = 0;
  for (let i = 0; i < dossiers.length; i += CHUNK) {
    const rows = await trx
      .insertInto('tthc_dossiers')
      .values(
        dossiers.slice(i, i + CHUNK).map((d) => ({
          unit_id: unitId,
          code: d.code,
          procedure_code: d.procedureCode,
          procedure_name: d.procedureName,
          field: d.field,
          channel: d.channel,
          received_on: d.receivedOn,
          due_on: d.dueOn,
          resolved_on: d.resolvedOn,
          status: d.status,
          status_kind: d.statusKind,
          digitised: d.digitised,
          electronic_result: d.electronicResult,
          online_payment: d.onlinePayment,
          full_process: d.fullProcess,
          apology_letter: d.apologyLetter,
          source,
          import_id: importId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['unit_id', 'code']).doUpdateSet((eb) => ({
          procedure_code: eb.ref('excluded.procedure_code'),
          procedure_name: eb.ref('excluded.procedure_name'),
          field: eb.ref('excluded.field'),
          channel: eb.ref('excluded.channel'),
          received_on: eb.ref('excluded.received_on'),
          due_on: eb.ref('excluded.due_on'),
          resolved_on: eb.ref('excluded.resolved_on'),
          status: eb.ref('excluded.status'),
          status_kind: eb.ref('excluded.status_kind'),
          digitised: eb.ref('excluded.digitised'),
          electronic_result: eb.ref('excluded.electronic_result'),
          online_payment: eb.ref('excluded.online_payment'),
          full_process: eb.ref('excluded.full_process'),
          apology_letter: eb.ref('excluded.apology_letter'),
          source: eb.ref('excluded.source'),
          import_id: eb.ref('excluded.import_id'),
          updated_at: sql`now()`,
        })),
      )
      // xmax is 0 for a freshly inserted row version, non-zero for one the conflict clause updated.
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .execute();
    created += rows.filter((r) => r.inserted).length;
  }
  return { created, updated: dossiers.length - created };
}
