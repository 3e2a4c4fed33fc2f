import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { OLD_UNITS_FROM, planImport, REFORM_DATE, writeImportSlice } from './units.import.ts';
import { IMPORT_SLICE_ROWS, importUnitsAudited } from './units.service.ts';
import { readMergesFile, readSplitsFile } from './units.source.ts';

let database: TestDatabase;
const source = { merges: readMergesFile(), splits: readSplitsFile() };

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function snapshot() {
  const { rows } = await sql<Record<string, string>>`
    select
      (select count(*) from units)::text as units,
      (select count(*) from unit_links)::text as links,
      (select count(*) from audit_log)::text as audit,
      (select md5(string_agg(id::text || code || name || path || coalesce(valid_to::text, ''), ',' order by id))
         from units) as digest
  `.execute(database.db);
  return rows[0];
}

async function count(level: string, validFrom: string) {
  const row = await database.db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('level', '=', level as 'province')
    .where('valid_from', '=', validFrom)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('importing the administrative units', () => {
  it('imports one province with the old units it was formed from', async () => {
    const report = await importUnitsAudited(database.db, source, {
      provinceCodes: ['19'],
      sourceName: 'merges.json',
    });
    expect(report.provinces).toBe(1);
    expect(report.communes).toBe(92);
    // Thái Nguyên (new) = old Thái Nguyên + old Bắc Kạn.
    expect(report.oldProvinces).toBe(2);
    const province = await database.db
      .selectFrom('units')
      .selectAll()
      .where('code', '=', '19')
      .where('valid_from', '=', REFORM_DATE)
      .executeTakeFirstOrThrow();
    const formedFrom = await database.db
      .selectFrom('unit_links')
      .innerJoin('units', 'units.id', 'unit_links.from_unit_id')
      .select(['units.name', 'unit_links.kind'])
      .where('unit_links.to_unit_id', '=', province.id)
      .orderBy('units.name')
      .execute();
    expect(formedFrom.map((r) => r.name)).toEqual(['Tỉnh Bắc Kạn', 'Tỉnh Thái Nguyên']);
  });

  it('imports the whole country in seconds: 34 provinces, 3,321 communes, the old units and the links', async () => {
    const started = performance.now();
    const progress: string[] = [];
    const report = await importUnitsAudited(database.db, source, {
      sourceName: 'merges.json',
      onProgress: (done, total) => void progress.push(`${done}/${total}`),
    });
    const ms = performance.now() - started;
    console.log(`whole-country import (${database.engine}): ${Math.round(ms)} ms`);
    expect(ms).toBeLessThan(60_000);
    expect(report).toMatchObject({ provinces: 34, communes: 3321, oldProvinces: 63, oldCommunes: 10047 });
    expect(await count('province', REFORM_DATE)).toBe(34);
    expect(await count('commune', REFORM_DATE)).toBe(3321);
    expect(await count('province', OLD_UNITS_FROM)).toBe(63);
    expect(await count('commune', OLD_UNITS_FROM)).toBe(10047);

    // The right codes: every code of the source, each under the right province.
    const communes = await database.db
      .selectFrom('units as c')
      .innerJoin('units as p', 'p.id', 'c.parent_id')
      .select(['c.code', 'c.name', 'p.code as province', 'c.valid_to', 'c.kind'])
      .where('c.level', '=', 'commune')
      .where('c.valid_from', '=', REFORM_DATE)
      .execute();
    const expected = source.merges.data.flatMap((p) =>
      p.level2s.map((c) => `${p.level1_id}/${c.level2_id}/${c.name}`),
    );
    expect(communes.map((c) => `${c.province}/${c.code}/${c.name}`).sort()).toEqual(expected.sort());
    expect(communes.every((c) => c.valid_to === null)).toBe(true);
    const hanoi = communes.find((c) => c.code === '00004')!;
    expect(hanoi).toMatchObject({ name: 'Phường Ba Đình', province: '01', kind: 'phuong' });

    // Old units end on the reform day; a new commune knows the communes it was formed from.
    const old = await database.db
      .selectFrom('units')
      .select('valid_to')
      .where('valid_from', '=', OLD_UNITS_FROM)
      .groupBy('valid_to')
      .execute();
    expect(old).toEqual([{ valid_to: REFORM_DATE }]);
    const baDinh = await database.db
      .selectFrom('unit_links')
      .innerJoin('units as o', 'o.id', 'unit_links.from_unit_id')
      .innerJoin('units as n', 'n.id', 'unit_links.to_unit_id')
      .select(['o.code', 'unit_links.kind'])
      .where('n.code', '=', '00004')
      .where('n.valid_from', '=', REFORM_DATE)
      .orderBy('o.code')
      .execute();
    expect(baDinh).toContainEqual({ code: '00004', kind: 'full' });
    expect(baDinh).toContainEqual({ code: '00016', kind: 'partial' });
    expect(baDinh).toHaveLength(10);
    const links = await database.db
      .selectFrom('unit_links')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // 10,604 commune links (5 to old island districts are not in the data) + 63 province links.
    expect(Number(links.n)).toBe(10_599 + 63);
    expect(report.linksSkipped).toBe(5);

    // Written in short transactions, each with its audit row; the last one carries the report.
    const rows = report.created + report.updated + report.linksCreated;
    const parts = Math.ceil(rows / IMPORT_SLICE_ROWS);
    expect(parts).toBeGreaterThan(10);
    expect(progress).toHaveLength(parts);
    expect(progress.at(-1)).toBe(`${parts}/${parts}`);
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'diff'])
      .where('action', '=', 'units.imported')
      .orderBy('id')
      .execute();
    const diffs = audit.slice(-parts).map((a) => a.diff as Record<string, unknown>);
    expect(diffs.map((d) => d.part)).toEqual(Array.from({ length: parts }, (_, i) => i + 1));
    expect(diffs.reduce((sum, d) => sum + (d.created as number), 0)).toBe(report.created);
    expect(diffs.reduce((sum, d) => sum + (d.linksCreated as number), 0)).toBe(report.linksCreated);
    expect(diffs.at(-1)!.report).toMatchObject({ provinces: 34, communes: 3321 });
    expect(diffs.slice(0, -1).every((d) => d.report === undefined)).toBe(true);
  });

  it('resumes an import stopped half-way: only what is missing is written', async () => {
    const fresh = await createTestDatabase();
    try {
      const plan = await planImport(fresh.db, source, ['04']);
      // The first slices committed, then the process died.
      await fresh.db.transaction().execute((trx) => writeImportSlice(trx, plan.writes.slice(0, 150)));
      const report = await importUnitsAudited(fresh.db, source, {
        provinceCodes: ['04'],
        sourceName: 'merges.json',
      });
      expect(report.created + report.linksCreated).toBe(plan.writes.length - 150);
      expect(report.created + report.linksCreated).toBeGreaterThan(0);
      const again = await importUnitsAudited(fresh.db, source, {
        provinceCodes: ['04'],
        sourceName: 'merges.json',
      });
      expect(again).toMatchObject({ created: 0, updated: 0, linksCreated: 0 });
    } finally {
      await fresh.drop();
    }
  });

  it('changes nothing when run twice', async () => {
    const before = await snapshot();
    const report = await importUnitsAudited(database.db, source, { sourceName: 'merges.json' });
    expect(report).toMatchObject({ created: 0, updated: 0, linksCreated: 0 });
    expect(await snapshot()).toEqual(before);
  });
});
