/**
 * Two server processes on one PostgreSQL database behind a round-robin proxy (issue #18, ADR 0020):
 * what one instance writes, the other serves. Runs only with E2E_DATABASE_URL (a PostgreSQL server;
 * CI runs it with E2E_INSTANCES=2).
 */
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@shared/limits.ts';
import { startServer, type StartedServer } from './support.ts';

const PASSWORD = 'DanhGia@2026';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = any;

/** Signs in through `url`; `call` then goes to `url` or, with `at`, to another instance's address. */
async function session(url: string, username: string) {
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
  return async (method: string, path: string, body?: unknown, at = url) => {
    const response = await fetch(`${at}${path}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      type,
      json: (type.includes('json') ? await response.json() : null) as Answer,
      bytes: type.includes('json') ? null : Buffer.from(await response.arrayBuffer()),
    };
  };
}

async function wrongPassword(url: string, username: string) {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'sai-mat-khau-1' }),
  });
  return { status: response.status, message: ((await response.json()) as Answer).error.message as string };
}

describe.skipIf(!process.env.E2E_DATABASE_URL)('two instances on one PostgreSQL database', () => {
  let server: StartedServer;
  beforeAll(async () => {
    server = await startServer({}, { instances: 2 });
  }, 300_000);
  afterAll(() => server?.stop());

  it('the proxy alternates requests; a bulk ZIP asked on one instance downloads from the other', async () => {
    const [one, two] = server.instances.map((i) => i.url) as [string, string];
    const organiser = await session(server.url, 'sotuphap');
    const officer = await session(server.url, 'canbo');
    const before = server.instances.map((i) => i.served);
    for (let i = 0; i < 4; i++) expect((await organiser('GET', '/api/auth/me')).status).toBe(200);
    // Sessions live in the database: every request was answered, by both instances in turn.
    expect(server.instances.map((i, n) => i.served - before[n]!)).toEqual([2, 2]);

    const communeId = (await officer('GET', '/api/auth/me')).json.grants[0].unitId as string;
    const provinceId = (await organiser('GET', '/api/units?level=province')).json.items[0].id as string;
    const today = new Date().toISOString().slice(0, 10);
    const plus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const period = await organiser('POST', '/api/periods', {
      unitId: provinceId,
      year: Number(today.slice(0, 4)),
      name: 'Kỳ thử hai máy chủ',
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: plus(14),
      submissionDue: plus(24),
      appraisalDue: plus(34),
      decisionDue: plus(44),
      unitIds: [communeId],
    });
    expect(period.status, JSON.stringify(period.json)).toBe(200);

    const asked = await organiser(
      'POST',
      `/api/periods/${period.json.id}/documents/bulk`,
      { forms: ['mau-01', 'mau-09'], format: 'docx' },
      one,
    );
    expect(asked.status, JSON.stringify(asked.json)).toBe(202);
    const jobId = asked.json.jobId as number;
    let job: Answer;
    for (let i = 0; i < 120; i++) {
      job = (await organiser('GET', `/api/jobs/${jobId}`, undefined, two)).json;
      if (job.status === 'succeeded' || job.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(job.status, JSON.stringify(job)).toBe('succeeded');
    const download = await organiser('GET', `/api/jobs/${jobId}/download`, undefined, two);
    expect(download.status, JSON.stringify(download.json)).toBe(200);
    expect(download.type).toBe('application/zip');
    // A fresh period has no figures yet: the ZIP holds no document and the run lists why, per form.
    const zip = await JSZip.loadAsync(download.bytes!);
    expect(Object.keys(zip.files)).toHaveLength(job.result.documents);
    expect(job.result.failures.map((f: Answer) => f.form)).toEqual(['mau-01', 'mau-09']);
  });

  it('counts wrong passwords sent to both instances as one: the fifth locks the account, and a name that is no account', async () => {
    for (const username of ['chutich', 'khong-co-tai-khoan-nay']) {
      const answers = [];
      for (let i = 0; i < LIMITS.signInMaxFailures; i++)
        answers.push(await wrongPassword(server.url, username));
      expect(answers.slice(0, -1).map((a) => a.status)).toEqual([401, 401, 401, 401]);
      expect(answers.at(-1)).toEqual({
        status: 429,
        message: `Bạn đã nhập sai mật khẩu ${LIMITS.signInMaxFailures} lần. Tài khoản bị tạm khoá ${LIMITS.signInLockMinutes} phút.`,
      });
      // Locked on both instances.
      for (const instance of server.instances)
        expect((await wrongPassword(instance.url, username)).message).toContain('Tài khoản đang tạm khoá');
    }
  });
});
