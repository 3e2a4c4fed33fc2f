/**
 * A job worker in its own process, for the queue's crash test (server/platform/jobs/queue.int.test.ts).
 * `start`: enqueues one `test.slow-bulk` job and runs it until the test kills the process (SIGKILL)
 * mid-job, with a scratch folder made and a 200 ms heartbeat. `resume`: starts a worker on the same
 * database as a restarted server would (heartbeat 60 s, so only the dead-process check can take the
 * job back quickly), waits for the job to finish and prints its row.
 * Env: JOB_KILL_DB = a postgres:// URL or a PGlite data folder; TMPDIR = where scratch folders go.
 */
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pino from 'pino';
import { z } from 'zod';
import { openDatabase } from '@server/db/client.ts';
import { migrate } from '@server/db/migrator.ts';
import { findJob } from '@server/platform/jobs/jobs.repo.ts';
import { defineJob, enqueue, JobWorker } from '@server/platform/jobs/queue.ts';
import { makeJobTempDir } from '@server/platform/jobs/temp-dirs.ts';

const mode = process.argv[2];
const target = process.env.JOB_KILL_DB!;
const PREFIX = 'danhgia-bulk-';

const slowBulk = defineJob({
  name: 'test.slow-bulk',
  payload: z.object({}),
  maxAttempts: 3,
  tempDirPrefix: PREFIX,
  async handler(_payload, ctx) {
    const dir = await makeJobTempDir(PREFIX);
    try {
      await writeFile(path.join(dir, 'van-ban.docx'), 'nội dung');
      await ctx.progress(3, 10, 'Đang tạo văn bản');
      if (mode === 'start') {
        console.log(`STARTED ${ctx.jobId} ${dir}`);
        await new Promise(() => {}); // until killed
      }
      return { resumedAfterCrash: true };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});

const handle = await openDatabase(
  target.startsWith('postgres')
    ? { engine: 'postgres', url: target, poolSize: 2 }
    : { engine: 'pglite', dataDir: target },
);
const log = pino({ level: 'silent' });
if (mode === 'start') {
  await migrate(handle.db);
  await enqueue(handle.db, slowBulk, {});
  new JobWorker(handle.db, [slowBulk as never], { pollMs: 50, log, heartbeatMs: 200 }).start();
} else {
  const started = Date.now();
  const worker = new JobWorker(handle.db, [slowBulk as never], { pollMs: 50, log, heartbeatMs: 60_000 });
  worker.start();
  const id = Number(process.argv[3]);
  let job = await findJob(handle.db, id);
  while (job && (job.status === 'running' || job.status === 'queued') && Date.now() - started < 20_000) {
    await new Promise((r) => setTimeout(r, 50));
    job = await findJob(handle.db, id);
  }
  await worker.stop();
  await handle.close();
  console.log(`RESULT ${JSON.stringify({ ...job, ms: Date.now() - started })}`);
}
