import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';

let t: TestApp;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const units = await createUnitTree(t.ctx.db);
  officer = await t.signIn(
    (await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA })).username,
  );
});
afterAll(() => t?.close());

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Record<string, string> {
  return Object.fromEntries(
    String(header)
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values.join(' ')];
      }),
  );
}

describe('security headers', () => {
  it('send a strict Content-Security-Policy and a Permissions-Policy on pages and answers', async () => {
    for (const url of ['/', '/dang-nhap', '/healthz', '/api/auth/me']) {
      const response = await t.app.inject({ method: 'GET', url });
      const csp = directives(response.headers['content-security-policy']);
      expect(csp, url).toMatchObject({
        'default-src': "'self'",
        'script-src': "'self'",
        'style-src': "'self' 'unsafe-inline'",
        'object-src': "'none'",
        'base-uri': "'self'",
        'form-action': "'self'",
        'frame-ancestors': "'none'",
      });
      // Evidence previews are shown from blob: URLs of files fetched with the session.
      expect(csp['frame-src']).toBe("'self' blob:");
      expect(csp['img-src']).toBe("'self' data: blob:");
      // Served over plain HTTP inside a commune's network too: never force HTTPS from here.
      expect(csp).not.toHaveProperty('upgrade-insecure-requests');
      expect(response.headers['permissions-policy'], url).toContain('camera=()');
      expect(response.headers['permissions-policy']).toContain('geolocation=()');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('same-origin');
      expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    }
  });

  it('forbids storing API answers (signed in or signing in), and leaves a route its own cache rule', async () => {
    const me = await officer.request('GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const units = await officer.request('GET', '/api/units');
    expect(units.headers['cache-control']).toBe('no-store');
    const refused = await officer.request('GET', '/api/evaluations/00000000-0000-4000-8000-000000000000');
    expect(refused.statusCode).toBe(404);
    expect(refused.headers['cache-control']).toBe('no-store');
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'khong-co', password: 'sai-mat-khau' },
    });
    expect(signIn.headers['cache-control']).toBe('no-store');
    const health = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.headers['cache-control']).toBeUndefined();
  });
});
