/**
 * Analytics dashboard speed (issue #15): on the PostgreSQL server (a fresh database) by default, the whole
 * country's communes (ANALYTICS_COMMUNES, default 3,321, 34 provinces) with appraised TCPL results for the
 * dashboard's year and the year before (what a dashboard reads), one province of 168 communes with five years
 * (2021–2025). Times the service `getDashboard` (the route's only work besides JSON) for the province and for
 * the nation: the first call (cold) and ANALYTICS_REPEAT warm calls (p50, p95). `ANALYTICS_ENGINE=pglite`
 * runs the province on PGlite. Figures go in docs/BENCHMARKS.md, "Thống kê (analytics)".
 */
import os from 'node:os';
import { sql } from 'kysely';
import type { Actor } from '@shared/access/actor.ts';

if (process.env.ANALYTICS_ENGINE !== 'pglite')
  process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase } = await import('@server/test/test-db.ts');
const { cliContext } = await import('@server/platform/context.ts');
const { syncBuiltinFrameworks, findLatestFrameworkVersion } =
  await import('@server/features/frameworks/frameworks.catalog.ts');
const { getDashboard } = await import('@server/features/analytics/analytics.service.ts');
const { getBuiltinFramework } = await import('@shared/frameworks/registry.ts');
const { sampleEvaluationInput, seededRandom } = await import('@shared/scoring/sample.ts');
const { scoreEvaluation } = await import('@shared/scoring/index.ts');
import type { AppContext } from '@server/app-context.ts';

const PGLITE = process.env.ANALYTICS_ENGINE === 'pglite';
const COMMUNES = PGLITE ? 168 : Number(process.env.ANALYTICS_COMMUNES ?? 3321);
const PROVINCES = PGLITE ? 1 : 34;
const PROVINCE_COMMUNES = 168;
const REPEAT = Number(process.env.ANALYTICS_REPEAT ?? 20);

const database = await createTestDatabase();
const db = database.db;
try {
  console.log(
    `${PGLITE ? 'PGlite' : 'PostgreSQL'}; load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  await syncBuiltinFrameworks(db);
  const version = (await findLatestFrameworkVersion(db, 'TCPL-2021'))!;
  const framework = getBuiltinFramework('TCPL-2021');
  // 40 distinct scored results, reused (scoring is not what is measured).
  const results = Array.from({ length: 40 }, (_, i) =>
    JSON.stringify(
      scoreEvaluation(framework, sampleEvaluationInput(framework, seededRandom(i + 1), 0.6 + (i % 5) * 0.08)),
    ),
  );
  let started = performance.now();
  const nationId = crypto.randomUUID();
  const unitRows: Record<string, unknown>[] = [
    {
      id: nationId,
      code: 'VN',
      name: 'Việt Nam',
      name_folded: 'viet nam',
      level: 'nation',
      kind: 'quoc_gia',
      parent_id: null,
      path: `/${nationId}/`,
      valid_from: '2025-07-01',
    },
  ];
  const provinces: { id: string; path: string; communes: string[] }[] = [];
  for (let p = 0; p < PROVINCES; p++) {
    const id = crypto.randomUUID();
    const path = `/${nationId}/${id}/`;
    unitRows.push({
      id,
      code: String(p + 1).padStart(2, '0'),
      name: `Tỉnh ${p + 1}`,
      name_folded: `tinh ${p + 1}`,
      level: 'province',
      kind: 'tinh',
      parent_id: nationId,
      path,
      valid_from: '2025-07-01',
    });
    provinces.push({ id, path, communes: [] });
  }
  for (let c = 0; c < COMMUNES; c++) {
    const p =
      c < PROVINCE_COMMUNES ? provinces[0]! : provinces[1 + ((c - PROVINCE_COMMUNES) % (PROVINCES - 1))]!;
    const id = crypto.randomUUID();
    unitRows.push({
      id,
      code: String(10000 + c),
      name: `Xã ${c + 1}`,
      name_folded: `xa ${c + 1}`,
      level: 'commune',
      kind: 'xa',
      parent_id: p.id,
      path: `${p.path}${id}/`,
      valid_from: '2025-07-01',
    });
    p.communes.push(id);
  }
  for (let i = 0; i < unitRows.length; i += 500)
    await db
      .insertInto('units')
      .values(unitRows.slice(i, i + 500) as never)
      .execute();

  let n = 0;
  for (const [pi, province] of provinces.entries()) {
    const years = pi === 0 ? [2021, 2022, 2023, 2024, 2025] : [2024, 2025];
    for (const year of years) {
      const period = await db
        .insertInto('evaluation_periods')
        .values({
          unit_id: province.id,
          year,
          name: `Kỳ ${year}`,
          evaluating_level: 'province',
          framework_version_id: version.id,
          self_assessment_due: `${year}-10-15`,
          submission_due: `${year}-11-01`,
          appraisal_due: `${year}-11-30`,
          decision_due: `${year}-12-20`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const rows = province.communes.map((unit) => {
        const result = results[n++ % results.length]!;
        return {
          period_id: period.id,
          unit_id: unit,
          state: 'appraised' as const,
          self_input: '{}',
          self_result: result,
          submitted_snapshot: `{"input":{},"result":${result}}`,
          appraised_result: results[(n * 7) % results.length]!,
        };
      });
      for (let i = 0; i < rows.length; i += 100)
        await db
          .insertInto('evaluations')
          .values(rows.slice(i, i + 100))
          .execute();
    }
  }
  await sql`analyze`.execute(db);
  console.log(
    `inserted ${COMMUNES} communes, ${n} evaluations in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const actor: Actor = {
    userId: crypto.randomUUID(),
    username: 'bench',
    fullName: 'Bench',
    grants: [{ role: 'system_admin', unitId: nationId, unitPath: `/${nationId}/`, unitName: 'Việt Nam' }],
  };
  const ctx = cliContext({ db } as unknown as AppContext, actor);
  const measure = async (label: string, unitId: string) => {
    started = performance.now();
    await getDashboard(ctx, { unitId, year: 2025, family: 'tcpl' });
    const cold = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      started = performance.now();
      await getDashboard(ctx, { unitId, year: 2025, family: 'tcpl' });
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!.toFixed(0);
    console.log(
      `${label}: cold ${cold.toFixed(0)} ms, warm p50 ${at(0.5)} ms, p95 ${at(0.95)} ms (${REPEAT} calls)`,
    );
  };
  await measure(`province (${PROVINCE_COMMUNES} communes)`, provinces[0]!.id);
  if (!PGLITE) await measure(`nation (${COMMUNES} communes)`, nationId);
} finally {
  await database.drop();
}
