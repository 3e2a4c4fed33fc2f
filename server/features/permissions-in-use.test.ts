/**
 * The matrix in shared/access/roles.ts must be honest: every declared permission is enforced
 * somewhere on the server, either as a route's access rule or inside a policy or service.
 *
 * Routes are read from `apiRoutes` itself. Policies and services are found by reading the server's
 * source text: a permission reaches `can`, `scopePaths`, `getEvaluationInScope`, `loadForAction`…
 * only as a string literal typed `Permission` (the type admits no other spelling), so a quoted
 * permission name in non-test server code is a use of it. We scan the text rather than record
 * calls at run time because a run-time registry only sees the calls some test happens to make,
 * and a hand-kept list of "permissions used by policies" would drift exactly like the matrix did.
 * Comments are stripped first, so a mention in a comment does not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, roleHasPermission } from '@shared/access/roles.ts';
import { apiRoutes } from '@server/app.ts';

const SERVER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Non-test TypeScript files under server/ (the test helpers in server/test/ excluded). */
function serverSources(dir = SERVER_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test' && dir === SERVER_DIR ? [] : serverSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

describe('declared permissions are enforced', () => {
  const byRoutes = new Set(
    apiRoutes.flatMap((r) =>
      typeof r.access === 'object' && 'permission' in r.access ? [r.access.permission] : [],
    ),
  );
  const code = serverSources().map((file) => withoutComments(readFileSync(file, 'utf8')));
  const byCode = new Set(PERMISSIONS.filter((p) => code.some((text) => text.includes(`'${p}'`))));

  it('finds the server sources and the routes (the scan itself works)', () => {
    expect(code.length).toBeGreaterThan(50);
    expect(byRoutes.has('users.manage')).toBe(true);
    expect(byCode.has('system.admin')).toBe(true);
  });

  it('uses every permission of the matrix in a route or a policy/service', () => {
    const unused = PERMISSIONS.filter((p) => !byRoutes.has(p) && !byCode.has(p));
    expect(unused, `declared but enforced nowhere: ${unused.join(', ')}`).toEqual([]);
  });

  it('gives every permission to at least one role', () => {
    const orphan = PERMISSIONS.filter((p) => !ROLES.some((r) => roleHasPermission(r, p)));
    expect(orphan).toEqual([]);
  });
});
