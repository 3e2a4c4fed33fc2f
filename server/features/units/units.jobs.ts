import { z } from 'zod';
import { defineJob } from '@server/platform/jobs/queue.ts';
import { describeImport } from './units.import.ts';
import { importUnitsAudited } from './units.service.ts';
import { readMergesFile, readSplitsFile } from './units.source.ts';

/**
 * Imports the shipped official unit list (whole country or some provinces) in the background:
 * the whole country takes seconds on a server but longer on a laptop, and the admin sees progress.
 */
export const importUnitsJob = defineJob({
  name: 'units.import',
  payload: z.object({
    provinceCodes: z.array(z.string()).optional(),
    requestedBy: z.object({ userId: z.string(), fullName: z.string() }),
  }),
  maxAttempts: 2,
  async handler(payload, ctx) {
    await ctx.progress(0, 2, 'Đang đọc danh mục đơn vị hành chính');
    const source = { merges: readMergesFile(), splits: readSplitsFile() };
    await ctx.progress(1, 2, 'Đang so sánh với các đơn vị đã có');
    const started = performance.now();
    let parts = 0;
    const report = await importUnitsAudited(ctx.db, source, {
      provinceCodes: payload.provinceCodes,
      actor: payload.requestedBy,
      sourceName: 'resources/admin-units-2025',
      // One short transaction per slice: the application keeps answering during the import.
      onProgress: (done, total) => {
        parts = total;
        return ctx.progress(done, total, `Đang nhập đơn vị và liên kết cũ → mới: phần ${done}/${total}`);
      },
    });
    await ctx.progress(Math.max(parts, 1), Math.max(parts, 1), 'Hoàn tất');
    return { report, summary: describeImport(report, performance.now() - started) };
  },
});
