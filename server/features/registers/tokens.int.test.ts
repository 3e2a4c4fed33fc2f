import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let provinceAdmin: TestClient;
let otherProvinceAdmin: TestClient;
let systemAdmin: TestClient;
let chairman: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const signIn = async (
    role: Parameters<typeof createUser>[1]['role'],
    unit: typeof units.nation,
    fullName?: string,
  ) => t.signIn((await createUser(t.ctx.db, { role, unit, fullName })).username);
  provinceAdmin = await signIn('province_admin', units.province, 'Trần Thị Hồng');
  otherProvinceAdmin = await signIn('province_admin', units.otherProvince);
  systemAdmin = await signIn('system_admin', units.nation);
  chairman = await signIn('commune_chairman', units.communeA);
});
afterAll(() => t?.close());

const push = (token: string, dossiers: unknown[]) =>
  t.app.inject({
    method: 'PUT',
    url: '/api/registers/tthc/dossiers',
    headers: { authorization: `Bearer ${token}` },
    payload: { dossiers },
  });

const DOSSIER = {
  ma_ho_so: 'HS-001',
  linh_vuc: 'Hộ tịch',
  kenh_nop: 'truc_tiep',
  ngay_tiep_nhan: '02/03/2026',
  han_tra_ket_qua: '04/03/2026',
};

async function auditOf(objectId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'object_type', 'unit_id', 'actor_name', 'diff'])
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
}

describe('API tokens of the registers', () => {
  it('creates a token for a commune: shown once, stored only as its SHA-256, audited without it', async () => {
    const created = await provinceAdmin.request('POST', '/api/registers/tokens', {
      unitId: units.communeA.id,
      name: 'Hệ thống một cửa tỉnh Thái Nguyên',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { token, item } = created.json();
    expect(token).toMatch(/^dg_[A-Za-z0-9_-]{43}$/);
    expect(item).toMatchObject({
      name: 'Hệ thống một cửa tỉnh Thái Nguyên',
      register: 'tthc',
      unit: { id: units.communeA.id, name: 'Phường Phan Đình Phùng' },
      createdBy: 'Trần Thị Hồng',
      lastUsedAt: null,
      revokedAt: null,
      abilities: { canRevoke: true },
    });

    // The table holds the hash, never the token; no column of any row contains it.
    const row = await t.ctx.db
      .selectFrom('register_tokens')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    const { rows } = await sql<{
      text: string;
    }>`select to_jsonb(t)::text as text from register_tokens t`.execute(t.ctx.db);
    for (const r of rows) expect(r.text).not.toContain(token.slice(3));

    // Shown once: the list never carries it (nor the hash).
    const list = await provinceAdmin.request('GET', `/api/registers/tokens?unitId=${units.communeA.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(item.id);
    expect(list.body).not.toContain(token.slice(3));
    expect(list.body).not.toContain(row.token_hash);

    const audit = await auditOf(item.id);
    expect(audit).toMatchObject([
      {
        action: 'register-token.created',
        object_type: 'register_token',
        unit_id: units.communeA.id,
        actor_name: 'Trần Thị Hồng',
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(token.slice(3));

    // It works: the push is accepted and the list shows when it was last used.
    expect((await push(token, [DOSSIER])).statusCode).toBe(200);
    const after = await provinceAdmin.request('GET', `/api/registers/tokens?unitId=${units.communeA.id}`);
    const listed = after.json().items.find((i: { id: string }) => i.id === item.id);
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it('revokes a token: audited, the token is refused from then on, a second revoke is a conflict', async () => {
    const { token, item } = (
      await provinceAdmin.request('POST', '/api/registers/tokens', {
        unitId: units.communeB.id,
        name: 'Một cửa cũ',
      })
    ).json();
    expect((await push(token, [{ ...DOSSIER, ma_ho_so: 'HS-REV-1' }])).statusCode).toBe(200);

    const revoked = await provinceAdmin.request('POST', `/api/registers/tokens/${item.id}/revoke`);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ revokedBy: 'Trần Thị Hồng', abilities: { canRevoke: false } });
    expect(revoked.json().revokedAt).not.toBeNull();

    const refused = await push(token, [{ ...DOSSIER, ma_ho_so: 'HS-REV-2' }]);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toBe('Mã kết nối không hợp lệ hoặc đã bị thu hồi.');
    const written = await t.ctx.db
      .selectFrom('tthc_dossiers')
      .select('code')
      .where('unit_id', '=', units.communeB.id)
      .execute();
    expect(written.map((r) => r.code)).toEqual(['HS-REV-1']);

    const again = await provinceAdmin.request('POST', `/api/registers/tokens/${item.id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('đã bị thu hồi');

    expect((await auditOf(item.id)).map((a) => a.action)).toEqual([
      'register-token.created',
      'tthc.dossiers-pushed',
      'register-token.revoked',
    ]);
    // The active-only list leaves it out.
    const active = await provinceAdmin.request(
      'GET',
      `/api/registers/tokens?unitId=${units.communeB.id}&active=1`,
    );
    expect(active.json().items.map((i: { id: string }) => i.id)).not.toContain(item.id);
  });

  it("hides a province's tokens from another province's administrator (404), lists only its own", async () => {
    const { item } = (
      await provinceAdmin.request('POST', '/api/registers/tokens', {
        unitId: units.communeA.id,
        name: 'Một cửa A',
      })
    ).json();
    const mine = (
      await otherProvinceAdmin.request('POST', '/api/registers/tokens', {
        unitId: units.otherCommune.id,
        name: 'Một cửa Cao Bằng',
      })
    ).json().item;

    const list = await otherProvinceAdmin.request('GET', '/api/registers/tokens');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(item.id);
    expect(
      list.json().items.every((i: { unit: { id: string } }) => i.unit.id === units.otherCommune.id),
    ).toBe(true);

    const filtered = await otherProvinceAdmin.request(
      'GET',
      `/api/registers/tokens?unitId=${units.communeA.id}`,
    );
    expect(filtered.statusCode).toBe(404);
    const revoke = await otherProvinceAdmin.request('POST', `/api/registers/tokens/${item.id}/revoke`);
    expect(revoke.statusCode).toBe(404);
    const create = await otherProvinceAdmin.request('POST', '/api/registers/tokens', {
      unitId: units.communeA.id,
      name: 'Chen ngang',
    });
    expect(create.statusCode).toBe(404);
    const row = await t.ctx.db
      .selectFrom('register_tokens')
      .select('revoked_at')
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.revoked_at).toBeNull();

    // The system administrator sees both provinces' tokens.
    const all = (await systemAdmin.request('GET', '/api/registers/tokens'))
      .json()
      .items.map((i: { id: string }) => i.id);
    expect(all).toEqual(expect.arrayContaining([item.id, mine.id]));
  });

  it('refuses a token for a province, a name too short, and users without the permission', async () => {
    const province = await provinceAdmin.request('POST', '/api/registers/tokens', {
      unitId: units.province.id,
      name: 'Một cửa tỉnh',
    });
    expect(province.statusCode).toBe(400);
    expect(province.json().error.message).toBe('Mã kết nối chỉ cấp cho đơn vị cấp xã (sổ của xã).');
    const short = await provinceAdmin.request('POST', '/api/registers/tokens', {
      unitId: units.communeA.id,
      name: 'a',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('Tên kết nối cần ít nhất 3 ký tự');
    const byChairman = await chairman.request('POST', '/api/registers/tokens', {
      unitId: units.communeA.id,
      name: 'Tự cấp',
    });
    expect(byChairman.statusCode).toBe(403);
    expect((await chairman.request('GET', '/api/registers/tokens')).statusCode).toBe(403);
  });
});
