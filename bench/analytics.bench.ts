/**
 * Analytics dashboard speed (issue #15). On the PostgreSQL server (a fresh database) by default, generated
 * in SQL: the nation, 34 provinces and 3,321 communes of today (province 1 has 168), and before the 2025
 * merger 63 former provinces, 705 former districts and 10,047 former communes, each linked (unit_links)
 * to the commune it became; TCPL-2021 evaluations for 5 years — 2021–2024 by the former communes (decided),
 * 2025 by the communes of today (the cycle under way: drafts, submitted, appraised) — each with the result
 * JSON of real scorings (self-assessment, submitted snapshot, appraisal); 10,000,000 TTHC dossiers of
 * 2021–2025 over the communes of today (bench/tthc-dossiers.ts, as Biểu 06's bench).
 *
 * Times the service `getDashboard` (the route's work besides JSON; the JSON.stringify of the answer is
 * timed too) for province 1 and for the nation, year 2025: "cold" = the dashboard cache emptied before
 * each call (ANALYTICS_REPEAT calls; the first call after loading is printed apart), "warm" = repeated
 * calls answered under an unchanged data version. p50 / p95 of each.
 *
 * ANALYTICS_ENGINE=pglite: province 1 alone (168 communes, 504 former ones, 506,000 dossiers ≈ its share
 * of 10 M) on PGlite. ANALYTICS_KEEP=1 keeps the server database (its URL is printed);
 * ANALYTICS_DB_URL=<url> measures an already generated one. Figures: docs/BENCHMARKS.md, "Thống kê".
 */
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Actor } from '@shared/access/actor.ts';
import type { Database } from '@server/db/schema.ts';
import type { AppContext } from '@server/app-context.ts';

const PGLITE = process.env.ANALYTICS_ENGINE === 'pglite';
if (!PGLITE) process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const { createTestDatabase } = await import('@server/test/test-db.ts');
const { openDatabase } = await import('@server/db/client.ts');
const { migrate } = await import('@server/db/migrator.ts');
const { cliContext } = await import('@server/platform/context.ts');
const { syncBuiltinFrameworks, findLatestFrameworkVersion } =
  await import('@server/features/frameworks/frameworks.catalog.ts');
const { getDashboard, forgetDashboards } = await import('@server/features/analytics/analytics.service.ts');
const { getBuiltinFramework } = await import('@shared/frameworks/registry.ts');
const { sampleEvaluationInput, seededRandom } = await import('@shared/scoring/sample.ts');
const { scoreEvaluation } = await import('@shared/scoring/index.ts');
const { generateDossiers } = await import('./tthc-dossiers.ts');

const PROVINCES = PGLITE ? 1 : 34;
const COMMUNES = PGLITE ? 168 : 3321;
const FIRST_PROVINCE_COMMUNES = 168;
const OLD_PROVINCES = PGLITE ? 1 : 63;
const OLD_DISTRICTS = PGLITE ? 6 : 705;
const OLD_COMMUNES = PGLITE ? 504 : 10047;
const DOSSIERS = Number(process.env.ANALYTICS_DOSSIERS ?? (PGLITE ? 506_000 : 10_000_000));
const REPEAT = Number(process.env.ANALYTICS_REPEAT ?? 20);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Generates the units, periods, evaluations and dossiers; returns the nation's and province 1's ids. */
async function generate(db: Kysely<Database>) {
  await syncBuiltinFrameworks(db);
  const version = (await findLatestFrameworkVersion(db, 'TCPL-2021'))!;
  const framework = getBuiltinFramework('TCPL-2021');
  let started = performance.now();
  // 40 distinct scored results, reused (scoring is not what is measured).
  await sql`create table bench_results (i int primary key, r jsonb not null)`.execute(db);
  for (let i = 0; i < 40; i++) {
    const r = scoreEvaluation(
      framework,
      sampleEvaluationInput(framework, seededRandom(i + 1), 0.6 + (i % 5) * 0.08),
    );
    await sql`insert into bench_results values (${i}, ${JSON.stringify(r)}::jsonb)`.execute(db);
  }
  const nation = crypto.randomUUID();
  await sql`
    insert into units (id, code, name, name_folded, level, kind, parent_id, path, valid_from)
    values (${nation}, 'VN', 'Việt Nam', 'viet nam', 'nation', 'quoc_gia', null, ${`/${nation}/`}, '2008-01-01')`.execute(
    db,
  );
  // Units of today and former units, numbered g = 1… within their level; bench_units maps g → id, path.
  await sql`create table bench_units (tier text, g int, id uuid, path text, primary key (tier, g))`.execute(
    db,
  );
  const tier = async (
    name: string,
    count: number,
    parent: ReturnType<typeof sql>,
    unit: { level: string; kind: string; label: string; code: string; from: string; to: string | null },
  ) => {
    await sql`
      insert into bench_units (tier, g, id, path)
      select ${name}, g, gen_random_uuid(), null from generate_series(1, ${count}::int) g`.execute(db);
    await sql`
      update bench_units b set path = p.path || b.id || '/'
        from (select g, ${parent} as parent from generate_series(1, ${count}::int) g) x
        join bench_units p on p.tier = (x.parent).tier and p.g = (x.parent).g
       where b.tier = ${name} and b.g = x.g`.execute(db);
    await sql`
      insert into units (id, code, name, name_folded, level, kind, parent_id, path, valid_from, valid_to)
      select b.id, ${unit.code} || b.g, ${unit.label} || ' ' || b.g, lower(${unit.label}) || ' ' || b.g,
             ${unit.level}, ${unit.kind},
             (regexp_match(b.path, '([0-9a-f-]{36})/[0-9a-f-]{36}/$'))[1]::uuid, b.path,
             ${unit.from}::date, ${unit.to}::date
        from bench_units b where b.tier = ${name}`.execute(db);
  };
  await sql`insert into bench_units values ('nation', 1, ${nation}, ${`/${nation}/`})`.execute(db);
  const row = (t: string, g: ReturnType<typeof sql>) => sql`row(${t}::text, ${g})::bench_parent`;
  await sql`create type bench_parent as (tier text, g int)`.execute(db);
  const today = { from: '2025-07-01', to: null };
  const former = { from: '2008-01-01', to: '2025-07-01' };
  await tier('province', PROVINCES, row('nation', sql`1`), {
    level: 'province',
    kind: 'tinh',
    label: 'Tỉnh',
    code: 'T',
    ...today,
  });
  await tier(
    'commune',
    COMMUNES,
    row(
      'province',
      sql`case when g <= ${FIRST_PROVINCE_COMMUNES} then 1
               else 2 + (g - ${FIRST_PROVINCE_COMMUNES + 1}) % ${Math.max(1, PROVINCES - 1)} end`,
    ),
    { level: 'commune', kind: 'xa', label: 'Xã', code: 'X', ...today },
  );
  await tier('old_province', OLD_PROVINCES, row('nation', sql`1`), {
    level: 'province',
    kind: 'tinh',
    label: 'Tỉnh cũ',
    code: 'TC',
    ...former,
  });
  await tier('old_district', OLD_DISTRICTS, row('old_province', sql`1 + g % ${OLD_PROVINCES}`), {
    level: 'district',
    kind: 'huyen',
    label: 'Huyện cũ',
    code: 'HC',
    ...former,
  });
  await tier('old_commune', OLD_COMMUNES, row('old_district', sql`1 + g % ${OLD_DISTRICTS}`), {
    level: 'commune',
    kind: 'xa',
    label: 'Xã cũ',
    code: 'XC',
    ...former,
  });
  // Each former commune went whole into one commune of today (≈ 3 into each).
  await sql`
    insert into unit_links (from_unit_id, to_unit_id, kind)
    select o.id, n.id, 'full'
      from bench_units o join bench_units n on n.tier = 'commune' and n.g = 1 + (o.g - 1) % ${COMMUNES}
     where o.tier = 'old_commune'`.execute(db);
  console.log(`units: ${seconds(started)}`);

  started = performance.now();
  // Periods: 2021–2024 organised by the former provinces, 2025 by the provinces of today.
  await sql`
    insert into evaluation_periods (unit_id, year, name, evaluating_level, framework_version_id,
                                    self_assessment_due, submission_due, appraisal_due, decision_due)
    select b.id, y, 'Kỳ ' || y, 'province', ${version.id}::uuid,
           make_date(y, 10, 15), make_date(y, 11, 1), make_date(y, 11, 30), make_date(y, 12, 20)
      from bench_units b, generate_series(2021, 2024) y where b.tier = 'old_province'
    union all
    select b.id, 2025, 'Kỳ 2025', 'province', ${version.id}::uuid,
           date '2025-10-15', date '2025-11-01', date '2025-11-30', date '2026-12-20'
      from bench_units b where b.tier = 'province'`.execute(db);
  for (const year of [2021, 2022, 2023, 2024, 2025]) {
    const t0 = performance.now();
    const old = year < 2025;
    // Before 2025 decided by the result; 2025: one in ten a draft, one in ten submitted, the rest appraised.
    await sql`
      insert into evaluations (period_id, unit_id, state, self_input, self_result, submitted_snapshot,
                               submitted_at, appraised_result, appraised_at)
      select p.id, c.id, s.state, '{}',
             case when s.state <> 'draft' then rs.r end,
             case when s.state <> 'draft' then jsonb_build_object('input', '{}'::jsonb, 'result', rs.r) end,
             case when s.state <> 'draft' then now() end,
             case when s.appraised then ra.r end,
             case when s.appraised then now() end
        from bench_units c
        join units pu on pu.id = (regexp_match(c.path, '^/[0-9a-f-]{36}/([0-9a-f-]{36})/'))[1]::uuid
        join evaluation_periods p on p.unit_id = pu.id and p.year = ${year}
        join bench_results rs on rs.i = (c.g + ${year}) % 40
        join bench_results ra on ra.i = (c.g * 7 + ${year}) % 40
        cross join lateral (
          select case
                   when ${old} then case when (ra.r ->> 'recognised')::boolean then 'decided_achieved'
                                         else 'decided_not_achieved' end
                   when c.g % 10 = 0 then 'draft'
                   when c.g % 10 = 1 then 'submitted'
                   else 'appraised' end as state,
                 ${old} or c.g % 10 > 1 as appraised) s
       where c.tier = ${old ? 'old_commune' : 'commune'}`.execute(db);
    console.log(`  evaluations ${year}: ${seconds(t0)}`);
  }
  console.log(`evaluations: ${seconds(started)}`);

  started = performance.now();
  const communes = (
    await sql<{ id: string }>`select id from bench_units where tier = 'commune' order by g`.execute(db)
  ).rows.map((r) => r.id);
  // Bulk load: the dossiers' secondary indexes and unique constraint are dropped during the inserts and
  // built once after (each index maintained row by row is what made the 10 M load take most of an hour).
  const indexes = (
    await sql<{ name: string; def: string; constraint: boolean }>`
      select i.relname as name, pg_get_indexdef(i.oid) as def, c.conname is not null as constraint
        from pg_index x join pg_class i on i.oid = x.indexrelid
        left join pg_constraint c on c.conindid = x.indexrelid
       where x.indrelid = 'tthc_dossiers'::regclass and not x.indisprimary`.execute(db)
  ).rows;
  for (const index of indexes)
    await sql
      .raw(
        index.constraint
          ? `alter table tthc_dossiers drop constraint ${index.name}`
          : `drop index ${index.name}`,
      )
      .execute(db);
  await generateDossiers(db, communes, DOSSIERS);
  console.log(`${DOSSIERS.toLocaleString('vi-VN')} dossiers: ${seconds(started)}`);
  started = performance.now();
  await db.connection().execute(async (c) => {
    if (!PGLITE) await sql`set maintenance_work_mem = '1GB'`.execute(c);
    for (const index of indexes) {
      await sql.raw(index.def).execute(c);
      if (index.constraint)
        await sql
          .raw(`alter table tthc_dossiers add constraint ${index.name} unique using index ${index.name}`)
          .execute(c);
    }
  });
  console.log(`dossier indexes: ${seconds(started)}`);
  started = performance.now();
  await sql`vacuum analyze`.execute(db);
  console.log(`vacuum analyze: ${seconds(started)}`);
}

const fresh = process.env.ANALYTICS_DB_URL ? null : await createTestDatabase();
const handle =
  fresh ?? (await openDatabase({ engine: 'postgres', url: process.env.ANALYTICS_DB_URL!, poolSize: 5 }));
const db = handle.db;
// A kept database generated before newer migrations: bring it up to date (their back-fills included).
if (!fresh) {
  const started = performance.now();
  await migrate(db);
  console.log(`migrations: ${seconds(started)}`);
}
try {
  console.log(`${PGLITE ? 'PGlite' : 'PostgreSQL'}; load ${load()} on ${os.cpus().length} cores`);
  if (fresh) {
    const started = performance.now();
    await generate(db);
    console.log(`generated in ${seconds(started)}; load ${load()}`);
  }
  const counts = (
    await sql<{ e: number; n: number; d: number }>`
      select (select count(*) from evaluations)::int as e, (select count(*) from analytics_nodes)::int as n,
             (select count(*) from tthc_dossiers)::int as d`.execute(db)
  ).rows[0]!;
  console.log(`${counts.e} evaluations, ${counts.n} result nodes, ${counts.d} dossiers`);
  const ids = (
    await sql<{ nation: string; province: string }>`
      select (select id from bench_units where tier = 'nation') as nation,
             (select id from bench_units where tier = 'province' and g = 1) as province`.execute(db)
  ).rows[0]!;

  const actor: Actor = {
    userId: crypto.randomUUID(),
    username: 'bench',
    fullName: 'Bench',
    grants: [{ role: 'system_admin', unitId: ids.nation, unitPath: `/${ids.nation}/`, unitName: 'Việt Nam' }],
  };
  const ctx = cliContext({ db } as unknown as AppContext, actor);
  const stats = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
    return `p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms`;
  };
  const measure = async (label: string, unitId: string) => {
    const call = async () => {
      const started = performance.now();
      const d = await getDashboard(ctx, { unitId, year: 2025, family: 'tcpl' });
      const json = JSON.stringify(d);
      return { ms: performance.now() - started, bytes: json.length, d };
    };
    forgetDashboards();
    const first = await call();
    const cold: number[] = [];
    for (let i = 0; i < REPEAT; i++) {
      forgetDashboards();
      cold.push((await call()).ms);
    }
    const warm: number[] = [];
    for (let i = 0; i < REPEAT; i++) warm.push((await call()).ms);
    console.log(
      `${label}: first ${first.ms.toFixed(0)} ms; cold ${stats(cold)}; warm ${stats(warm)} ` +
        `(${REPEAT} calls each; ${(first.bytes / 1024).toFixed(0)} KB JSON; ` +
        `pass rate ${first.d.passRate.achieved}/${first.d.passRate.total}, ${first.d.ranking.rows.length} ranked, ` +
        `${first.d.registers?.filter((r) => r.tthcOnTime).length ?? '–'} communes with TTHC figures) — load ${load()}`,
    );
  };
  await measure(`province 1 (${FIRST_PROVINCE_COMMUNES} communes)`, ids.province);
  if (!PGLITE) await measure(`nation (${COMMUNES} communes)`, ids.nation);
  if (process.env.ANALYTICS_KEEP && fresh?.url) console.log(`kept: ANALYTICS_DB_URL=${fresh.url}`);
} finally {
  if (fresh && !process.env.ANALYTICS_KEEP) await fresh.drop();
  else await handle.close();
}
