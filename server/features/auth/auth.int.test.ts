import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@shared/limits.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { createUnitTree, createUser, TEST_PASSWORD } from '@server/test/factories.ts';
import { SESSION_COOKIE } from '@server/platform/auth/tokens.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { endAllSessions } from './auth.service.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
});
afterAll(() => t?.close());

async function auditActions(objectId: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('sign-in and sessions', () => {
  it('signs in, tells who is signed in with roles and permissions, and signs out', async () => {
    const user = await createUser(t.ctx.db, {
      role: 'commune_officer',
      unit: units.communeA,
      fullName: 'Vũ Thị Mai',
    });
    const client = await t.signIn(user.username);
    const me = await client.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().user.fullName).toBe('Vũ Thị Mai');
    expect(me.json().grants).toEqual([
      {
        role: 'commune_officer',
        roleLabel: 'Công chức cấp xã',
        unitId: units.communeA.id,
        unitName: 'Phường Phan Đình Phùng',
      },
    ]);
    expect(me.json().permissions).toContain('assessments.edit');
    expect(me.json().permissions).not.toContain('assessments.submit');
    // The business calendar's today (CLOCK_OFFSET_DAYS included), for the web's countdowns.
    expect(me.json().today).toBe(todayInVietnam());
    const session = await client.request('GET', '/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().me.user.fullName).toBe('Vũ Thị Mai');

    const out = await client.request('POST', '/api/auth/sign-out');
    expect(out.statusCode).toBe(204);
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await auditActions(user.id)).toEqual(['auth.signed-in', 'auth.signed-out']);
    // An anonymous visitor asks who is signed in without a 401 in the browser's console.
    const anonymous = await client.request('GET', '/api/auth/session');
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ me: null });
  });

  it('sets an http-only, same-site session cookie and stores only its hash', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const stored = await t.ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).not.toBe(cookie.value);
  });

  it('answers a wrong password with one Vietnamese message, whether or not the account exists', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: user.username, password: 'sai-mat-khau' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'khong-ton-tai', password: 'sai-mat-khau' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('rejects an empty form with messages naming the fields, and writes nothing', async () => {
    const before = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: '', password: '' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.problems.map((p: { field: string }) => p.field)).toEqual([
      'username',
      'password',
    ]);
    expect(response.json().error.message).toContain('Vui lòng nhập tên đăng nhập');
    const after = await t.ctx.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('slows repeated failures, then locks the account and audits the lock', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: user.username, password: 'doan-mo' },
      });
    const started = Date.now();
    for (let i = 1; i < LIMITS.signInMaxFailures; i++) expect((await attempt()).statusCode).toBe(401);
    const locked = await attempt();
    // Delays grow with each failure: 300 + 600 + 900 + 1200 + 1500 ms at least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('tạm khoá');
    // Even the right password is refused while locked.
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(right.statusCode).toBe(429);
    expect(right.headers['retry-after']).toBeDefined();
    const actions = await auditActions(user.id);
    expect(actions.filter((a) => a === 'auth.sign-in-failed')).toHaveLength(LIMITS.signInMaxFailures);
    expect(actions).toContain('user.locked');
    expect(actions.at(-1)).toBe('auth.sign-in-blocked');
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  }, 30_000);

  it('gives a name that is no account the same delays and the same lockout as a real one', async () => {
    const attempt = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: 'khong-co-tai-khoan', password: 'doan-mo' },
      });
    const started = Date.now();
    for (let i = 1; i < LIMITS.signInMaxFailures; i++) expect((await attempt()).statusCode).toBe(401);
    const locked = await attempt();
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.message).toContain('tạm khoá');
    const again = await attempt();
    expect(again.statusCode).toBe(429);
    expect(again.json().error.message).toContain('Tài khoản đang tạm khoá');
  }, 30_000);

  it('counts only failed sign-ins against an address: a training room signs in many times', async () => {
    const user = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
    for (let i = 0; i <= LIMITS.signInPerIpPerWindow; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '10.9.8.7',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      expect(response.statusCode, `sign-in ${i + 1}`).toBe(200);
    }
  }, 60_000);

  it('refuses everything but the password change while the password is temporary', async () => {
    const admin = await t.signIn(
      (await createUser(t.ctx.db, { role: 'province_admin', unit: units.province })).username,
    );
    const created = await admin.request('POST', '/api/users', {
      username: 'canbo.tamthoi',
      fullName: 'Đỗ Văn Tạm',
      roles: [{ role: 'commune_officer', unitId: units.communeA.id }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const fresh = await t.signIn('canbo.tamthoi', created.json().generatedPassword);
    const refused = await fresh.request('GET', '/api/evaluations');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'password_change_required' });
    expect(refused.json().error.message).toContain('mật khẩu tạm thời');
    expect((await fresh.request('GET', '/api/auth/me')).statusCode).toBe(200);
    const changed = await fresh.request('POST', '/api/auth/password', {
      currentPassword: created.json().generatedPassword,
      newPassword: 'Mat-khau-moi-2026!',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    const after = await t.signIn('canbo.tamthoi', 'Mat-khau-moi-2026!');
    expect((await after.request('GET', '/api/evaluations')).statusCode).toBe(200);
  }, 30_000);

  it('refuses a state-changing request without the session CSRF token', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const client = await t.signIn(user.username);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: client.cookie },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toContain('CSRF');
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(200);
  });

  it('changes the password, ends the other sessions, and accepts only the new password', async () => {
    const user = await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeB });
    const laptop = await t.signIn(user.username);
    const phone = await t.signIn(user.username);
    const bad = await laptop.request('POST', '/api/auth/password', {
      currentPassword: 'sai',
      newPassword: 'mat-khau-moi-2026',
    });
    expect(bad.statusCode).toBe(400);
    const short = await laptop.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'ngan',
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toContain('ít nhất 8 ký tự');
    for (const guessable of ['aaaaaaaa', 'canbob12']) {
      const weak = await laptop.request('POST', '/api/auth/password', {
        currentPassword: TEST_PASSWORD,
        newPassword: guessable,
      });
      expect(weak.statusCode, guessable).toBe(400);
      expect(JSON.stringify(weak.json().error)).toContain('Mật khẩu quá dễ đoán.');
    }
    const ok = await laptop.request('POST', '/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'mat-khau-moi-2026',
    });
    expect(ok.statusCode).toBe(204);
    expect((await phone.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await laptop.request('GET', '/api/auth/me')).statusCode).toBe(200);
    await expect(t.signIn(user.username)).rejects.toThrow(/401/);
    await t.signIn(user.username, 'mat-khau-moi-2026');
  });

  it('signs out everywhere', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const a = await t.signIn(user.username);
    const b = await t.signIn(user.username);
    const response = await a.request('POST', '/api/auth/sign-out-everywhere');
    expect(response.json()).toEqual({ ended: 2 });
    expect((await b.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('expires sessions', async () => {
    const user = await createUser(t.ctx.db, { role: 'viewer', unit: units.province });
    const client = await t.signIn(user.username);
    await t.ctx.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect((await client.request('GET', '/api/auth/me')).statusCode).toBe(401);
  });
});

describe('health', () => {
  it('reports live and ready', async () => {
    expect((await t.app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().engine).toBe(t.ctx.engine);
  });

  it('answers unknown API paths with a Vietnamese 404', async () => {
    const response = await t.app.inject('/api/khong-co');
    expect(response.statusCode).toBe(404);
    expect(response.json().error.message).toContain('Không có đường dẫn');
  });

  it('ends every session, restored ones included, with one audited operator command', async () => {
    const user = await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeB });
    const other = await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeB });
    const stolen = await t.signIn(user.username);
    const colleague = await t.signIn(other.username);
    // The nightly backup holds the session; then its owner signs out.
    const backup = await t.ctx.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect((await stolen.request('POST', '/api/auth/sign-out')).statusCode).toBe(204);
    expect((await stolen.request('GET', '/api/auth/me')).statusCode).toBe(401);
    // Restoring that backup brings the signed-out session back: the cookie works again.
    await t.ctx.db.insertInto('sessions').values(backup).execute();
    expect((await stolen.request('GET', '/api/auth/me')).statusCode).toBe(200);

    const ended = await endAllSessions(t.ctx.db);
    expect(ended).toBeGreaterThanOrEqual(2);
    expect((await stolen.request('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await colleague.request('GET', '/api/auth/me')).statusCode).toBe(401);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_id', 'diff'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'sessions.ended-all', actor_id: null, diff: { ended } });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
    // Signing in again works as usual.
    await t.signIn(other.username);
  });
});
