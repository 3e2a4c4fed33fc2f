import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let provinceAdmin: TestClient;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  // An old commune (before 1/7/2025) that went into communeA.
  const oldProvince = await createUnit(t.ctx.db, {
    name: 'Tỉnh Bắc Kạn',
    code: '06',
    level: 'province',
    parent: units.nation,
    validFrom: '2008-08-01',
  });
  const oldCommune = await createUnit(t.ctx.db, {
    name: 'Xã Dương Quang',
    code: '01849',
    level: 'commune',
    parent: oldProvince,
    validFrom: '2008-08-01',
  });
  await t.ctx.db
    .updateTable('units')
    .set({ valid_to: '2025-07-01' })
    .where('id', 'in', [oldProvince.id, oldCommune.id])
    .execute();
  await t.ctx.db
    .insertInto('unit_links')
    .values({ from_unit_id: oldCommune.id, to_unit_id: units.communeA.id, kind: 'partial' })
    .execute();
  admin = await t.signIn((await createUser(t.ctx.db, { role: 'system_admin', unit: units.nation })).username);
  provinceAdmin = await t.signIn(
    (await createUser(t.ctx.db, { role: 'province_admin', unit: units.province })).username,
  );
  officer = await t.signIn(
    (await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA })).username,
  );
});
afterAll(() => t?.close());

describe('units API', () => {
  it('searches with and without diacritics, in Vietnamese order, within the actor scope', async () => {
    const plain = await provinceAdmin.request('GET', '/api/units?search=dai%20phuc');
    expect(plain.json().items.map((u: { name: string }) => u.name)).toEqual(['Xã Đại Phúc']);
    const accented = await provinceAdmin.request(
      'GET',
      `/api/units?search=${encodeURIComponent('Đại Phúc')}`,
    );
    expect(accented.json().items.map((u: { name: string }) => u.name)).toEqual(['Xã Đại Phúc']);
    // With diacritics typed, they count: "Dại" is not "Đại".
    const wrongTone = await provinceAdmin.request(
      'GET',
      `/api/units?search=${encodeURIComponent('Dại Phúc')}`,
    );
    expect(wrongTone.json().items).toEqual([]);

    const list = await provinceAdmin.request('GET', `/api/units?parentId=${units.province.id}`);
    expect(list.json().items.map((u: { name: string }) => u.name)).toEqual([
      'Phường Phan Đình Phùng',
      'Xã Đại Phúc',
    ]);
    // Someone else's province does not exist for this admin, even by search.
    const other = await provinceAdmin.request('GET', '/api/units?search=thuc%20phan');
    expect(other.json().total).toBe(0);
    const officerList = await officer.request('GET', '/api/units?era=all');
    expect(officerList.json().items.map((u: { id: string }) => u.id)).toEqual([units.communeA.id]);
  });

  it('returns a unit with its children and abilities; 404 outside the scope', async () => {
    const response = await provinceAdmin.request('GET', `/api/units/${units.province.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'Tỉnh Thái Nguyên',
      abilities: { canEdit: false },
      children: [{ name: 'Phường Phan Đình Phùng' }, { name: 'Xã Đại Phúc' }],
    });
    expect((await admin.request('GET', `/api/units/${units.province.id}`)).json().abilities).toEqual({
      canEdit: true,
    });
    expect((await provinceAdmin.request('GET', `/api/units/${units.otherProvince.id}`)).statusCode).toBe(404);
    expect((await officer.request('GET', `/api/units/${units.communeB.id}`)).statusCode).toBe(404);
  });

  it('shows the old communes a new commune was formed from', async () => {
    const response = await officer.request('GET', `/api/units/${units.communeA.id}/history`);
    expect(response.statusCode).toBe(200);
    expect(response.json().formedFrom).toEqual([
      expect.objectContaining({ name: 'Xã Dương Quang', link: 'partial', validTo: '2025-07-01' }),
    ]);
  });

  it('lets a system administrator edit a unit, audited with the diff', async () => {
    const loaded = (await admin.request('GET', `/api/units/${units.communeB.id}`)).json();
    const response = await admin.request('PATCH', `/api/units/${units.communeB.id}`, {
      name: 'Xã Đại Phúc Mới',
      validTo: '2030-01-01',
      expectedUpdatedAt: loaded.updatedAt,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Xã Đại Phúc Mới', validTo: '2030-01-01' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'diff', 'unit_id'])
      .where('object_id', '=', units.communeB.id)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({
      action: 'unit.updated',
      unit_id: units.communeB.id,
      diff: {
        name: { from: 'Xã Đại Phúc', to: 'Xã Đại Phúc Mới' },
        valid_to: { from: null, to: '2030-01-01' },
      },
    });
    const folded = await admin.request('GET', '/api/units?search=dai%20phuc%20moi');
    expect(folded.json().total).toBe(1);

    const expectedUpdatedAt = response.json().updatedAt as string;
    const bad = await admin.request('PATCH', `/api/units/${units.communeB.id}`, {
      validTo: '2000-01-01',
      expectedUpdatedAt,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (
        await provinceAdmin.request('PATCH', `/api/units/${units.communeB.id}`, {
          name: 'X',
          expectedUpdatedAt,
        })
      ).statusCode,
    ).toBe(403);
    const unversioned = await admin.request('PATCH', `/api/units/${units.communeB.id}`, { name: 'Xã Khác' });
    expect(unversioned.statusCode).toBe(400);
  });

  it('refuses the second of two concurrent edits (409), writing and auditing only the first', async () => {
    const id = units.communeA.id;
    const loaded = (await admin.request('GET', `/api/units/${id}`)).json();
    const auditBefore = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('object_id', '=', id)
      .execute();
    const [a, b] = await Promise.all([
      admin.request('PATCH', `/api/units/${id}`, {
        name: 'Tên của người thứ nhất',
        expectedUpdatedAt: loaded.updatedAt,
      }),
      admin.request('PATCH', `/api/units/${id}`, {
        name: 'Tên của người thứ hai',
        expectedUpdatedAt: loaded.updatedAt,
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(loser.json().error.message).toContain('vừa được người khác sửa. Hãy tải lại trang');
    const stored = (await admin.request('GET', `/api/units/${id}`)).json();
    expect(stored.name).toBe(winner.json().name);
    expect(stored.updatedAt).not.toBe(loaded.updatedAt);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'diff'])
      .where('object_id', '=', id)
      .execute();
    expect(audit.length - auditBefore.length).toBe(1);
    expect(audit.at(-1)!.diff).toMatchObject({ name: { to: winner.json().name } });

    // An edit from a form loaded before the winner's save is refused too; a reloaded one passes.
    const stale = await admin.request('PATCH', `/api/units/${id}`, {
      name: 'Tên cũ',
      expectedUpdatedAt: loaded.updatedAt,
    });
    expect(stale.statusCode).toBe(409);
    const fresh = await admin.request('PATCH', `/api/units/${id}`, {
      name: 'Tên sau khi tải lại',
      expectedUpdatedAt: stored.updatedAt,
    });
    expect(fresh.statusCode).toBe(200);
  });
});
