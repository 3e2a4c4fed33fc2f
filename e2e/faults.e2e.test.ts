/**
 * kill -9 of the real server (started as `npm start` does: embedded database, or a fresh database on the
 * PostgreSQL server when TEST_DATABASE_URL is set, as CI does) in the middle of a save
 * loop, of a whole-country units import and of a bulk PDF export; then a restart on the same data folder. What a commune
 * relies on: every save the server acknowledged is there, the database opens and is consistent, the
 * interrupted job is taken back at once and finishes, and the audit chain still verifies.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { createServerDatabase } from '@server/test/test-db.ts';
import { startServer, type StartedServer } from './support.ts';

const PASSWORD = 'DanhGia@2026';

// The answers are read ad hoc (a field here and there); their shapes are checked by the contract tests.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;
type Session = {
  cookie: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }>;
};

async function session(url: string, username: string): Promise<Session> {
  const signIn = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(signIn.status).toBe(200);
  const cookie = signIn.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  return {
    cookie,
    async call(method, path, body) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null };
    },
  };
}

/** The server process ends at once, as on a power cut: no shutdown hook runs. */
function killHard(server: StartedServer) {
  return new Promise<void>((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const serverAdminUrl = process.env.TEST_DATABASE_URL;

describe(`kill -9 of the server, then a restart on the same data (${serverAdminUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let server: StartedServer | undefined;
  /** On the PostgreSQL server: a fresh database, migrated once as a deployment does, with the demo data. */
  /** The servers' temp folder, to see that a killed run's scratch folders are removed. */
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'danhgia-faults-'));
  let env: Record<string, string> = { TMPDIR: tmp };
  let dropDatabase = async () => {};
  beforeAll(async () => {
    if (!serverAdminUrl) return;
    const created = await createServerDatabase(serverAdminUrl);
    dropDatabase = created.drop;
    const handle = await openDatabase({ engine: 'postgres', url: created.url });
    await migrate(handle.db);
    await handle.close();
    env = { ...env, DATABASE_URL: created.url, SEED_DEMO: 'true' };
  });
  afterAll(async () => {
    await server?.stop();
    await dropDatabase();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('keeps every acknowledged save and resumes an interrupted units import and bulk PDF export', async () => {
    server = await startServer(env);
    const organiser = await session(server.url, 'sotuphap');
    const officer = await session(server.url, 'canbo');
    const communeId = (await officer.call('GET', '/api/auth/me')).json.grants[0].unitId as string;
    const provinceId = (await organiser.call('GET', '/api/units?level=province')).json.items[0].id as string;
    const today = new Date().toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const period = await organiser.call('POST', '/api/periods', {
      unitId: provinceId,
      year: Number(today.slice(0, 4)),
      name: 'Kỳ thử ngắt điện',
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: plus(14),
      submissionDue: plus(24),
      appraisalDue: plus(34),
      decisionDue: plus(44),
      unitIds: [communeId],
    });
    expect(period.status, JSON.stringify(period.json)).toBe(200);
    const id = (await officer.call('GET', `/api/evaluations?periodId=${period.json.id}`)).json[0]
      .id as string;

    // A save loop; the power goes while a save is in flight.
    let version = (await officer.call('GET', `/api/evaluations/${id}`)).json.version as number;
    let acknowledged = 0;
    for (let i = 1; i <= 8; i++) {
      const saved = await officer.call('PUT', `/api/evaluations/${id}/self-assessment`, {
        expectedVersion: version,
        input: { values: { '3.3.hoatDong': i } },
      });
      expect(saved.status, JSON.stringify(saved.json)).toBe(200);
      version = saved.json.version;
      acknowledged = i;
    }
    const inFlight = officer
      .call('PUT', `/api/evaluations/${id}/self-assessment`, {
        expectedVersion: version,
        input: { values: { '3.3.hoatDong': acknowledged + 1 } },
      })
      .catch(() => null);
    await killHard(server);
    await inFlight;

    server = await startServer(env, { dataDir: server.dataDir });
    const after = await session(server.url, 'canbo');
    const stored = (await after.call('GET', `/api/evaluations/${id}`)).json;
    // The acknowledged save is there; the one in flight either committed whole or not at all.
    expect([acknowledged, acknowledged + 1]).toContain(stored.selfInput.values['3.3.hoatDong']);

    // A whole-country import, killed while it runs: the restarted process takes it back at once.
    const admin = await session(server.url, 'quantri');
    const started = await admin.call('POST', '/api/units/import', {});
    expect(started.status, JSON.stringify(started.json)).toBe(200);
    const jobId = started.json.jobId as number;
    await waitFor('the import starts', async () => {
      const job = (await admin.call('GET', `/api/jobs/${jobId}`)).json;
      return job.status === 'running' ? job : undefined;
    });
    await killHard(server);

    server = await startServer(env, { dataDir: server.dataDir });
    const again = await session(server.url, 'quantri');
    const finished = await waitFor(
      'the interrupted import finishes after the restart',
      async () => {
        const job = (await again.call('GET', `/api/jobs/${jobId}`)).json;
        return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
      },
      90_000,
    );
    expect(finished.status, JSON.stringify(finished)).toBe('succeeded');
    const provinces = (await again.call('GET', '/api/units?level=province&pageSize=100')).json;
    expect(provinces.total).toBe(34);

    // A bulk PDF export, killed while LibreOffice converts: the restarted process takes the job back at
    // once, finishes it (the ZIP downloads), and no scratch folder of the killed run is left.
    // The dossier is filled and closed first, so Mẫu 01 and 02 exist and LibreOffice has work to do.
    const filler = await session(server.url, 'canbo');
    const current = (await filler.call('GET', `/api/evaluations/${id}`)).json;
    const filled = await filler.call('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: current.version,
      input: sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(5), 1),
      narrative: { advantages: 'Có thuận lợi.', difficulties: 'Còn hạn chế.', goals: 'Có mục tiêu.' },
    });
    expect(filled.status, JSON.stringify(filled.json)).toBe(200);
    const chairman = await session(server.url, 'chutich');
    const submitted = await chairman.call('POST', `/api/evaluations/${id}/submit`, {
      expectedVersion: filled.json.version,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    const exporter = await session(server.url, 'sotuphap');
    const bulk = await exporter.call('POST', `/api/periods/${period.json.id}/documents/bulk`, {
      forms: ['mau-01', 'mau-02'],
      format: 'pdf',
    });
    expect(bulk.status, JSON.stringify(bulk.json)).toBe(202);
    const bulkId = bulk.json.jobId as number;
    await waitFor(
      'the export starts',
      async () => {
        const job = (await exporter.call('GET', `/api/jobs/${bulkId}`)).json;
        if (job.status !== 'running' && job.status !== 'queued') throw new Error(JSON.stringify(job));
        return job.status === 'running' ? job : undefined;
      },
      60_000,
    );
    await killHard(server);
    server = await startServer(env, { dataDir: server.dataDir });
    const resumed = await session(server.url, 'sotuphap');
    const exported = await waitFor(
      'the interrupted export finishes after the restart',
      async () => {
        const job = (await resumed.call('GET', `/api/jobs/${bulkId}`)).json;
        return job.status === 'succeeded' || job.status === 'failed' ? job : undefined;
      },
      120_000,
    );
    expect(exported.status, JSON.stringify(exported)).toBe('succeeded');
    const zip = await fetch(`${server.url}/api/jobs/${bulkId}/download`, {
      headers: { cookie: resumed.cookie },
    });
    expect(zip.status).toBe(200);
    expect(exported.result).toMatchObject({ documents: 2, failures: [] });
    expect(
      Buffer.from(await zip.arrayBuffer())
        .subarray(0, 2)
        .toString('latin1'),
    ).toBe('PK');
    expect(readdirSync(tmp).filter((name) => /^danhgia-(bulk|lo|pdf)-/.test(name))).toEqual([]);

    const auditor = await session(server.url, 'quantri');
    const chain = (await auditor.call('GET', '/api/audit/verify')).json;
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  }, 420_000);
});
