import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { defineJob, enqueue, JobWorker } from './queue.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

const log = pino({ level: 'silent' });
const seen: string[] = [];
const echo = defineJob({
  name: 'test.echo',
  payload: z.object({ text: z.string() }),
  async handler(payload, ctx) {
    await ctx.progress(1, 2, 'một nửa');
    seen.push(payload.text);
    return { echoed: payload.text };
  },
});
let flakyCalls = 0;
const flaky = defineJob({
  name: 'test.flaky',
  payload: z.object({}),
  maxAttempts: 3,
  backoffMs: 1,
  async handler() {
    flakyCalls++;
    if (flakyCalls < 2) throw new Error('lỗi tạm thời');
    return 'ok';
  },
});
const broken = defineJob({
  name: 'test.broken',
  payload: z.object({}),
  maxAttempts: 2,
  backoffMs: 1,
  async handler() {
    throw new Error('Không tạo được văn bản: thiếu số liệu');
  },
});

function worker() {
  return new JobWorker(database.db, [echo, flaky, broken] as never[], { pollMs: 50, log });
}
async function job(id: number) {
  return database.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
async function drain(w: JobWorker) {
  for (let i = 0; i < 20; i++) {
    if (!(await w.runOnce())) await new Promise((r) => setTimeout(r, 20));
    const open = await database.db
      .selectFrom('jobs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .execute();
    if (open.length === 0) return;
  }
}

describe('job queue', () => {
  it('keeps a job enqueued in a transaction only if the transaction commits', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await enqueue(trx, echo, { text: 'bị huỷ' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const id = await database.db.transaction().execute((trx) => enqueue(trx, echo, { text: 'đã lưu' }));
    const rows = await database.db
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', 'test.echo')
      .execute();
    expect(rows).toEqual([{ id, payload: { text: 'đã lưu' } }]);
  });

  it('runs a due job, records progress and result', async () => {
    const id = await enqueue(database.db, echo, { text: 'xin chào' });
    await drain(worker());
    const row = await job(id);
    expect(row.status).toBe('succeeded');
    expect(row.progress).toEqual({ done: 1, total: 2, message: 'một nửa' });
    expect(row.result).toEqual({ echoed: 'xin chào' });
    expect(seen).toContain('xin chào');
  });

  it('retries a failing job with backoff and succeeds', async () => {
    const id = await enqueue(database.db, flaky, {});
    const w = worker();
    await w.runOnce();
    const afterFirst = await job(id);
    expect(afterFirst.status).toBe('queued');
    expect(afterFirst.last_error).toBe('lỗi tạm thời');
    expect(afterFirst.run_at.getTime()).toBeGreaterThan(Date.now() - 5000);
    await drain(w);
    expect((await job(id)).status).toBe('succeeded');
    expect((await job(id)).attempts).toBe(2);
  });

  it('leaves a job that keeps failing visible as failed with its error', async () => {
    const id = await enqueue(database.db, broken, {});
    await drain(worker());
    const row = await job(id);
    expect(row.status).toBe('failed');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toBe('Không tạo được văn bản: thiếu số liệu');
    expect(row.finished_at).not.toBeNull();
  });

  it('does not run a job before its time', async () => {
    const id = await enqueue(
      database.db,
      echo,
      { text: 'ngày mai' },
      { runAt: new Date(Date.now() + 86_400_000) },
    );
    await worker().runOnce();
    expect((await job(id)).status).toBe('queued');
  });

  it('rejects a payload that does not match the job schema', async () => {
    await expect(enqueue(database.db, echo, { text: 42 } as never)).rejects.toThrow();
  });

  it('the running worker picks up new jobs and stops cleanly', async () => {
    const w = worker();
    w.start();
    const id = await enqueue(database.db, echo, { text: 'nền' });
    for (let i = 0; i < 100 && (await job(id)).status !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 50));
    await w.stop();
    expect((await job(id)).status).toBe('succeeded');
  });
});
