/**
 * Embedded mode (PGlite, one connection) under the load of a commune or district: the real app
 * (boot() from server/boot.ts, temp DATA_DIR, demo seed) listens on 127.0.0.1 in a child process;
 * this process drives it with a small fetch loop so the load generator does not share the server's
 * event loop.
 *
 * Scenarios, each ≈ 10 s: 10 and 50 concurrent users reading GET /api/evaluations/:id while one
 * of them saves the self-assessment every second; then 10 readers while the whole country's unit
 * list is imported by the job worker. Reports requests/s and p50/p99/max per kind.
 *
 * `npm run bench -- embedded-load` (or `node --import tsx bench/embedded-load.bench.ts`).
 * Options: `--seconds N` (default 10), `--readers 10,50`, `--no-import`, `--cpu-prof DIR`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../server/db/seeds/demo.seed.ts';
import { getBuiltinFramework } from '../shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '../shared/scoring/sample.ts';
import {
  arg,
  call as callAt,
  cpuMs,
  openPeriod,
  percentile,
  signIn as signInAt,
  startApp,
  type Session,
} from './support.ts';

type Sample = { ms: number; ok: boolean };

function summarise(kind: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failed = samples.filter((s) => !s.ok).length;
  return (
    `${kind.padEnd(8)} ${String(samples.length).padStart(6)} req  ${(samples.length / seconds).toFixed(1).padStart(7)} req/s` +
    `  p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(ms, 99).toFixed(1).padStart(7)} ms` +
    `  max ${(ms[ms.length - 1] ?? NaN).toFixed(1).padStart(7)} ms${failed ? `  ERRORS ${failed}` : ''}`
  );
}

await drive();

/** Start the app on PGlite, sign in, open a period, run the scenarios, stop the app. */
async function drive() {
  const seconds = Number(arg('--seconds') ?? 10);
  const readerCounts = (arg('--readers') ?? '10,50').split(',').map(Number);
  const withImport = !process.argv.includes('--no-import');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'danhgia-load-'));
  // `--cpu-prof DIR`: the server writes a V8 CPU profile there (to see where the time goes).
  const profDir = arg('--cpu-prof');
  const app = await startApp(
    { DATA_DIR: dataDir, DATABASE_URL: '' },
    profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [],
  );
  const child = app.child;
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000).unref();
  try {
    const base = app.base;
    const signIn = (username: string) => signInAt(base, username, DEMO_PASSWORD);
    const call = (s: Session, method: string, url: string, body?: unknown) =>
      callAt(base, s, method, url, body);

    const officer = await signIn('canbo');
    const chairman = await signIn('chutich');
    const province = await signIn('sotuphap');
    const reviewer = await signIn('thamdinh');
    const admin = await signIn('quantri');
    const communeId = ((await call(chairman, 'GET', '/api/auth/me')).json.grants as { unitId: string }[])[0]!
      .unitId;
    const evaluationId = (await openPeriod(base, province, [communeId])).evaluations[0]!.id;
    const readers = [officer, chairman, province, reviewer, admin];
    const framework = getBuiltinFramework('TCPL-2021');
    let version = (await call(officer, 'GET', `/api/evaluations/${evaluationId}`)).json.version as number;
    let seed = 1;
    const save = async () => {
      const saved = await call(officer, 'PUT', `/api/evaluations/${evaluationId}/self-assessment`, {
        expectedVersion: version,
        input: sampleEvaluationInput(framework, seededRandom(seed++), 0.9),
        narrative: { advantages: 'Đo tải', difficulties: '', goals: '' },
      });
      if (saved.status === 200) version = saved.json.version as number;
      else version = (await call(officer, 'GET', `/api/evaluations/${evaluationId}`)).json.version as number;
      return saved.status === 200;
    };
    const bytes = (await call(officer, 'GET', `/api/evaluations/${evaluationId}`)).json;
    console.log(`GET /api/evaluations/:id answers ${JSON.stringify(bytes).length} bytes of JSON`);

    const timed = async (run: () => Promise<boolean>, into: Sample[]) => {
      const started = performance.now();
      let ok: boolean;
      try {
        ok = await run();
      } catch {
        ok = false;
      }
      into.push({ ms: performance.now() - started, ok });
    };
    const readLoop = async (s: Session, until: () => boolean, into: Sample[]) => {
      while (!until())
        await timed(
          async () => (await call(s, 'GET', `/api/evaluations/${evaluationId}`)).status === 200,
          into,
        );
    };

    // Warm-up (JIT, PGlite caches).
    const warm: Sample[] = [];
    const warmEnd = performance.now() + 2000;
    await Promise.all(readers.map((s) => readLoop(s, () => performance.now() > warmEnd, warm)));

    const lines: string[] = [];
    for (const n of readerCounts) {
      const reads: Sample[] = [];
      const saves: Sample[] = [];
      const end = performance.now() + seconds * 1000;
      const done = () => performance.now() > end;
      const cpuBefore = cpuMs(child.pid);
      const saver = (async () => {
        while (!done()) {
          const next = performance.now() + 1000;
          await timed(save, saves);
          const wait = next - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
      })();
      await Promise.all([
        saver,
        ...Array.from({ length: n }, (_, i) => readLoop(readers[i % readers.length]!, done, reads)),
      ]);
      const cpu = cpuMs(child.pid) - cpuBefore;
      lines.push(
        `${n} readers + 1 saver (1 save/s), ${seconds} s; server CPU ${(cpu / (reads.length + saves.length)).toFixed(1)} ms per request:`,
      );
      lines.push(`  ${summarise('reads', reads, seconds)}`);
      lines.push(`  ${summarise('saves', saves, seconds)}`);
    }

    if (withImport) {
      // 10 readers while the job worker imports the whole country (≈ 13,500 units, ≈ 10,000 links).
      const reads: Sample[] = [];
      const started = performance.now();
      const queued = await call(admin, 'POST', '/api/units/import', {});
      if (queued.status !== 200) throw new Error(`import: ${JSON.stringify(queued.json)}`);
      const jobId = queued.json.jobId as string;
      let finished = false;
      let state = '';
      const poller = (async () => {
        const limit = performance.now() + 5 * 60_000;
        while (!finished && performance.now() < limit) {
          await new Promise((r) => setTimeout(r, 250));
          const job = await call(admin, 'GET', `/api/jobs/${jobId}`);
          state = String(job.json.status);
          if (state === 'succeeded' || state === 'failed') finished = true;
        }
        finished = true;
      })();
      await Promise.all([
        poller,
        ...Array.from({ length: 10 }, (_, i) =>
          readLoop(readers[i % readers.length]!, () => finished, reads),
        ),
      ]);
      const took = (performance.now() - started) / 1000;
      lines.push(`10 readers during the whole-country unit import (job ${state}, ${took.toFixed(1)} s):`);
      lines.push(`  ${summarise('reads', reads, took)}`);
    }
    for (const line of lines) console.log(line);
  } finally {
    clearTimeout(killTimer);
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
