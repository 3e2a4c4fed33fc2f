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
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

if (process.argv.includes('--serve')) {
  await serve();
} else {
  await drive();
}

/** Child: boot the real app on PGlite and listen on a free loopback port. */
async function serve() {
  const pino = (await import('pino')).default;
  const { z } = await import('zod');
  const { loadConfig } = await import('../server/config.ts');
  const { boot } = await import('../server/boot.ts');
  z.config(z.locales.vi());
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
  });
  const running = await boot(config, pino({ level: 'warn' }));
  await running.app.listen({ host: '127.0.0.1', port: 0 });
  running.worker.start();
  const address = running.app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`LISTENING ${port}\n`);
  process.on('SIGTERM', () => {
    void running.close().then(() => process.exit(0));
  });
}

type Sample = { ms: number; ok: boolean };

/** CPU milliseconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function summarise(kind: string, samples: Sample[], seconds: number) {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failed = samples.filter((s) => !s.ok).length;
  return (
    `${kind.padEnd(8)} ${String(samples.length).padStart(6)} req  ${(samples.length / seconds).toFixed(1).padStart(7)} req/s` +
    `  p50 ${percentile(ms, 50).toFixed(1).padStart(7)} ms  p99 ${percentile(ms, 99).toFixed(1).padStart(7)} ms` +
    `  max ${(ms[ms.length - 1] ?? NaN).toFixed(1).padStart(7)} ms${failed ? `  ERRORS ${failed}` : ''}`
  );
}

/** Parent: start the child, sign in, open a period, run the scenarios, stop the child. */
async function drive() {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const seconds = Number(arg('--seconds') ?? 10);
  const readerCounts = (arg('--readers') ?? '10,50').split(',').map(Number);
  const withImport = !process.argv.includes('--no-import');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'danhgia-load-'));
  // `--cpu-prof DIR`: the server writes a V8 CPU profile there (to see where the time goes).
  const profDir = arg('--cpu-prof');
  const profile = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, '--import', 'tsx', self, '--serve'], {
    env: { ...process.env, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killTimer = setTimeout(() => child.kill('SIGKILL'), 10 * 60_000).unref();
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk) => {
        out += chunk;
        const m = /LISTENING (\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const { DEMO_PASSWORD } = await import('../server/db/seeds/demo.seed.ts');
    const { getBuiltinFramework } = await import('../shared/frameworks/registry.ts');
    const { sampleEvaluationInput, seededRandom } = await import('../shared/scoring/sample.ts');

    type Session = { cookie: string; csrf: string };
    const signIn = async (username: string): Promise<Session> => {
      const response = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sign-in ${username}: ${response.status}`);
      const cookie = response.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
      const me = (await (await fetch(`${base}/api/auth/me`, { headers: { cookie } })).json()) as {
        csrfToken: string;
      };
      return { cookie, csrf: me.csrfToken };
    };
    const call = async (s: Session, method: string, url: string, body?: unknown) => {
      const response = await fetch(`${base}${url}`, {
        method,
        headers: {
          cookie: s.cookie,
          'x-csrf-token': s.csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    };

    // Open a period for the demo commune, as the province does.
    const officer = await signIn('canbo');
    const chairman = await signIn('chutich');
    const province = await signIn('sotuphap');
    const reviewer = await signIn('thamdinh');
    const admin = await signIn('quantri');
    const communeId = ((await call(chairman, 'GET', '/api/auth/me')).json.grants as { unitId: string }[])[0]!
      .unitId;
    const provinces = (await call(province, 'GET', '/api/units?level=province')).json.items as {
      id: string;
    }[];
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    const plus = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
    const opened = await call(province, 'POST', '/api/periods', {
      unitId: provinces[0]!.id,
      year: Number(today.slice(0, 4)),
      name: 'Kỳ đo tải',
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: plus(10),
      submissionDue: plus(20),
      appraisalDue: plus(30),
      decisionDue: plus(40),
      unitIds: [communeId],
    });
    if (opened.status !== 200) throw new Error(`open period: ${JSON.stringify(opened.json)}`);
    const list = (await call(province, 'GET', `/api/evaluations?periodId=${opened.json.id as string}`))
      .json as unknown as { id: string }[];
    const evaluationId = list[0]!.id;
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
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
    rmSync(dataDir, { recursive: true, force: true });
  }
}
