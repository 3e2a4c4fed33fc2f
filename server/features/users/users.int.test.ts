import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser, TEST_PASSWORD } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let provinceAdmin: TestClient;
let chairman: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  admin = await t.signIn((await createUser(t.ctx.db, { role: 'system_admin', unit: units.nation })).username);
  provinceAdmin = await t.signIn(
    (await createUser(t.ctx.db, { role: 'province_admin', unit: units.province, fullName: 'Trần Thị Hồng' }))
      .username,
  );
  chairman = await t.signIn(
    (await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA })).username,
  );
});
afterAll(() => t?.close());

async function auditOf(userId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'diff', 'actor_name'])
    .where('object_id', '=', userId)
    .orderBy('id')
    .execute();
}

describe('users API', () => {
  it('creates a user at a commune of the province with a generated password, audited without secrets', async () => {
    const response = await provinceAdmin.request('POST', '/api/users', {
      username: 'canbo.daiphuc',
      fullName: 'Lê Văn Bình',
      roles: [{ role: 'commune_officer', unitId: units.communeB.id }],
    });
    expect(response.statusCode).toBe(201);
    const { user, generatedPassword } = response.json();
    expect(generatedPassword).toMatch(/^\S{4}-\S{4}-\S{4}$/);
    expect(user).toMatchObject({
      username: 'canbo.daiphuc',
      mustChangePassword: true,
      roles: [{ role: 'commune_officer', unitName: 'Xã Đại Phúc', abilities: { canRemove: true } }],
      abilities: { canManage: true, canResetPassword: true, canDeactivate: true },
    });
    expect(JSON.stringify(user)).not.toContain('argon2');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'canbo.daiphuc', password: generatedPassword },
    });
    expect(signIn.json().user.mustChangePassword).toBe(true);
    const audit = await auditOf(user.id);
    expect(audit[0]).toMatchObject({ action: 'user.created', actor_name: 'Trần Thị Hồng' });
    expect(JSON.stringify(audit)).not.toContain(generatedPassword);
    expect(JSON.stringify(audit)).not.toContain('argon2');

    const duplicate = await provinceAdmin.request('POST', '/api/users', {
      username: 'CANBO.daiphuc',
      fullName: 'Khác',
      roles: [{ role: 'commune_officer', unitId: units.communeB.id }],
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('grants roles only inside the province, at the right level; only system_admin grants system_admin', async () => {
    const outside = await provinceAdmin.request('POST', '/api/users', {
      username: 'ngoaitinh',
      fullName: 'Ngoài Tỉnh',
      roles: [{ role: 'commune_officer', unitId: units.otherCommune.id }],
    });
    expect(outside.statusCode).toBe(404);
    const sa = await provinceAdmin.request('POST', '/api/users', {
      username: 'quantri2',
      fullName: 'Quản Trị',
      roles: [{ role: 'system_admin', unitId: units.province.id }],
    });
    expect(sa.statusCode).toBe(403);
    const wrongLevel = await provinceAdmin.request('POST', '/api/users', {
      username: 'chutich2',
      fullName: 'Chủ Tịch',
      roles: [{ role: 'commune_chairman', unitId: units.province.id }],
    });
    expect(wrongLevel.statusCode).toBe(400);
    const weak = await admin.request('POST', '/api/users', {
      username: 'quantri4',
      fullName: 'Quản Trị Bốn',
      password: 'aaaaaaaa',
      roles: [{ role: 'system_admin', unitId: units.nation.id }],
    });
    expect(weak.statusCode).toBe(400);
    expect(JSON.stringify(weak.json().error)).toContain('Mật khẩu quá dễ đoán.');
    const bySystemAdmin = await admin.request('POST', '/api/users', {
      username: 'quantri3',
      fullName: 'Quản Trị Ba',
      password: 'Mat-khau-dai-2026',
      roles: [{ role: 'system_admin', unitId: units.nation.id }],
    });
    expect(bySystemAdmin.statusCode).toBe(201);
    expect(bySystemAdmin.json().generatedPassword).toBeNull();
    // A province admin neither sees nor manages the national administrator.
    expect(
      (await provinceAdmin.request('GET', `/api/users/${bySystemAdmin.json().user.id}`)).statusCode,
    ).toBe(404);
  });

  it('resets a password: must change at next sign-in, every session ended, audited', async () => {
    const user = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
    const session = await t.signIn(user.username);
    const response = await provinceAdmin.request('POST', `/api/users/${user.id}/reset-password`);
    expect(response.statusCode).toBe(200);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    const fresh = await t.signIn(user.username, response.json().temporaryPassword);
    expect((await fresh.request('GET', '/api/auth/me')).json().user.mustChangePassword).toBe(true);
    const audit = (await auditOf(user.id)).find((a) => a.action === 'user.password-reset')!;
    expect(audit.diff).toEqual({
      password_hash: { from: '***', to: '***' },
      must_change_password: { from: false, to: true },
      sessions_ended: 1,
    });
  });

  it('deactivates (ending sessions) and reactivates, assigns and removes roles, all audited', async () => {
    const user = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
    const session = await t.signIn(user.username);
    const off = await provinceAdmin.request('POST', `/api/users/${user.id}/deactivate`);
    expect(off.json().isActive).toBe(false);
    expect((await session.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await provinceAdmin.request('POST', `/api/users/${user.id}/activate`)).json().isActive).toBe(
      true,
    );

    const granted = await provinceAdmin.request('POST', `/api/users/${user.id}/roles`, {
      role: 'viewer',
      unitId: units.province.id,
    });
    expect(granted.statusCode).toBe(201);
    const viewerRole = granted.json().roles.find((r: { role: string }) => r.role === 'viewer');
    const removed = await provinceAdmin.request('DELETE', `/api/users/${user.id}/roles/${viewerRole.id}`);
    expect(removed.json().roles.map((r: { role: string }) => r.role)).toEqual(['commune_officer']);
    expect((await auditOf(user.id)).map((a) => a.action)).toEqual([
      'auth.signed-in',
      'user.deactivated',
      'user.activated',
      'user.role-granted',
      'user.role-revoked',
    ]);
    // Nobody deactivates themselves through the admin page.
    const me = (await provinceAdmin.request('GET', '/api/auth/me')).json().user.id;
    expect((await provinceAdmin.request('POST', `/api/users/${me}/deactivate`)).statusCode).toBe(403);
  });

  it('lists users by scope: the province admin sees the province, the chairman their commune', async () => {
    const other = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.otherCommune });
    const province = (await provinceAdmin.request('GET', '/api/users?pageSize=200')).json();
    expect(province.items.map((u: { id: string }) => u.id)).not.toContain(other.id);
    expect(province.items.some((u: { username: string }) => u.username === 'canbo.daiphuc')).toBe(true);
    const commune = (await chairman.request('GET', '/api/users?pageSize=200')).json();
    for (const u of commune.items as { roles: { unitId: string }[] }[])
      expect(u.roles.some((r) => r.unitId === units.communeA.id)).toBe(true);
    expect(commune.items[0].abilities.canManage).toBe(false);
    const all = (await admin.request('GET', `/api/users?search=${other.username}`)).json();
    expect(all.items.map((u: { id: string }) => u.id)).toEqual([other.id]);
  });
});

describe('users list order', () => {
  it('sorts names in Vietnamese order (Đ after D), across pages', async () => {
    const unit = await (
      await import('@server/test/factories.ts')
    ).createUnit(t.ctx.db, {
      name: 'Xã Thứ Tự',
      level: 'commune',
      parent: units.province,
    });
    for (const fullName of ['Đỗ Văn An', 'Dương Thị Bình', 'Bùi Văn Cường', 'Đinh Thị Dung', 'Âu Văn Em'])
      await createUser(t.ctx.db, { role: 'commune_officer', unit, fullName });
    const names: string[] = [];
    for (const page of [1, 2, 3]) {
      const response = await admin.request('GET', `/api/users?unitId=${unit.id}&pageSize=2&page=${page}`);
      expect(response.statusCode, response.body).toBe(200);
      names.push(...response.json().items.map((u: { fullName: string }) => u.fullName));
    }
    expect(names).toEqual(['Âu Văn Em', 'Bùi Văn Cường', 'Dương Thị Bình', 'Đinh Thị Dung', 'Đỗ Văn An']);
  });
});
