import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDossierRow, type DossierInput } from '@shared/tthc/dossier-row.ts';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { createUnitTree } from '@server/test/factories.ts';
import { upsertDossiers } from './tthc.repo.ts';

let t: TestDatabase;
let units: Awaited<ReturnType<typeof createUnitTree>>;
beforeAll(async () => {
  t = await createTestDatabase();
  units = await createUnitTree(t.db);
});
afterAll(() => t.drop());

const dossier = (code: string, over: Record<string, string> = {}): DossierInput => {
  const r = parseDossierRow({
    ma_ho_so: code,
    linh_vuc: 'Hộ tịch',
    kenh_nop: 'truc_tiep',
    ngay_tiep_nhan: '02/01/2026',
    han_tra_ket_qua: '05/01/2026',
    ...over,
  });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r.dossier;
};

describe('writing dossiers into the register', () => {
  it('inserts new codes and replaces the facts of codes already held, per unit', async () => {
    const { communeA, communeB } = units;
    const first = await t.db
      .transaction()
      .execute((trx) => upsertDossiers(trx, communeA.id, [dossier('X1'), dossier('X2')], 'import'));
    expect(first).toEqual({ created: 2, updated: 0 });
    const again = await t.db
      .transaction()
      .execute((trx) =>
        upsertDossiers(
          trx,
          communeA.id,
          [dossier('X2', { ngay_tra_ket_qua: '04/01/2026', trang_thai: 'Đã trả' }), dossier('X3')],
          'api',
        ),
      );
    expect(again).toEqual({ created: 1, updated: 1 });
    // The same code in another commune is another dossier.
    expect(
      await t.db.transaction().execute((trx) => upsertDossiers(trx, communeB.id, [dossier('X1')], 'typed')),
    ).toEqual({ created: 1, updated: 0 });
    const rows = await t.db
      .selectFrom('tthc_dossiers')
      .select(['code', 'resolved_on', 'source', 'status'])
      .where('unit_id', '=', communeA.id)
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: 'X1', resolved_on: null, source: 'import', status: null },
      { code: 'X2', resolved_on: '2026-01-04', source: 'api', status: 'Đã trả' },
      { code: 'X3', resolved_on: null, source: 'api', status: null },
    ]);
  });
});
