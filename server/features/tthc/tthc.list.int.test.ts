import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measuresOf } from '@shared/registers/measures.ts';
import type { DossierPage } from '@shared/tthc/dossiers.contract.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser, type TestUnit } from '@server/test/factories.ts';
import type { Db } from '@server/db/client.ts';
import { computeTthcMeasure, type TthcMeasureId } from './tthc.measures.repo.ts';
import type { TthcDossiersTable } from './tthc.tables.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let officer: TestClient;
let otherOfficer: TestClient;
let provinceAdmin: TestClient;
let counter = 0;

type Dossier = Partial<Insertable<TthcDossiersTable>>;

async function dossier(db: Db, unit: TestUnit, d: Dossier) {
  await db
    .insertInto('tthc_dossiers')
    .values({
      unit_id: unit.id,
      code: d.code ?? `HS-${++counter}`,
      procedure_code: d.procedure_code ?? null,
      procedure_name: d.procedure_name ?? 'Đăng ký khai sinh',
      field: d.field ?? 'Hộ tịch',
      channel: d.channel ?? 'truc_tiep',
      received_on: d.received_on ?? '2026-03-02',
      due_on: d.due_on ?? '2026-03-05',
      resolved_on: d.resolved_on ?? null,
      status: d.status ?? null,
      status_kind: d.status_kind ?? 'binh_thuong',
      digitised: d.digitised ?? null,
      electronic_result: d.electronic_result ?? null,
      online_payment: d.online_payment ?? null,
      full_process: d.full_process ?? null,
      apology_letter: d.apology_letter ?? null,
      source: d.source ?? 'import',
    })
    .execute();
}

const page = async (client: TestClient, query: string) => {
  const response = await client.request('GET', `/api/registers/tthc/dossiers?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as DossierPage;
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.ctx.db;
  units = await createUnitTree(db);
  const a = units.communeA;
  // 2026: on time, early, late (resolved), pending overdue, pending within due, paused (returned).
  await dossier(db, a, {
    code: 'A-1',
    resolved_on: '2026-03-05',
    channel: 'truc_tuyen',
    digitised: true,
    electronic_result: true,
    online_payment: true,
    full_process: true,
  });
  await dossier(db, a, { code: 'A-2', resolved_on: '2026-03-03', digitised: false, online_payment: false });
  await dossier(db, a, {
    code: 'A-3',
    field: 'Chứng thực',
    procedure_name: 'Chứng thực bản sao',
    resolved_on: '2026-03-09',
    apology_letter: true,
  });
  await dossier(db, a, { code: 'A-4', field: 'Đất đai', received_on: '2026-12-01', due_on: '2026-12-10' });
  await dossier(db, a, {
    code: 'A-5',
    field: 'Bảo trợ xã hội',
    received_on: '2026-12-28',
    due_on: '2027-01-05',
  });
  await dossier(db, a, {
    code: 'A-6',
    received_on: '2026-11-02',
    due_on: '2026-11-05',
    status: 'Trả lại hồ sơ',
    status_kind: 'tra_lai',
    channel: 'buu_chinh',
  });
  // 2025, carried into 2026 and resolved late in January.
  await dossier(db, a, {
    code: 'A-7',
    received_on: '2025-12-20',
    due_on: '2025-12-30',
    resolved_on: '2026-01-04',
  });
  // 2025, resolved in 2025: outside every 2026 list.
  await dossier(db, a, {
    code: 'A-8',
    received_on: '2025-05-04',
    due_on: '2025-05-08',
    resolved_on: '2025-05-06',
  });
  await dossier(db, units.communeB, { code: 'B-1', field: 'An toàn thực phẩm' });
  await dossier(db, units.otherCommune, { code: 'O-1' });

  officer = await t.signIn((await createUser(db, { role: 'commune_officer', unit: a })).username);
  otherOfficer = await t.signIn(
    (await createUser(db, { role: 'commune_officer', unit: units.communeB })).username,
  );
  provinceAdmin = await t.signIn(
    (await createUser(db, { role: 'province_admin', unit: units.province })).username,
  );
});
afterAll(() => t?.close());

const YEAR = 'from=2026-01-01&to=2026-12-31';
const codes = (p: DossierPage) => p.items.map((i) => i.code).sort();

describe('TTHC register list', () => {
  it('lists the dossiers received in the range, newest first, within the commune', async () => {
    const p = await page(officer, YEAR);
    expect(p.items.map((i) => i.code)).toEqual(['A-5', 'A-4', 'A-6', 'A-1', 'A-2', 'A-3']);
    expect(p.total).toBe(6);
    expect(p.counted).toBeNull();
    expect(p.items[0]).toMatchObject({
      unitName: units.communeA.name,
      receivedOn: '2026-12-28',
      counted: null,
    });
  });

  it('filters by field, channel and code or procedure name', async () => {
    expect(codes(await page(officer, `${YEAR}&field=${encodeURIComponent('Chứng thực')}`))).toEqual(['A-3']);
    expect(codes(await page(officer, `${YEAR}&channel=buu_chinh`))).toEqual(['A-6']);
    expect(codes(await page(officer, `${YEAR}&q=${encodeURIComponent('chứng thực')}`))).toEqual(['A-3']);
    expect(codes(await page(officer, `${YEAR}&q=a-4`))).toEqual(['A-4']);
  });

  it('late: resolved late in the range or pending overdue at its end; a returned dossier is never late', async () => {
    expect(codes(await page(officer, `${YEAR}&late=1`))).toEqual(['A-3', 'A-4', 'A-7']);
  });

  it('pending: not resolved at the end of the range, including one carried over', async () => {
    expect(codes(await page(officer, `${YEAR}&pending=1`))).toEqual(['A-4', 'A-5', 'A-6']);
    expect(codes(await page(officer, `${YEAR}&pending=1&late=1`))).toEqual(['A-4']);
  });

  it('measure drill-down: exactly the rows the measure counts, each marked whether it is in the numerator', async () => {
    for (const measure of measuresOf('tthc')) {
      const p = await page(officer, `unitId=${units.communeA.id}&measure=${measure}&${YEAR}&pageSize=200`);
      const computed = await computeTthcMeasure(t.ctx.db, units.communeA.id, measure as TthcMeasureId, {
        from: '2026-01-01',
        to: '2026-12-31',
      });
      expect(p.total, measure).toBe(computed.rows);
      expect(p.items).toHaveLength(computed.rows);
      if (typeof computed.value === 'object') {
        expect(p.counted, measure).toBe(computed.value.numerator);
        expect(p.items.filter((i) => i.counted).length, measure).toBe(computed.value.numerator);
      } else {
        expect(p.counted, measure).toBeNull();
      }
    }
    const onTime = await page(officer, `unitId=${units.communeA.id}&measure=tthc.onTime&${YEAR}`);
    expect(Object.fromEntries(onTime.items.map((i) => [i.code, i.counted]))).toEqual({
      'A-1': true,
      'A-2': true,
      'A-3': false,
      'A-7': false,
    });
  });

  it('a rule without a range counts on the current year', async () => {
    const p = await page(officer, 'measure=tthc.onTime');
    expect(p.from).toMatch(/^\d{4}-01-01$/);
    expect(p.to).toMatch(/^\d{4}-12-31$/);
  });

  it('pages with a total; at most 200 a page', async () => {
    const first = await page(officer, `${YEAR}&pageSize=4`);
    const second = await page(officer, `${YEAR}&pageSize=4&page=2`);
    expect(first.items).toHaveLength(4);
    expect(second.items.map((i) => i.code)).toEqual(['A-2', 'A-3']);
    expect(second.total).toBe(6);
    const tooBig = await officer.request('GET', '/api/registers/tthc/dossiers?pageSize=201');
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().error.message).toContain('tối đa 200');
  });

  it('province roles see their communes (all, or one); communes and other provinces stay out', async () => {
    const all = await page(provinceAdmin, 'pageSize=200');
    expect(codes(all)).toEqual(['A-1', 'A-2', 'A-3', 'A-4', 'A-5', 'A-6', 'A-7', 'A-8', 'B-1']);
    const one = await page(provinceAdmin, `unitId=${units.communeB.id}`);
    expect(codes(one)).toEqual(['B-1']);
    expect(codes(await page(otherOfficer, 'pageSize=200'))).toEqual(['B-1']);
  });

  it("another commune's officer gets 404 for this commune's register", async () => {
    const response = await otherOfficer.request(
      'GET',
      `/api/registers/tthc/dossiers?unitId=${units.communeA.id}`,
    );
    expect(response.statusCode).toBe(404);
    const fields = await otherOfficer.request(
      'GET',
      `/api/registers/tthc/fields?unitId=${units.communeA.id}`,
    );
    expect(fields.statusCode).toBe(404);
    const other = await provinceAdmin.request(
      'GET',
      `/api/registers/tthc/dossiers?unitId=${units.otherCommune.id}`,
    );
    expect(other.statusCode).toBe(404);
  });

  it('lists the fields in Vietnamese order', async () => {
    const response = await officer.request('GET', `/api/registers/tthc/fields?unitId=${units.communeA.id}`);
    expect(response.json()).toEqual(['Bảo trợ xã hội', 'Chứng thực', 'Đất đai', 'Hộ tịch']);
  });

  it('refuses a bad filter in Vietnamese', async () => {
    const response = await officer.request(
      'GET',
      '/api/registers/tthc/dossiers?measure=tthc.khac&from=2026-13-01',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Chỉ số không hợp lệ');
    expect(response.json().error.message).toContain('Ngày không hợp lệ');
  });
});
