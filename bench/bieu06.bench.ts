/**
 * Biểu 06 speed target (issue #12): on the PostgreSQL server (a fresh database), one province of 168
 * communes with 10,000,000 TTHC dossiers spread over five years (2021–2025); Biểu 06 of the province
 * for one year must answer in under 1 s warm. Prints the first (cold: right after loading) and the
 * warm times of the year in the middle (2023) and of the last year (2025), and EXPLAIN ANALYZE of the
 * counting query. Server: TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres.
 * `BIEU06_DOSSIERS=1000000` makes a smaller run. Figures go in docs/BENCHMARKS.md, "Sổ TTHC — Biểu 06".
 */
import os from 'node:os';
import { sql } from 'kysely';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase } = await import('@server/test/test-db.ts');
const { createUnit } = await import('@server/test/factories.ts');
const { cliContext } = await import('@server/platform/context.ts');
const { getBieu06 } = await import('@server/features/tthc/bieu06.service.ts');
const { generateDossiers } = await import('./tthc-dossiers.ts');
import type { AppContext } from '@server/app-context.ts';

const DOSSIERS = Number(process.env.BIEU06_DOSSIERS ?? 10_000_000);
const COMMUNES = 168;
const database = await createTestDatabase();
const db = database.db;
const ctx = cliContext({ db } as unknown as AppContext);
try {
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  const nation = await createUnit(db, { name: 'Việt Nam', level: 'nation' });
  const province = await createUnit(db, {
    name: 'Tỉnh Thử Nghiệm',
    code: '99',
    level: 'province',
    parent: nation,
  });
  const ids: string[] = [];
  for (let i = 0; i < COMMUNES; i++)
    ids.push((await createUnit(db, { name: `Xã Số ${i + 1}`, level: 'commune', parent: province })).id);

  let started = performance.now();
  await generateDossiers(db, ids, DOSSIERS);
  await sql`vacuum analyze tthc_dossiers`.execute(db);
  await sql`analyze units`.execute(db);
  console.log(
    `inserted ${DOSSIERS.toLocaleString('vi-VN')} dossiers in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const time = async (from: string, to: string) => {
    started = performance.now();
    const r = await getBieu06(ctx, { unitId: province.id, from, to });
    return { ms: performance.now() - started, received: r.total.received, fields: r.byField.length };
  };
  for (const [from, to] of [
    ['2023-01-01', '2023-12-31'],
    ['2025-01-01', '2025-12-31'],
  ] as const) {
    const cold = await time(from, to);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) warm.push((await time(from, to)).ms);
    warm.sort((a, b) => a - b);
    console.log(
      `Biểu 06 province ${from}..${to}: ${cold.received.toLocaleString('vi-VN')} dossiers counted, ` +
        `cold ${cold.ms.toFixed(0)} ms, warm median ${warm[2]!.toFixed(0)} ms (min ${warm[0]!.toFixed(0)}, max ${warm[4]!.toFixed(0)})`,
    );
  }
  const { rows } = await sql<{ 'QUERY PLAN': string }>`explain (analyze, buffers)
    select d.unit_id, d.field, count(*) from tthc_dossiers d join units u on u.id = d.unit_id
    where u.path like ${province.path + '%'} and (d.received_on between '2023-01-01' and '2023-12-31'
      or (d.received_on < '2023-01-01' and (d.resolved_on is null or d.resolved_on >= '2023-01-01')))
    group by 1, 2`.execute(db);
  console.log(rows.map((r) => r['QUERY PLAN']).join('\n'));
  console.log(
    `load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  await database.drop();
}
