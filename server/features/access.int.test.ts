/**
 * Access test over EVERY route in `apiRoutes` × EVERY role × objects inside and outside the role's
 * units (the role's own commune, another commune of the same province, another province).
 *
 * The expected outcome comes from EXPECTED below, a table written by hand from what each role
 * does under the law (Quyết định 25/2021/QĐ-TTg, Thông tư 09/2021/TT-BTP), not from the
 * permission matrix: a wrong matrix cell, a wrong route permission or a wrong scope check fails
 * here. Allowed → 2xx, and a list holds only items within the caller's units; forbidden → 403/404
 * and no row of any table changed. A route without a sample or a table row fails the suite. The
 * samples, the clients and the table fingerprint live in server/test/route-samples.ts (the fuzz suite
 * uses them too).
 *
 * Speed: the database is seeded once; every case runs inside a savepoint that is rolled back
 * afterwards (server/test/rollback-dialect.ts), so each case sees exactly the seed; a refused request's
 * writes are seen in the database's own per-transaction row counters (`writeCounters`).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shared/access/roles.ts';
import { apiRoutes } from '@server/app.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import type { RollbackControl } from '@server/test/rollback-dialect.ts';
import { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';
import {
  TARGETS,
  clientFor,
  writeCounters,
  homeOf,
  keyOf,
  payloadOf,
  samples,
  seedRouteWorld,
  unitOf,
  type Actor,
  type Built,
  type Target,
  type Tree,
} from '@server/test/route-samples.ts';

let t: TestApp;
let tree: Tree;

/**
 * Who may call each route, by hand. Role codes: sa system administrator (nation), pa Department of
 * Justice administrator, pr appraisal reviewer, cm council member, cs council secretary, v viewer
 * (these five held at the province of the own and sibling communes), cc commune chairman, co
 * commune officer (held at the own commune). '-' nobody.
 * - a string: the route acts on no unit's object; these roles may call it;
 * - [own, sibling, other]: the roles that may act on an object of the own commune, of another
 *   commune of the same province, of a commune of another province (for a period or framework:
 *   the one organised/owned by that commune's province).
 * Rules of thumb the rows follow: reading a commune's file is for its commune and the province
 * above it; the commune writes its self-assessment (officers) and the chairman signs, submits
 * and posts; the Department of Justice appraises (pa, pr), runs periods and records the decision
 * (pa); the council secretary keeps the council, members give opinions; documents are drafted by
 * those who author or file them (not cm, not v: ADR 0005); the system administrator reads
 * everywhere and keeps units, accounts and the calendar, but does not appraise or decide.
 */
const ALL = 'sa pa pr cm cs cc co v';
const PROVINCE_READERS = 'sa pa pr cm cs v';
// prettier-ignore
const EXPECTED: Record<string, string | readonly [own: string, sibling: string, other: string]> = {
  'POST /api/auth/sign-in':                        ALL,
  'GET /api/auth/me':                              ALL,
  'GET /api/auth/session':                         ALL,
  'POST /api/auth/sign-out':                       ALL,
  'POST /api/auth/sign-out-everywhere':            ALL,
  'POST /api/auth/password':                       ALL,
  // Someone else's job: only a system administrator follows it.
  'GET /api/jobs/:id':                             ['sa', 'sa', 'sa'],
  'GET /api/units':                                ALL,
  'GET /api/units/:id':                            [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/units/:id/history':                    [ALL, PROVINCE_READERS, 'sa'],
  'PATCH /api/units/:id':                          ['sa', 'sa', 'sa'],
  'GET /api/units/import/provinces':               'sa',
  'POST /api/units/import':                        'sa',
  // Accounts: the Department of Justice administers its province's; the chairman sees his staff.
  'GET /api/users':                                'sa pa cc',
  'GET /api/users/:id':                            ['sa pa cc', 'sa pa', 'sa'],
  'POST /api/users':                               ['sa pa', 'sa pa', 'sa'],
  'POST /api/users/:id/reset-password':            ['sa pa', 'sa pa', 'sa'],
  'POST /api/users/:id/deactivate':                ['sa pa', 'sa pa', 'sa'],
  'POST /api/users/:id/activate':                  ['sa pa', 'sa pa', 'sa'],
  'POST /api/users/:id/roles':                     ['sa pa', 'sa pa', 'sa'],
  'DELETE /api/users/:id/roles/:assignmentId':     ['sa pa', 'sa pa', 'sa'],
  'GET /api/audit':                                ['sa pa cc', 'sa pa', 'sa'],
  'GET /api/audit/verify':                         'sa',
  'GET /api/calendar/deadline':                    ALL,
  'GET /api/calendar/:year':                       ALL,
  'POST /api/calendar/:year/builtin':              'sa pa',
  'POST /api/calendar/holidays':                   'sa pa',
  'PUT /api/calendar/holidays/:id':                'sa pa',
  'DELETE /api/calendar/holidays/:id':             'sa pa',
  'GET /api/periods':                              ALL,
  'POST /api/periods':                             ['sa pa', 'sa pa', 'sa'],
  // The area aggregate (Mẫu 09) is for the organiser's level: a commune taking part does not read it.
  'GET /api/periods/:id/summary':                  [PROVINCE_READERS, PROVINCE_READERS, 'sa'],
  'GET /api/periods/:id/results':                  [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/evaluations':                          ALL,
  'GET /api/evaluations/:id':                      [ALL, PROVINCE_READERS, 'sa'],
  'PUT /api/evaluations/:id/self-assessment':      ['cc co', '-', '-'],
  'POST /api/evaluations/:id/computed-inputs':     ['cc co', '-', '-'],
  'POST /api/evaluations/:id/assignments':         ['cc', '-', '-'],
  'POST /api/evaluations/:id/register':            ['cc', '-', '-'],
  'POST /api/evaluations/:id/submit':              ['cc', '-', '-'],
  'POST /api/evaluations/:id/post':                ['cc', '-', '-'],
  'POST /api/evaluations/:id/send':                ['cc', '-', '-'],
  'POST /api/evaluations/:id/reopen':              ['sa pa', 'sa pa', 'sa'],
  // Reopening a closed dossier for correction is the appraisers' (ADR 0019).
  'POST /api/evaluations/:id/reopen-correction':   ['pa pr', 'pa pr', '-'],
  'PUT /api/evaluations/:id/verdicts':             ['pa pr', 'pa pr', '-'],
  'POST /api/evaluations/:id/return':              ['pa pr', 'pa pr', '-'],
  'POST /api/evaluations/:id/explanations':        ['cc co', '-', '-'],
  'POST /api/evaluations/:id/appraise':            ['pa pr', 'pa pr', '-'],
  'GET /api/evaluations/:id/comments':             [ALL, PROVINCE_READERS, 'sa'],
  'POST /api/evaluations/:id/comments/:commentId/response': ['cc co', '-', '-'],
  'GET /api/public/evaluations/:id':               [ALL, ALL, ALL],
  'POST /api/public/evaluations/:id/comments':     [ALL, ALL, ALL],
  // The council belongs to the province's period: communes do not see its work.
  'POST /api/periods/:id/council':                 ['pa cs', 'pa cs', '-'],
  'GET /api/periods/:id/council':                  [PROVINCE_READERS, PROVINCE_READERS, 'sa'],
  'GET /api/periods/:id/council/candidates':       ['pa cs', 'pa cs', '-'],
  'PUT /api/periods/:id/council/members/:memberId/user': ['pa cs', 'pa cs', '-'],
  'POST /api/periods/:id/council/meetings':        ['pa cs', 'pa cs', '-'],
  'PUT /api/periods/:id/council/meetings/:meetingId/opinions': ['cm cs', 'cm cs', '-'],
  'POST /api/periods/:id/decision':                ['pa', 'pa', '-'],
  'GET /api/public/periods/:id/decision':          [ALL, ALL, ALL],
  'GET /api/evaluations/:id/evidence':             [ALL, PROVINCE_READERS, 'sa'],
  'POST /api/evaluations/:id/evidence':            ['cc co', '-', '-'],
  'GET /api/evaluations/:id/evidence/:fileId':     [ALL, PROVINCE_READERS, 'sa'],
  'DELETE /api/evaluations/:id/evidence/:fileId':  ['cc co', '-', '-'],
  'GET /api/frameworks':                           ALL,
  'GET /api/frameworks/mappings':                  ALL,
  // A province's framework is read by the province and its communes.
  'GET /api/frameworks/:id':                       [ALL, ALL, 'sa'],
  'GET /api/frameworks/:id/export':                [ALL, ALL, 'sa'],
  'GET /api/frameworks/content/:hash':             [ALL, ALL, 'sa'],
  'POST /api/frameworks/import':                   ['sa pa', 'sa pa', 'sa'],
  'POST /api/frameworks/:id/copy':                 ['sa pa', 'sa pa', 'sa'],
  // The editor: a province's own framework, by whoever manages frameworks there (ADR 0015).
  'GET /api/frameworks/:id/draft':                 ['sa pa', 'sa pa', 'sa'],
  'PUT /api/frameworks/:id/draft':                 ['sa pa', 'sa pa', 'sa'],
  'DELETE /api/frameworks/:id/draft':              ['sa pa', 'sa pa', 'sa'],
  'POST /api/frameworks/:id/draft/publish':        ['sa pa', 'sa pa', 'sa'],
  'POST /api/frameworks/:id/draft/xlsx':           ['sa pa', 'sa pa', 'sa'],
  'POST /api/frameworks/:id/draft/preview':        ['sa pa', 'sa pa', 'sa'],
  'GET /api/frameworks/:id/xlsx':                  [ALL, ALL, 'sa'],
  // Applying a new framework version to a period is the organiser's (periods.manage).
  'GET /api/periods/:id/rescore':                  ['sa pa', 'sa pa', 'sa'],
  'POST /api/periods/:id/rescore':                 ['sa pa', 'sa pa', 'sa'],
  'GET /api/evaluations/:id/gaps':                 [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/evaluations/:id/documents/:form':      ['sa pa pr cs cc co', 'sa pa pr cs', 'sa'],
  // The period's forms are the organising province's (Mẫu 05 minutes, 08 decision, 10 report).
  'GET /api/periods/:id/documents/:form':          ['sa pa pr cs', 'sa pa pr cs', 'sa'],
  'POST /api/periods/:id/documents/bulk':          ['sa pa', 'sa pa', 'sa'],
  // Registers: everyone reads within their units; the commune and the Department of Justice enter figures.
  'GET /api/registers/tthc/bieu-06':               [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/registers/tthc/bieu-06/download':      [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/registers/tthc/aggregates':            [ALL, PROVINCE_READERS, 'sa'],
  'PUT /api/registers/tthc/aggregates':            ['pa cc co', 'pa', '-'],
  'POST /api/registers/tthc/aggregates/import':    ['pa cc co', 'pa', '-'],
  // The ZIP goes to whoever asked for it ("own": the caller did), whatever their role.
  'GET /api/jobs/:id/download':                    [ALL, '-', '-'],
  // Plans are registers: everyone reads those of their units; the commune and the Department of
  // Justice keep their own (registers.edit), the province's reach covers its communes' plans.
  'GET /api/plans':                                ALL,
  'GET /api/plans/templates':                      ALL,
  'POST /api/plans':                               ['pa cc co', 'pa', '-'],
  'GET /api/plans/:id':                            [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/plans/:id/document':                   [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/plans/:id/progress':                   [ALL, PROVINCE_READERS, 'sa'],
  'PATCH /api/plans/:id':                          ['pa cc co', 'pa', '-'],
  'POST /api/plans/:id/issue':                     ['pa cc co', 'pa', '-'],
  'POST /api/plans/:id/close':                     ['pa cc co', 'pa', '-'],
  'POST /api/plans/:id/tasks':                     ['pa cc co', 'pa', '-'],
  'PATCH /api/plans/:id/tasks/:taskId':            ['pa cc co', 'pa', '-'],
  'POST /api/plans/:id/tasks/:taskId/files':        ['pa cc co', 'pa', '-'],
  'GET /api/plans/:id/tasks/:taskId/files/:fileId': [ALL, PROVINCE_READERS, 'sa'],
  'DELETE /api/plans/:id/tasks/:taskId/files/:fileId': ['pa cc co', 'pa', '-'],
  // A remediation plan is proposed from a result the caller reads, by those who keep the unit's plans.
  'POST /api/plans/remediation':                   ['pa cc co', 'pa', '-'],
  // Each unit's own tasks due soon or overdue ("Việc cần làm"); empty for those who keep no plans.
  'GET /api/plans/tasks/due':                      ALL,
  // Surveys (issue #17) are a commune's register: read by the commune and the province above it,
  // kept by those who keep its registers; anyone may answer a resident's poll, and an account
  // answers a signed-in survey when it is invited, whatever its role (the sample invites the caller).
  // Analytics (issue #15) of an area: its communes' results, read by the commune and the province above it.
  'GET /api/analytics/dashboard':                  [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/analytics/dashboard.xlsx':             [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/analytics/indicators/:code/communes':  [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/analytics/trends':                     [ALL, PROVINCE_READERS, 'sa'],
  // A province's public figures (published decisions only): open to everyone.
  'GET /api/public/provinces/:code/recognition':   [ALL, ALL, ALL],
  'GET /api/surveys':                              ALL,
  'GET /api/surveys/templates':                    ALL,
  'GET /api/surveys/invited':                      ALL,
  'POST /api/surveys':                             ['pa cc co', 'pa', '-'],
  'GET /api/surveys/:id':                          [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/surveys/:id/document':                 [ALL, PROVINCE_READERS, 'sa'],
  'POST /api/surveys/:id/open':                    ['pa cc co', 'pa', '-'],
  'POST /api/surveys/:id/close':                   ['pa cc co', 'pa', '-'],
  'POST /api/surveys/:id/slips':                   ['pa cc co', 'pa', '-'],
  'POST /api/surveys/:id/paper-answers':           ['pa cc co', 'pa', '-'],
  'POST /api/surveys/:id/answers':                 [ALL, ALL, ALL],
  'GET /api/public/surveys/:code':                 [ALL, ALL, ALL],
  'POST /api/public/surveys/:code/answers':        [ALL, ALL, ALL],
  // The commune's other books (issue #13): read within one's units, kept by the commune and the
  // Department of Justice, as the TTHC register.
  'GET /api/books/records':                        ALL,
  'POST /api/books/records':                       ['pa cc co', 'pa', '-'],
  'PUT /api/books/records/:id':                    ['pa cc co', 'pa', '-'],
  'DELETE /api/books/records/:id':                 ['pa cc co', 'pa', '-'],
  'POST /api/books/records/import':                ['pa cc co', 'pa', '-'],
  'GET /api/books/records/export':                 [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/books/reception-summary':              [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/books/report':                         [ALL, PROVINCE_READERS, 'sa'],
  // A commune's registers are read by the commune and the province above it.
  'GET /api/registers/tthc/dossiers':              [ALL, PROVINCE_READERS, 'sa'],
  'GET /api/registers/tthc/fields':                [ALL, PROVINCE_READERS, 'sa'],
  // The commune keeps its register (officer, chairman); the Department of Justice may correct it.
  'POST /api/registers/tthc/imports':              ['pa cc co', 'pa', '-'],
  'POST /api/registers/tthc/imports/:uploadId/start': ['pa cc co', 'pa', '-'],
  'GET /api/registers/tthc/imports/:uploadId/errors': ['pa cc co', 'pa', '-'],
  // API tokens of the registers: given and taken back by the province's administrators.
  'GET /api/registers/tokens':                     'sa pa',
  'POST /api/registers/tokens':                    ['sa pa', 'sa pa', 'sa'],
  'POST /api/registers/tokens/:id/revoke':         ['sa pa', 'sa pa', 'sa'],
  // Not a role but the commune's token (sent by every client here): it writes that commune's register.
  'PUT /api/registers/tthc/dossiers':              [ALL, ALL, ALL],
};

const CODES: Record<string, Role> = {
  sa: 'system_admin',
  pa: 'province_admin',
  pr: 'province_reviewer',
  cm: 'council_member',
  cs: 'council_secretary',
  cc: 'commune_chairman',
  co: 'commune_officer',
  v: 'viewer',
};

/** The roles of one cell ('-': none); an unknown code is a mistake in the table. */
function rolesOf(cell: string): Role[] {
  if (cell.trim() === '-') return [];
  return cell
    .trim()
    .split(/\s+/)
    .map((code) => {
      const role = CODES[code];
      if (!role) throw new Error(`unknown role code "${code}" in EXPECTED`);
      return role;
    });
}

function expectedAllowed(key: string, role: Role, target: Target | null): boolean {
  const row = EXPECTED[key];
  if (row === undefined) throw new Error(`no EXPECTED row for ${key}`);
  if (typeof row === 'string') {
    if (target !== null) throw new Error(`${key}: the sample has targets, the EXPECTED row has none`);
    return rolesOf(row).includes(role);
  }
  if (target === null) throw new Error(`${key}: the EXPECTED row has targets, the sample has none`);
  return rolesOf(row[TARGETS.indexOf(target)]!).includes(role);
}

/** Whether a JSON answer is a list (an array, or a page `{ items: [...] }`). */
const isList = (json: unknown) =>
  Array.isArray(json) ||
  (typeof json === 'object' && json !== null && Array.isArray((json as { items?: unknown }).items));

let rollback: RollbackControl;
/** Someone of the own commune who builds the samples shared by every role. */
let bystander: Actor;

beforeAll(async () => {
  t = await createTestApp({ rollback: true });
  rollback = t.database.rollback!;
  ({ tree, bystander } = await seedRouteWorld(t));
  // From here on nothing is committed: each case starts from this seed.
  await rollback.begin();
});
beforeEach(async () => {
  await rollback.mark();
  // Every injected request comes from one address: a fresh window for the public comment limit.
  t.ctx.commentLimiter = new AttemptLimiter(t.ctx.db, 'comment', 5, 600_000);
});
afterEach(() => rollback.reset());
afterAll(async () => {
  await rollback?.end();
  await t?.close();
});

describe('access over every API route, as the EXPECTED table says', () => {
  it('has a sample and a table row for every route (add both when you add a route)', () => {
    const keys = apiRoutes.map(keyOf);
    const missing = keys.filter((key) => !samples[key] || EXPECTED[key] === undefined);
    expect(missing, `routes without an access sample or EXPECTED row: ${missing.join(', ')}`).toEqual([]);
    const stale = [...Object.keys(samples), ...Object.keys(EXPECTED)].filter((key) => !keys.includes(key));
    expect(stale).toEqual([]);
    for (const row of Object.values(EXPECTED)) (typeof row === 'string' ? [row] : row).forEach(rolesOf);
  });

  it('sees a write in the counters, even one rolled back since (the check works)', async () => {
    const before = await writeCounters();
    await rollback.mark('probe');
    await t.ctx.db
      .insertInto('holidays')
      .values({ day: '2040-01-02', name: 'Ghi thử', kind: 'holiday' })
      .execute();
    await rollback.reset('probe');
    expect(
      await t.ctx.db.selectFrom('holidays').where('day', '=', '2040-01-02').select('day').execute(),
    ).toEqual([]);
    expect(await writeCounters()).toEqual({ ...before, holidays: String(Number(before.holidays ?? 0) + 1) });
  });

  for (const route of apiRoutes) {
    const key = keyOf(route);
    const sample = samples[key];
    describe(key, () => {
      if (route.access !== 'public') {
        it('refuses a request without a session or token (401)', async () => {
          const built = await sample!.build(sample!.targets ? tree.communeA : null, bystander);
          const before = await writeCounters();
          const bare = { ...built, headers: undefined };
          const response = await t.app.inject({ method: route.method, url: built.url, ...payloadOf(bare) });
          expect(response.statusCode).toBe(401);
          expect(await writeCounters()).toEqual(before);
        });
      }
      for (const target of sample?.targets ?? [null]) {
        describe(target ?? 'no unit', () => {
          // Built once for all roles (unless it depends on who acts), inside a savepoint of its own;
          // each role's case is rolled back to it.
          let shared: Built | undefined;
          beforeAll(async () => {
            await rollback.mark('test_group');
            if (!sample || sample.perRole) return;
            shared = await sample.build(target ? unitOf(target) : null, bystander);
          });
          afterAll(() => rollback.reset('test_group'));

          for (const role of ROLES) {
            it(role, async () => {
              expect(sample, 'no access sample for this route').toBeDefined();
              const expected = expectedAllowed(key, role, target);
              const client = clientFor(role);
              const built = shared ?? (await sample!.build(target ? unitOf(target) : null, client.user));
              const before = route.method === 'GET' ? undefined : await writeCounters();
              const response = await client.request(route.method, built);
              if (expected) {
                expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
                expect(response.statusCode, response.body).toBeLessThan(300);
                if (route.method !== 'GET') return;
                const json: unknown = response.headers['content-type']?.toString().includes('json')
                  ? response.json()
                  : undefined;
                if (sample!.checkScope) {
                  const get = async (url: string) => (await client.request('GET', { url })).json() as unknown;
                  await sample!.checkScope(json, homeOf(role), get);
                } else if (isList(json)) {
                  expect(sample!.unscopedList, `${key} answers a list: give it a checkScope`).toBeTruthy();
                }
              } else {
                expect([403, 404], response.body).toContain(response.statusCode);
                if (before) expect(await writeCounters()).toEqual(before);
              }
            });
          }
        });
      }
    });
  }
});
