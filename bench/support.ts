/**
 * What the load benchmarks share: the real app in child processes (so the load generator does not share
 * their event loop), signed-in sessions as the browser holds them, a PostgreSQL database of their own,
 * and one evaluation period for the demo province's communes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const APP_SERVER = fileURLToPath(new URL('./app-server.ts', import.meta.url));

export type AppProcess = { base: string; port: number; child: ChildProcess; stop(): Promise<void> };

/** Starts bench/app-server.ts (the real boot(), demo seed) with `env`; answers once it listens. */
export function startApp(env: Record<string, string>, nodeArgs: string[] = []): Promise<AppProcess> {
  return startProcess(APP_SERVER, env, nodeArgs);
}

/** Starts a server script that prints `LISTENING <port>` once it listens. */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<AppProcess> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const m = /LISTENING (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** CPU milliseconds (user + system) a process has used, from /proc (Linux); NaN elsewhere. */
export function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

export type Session = { cookie: string; csrf: string };

/** Signs in as the browser does; the cookie and CSRF token of the session. */
export async function signIn(
  base: string,
  username: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<Session> {
  const response = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ username, password }),
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
}

export type Json = Record<string, unknown>;

export async function call(base: string, s: Session | null, method: string, url: string, body?: unknown) {
  const response = await fetch(`${base}${url}`, {
    method,
    headers: {
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, json: text ? (JSON.parse(text) as Json) : {} };
}

/**
 * Opens this year's TCPL-2021 period of the demo province for `unitIds` (every commune of the province
 * when omitted), as the province administrator does; answers the evaluations (id, unit id).
 */
export async function openPeriod(base: string, province: Session, unitIds?: string[]) {
  const provinces = (await call(base, province, 'GET', '/api/units?level=province')).json.items as {
    id: string;
  }[];
  const communes =
    unitIds ??
    (
      (await call(base, province, 'GET', `/api/units?parentId=${provinces[0]!.id}&pageSize=500`)).json
        .items as { id: string }[]
    ).map((u) => u.id);
  const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
  const plus = (n: number) => new Date(Date.parse(today) + n * 86_400_000).toISOString().slice(0, 10);
  const opened = await call(base, province, 'POST', '/api/periods', {
    unitId: provinces[0]!.id,
    year: Number(today.slice(0, 4)),
    name: 'Kỳ đo tải',
    evaluatingLevel: 'province',
    frameworkCode: 'TCPL-2021',
    selfAssessmentDue: plus(10),
    submissionDue: plus(20),
    appraisalDue: plus(30),
    decisionDue: plus(40),
    unitIds: communes,
  });
  if (opened.status !== 200) throw new Error(`open period: ${opened.text}`);
  const list = (await call(base, province, 'GET', `/api/evaluations?periodId=${opened.json.id as string}`))
    .json as unknown as { id: string; unit: { id: string } }[];
  return { periodId: opened.json.id as string, evaluations: list };
}

export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * A fresh, migrated database on the PostgreSQL server (TEST_DATABASE_URL, else the machine's server at
 * 127.0.0.1:5432), dropped by `drop()`.
 */
export async function serverDatabase() {
  const { createServerDatabase } = await import('../server/test/test-db.ts');
  const { openDatabase } = await import('../server/db/client.ts');
  const { migrate } = await import('../server/db/migrator.ts');
  const created = await createServerDatabase(
    process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  );
  const handle = await openDatabase({ engine: 'postgres', url: created.url, poolSize: 2 });
  await migrate(handle.db);
  await handle.close();
  return created;
}

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
