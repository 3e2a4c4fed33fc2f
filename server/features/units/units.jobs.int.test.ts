import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUser } from '@server/test/factories.ts';
import { JobWorker } from '@server/platform/jobs/queue.ts';
import { importUnitsJob } from './units.jobs.ts';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const nation = await createUnit(t.ctx.db, {
    name: 'Việt Nam',
    code: 'VN',
    level: 'nation',
    validFrom: '1945-09-02',
  });
  admin = await t.signIn((await createUser(t.ctx.db, { role: 'system_admin', unit: nation })).username);
});
afterAll(() => t?.close());

describe('importing the official unit list from the web', () => {
  it('lists the 34 provinces of the shipped list', async () => {
    const response = await admin.request('GET', '/api/units/import/provinces');
    expect(response.json()).toHaveLength(34);
    expect(response.json()).toContainEqual({ code: '04', name: 'Tỉnh Cao Bằng', communes: 56 });
  });

  it('refuses unknown province codes and queues nothing', async () => {
    const response = await admin.request('POST', '/api/units/import', { provinceCodes: ['99'] });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Mã tỉnh không có trong danh mục: 99');
    expect(await t.ctx.db.selectFrom('jobs').select('id').execute()).toHaveLength(0);
  });

  it('runs as a background job with progress, and its creator sees the result', async () => {
    const queued = await admin.request('POST', '/api/units/import', { provinceCodes: ['04'] });
    expect(queued.statusCode, queued.body).toBe(200);
    const { jobId } = queued.json();
    expect((await admin.request('GET', `/api/jobs/${jobId}`)).json().status).toBe('queued');
    const worker = new JobWorker(t.ctx.db, [importUnitsJob as never], {
      pollMs: 50,
      log: pino({ level: 'silent' }),
    });
    expect(await worker.runOnce()).toBe(true);
    const job = (await admin.request('GET', `/api/jobs/${jobId}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', progress: { message: 'Hoàn tất' } });
    expect(job.progress.done).toBe(job.progress.total);
    const communes = await t.ctx.db
      .selectFrom('units as c')
      .innerJoin('units as p', 'p.id', 'c.parent_id')
      .select('c.code')
      .where('p.code', '=', '04')
      .where('p.valid_from', '=', '2025-07-01')
      .execute();
    expect(communes).toHaveLength(56);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['units.import-requested', 'units.imported']),
    );
  });
});
