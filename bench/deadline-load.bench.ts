/**
 * Issue #18 item 4: deadline day. Two app instances on one PostgreSQL database (as behind a load balancer:
 * each kind of user is split evenly between them), 500 virtual users for 60 s, driven by autocannon:
 *
 * - 200 commune officers saving their self-assessment (read the version, save; two officers of one commune
 *   may collide: 409 is the expected answer and is counted apart),
 * - 40 commune chairmen reading their dossier and the list of their evaluations,
 * - 100 reviewers of the province reading dossiers,
 * - 10 province administrators watching the dashboard and the period's summary,
 * - 150 citizens reading posted results on the public page (no sign-in).
 *
 * Setup: the demo province's 92 communes get a period, an officer each and a full self-assessment; ten
 * communes' chairmen close and post theirs. The app runs with TRUST_PROXY as behind nginx, and each
 * virtual user comes from its own address (X-Forwarded-For), as on the day.
 *
 * `npm run bench -- deadline-load` (options: `--seconds N`, default 60; `--users N`, default 500).
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../server/db/seeds/demo.seed.ts';
import { openDatabase } from '../server/db/client.ts';
import { createUser, TEST_PASSWORD } from '../server/test/factories.ts';
import { getBuiltinFramework } from '../shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '../shared/scoring/sample.ts';
import {
  arg,
  call,
  cpuMs,
  openPeriod,
  percentile,
  serverDatabase,
  signIn,
  startApp,
  type AppProcess,
  type Session,
} from './support.ts';

const seconds = Number(arg('--seconds') ?? 60);
const users = Number(arg('--users') ?? 500);
const share = (n: number) => Math.max(2, Math.round((n * users) / 500));

const database = await serverDatabase();
const dirs = [0, 1].map(() => mkdtempSync(path.join(tmpdir(), 'danhgia-deadline-')));
const apps: AppProcess[] = [];
try {
  const env = (i: number) => ({ DATABASE_URL: database.url, DATA_DIR: dirs[i]!, TRUST_PROXY: 'true' });
  apps.push(await startApp(env(0))); // migrated by serverDatabase(); this one seeds the demo province
  apps.push(await startApp(env(1)));
  const [a] = apps;
  let address = 0;
  // Each virtual user its own address, as citizens and officers behind the proxy are.
  const from = () => `10.${(address >> 16) & 255}.${(address >> 8) & 255}.${address++ & 255}`;
  const signInFrom = (username: string, password = DEMO_PASSWORD) =>
    signIn(a!.base, username, password, { 'x-forwarded-for': from() });

  console.log('setup: a period for the 92 communes, an officer and a chairman each, full self-assessments…');
  const province = await signIn(a!.base, 'sotuphap', DEMO_PASSWORD);
  const { periodId, evaluations } = await openPeriod(a!.base, province);
  const handle = await openDatabase({ engine: 'postgres', url: database.url, poolSize: 2 });
  const accounts = [];
  for (const e of evaluations)
    accounts.push({
      evaluation: e.id,
      officer: await createUser(handle.db, { role: 'commune_officer', unit: { id: e.unit.id } as never }),
      chairman: await createUser(handle.db, { role: 'commune_chairman', unit: { id: e.unit.id } as never }),
    });
  await handle.close();
  const framework = getBuiltinFramework('TCPL-2021');
  const communes: {
    id: string;
    officer: Session;
    chairman: Session;
    input: ReturnType<typeof sampleEvaluationInput>;
    version: number;
  }[] = [];
  for (const [i, acc] of accounts.entries()) {
    const officer = await signInFrom(acc.officer.username, TEST_PASSWORD);
    const chairman = await signInFrom(acc.chairman.username, TEST_PASSWORD);
    const url = `/api/evaluations/${acc.evaluation}`;
    const input = sampleEvaluationInput(framework, seededRandom(i + 1), 1);
    const version = (await call(a!.base, officer, 'GET', url)).json.version as number;
    const saved = await call(a!.base, officer, 'PUT', `${url}/self-assessment`, {
      expectedVersion: version,
      input,
      narrative: { advantages: 'Đo tải.', difficulties: 'Đo tải.', goals: 'Đo tải.' },
    });
    if (saved.status !== 200) throw new Error(`save: ${saved.text}`);
    communes.push({ id: acc.evaluation, officer, chairman, input, version: saved.json.version as number });
  }
  const posted = communes.slice(0, 10);
  for (const c of posted) {
    const url = `/api/evaluations/${c.id}`;
    const submitted = await call(a!.base, c.chairman, 'POST', `${url}/submit`, {
      expectedVersion: c.version,
    });
    if (submitted.status !== 200) throw new Error(`submit: ${submitted.text}`);
    const post = await call(a!.base, c.chairman, 'POST', `${url}/post`, {
      expectedVersion: submitted.json.version,
    });
    if (post.status !== 200) throw new Error(`post: ${post.text}`);
  }
  const reviewer = await signInFrom('thamdinh');
  const admins = [await signInFrom('sotuphap'), await signInFrom('quantri')];

  type Kind = { name: string; connections: number; samples: number[]; statuses: Map<number, number> };
  const kinds: Kind[] = [];
  const kind = (name: string, connections: number): Kind => {
    const k = { name, connections, samples: [], statuses: new Map<number, number>() };
    kinds.push(k);
    return k;
  };
  type Ctx = { t0?: number; version?: number; ip?: string; n?: number };
  type Built = { method: 'GET' | 'PUT'; path: string; headers?: Record<string, string>; body?: string };
  let connection = 0;
  /**
   * One request of a kind, built for the connection's own user (`ctx.n`, given on its first request):
   * timed from just before it is sent to its answer, its status counted.
   */
  const timed = (
    k: Kind,
    build: (n: number, ctx: Ctx) => Built,
    after?: (status: number, body: string, ctx: Ctx) => void,
  ): autocannon.Request => ({
    setupRequest: (req, context) => {
      const ctx = context as Ctx;
      ctx.n ??= connection++;
      ctx.ip ??= from();
      ctx.t0 = performance.now();
      const built = build(ctx.n, ctx);
      return { ...req, ...built, headers: { ...built.headers, 'x-forwarded-for': ctx.ip } };
    },
    onResponse: (status, body, context) => {
      const ctx = context as Ctx;
      k.samples.push(performance.now() - ctx.t0!);
      k.statuses.set(status, (k.statuses.get(status) ?? 0) + 1);
      after?.(status, body, ctx);
    },
  });
  const headersOf = (s: Session) => ({ cookie: s.cookie, 'x-csrf-token': s.csrf });
  const runs: Promise<unknown>[] = [];
  /** Splits a kind's connections evenly over both instances, as a load balancer would. */
  const drive = (k: Kind, requests: autocannon.Request[]) => {
    for (const [j, app] of apps.entries()) {
      const connections = Math.floor(k.connections / 2) + (j === 0 ? k.connections % 2 : 0);
      runs.push(autocannon({ url: app.base, connections, duration: seconds, requests }));
    }
  };
  const commune = (n: number) => communes[n % communes.length]!;

  const saves = kind('saves (officers)', share(200));
  const saveReads = kind('reads before saving', 0);
  drive(saves, [
    timed(
      saveReads,
      (n) => ({
        method: 'GET',
        path: `/api/evaluations/${commune(n).id}`,
        headers: headersOf(commune(n).officer),
      }),
      (status, body, ctx) => {
        if (status === 200) ctx.version = (JSON.parse(body) as { version: number }).version;
      },
    ),
    timed(saves, (n, ctx) => ({
      method: 'PUT',
      path: `/api/evaluations/${commune(n).id}/self-assessment`,
      headers: { ...headersOf(commune(n).officer), 'content-type': 'application/json' },
      body: JSON.stringify({ expectedVersion: ctx.version, input: commune(n).input }),
    })),
  ]);
  const chairmen = kind('reads (chairmen)', share(40));
  drive(chairmen, [
    timed(chairmen, (n) => ({
      method: 'GET',
      path: `/api/evaluations/${commune(n).id}`,
      headers: headersOf(commune(n).chairman),
    })),
    timed(chairmen, (n) => ({
      method: 'GET',
      path: '/api/evaluations?family=tcpl',
      headers: headersOf(commune(n).chairman),
    })),
  ]);
  const reviewers = kind('reads (reviewers)', share(100));
  let read = 0;
  drive(reviewers, [
    timed(reviewers, () => ({
      method: 'GET',
      path: `/api/evaluations/${commune(read++).id}`,
      headers: headersOf(reviewer),
    })),
  ]);
  const dashboard = kind('dashboard (province)', share(10));
  drive(dashboard, [
    timed(dashboard, (n) => ({
      method: 'GET',
      path: '/api/analytics/dashboard',
      headers: headersOf(admins[n % 2]!),
    })),
    timed(dashboard, (n) => ({
      method: 'GET',
      path: `/api/periods/${periodId}/summary`,
      headers: headersOf(admins[n % 2]!),
    })),
  ]);
  const citizens = kind('public page (citizens)', share(150));
  drive(citizens, [
    timed(citizens, (n) => ({
      method: 'GET',
      path: `/api/public/evaluations/${posted[n % posted.length]!.id}`,
    })),
  ]);

  const total = kinds.reduce((n, k) => n + k.connections, 0);
  console.log(`${total} virtual users for ${seconds} s on two instances of one PostgreSQL database…`);
  const cpu = apps.map((app) => cpuMs(app.child.pid));
  const driver = process.cpuUsage();
  await Promise.all(runs);
  const used = apps.map((app, i) => ((cpuMs(app.child.pid) - cpu[i]!) / 1000).toFixed(0));
  const driven = process.cpuUsage(driver);
  const driverSeconds = ((driven.user + driven.system) / 1e6).toFixed(0);
  let requests = 0;
  let errors = 0;
  for (const k of kinds) {
    const sorted = [...k.samples].sort((x, y) => x - y);
    const conflicts = k.statuses.get(409) ?? 0;
    const failed = [...k.statuses].filter(([s]) => s >= 400 && s !== 409).reduce((n, [, c]) => n + c, 0);
    requests += sorted.length;
    errors += failed;
    console.log(
      `${k.name.padEnd(24)} ${(sorted.length / seconds).toFixed(0).padStart(5)} req/s  p50 ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  p99 ${percentile(sorted, 99).toFixed(0).padStart(5)} ms` +
        `${conflicts ? `  409 (expected) ${conflicts}` : ''}  errors ${failed}${failed ? ` ${JSON.stringify(Object.fromEntries(k.statuses))}` : ''}`,
    );
  }
  console.log(
    `all: ${(requests / seconds).toFixed(0)} req/s, errors ${errors}; app CPU ${used.join(' s + ')} s, load generator CPU ${driverSeconds} s. Goals (issue #18): 0 errors, p99 saves < 500 ms, reads < 200 ms.`,
  );
} finally {
  for (const app of apps) await app.stop();
  await database.drop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}
