/**
 * The bulk export job (`documents.bulk`) end to end on an in-memory PGlite: the largest province's
 * communes (resources/admin-units-2025/merges.json), each with an appraised TCPL-2021 evaluation,
 * → Mẫu 01, 02 and 07 for every commune built from the stored data into one ZIP.
 * Figures go in docs/BENCHMARKS.md, section "Văn bản (documents)".
 */
import { LocalFileStore } from '@server/platform/storage/file-store.ts';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBulkDocuments } from '@server/features/documents/documents.jobs.ts';
import { syncBuiltinFrameworks } from '@server/features/frameworks/frameworks.catalog.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { createUnit } from '@server/test/factories.ts';
import { createTestDatabase } from '@server/test/test-db.ts';

type Merges = { data: { name: string; level2s: { level2_id: string; name: string }[] }[] };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const merges = JSON.parse(
  readFileSync(path.join(root, 'resources/admin-units-2025/merges.json'), 'utf8'),
) as Merges;
const largest = [...merges.data].sort((a, b) => b.level2s.length - a.level2s.length)[0]!;

const database = await createTestDatabase();
const db = database.db;
await syncBuiltinFrameworks(db);
const nation = await createUnit(db, { name: 'Việt Nam', level: 'nation' });
const province = await createUnit(db, { name: largest.name, level: 'province', parent: nation });
const communes = [];
for (const c of largest.level2s)
  communes.push(
    await createUnit(db, {
      name: c.name,
      code: c.level2_id,
      level: 'commune',
      kind: c.name.startsWith('Phường') ? 'phuong' : c.name.startsWith('Đặc khu') ? 'dac_khu' : 'xa',
      parent: province,
    }),
  );
const { periodId, evaluationId } = await createEvaluationInState(db, {
  organiser: province,
  commune: communes[0]!,
  state: 'appraised',
});
// Every other commune gets the same stored evaluation in the same period.
const first = await db
  .selectFrom('evaluations')
  .selectAll()
  .where('id', '=', evaluationId)
  .executeTakeFirstOrThrow();
for (const unit of communes.slice(1)) {
  await db
    .insertInto('evaluations')
    .values({
      period_id: periodId,
      unit_id: unit.id,
      state: 'appraised',
      self_input: JSON.stringify(first.self_input),
      self_result: JSON.stringify(first.self_result),
      narrative: JSON.stringify(first.narrative),
      submitted_snapshot: JSON.stringify(first.submitted_snapshot),
      submitted_at: first.submitted_at,
      appraisal_round: 1,
      appraised_result: JSON.stringify(first.appraised_result),
      appraised_at: new Date(),
    })
    .execute();
}

const outDir = mkdtempSync(path.join(tmpdir(), 'danhgia-bench-bulk-'));
let lastProgress = '';
const start = performance.now();
const result = await runBulkDocuments(
  { periodId, forms: ['mau-01', 'mau-02', 'mau-07'], format: 'docx' },
  {
    jobId: 1,
    db,
    files: new LocalFileStore(outDir),
    progress: async (done, total, message) => {
      lastProgress = `${done}/${total} ${message ?? ''}`;
    },
  },
);
const ms = performance.now() - start;
const size = statSync(path.join(outDir, ...result.file.split('/'))).size;
console.log(`Tỉnh lớn nhất: ${largest.name}, ${communes.length} đơn vị cấp xã (PGlite trong bộ nhớ)`);
console.log(
  `documents.bulk Mẫu 01 + 02 + 07: ${result.documents} văn bản, ${result.failures.length} lỗi, ${(ms / 1000).toFixed(2)} s, ${(ms / Math.max(1, result.documents)).toFixed(1)} ms/văn bản, ZIP ${Math.round(size / 1024)} KB`,
);
console.log(`Tiến độ cuối: ${lastProgress}`);
console.log(`Bộ nhớ heap: ${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MB`);
rmSync(outDir, { recursive: true, force: true });
await database.drop();
