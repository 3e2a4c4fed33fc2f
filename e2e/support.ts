import { spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll } from 'vitest';
import { openDatabase } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { createServerDatabase } from '@server/test/test-db.ts';
import { DATA_TEMPLATE_ENV, ROOT, startProcess } from './server-process.ts';

export { ROOT };

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = path.join(ROOT, 'test-artifacts');
export const hasChromium = existsSync(CHROMIUM);
const isCI = process.env.CI === 'true' || process.env.CI === '1';
/** Without Chromium the journeys are skipped on a developer's machine, but in CI (CI=true) they
 * run and fail in launchBrowser, saying what is missing: a skipped journey in CI would look green. */
export const skipWithoutChromium = !hasChromium && !isCI;

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  if (!hasChromium)
    throw new Error(
      `Chromium is missing at ${CHROMIUM} (apt-get install chromium)${isCI ? '; CI=true: browser tests do not skip in CI' : ''}.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // The app then opens panels and menus without animation (as for a user who asks for less
      // motion): a click no longer waits for the element under it to stop moving.
      '--force-prefers-reduced-motion',
    ],
  });
}

export type StartedServer = {
  /** Where the journey points its browser: the server, or the round-robin proxy in front of the instances. */
  url: string;
  dataDir: string;
  /** The (first) server process. */
  process: ChildProcess;
  output: () => string;
  /** Each instance's own address and the requests the proxy sent it (one instance without E2E_DATABASE_URL). */
  instances: { url: string; served: number }[];
  stop(): Promise<void>;
};

/**
 * With E2E_DATABASE_URL (a PostgreSQL server URL), startServer runs E2E_INSTANCES (default 1) server
 * processes on one fresh database of that server, behind a round-robin proxy of the test's own, as a
 * deployment behind a load balancer does (docs/deploy.md). The database lives until the test file ends
 * (a journey restarts on the same data with `{ dataDir }`).
 */
const serverAdminUrl = process.env.E2E_DATABASE_URL;
const instanceCount = Math.max(1, Number(process.env.E2E_INSTANCES ?? '1') || 1);
/** The database of each shared data folder, dropped when the test file ends. */
const databases = new Map<string, { url: string; drop(): Promise<void> }>();
if (serverAdminUrl)
  afterAll(async () => {
    for (const database of databases.values()) await database.drop();
    databases.clear();
  });

/**
 * Starts the real application exactly as `npm start` does (web build included) on a free port
 * and a fresh data folder, and waits for its banner. With E2E_DATABASE_URL: see above.
 */
export async function startServer(
  env: Record<string, string> = {},
  options: { dataDir?: string; instances?: number } = {},
): Promise<StartedServer> {
  // Pass the dataDir of a stopped server to restart on the same data (e.g. with CLOCK_OFFSET_DAYS).
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'danhgia-e2e-'));
  // A fresh default start begins from the run's seeded folder (e2e/global-setup.ts), as a restart would.
  const template = process.env[DATA_TEMPLATE_ENV];
  if (!options.dataDir && !serverAdminUrl && template && Object.keys(env).length === 0)
    cpSync(template, dataDir, { recursive: true });
  if (!serverAdminUrl) {
    if ((options.instances ?? 1) > 1) throw new Error('several instances need E2E_DATABASE_URL');
    const server = await startProcess({ DATA_DIR: dataDir, ...env });
    return { ...server, dataDir, instances: [{ url: server.url, served: 0 }] };
  }
  let database = databases.get(dataDir);
  if (!database) {
    // A fresh database, migrated once before any instance starts, as a deployment does (npm run db:migrate).
    database = await createServerDatabase(serverAdminUrl);
    databases.set(dataDir, database);
    const handle = await openDatabase({ engine: 'postgres', url: database.url, poolSize: 1 });
    await migrate(handle.db);
    await handle.close();
  }
  // Build the web app once: the instances then start at the same moment (the demo seed takes turns).
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, DANHGIA_BUILD_ONLY: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`web build failed:\n${build.stdout}${build.stderr}`);
  // Each instance its own DATA_DIR (as on separate machines); the stored files in one shared folder.
  const shared = {
    FILES_DIR: path.join(dataDir, 'files'),
    DATABASE_URL: database.url,
    SEED_DEMO: 'true',
    // Every instance seals the audit trail with the same key (docs/deploy.md).
    AUDIT_KEY: 'danhgia-e2e-audit-key-shared-by-every-instance',
    ...env,
  };
  const started = await Promise.allSettled(
    Array.from({ length: options.instances ?? instanceCount }, (_, i) =>
      startProcess({ DATA_DIR: path.join(dataDir, `instance-${i + 1}`), ...shared }),
    ),
  );
  const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await Promise.all(servers.map((server) => server.stop()));
    throw (failed as PromiseRejectedResult).reason;
  }
  const proxy = await startRoundRobinProxy(servers.map((server) => server.url));
  return {
    url: proxy.url,
    dataDir,
    process: servers[0]!.process,
    output: () => servers.map((server, i) => `--- instance ${i + 1} ---\n${server.output()}`).join('\n'),
    instances: proxy.instances,
    async stop() {
      await proxy.close();
      await Promise.all(servers.map((server) => server.stop()));
    },
  };
}

/**
 * A load balancer of the test's own (node:http): each request goes to the next instance in turn,
 * whatever connection it came on, and is counted per instance. Passes X-Forwarded-For as nginx does.
 */
async function startRoundRobinProxy(targets: string[]) {
  const instances = targets.map((url) => ({ url, served: 0 }));
  let next = 0;
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((request, response) => {
    const instance = instances[next++ % instances.length]!;
    instance.served++;
    const target = new URL(instance.url);
    const upstream = http.request(
      {
        host: target.hostname === 'localhost' ? '127.0.0.1' : target.hostname,
        port: target.port,
        method: request.method,
        path: request.url,
        headers: { ...request.headers, 'x-forwarded-for': request.socket.remoteAddress ?? '' },
        agent,
      },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', (error) => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`proxy: ${error.message}`);
    });
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    instances,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}
