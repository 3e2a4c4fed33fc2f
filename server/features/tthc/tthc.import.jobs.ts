import { z } from 'zod';
import { defineJob } from '@server/platform/jobs/queue.ts';
import { runStoredTthcImport } from './tthc.import.service.ts';

/** Scratch folders of imports (swept after a crash). */
export const TTHC_IMPORT_TEMP_PREFIX = 'danhgia-tthc-import-';

/**
 * Imports an uploaded one-stop export into a commune's TTHC register in the background: a large
 * file takes seconds to check and write, and the officer sees progress. A refused file is a
 * succeeded job whose result says `invalid` and lists the problems (nothing was written).
 */
export const importTthcJob = defineJob({
  name: 'tthc.import',
  payload: z.object({
    uploadId: z.string(),
    unitId: z.string(),
    fileName: z.string(),
    mapping: z.record(z.string(), z.string()),
    sourceName: z.string(),
    requestedBy: z.object({ userId: z.string(), fullName: z.string() }),
    ip: z.string(),
    engine: z.enum(['pglite', 'postgres']),
  }),
  maxAttempts: 2,
  tempDirPrefix: TTHC_IMPORT_TEMP_PREFIX,
  async handler(payload, ctx) {
    await ctx.progress(0, 1, 'Đang đọc tệp');
    const report = await runStoredTthcImport(ctx.db, ctx.files, payload, (done, total, message) =>
      ctx.progress(done, total, message),
    );
    await ctx.progress(1, 1, report.status === 'imported' ? 'Đã nhập xong' : 'Tệp có lỗi, chưa nhập');
    return report;
  },
});
