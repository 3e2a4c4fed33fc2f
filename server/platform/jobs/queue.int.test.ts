import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { primeDataDir } from '@server/test/pglite-template.ts';
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from '@server/test/test-db.ts';
import { claimNextJob } from './jobs.repo.ts';
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

  it('two workers on one database (two instances) share the queue: every job runs exactly once', async () => {
    const runs: number[] = [];
    const counted = defineJob({
      name: 'test.counted',
      payload: z.object({ n: z.number() }),
      async handler(payload) {
        runs.push(payload.n);
        await new Promise((r) => setTimeout(r, 5));
      },
    });
    for (let n = 0; n < 20; n++) await enqueue(database.db, counted, { n });
    const workers = [0, 1].map(() => new JobWorker(database.db, [counted] as never[], { pollMs: 20, log }));
    const took = await Promise.all(
      workers.map(async (w) => {
        let count = 0;
        while (await w.runOnce()) count++;
        return count;
      }),
    );
    expect(runs.toSorted((a, b) => a - b)).toEqual([...Array(20).keys()]);
    expect(took[0]! + took[1]!).toBe(20);
    if (TEST_ENGINE === 'postgres') expect(Math.min(...took)).toBeGreaterThan(0);
  });
});

describe('jobs of a process that stopped', () => {
  let release = () => {};
  const long = defineJob({
    name: 'test.long',
    payload: z.object({}),
    async handler() {
      await new Promise<void>((resolve) => (release = resolve));
      return 'xong';
    },
  });
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('requeues within seconds a job whose worker stopped heartbeating, and runs it', async () => {
    const id = await enqueue(database.db, echo, { text: 'mồ côi' });
    // Claimed by a worker on another machine that then died: no heartbeat from now on.
    const claimed = await claimNextJob(database.db, ['test.echo'], 'may-khac:4242:abcdef');
    expect(claimed?.id).toBe(id);
    const started = Date.now();
    const w = new JobWorker(database.db, [echo] as never[], { pollMs: 50, log, heartbeatMs: 200 });
    w.start();
    try {
      while ((await job(id)).status !== 'succeeded' && Date.now() - started < 10_000) await wait(50);
    } finally {
      await w.stop();
    }
    const row = await job(id);
    expect(row.status).toBe('succeeded');
    expect(row.attempts).toBe(2);
    expect(row.last_error).toContain('Tiến trình xử lý đã dừng đột ngột');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('marks failed, with the reason, a stopped job that had no attempt left', async () => {
    const id = await enqueue(database.db, broken, {});
    await sql`update jobs set attempts = max_attempts - 1 where id = ${id}`.execute(database.db);
    await claimNextJob(database.db, ['test.broken'], 'may-khac:4242:abcdef');
    await sql`update jobs set heartbeat_at = now() - interval '1 minute' where id = ${id}`.execute(
      database.db,
    );
    const w = new JobWorker(database.db, [broken] as never[], { pollMs: 50, log, heartbeatMs: 200 });
    expect(await w.requeueAbandoned()).toContain(id);
    const row = await job(id);
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('đã hết số lần thử');
    expect(row.finished_at).not.toBeNull();
  });

  it('never takes over a long job whose heartbeat is alive', async () => {
    const id = await enqueue(database.db, long, {});
    const a = new JobWorker(database.db, [long] as never[], { pollMs: 50, log, heartbeatMs: 100 });
    const running = a.runOnce();
    while ((await job(id)).status !== 'running') await wait(20);
    // It has been running for an hour (longer than any fixed timeout), but its worker is alive.
    await sql`update jobs set locked_at = now() - interval '1 hour' where id = ${id}`.execute(database.db);
    const owner = (await job(id)).locked_by;
    const b = new JobWorker(database.db, [long] as never[], { pollMs: 50, log, heartbeatMs: 100 });
    for (let i = 0; i < 10; i++) {
      expect(await b.requeueAbandoned()).toEqual([]);
      expect(await b.runOnce()).toBe(false);
      await wait(100);
    }
    const row = await job(id);
    expect(row).toMatchObject({ status: 'running', attempts: 1, locked_by: owner });
    expect(Date.now() - row.heartbeat_at!.getTime()).toBeLessThan(1_000);
    release();
    await running;
    expect((await job(id)).status).toBe('succeeded');
  });

  it('after kill -9 mid-job, a restart requeues and finishes it within seconds, leaving no temp folder', async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
    const scratch = mkdtempSync(path.join(tmpdir(), 'danhgia-kill-test-'));
    const tmp = path.join(scratch, 'tmp');
    mkdirSync(tmp);
    // PGlite: one process per data folder, so the restart reopens the same folder after the kill.
    const server = TEST_ENGINE === 'postgres' ? await createTestDatabase() : undefined;
    const target = server?.url ?? path.join(scratch, 'pgdata');
    if (!server) await primeDataDir(target);
    const run = (args: string[], until?: RegExp) =>
      new Promise<{ out: string; kill(): void; exited: Promise<number | null> }>((resolve, reject) => {
        // Node itself (tsx as a loader, not the npx → tsx → node chain), so SIGKILL hits the worker.
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'server/test/job-kill-worker.ts', ...args],
          {
            cwd: root,
            env: { ...process.env, JOB_KILL_DB: target, TMPDIR: tmp },
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        let err = '';
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        const timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`worker timed out: ${out} ${err}`));
        }, 25_000);
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (until?.test(out)) {
            clearTimeout(timer);
            resolve({ out, kill: () => child.kill('SIGKILL'), exited });
          }
        });
        void exited.then((code) => {
          clearTimeout(timer);
          if (until?.test(out)) return;
          if (until) reject(new Error(`worker exited (${code}): ${out} ${err}`));
          else resolve({ out, kill: () => {}, exited });
        });
      });
    try {
      const first = await run(['start'], /STARTED (\d+) (\S+)\n/);
      const [, jobId, dir] = /STARTED (\d+) (\S+)\n/.exec(first.out)!;
      expect(existsSync(dir!)).toBe(true);
      first.kill();
      await first.exited;
      const restartedAt = Date.now();
      const second = await run(['resume', jobId!]);
      await second.exited;
      const result = JSON.parse(/RESULT (.*)/.exec(second.out)![1]!) as Record<string, unknown>;
      expect(result).toMatchObject({ status: 'succeeded', attempts: 2, result: { resumedAfterCrash: true } });
      expect(String(result.last_error)).toContain('dừng đột ngột');
      // Taken back at once (its process is dead), not after the 3-minute stale heartbeat of the resumed worker.
      expect(result.ms).toBeLessThan(5_000);
      expect(Date.now() - restartedAt).toBeLessThan(20_000);
      expect(existsSync(dir!)).toBe(false);
      expect(readdirSync(tmp).filter((n) => n.startsWith('danhgia-bulk-'))).toEqual([]);
    } finally {
      await server?.drop();
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 60_000);
});
