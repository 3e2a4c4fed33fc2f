import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  await t.ctx.db.transaction().execute(async (trx) => {
    for (const unit of [units.communeA, units.communeB, units.otherCommune])
      await writeAudit(trx, {
        action: 'unit.updated',
        objectType: 'unit',
        objectId: unit.id,
        unitId: unit.id,
      });
  });
});
afterAll(() => t?.close());

describe('audit API', () => {
  it('shows a commune chairman only the rows of their commune', async () => {
    const chairman = await t.signIn(
      (await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA })).username,
    );
    const rows = (await chairman.request('GET', '/api/audit?pageSize=200')).json().items as {
      unitId: string;
    }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.unitId))).toEqual(new Set([units.communeA.id]));
    expect((await chairman.request('GET', `/api/audit?unitId=${units.communeB.id}`)).statusCode).toBe(404);
    expect((await chairman.request('GET', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('shows a province admin the province, filtered by action, object, unit, actor and dates', async () => {
    const admin = await t.signIn(
      (await createUser(t.ctx.db, { role: 'province_admin', unit: units.province })).username,
    );
    const all = (await admin.request('GET', '/api/audit?action=unit.updated')).json();
    expect(all.items.map((r: { unitId: string }) => r.unitId).sort()).toEqual(
      [units.communeA.id, units.communeB.id].sort(),
    );
    const byUnit = (
      await admin.request('GET', `/api/audit?unitId=${units.communeB.id}&objectType=unit`)
    ).json();
    expect(byUnit.total).toBe(1);
    expect(byUnit.items[0]).toMatchObject({ unitName: 'Xã Đại Phúc', action: 'unit.updated' });
    const future = (await admin.request('GET', '/api/audit?from=2999-01-01')).json();
    expect(future.total).toBe(0);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect((await admin.request('GET', `/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(
      0,
    );
    const paged = (await admin.request('GET', '/api/audit?pageSize=1&page=2')).json();
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBeGreaterThanOrEqual(2);
  });

  it('names each object readably within scope: a unit by its name, a person by full name', async () => {
    const officer = await createUser(t.ctx.db, {
      role: 'commune_officer',
      unit: units.communeA,
      fullName: 'Lê Thị Hoa',
    });
    const outsider = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeB });
    await t.ctx.db.transaction().execute(async (trx) => {
      for (const u of [officer, outsider])
        await writeAudit(trx, {
          action: 'user.password-reset',
          objectType: 'user',
          objectId: u.id,
          unitId: units.communeA.id,
        });
    });
    const chairman = await t.signIn(
      (await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA })).username,
    );
    const rows = (await chairman.request('GET', '/api/audit?action=user.password-reset')).json().items as {
      objectId: string;
      objectName: string | null;
    }[];
    // The person of another commune keeps a short identifier: the name lookup is scoped too.
    expect(rows.map((r) => [r.objectId, r.objectName])).toEqual([
      [outsider.id, null],
      [officer.id, 'Lê Thị Hoa'],
    ]);
    const unitRows = (await chairman.request('GET', '/api/audit?action=unit.updated')).json().items;
    expect(unitRows[0]).toMatchObject({ objectType: 'unit', objectName: units.communeA.name });
  });

  it('lets a system administrator see everything and verify the chain', async () => {
    const user = await createUser(t.ctx.db, { role: 'system_admin', unit: units.nation });
    const admin = await t.signIn(user.username);
    const mine = (await admin.request('GET', `/api/audit?actorId=${user.id}`)).json();
    expect(mine.items.map((r: { action: string }) => r.action)).toEqual(['auth.signed-in']);
    const verify = await admin.request('GET', '/api/audit/verify');
    expect(verify.json()).toMatchObject({ ok: true });
    // As a database superuser could: the append-only trigger refuses it otherwise.
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(t.ctx.db);
    await t.ctx.db.updateTable('audit_log').set({ action: 'unit.deleted' }).where('id', '=', 2).execute();
    expect((await admin.request('GET', '/api/audit/verify')).json()).toMatchObject({
      ok: false,
      badRowId: 2,
    });
  });
});
