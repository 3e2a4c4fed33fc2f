/**
 * Issue #18 item 3: an authenticated evaluation read against a bare Fastify serving the same response
 * body, side by side in one run, on the PostgreSQL server. Both run in their own process; autocannon
 * (50 connections) drives each in turn, twice, and the ratio of requests per second is printed.
 *
 * `npm run bench -- reads` (options `--seconds N` per run, default 10; `--connections N`, default 50).
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../server/db/seeds/demo.seed.ts';
import { getBuiltinFramework } from '../shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '../shared/scoring/sample.ts';
import { arg, call, cpuMs, openPeriod, serverDatabase, signIn, startApp, startProcess } from './support.ts';

const seconds = Number(arg('--seconds') ?? 10);
const connections = Number(arg('--connections') ?? 50);
const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-reads-'));
const database = await serverDatabase();
// `--cpu-prof DIR`: the app writes a V8 CPU profile there (to see where the time goes).
const profDir = arg('--cpu-prof');
const app = await startApp(
  { DATABASE_URL: database.url, DATA_DIR: dir },
  profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
);
let bare: Awaited<ReturnType<typeof startProcess>> | undefined;
try {
  const officer = await signIn(app.base, 'canbo', DEMO_PASSWORD);
  const province = await signIn(app.base, 'sotuphap', DEMO_PASSWORD);
  const communeId = (
    (await call(app.base, officer, 'GET', '/api/auth/me')).json.grants as { unitId: string }[]
  )[0]!.unitId;
  const { evaluations } = await openPeriod(app.base, province, [communeId]);
  const id = evaluations[0]!.id;
  const url = `/api/evaluations/${id}`;
  const version = (await call(app.base, officer, 'GET', url)).json.version as number;
  const framework = getBuiltinFramework('TCPL-2021');
  const saved = await call(app.base, officer, 'PUT', `${url}/self-assessment`, {
    expectedVersion: version,
    input: sampleEvaluationInput(framework, seededRandom(1), 0.9),
  });
  if (saved.status !== 200) throw new Error(`save: ${saved.text}`);
  const body = (await call(app.base, officer, 'GET', url)).text;
  const bodyFile = path.join(dir, 'body.json');
  writeFileSync(bodyFile, body);
  bare = await startProcess(fileURLToPath(new URL('./bare-server.ts', import.meta.url)), {
    BODY_FILE: bodyFile,
  });
  console.log(
    `GET ${url.replace(id, ':id')}: ${(Buffer.byteLength(body) / 1024).toFixed(1)} KB of JSON (the framework's content is served once by its hash); ${connections} connections, ${seconds} s per run`,
  );

  const measure = async (
    name: string,
    base: string,
    target: string,
    headers: Record<string, string>,
    pid?: number,
  ) => {
    const cpu = cpuMs(pid);
    const r = await autocannon({ url: `${base}${target}`, connections, duration: seconds, headers });
    const used = cpuMs(pid) - cpu;
    const failed = r.errors + r.timeouts + r.non2xx;
    console.log(
      `${name.padEnd(28)} ${r.requests.average.toFixed(0).padStart(6)} req/s  p50 ${String(r.latency.p50).padStart(4)} ms  p99 ${String(r.latency.p99).padStart(4)} ms` +
        `  server CPU ${(used / r.requests.total).toFixed(2)} ms/req${failed ? `  FAILED ${failed}` : ''}`,
    );
    return r.requests.average;
  };
  const ratios: number[] = [];
  for (let round = 1; round <= 2; round++) {
    const ours = await measure(
      `app (signed in), run ${round}`,
      app.base,
      url,
      { cookie: officer.cookie },
      app.child.pid,
    );
    const plain = await measure(`bare Fastify, run ${round}`, bare.base, '/body', {}, bare.child.pid);
    ratios.push(ours / plain);
  }
  console.log(
    `ratio app / bare: ${ratios.map((r) => r.toFixed(2)).join(', ')} (issue #18 goal: at least 0.5)`,
  );
} finally {
  await bare?.stop();
  await app.stop();
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
}
