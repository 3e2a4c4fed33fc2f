import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@shared/limits.ts';
import { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
/** Tokens of commune A and commune B (same province), made through the API. */
let tokenA: { id: string; token: string };
let tokenB: { id: string; token: string };

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const admin = await t.signIn(
    (await createUser(t.ctx.db, { role: 'province_admin', unit: units.province })).username,
  );
  const make = async (unitId: string, name: string) => {
    const { token, item } = (await admin.request('POST', '/api/registers/tokens', { unitId, name })).json();
    return { id: item.id as string, token: token as string };
  };
  tokenA = await make(units.communeA.id, 'Một cửa Phan Đình Phùng');
  tokenB = await make(units.communeB.id, 'Một cửa Đại Phúc');
});
afterAll(() => t?.close());

const push = (token: string | null, payload: unknown, ip = '10.0.0.1') =>
  t.app.inject({
    method: 'PUT',
    url: '/api/registers/tthc/dossiers',
    remoteAddress: ip,
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
    payload: payload as object,
  });

const dossier = (code: string, extra: Record<string, unknown> = {}) => ({
  ma_ho_so: code,
  ma_thu_tuc: '1.001193',
  ten_thu_tuc: 'Đăng ký khai sinh',
  linh_vuc: 'Hộ tịch',
  kenh_nop: 'truc_tuyen',
  ngay_tiep_nhan: '2026-03-02T08:30:00+07:00',
  han_tra_ket_qua: '2026-03-04',
  ngay_tra_ket_qua: null,
  trang_thai: 'Đang giải quyết',
  so_hoa: true,
  ket_qua_dien_tu: false,
  ...extra,
});

const rowsOf = (unitId: string) =>
  t.ctx.db
    .selectFrom('tthc_dossiers')
    .select(['code', 'field', 'channel', 'received_on', 'due_on', 'resolved_on', 'digitised', 'source'])
    .where('unit_id', '=', unitId)
    .orderBy('code')
    .execute();

const pushAudits = () =>
  t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'object_id', 'unit_id', 'actor_id', 'actor_name', 'diff'])
    .where('action', '=', 'tthc.dossiers-pushed')
    .orderBy('id')
    .execute();

describe('push API of the TTHC register', () => {
  it("writes a batch into the token's commune only: same codes with two tokens stay in two registers", async () => {
    const a = await push(tokenA.token, { dossiers: [dossier('HS-1'), dossier('HS-2')] });
    expect(a.statusCode, a.body).toBe(200);
    expect(a.json()).toEqual({ received: 2, created: 2, updated: 0 });
    const b = await push(tokenB.token, { dossiers: [dossier('HS-1', { linh_vuc: 'Chứng thực' })] });
    expect(b.json()).toEqual({ received: 1, created: 1, updated: 0 });

    const rowsA = await rowsOf(units.communeA.id);
    expect(rowsA).toEqual([
      {
        code: 'HS-1',
        field: 'Hộ tịch',
        channel: 'truc_tuyen',
        received_on: '2026-03-02',
        due_on: '2026-03-04',
        resolved_on: null,
        digitised: true,
        source: 'api',
      },
      expect.objectContaining({ code: 'HS-2' }),
    ]);
    expect(await rowsOf(units.communeB.id)).toEqual([
      expect.objectContaining({ code: 'HS-1', field: 'Chứng thực', source: 'api' }),
    ]);
    // The body cannot name another unit: a stray unit field is ignored, the token decides.
    const stray = await push(tokenB.token, { dossiers: [dossier('HS-9', { unit_id: units.communeA.id })] });
    expect(stray.statusCode).toBe(200);
    expect((await rowsOf(units.communeA.id)).map((r) => r.code)).toEqual(['HS-1', 'HS-2']);
  });

  it('re-pushing updates the same dossiers (idempotent), with one audit row per batch signed by the token', async () => {
    const before = (await pushAudits()).length;
    const batch = { dossiers: [dossier('HS-10'), dossier('HS-11')] };
    expect((await push(tokenA.token, batch)).json()).toEqual({ received: 2, created: 2, updated: 0 });
    expect((await push(tokenA.token, batch)).json()).toEqual({ received: 2, created: 0, updated: 2 });
    const resolved = await push(tokenA.token, {
      // An instant late in the evening UTC is the next day in Vietnam.
      dossiers: [
        dossier('HS-10', { ngay_tra_ket_qua: '2026-03-03T18:00:00Z', trang_thai: 'Đã trả kết quả' }),
      ],
    });
    expect(resolved.json()).toEqual({ received: 1, created: 0, updated: 1 });
    const rows = await rowsOf(units.communeA.id);
    expect(rows.filter((r) => r.code.startsWith('HS-1')).map((r) => r.code)).toEqual([
      'HS-1',
      'HS-10',
      'HS-11',
    ]);
    expect(rows.find((r) => r.code === 'HS-10')!.resolved_on).toBe('2026-03-04');

    const audits = (await pushAudits()).slice(before);
    expect(audits).toHaveLength(3);
    expect(audits[1]).toMatchObject({
      object_id: tokenA.id,
      unit_id: units.communeA.id,
      actor_id: null,
      actor_name: 'Kết nối API: Một cửa Phan Đình Phùng',
      diff: {
        token: { id: tokenA.id, name: 'Một cửa Phan Đình Phùng' },
        received: 2,
        created: 0,
        updated: 2,
      },
    });
  });

  it('writes nothing when one element is bad, and names every bad element and column in Vietnamese', async () => {
    const before = await rowsOf(units.communeA.id);
    const audits = (await pushAudits()).length;
    const response = await push(tokenA.token, {
      dossiers: [
        dossier('HS-20'),
        dossier('HS-21', { ngay_tiep_nhan: '31/02/2026' }),
        dossier('HS-22'),
        dossier('', { kenh_nop: 'fax', so_hoa: 'có lẽ' }),
      ],
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json();
    expect(error.message).toMatch(/^Không ghi hồ sơ nào: 2 hồ sơ không hợp lệ\./);
    expect(error.message).toContain('Hồ sơ dossiers[1] (mã HS-21): Cột "ngay_tiep_nhan" (Ngày tiếp nhận)');
    expect(error.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'dossiers.1.ngay_tiep_nhan',
      'dossiers.3.ma_ho_so',
      'dossiers.3.kenh_nop',
      'dossiers.3.so_hoa',
    ]);
    expect(await rowsOf(units.communeA.id)).toEqual(before);
    expect(await pushAudits()).toHaveLength(audits);
  });

  it('refuses a batch that repeats a code, naming both positions', async () => {
    const response = await push(tokenA.token, {
      dossiers: [dossier('HS-30'), dossier('HS-31'), dossier('HS-30')],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.problems).toEqual([
      {
        field: 'dossiers.2.ma_ho_so',
        message: 'Hồ sơ dossiers[2] (mã HS-30): mã hồ sơ trùng với dossiers[0] trong cùng lần gửi',
      },
    ]);
    expect((await rowsOf(units.communeA.id)).map((r) => r.code)).not.toContain('HS-31');
  });

  it('refuses an unknown token, a missing one, and a session without a token (401, nothing written)', async () => {
    const before = await rowsOf(units.communeA.id);
    const unknown = await push(`dg_${'A'.repeat(43)}`, { dossiers: [dossier('HS-40')] });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe('Mã kết nối không hợp lệ hoặc đã bị thu hồi.');
    const missing = await push(null, { dossiers: [dossier('HS-40')] });
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.message).toContain('Authorization: Bearer dg_');
    // A signed-in user is not a token (and the token check comes before the body is read).
    const officer = await t.signIn(
      (await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA })).username,
    );
    const bySession = await officer.request('PUT', '/api/registers/tthc/dossiers', { dossiers: 'x' });
    expect(bySession.statusCode).toBe(401);
    expect(await rowsOf(units.communeA.id)).toEqual(before);
  });

  it('slows down guessing: many refused tokens from one address are answered 429, others still pass', async () => {
    t.ctx.apiTokenLimiter = new AttemptLimiter(
      t.ctx.db,
      'api-token-guess',
      LIMITS.apiTokenFailuresPerWindow,
      600_000,
    );
    for (let i = 0; i < LIMITS.apiTokenFailuresPerWindow; i++)
      expect((await push(`dg_guess${i}`, { dossiers: [dossier('HS-50')] }, '10.9.9.9')).statusCode).toBe(401);
    const blocked = await push(tokenA.token, { dossiers: [dossier('HS-50')] }, '10.9.9.9');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.json().error.message).toContain('thử lại sau');
    expect((await push(tokenA.token, { dossiers: [dossier('HS-50')] }, '10.0.0.2')).statusCode).toBe(200);
    t.ctx.apiTokenLimiter = new AttemptLimiter(t.ctx.db, 'api-token', 1000, 600_000);
  });

  it(
    'accepts 10,000 dossiers in one batch and refuses 10,001 in Vietnamese',
    { timeout: 120_000 },
    async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => dossier(`LON-${String(i).padStart(5, '0')}`));
      const accepted = await push(tokenB.token, { dossiers: many });
      expect(accepted.statusCode, accepted.body.slice(0, 300)).toBe(200);
      expect(accepted.json()).toEqual({ received: 10_000, created: 10_000, updated: 0 });
      const count = await t.ctx.db
        .selectFrom('tthc_dossiers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('unit_id', '=', units.communeB.id)
        .where('code', 'like', 'LON-%')
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(10_000);

      const tooMany = await push(tokenB.token, { dossiers: [...many, dossier('LON-10000')] });
      expect(tooMany.statusCode).toBe(400);
      expect(tooMany.json().error.message).toContain('Mỗi lần gửi tối đa 10.000 hồ sơ');
    },
  );

  it('refuses a body over 20 MB with 413 in Vietnamese', async () => {
    const huge = { dossiers: [dossier('HS-60', { ten_thu_tuc: 'x'.repeat(90_000) })] };
    const padding = Array.from({ length: 240 }, (_, i) =>
      dossier(`PAD-${i}`, { ghi_chu: 'y'.repeat(90_000) }),
    );
    const response = await push(tokenA.token, { dossiers: [...huge.dossiers, ...padding] });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe('Dữ liệu gửi lên quá lớn.');
  });
});
