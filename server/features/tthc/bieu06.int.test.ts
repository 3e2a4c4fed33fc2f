import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bieu06Figures } from '@shared/tthc/bieu06.ts';
import { BIEU06_KEYS } from '@shared/tthc/bieu06.ts';
import type { Bieu06Report } from '@shared/tthc/bieu06.contract.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser, type TestUnit } from '@server/test/factories.ts';
import { multipartBody } from '@server/test/multipart.ts';
import type { TthcDossiersTable } from './tthc.tables.ts';
import type { Insertable } from 'kysely';

let t: TestApp;
let tree: Awaited<ReturnType<typeof createUnitTree>>;
let officerA: TestClient;
let officerB: TestClient;
let provinceAdmin: TestClient;
let seq = 0;

const FROM = '2026-01-01';
const TO = '2026-06-30';

/** One dossier of `unit`, received and due on the given dates (tthcDossier factory lands separately). */
async function dossier(
  unit: TestUnit,
  d: {
    field?: string;
    received: string;
    due: string;
    resolved?: string;
    channel?: 'truc_tuyen' | 'truc_tiep';
  } & Partial<Pick<Insertable<TthcDossiersTable>, 'status_kind'>>,
) {
  await t.ctx.db
    .insertInto('tthc_dossiers')
    .values({
      unit_id: unit.id,
      code: `HS-${++seq}`,
      field: d.field ?? 'Hộ tịch',
      channel: d.channel ?? 'truc_tiep',
      received_on: d.received,
      due_on: d.due,
      resolved_on: d.resolved ?? null,
      status_kind: d.status_kind,
      source: 'import',
    })
    .execute();
}

function figures(partial: Partial<Bieu06Figures>): Bieu06Figures {
  return { ...(Object.fromEntries(BIEU06_KEYS.map((k) => [k, 0])) as Bieu06Figures), ...partial };
}

async function report(client: TestClient, unit: TestUnit, from = FROM, to = TO) {
  const res = await client.request(
    'GET',
    `/api/registers/tthc/bieu-06?unitId=${unit.id}&from=${from}&to=${to}`,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Bieu06Report;
}

const strip = ({ field: _f, ...rest }: Bieu06Figures & { field: string }) => rest;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  const a = await createUser(t.ctx.db, { role: 'commune_officer', unit: tree.communeA });
  const b = await createUser(t.ctx.db, { role: 'commune_officer', unit: tree.communeB });
  const pa = await createUser(t.ctx.db, { role: 'province_admin', unit: tree.province });
  officerA = await t.signIn(a.username);
  officerB = await t.signIn(b.username);
  provinceAdmin = await t.signIn(pa.username);

  const A = tree.communeA;
  // Resolved before the due date → early; on the due date → on time; after → late.
  await dossier(A, {
    received: '2026-02-02',
    due: '2026-02-10',
    resolved: '2026-02-05',
    channel: 'truc_tuyen',
  });
  await dossier(A, { received: '2026-02-02', due: '2026-02-10', resolved: '2026-02-10' });
  await dossier(A, { received: '2026-02-02', due: '2026-02-10', resolved: '2026-02-11' });
  // Resolved on `to` (after its due date) → resolved in the period, late.
  await dossier(A, { received: '2026-06-20', due: '2026-06-25', resolved: TO });
  // Received the day before `from`, still pending → carried over, and pending (overdue at `to`).
  await dossier(A, { received: '2025-12-31', due: '2026-01-10' });
  // Resolved after `to` → pending at `to`, within the deadline (due after `to`).
  await dossier(A, {
    received: '2026-06-25',
    due: '2026-07-05',
    resolved: '2026-07-01',
    channel: 'truc_tuyen',
  });
  // Withdrawn after the due date: the deadline is paused → on time, never late.
  await dossier(A, { received: '2026-03-01', due: '2026-03-05', resolved: '2026-03-20', status_kind: 'rut' });
  // Another field; and dossiers outside the period (resolved before `from`, received after `to`).
  await dossier(A, {
    field: 'Chứng thực',
    received: '2026-04-01',
    due: '2026-04-01',
    resolved: '2026-04-01',
  });
  await dossier(A, { received: '2025-12-01', due: '2025-12-05', resolved: '2025-12-31' });
  await dossier(A, { received: '2026-07-01', due: '2026-07-05' });
  // Commune B: one dossier, to check the province sum.
  await dossier(tree.communeB, { received: '2026-05-05', due: '2026-05-10', resolved: '2026-05-08' });
});
afterAll(() => t?.close());

describe('Biểu 06 counted from dossiers', () => {
  it('counts each rule at its boundary, by field in Vietnamese order and in total', async () => {
    const r = await report(officerA, tree.communeA);
    expect(r.byField.map((f) => f.field)).toEqual(['Chứng thực', 'Hộ tịch']);
    const hoTich = r.byField.find((f) => f.field === 'Hộ tịch')!;
    expect(strip(hoTich)).toEqual(
      figures({
        received: 7,
        online: 2,
        direct: 4,
        carriedOver: 1,
        resolved: 5,
        early: 1,
        onTime: 2,
        late: 2,
        pending: 2,
        pendingWithinDue: 1,
        pendingOverdue: 1,
      }),
    );
    expect(r.total).toEqual(figures({ ...strip(hoTich), received: 8, direct: 5, resolved: 6, onTime: 3 }));
    expect(r.problems).toEqual([]);
    expect(r.abilities).toEqual({ canDrillDown: true, canEditAggregates: true });
    expect(r.communes).toEqual([expect.objectContaining({ id: tree.communeA.id, source: 'dossiers' })]);
  });

  it('sums the communes of a province, naming where each commune’s figures come from', async () => {
    const r = await report(provinceAdmin, tree.province);
    expect(r.total.received).toBe(9);
    expect(r.total.early).toBe(2);
    expect(r.communes.map((c) => [c.name, c.source])).toEqual([
      ['Phường Phan Đình Phùng', 'dossiers'],
      ['Xã Đại Phúc', 'dossiers'],
    ]);
    expect(r.abilities).toEqual({ canDrillDown: false, canEditAggregates: false });
  });

  it('answers 404 for another commune’s report', async () => {
    const res = await officerB.request(
      'GET',
      `/api/registers/tthc/bieu-06?unitId=${tree.communeA.id}&from=${FROM}&to=${TO}`,
    );
    expect(res.statusCode).toBe(404);
    const bad = await officerA.request(
      'GET',
      `/api/registers/tthc/bieu-06?unitId=${tree.communeA.id}&from=${TO}&to=${FROM}`,
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ngày cuối kỳ phải sau hoặc trùng ngày đầu kỳ');
  });
});

describe('aggregate entry', () => {
  const range = { from: '2022-01-01', to: '2022-05-30' };
  // Example 003 (phường Hương An, 01/01–30/5/2022) typed as one row: 98 + 1.609 + 48 = 1.755 ≠ 1.757.
  const example003 = {
    field: 'Tổng hợp các lĩnh vực',
    ...figures({
      received: 1770,
      online: 0,
      direct: 1770,
      carriedOver: 0,
      resolved: 1757,
      early: 98,
      onTime: 1609,
      late: 48,
      pending: 13,
      pendingWithinDue: 4,
      pendingOverdue: 9,
    }),
  };

  it('stores example 003 with exactly one problem (7 ≠ 8 + 9 + 10), replaces the range, audits', async () => {
    const saved = await officerB.request('PUT', '/api/registers/tthc/aggregates', {
      unitId: tree.communeB.id,
      ...range,
      rows: [
        example003,
        {
          ...example003,
          field: 'Hộ tịch',
          received: 5,
          direct: 5,
          resolved: 5,
          early: 5,
          onTime: 0,
          late: 0,
          pending: 0,
          pendingWithinDue: 0,
          pendingOverdue: 0,
        },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().problems).toEqual([
      'Lĩnh vực Tổng hợp các lĩnh vực: cột 7 (1.757) khác cột 8 + 9 + 10 (1.755)',
    ]);
    // Saving again replaces the range's rows.
    const replaced = await officerB.request('PUT', '/api/registers/tthc/aggregates', {
      unitId: tree.communeB.id,
      ...range,
      rows: [example003],
    });
    expect(replaced.json().rows).toHaveLength(1);

    const r = await report(provinceAdmin, tree.province, range.from, range.to);
    expect(r.total.received).toBe(1770);
    expect(r.problems).toEqual([
      'Lĩnh vực Tổng hợp các lĩnh vực: cột 7 (1.757) khác cột 8 + 9 + 10 (1.755)',
      'Tổng cộng: cột 7 (1.757) khác cột 8 + 9 + 10 (1.755)',
    ]);
    expect(r.communes.map((c) => c.source)).toEqual(['none', 'aggregates']);

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id', 'diff'])
      .where('object_type', '=', 'tthc_aggregates')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['tthc-aggregates.saved', 'tthc-aggregates.saved']);
    expect(audit[1]!.unit_id).toBe(tree.communeB.id);
    expect(JSON.stringify(audit[1]!.diff)).toContain('Hộ tịch');
  });

  it('uses a commune’s dossiers, not its aggregates, when it has dossiers in the range', async () => {
    await officerA.request('PUT', '/api/registers/tthc/aggregates', {
      unitId: tree.communeA.id,
      from: FROM,
      to: TO,
      rows: [{ ...example003 }],
    });
    const r = await report(officerA, tree.communeA);
    expect(r.total.received).toBe(8);
    const agg = await officerA.request(
      'GET',
      `/api/registers/tthc/aggregates?unitId=${tree.communeA.id}&from=${FROM}&to=${TO}`,
    );
    expect(agg.json().hasDossiers).toBe(true);
  });

  it('refuses a file with a bad row, naming row and column, and writes nothing', async () => {
    const header =
      'linh_vuc,tong_so_nhan,nhan_truc_tuyen,nhan_truc_tiep_buu_chinh,tu_ky_truoc,da_giai_quyet,truoc_han,dung_han,qua_han,dang_giai_quyet,dang_trong_han,dang_qua_han';
    const csv = `${header}\nHộ tịch,10,4,6,0,8,2,6,0,2,2,0\nChứng thực,5,abc,5,0,5,5,0,0,0,0,-1\n`;
    const upload = (data: string) => {
      const m = multipartBody({ data: Buffer.from(data), fileName: 'bieu06.csv' });
      return t.app.inject({
        method: 'POST',
        url: `/api/registers/tthc/aggregates/import?unitId=${tree.communeB.id}&from=2023-01-01&to=2023-12-31`,
        headers: { ...m.headers, cookie: officerB.cookie, 'x-csrf-token': officerB.csrfToken },
        payload: m.payload,
      });
    };
    const refused = await upload(csv);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toContain('Dòng 3, cột nhan_truc_tuyen: "abc" không phải số nguyên');
    expect(refused.json().error.message).toContain('Dòng 3, cột dang_qua_han: "-1" là số âm');
    const none = await officerB.request(
      'GET',
      `/api/registers/tthc/aggregates?unitId=${tree.communeB.id}&from=2023-01-01&to=2023-12-31`,
    );
    expect(none.json().rows).toEqual([]);

    const ok = await upload(
      `${header}\nHộ tịch,10,4,6,0,8,2,6,0,2,2,0\nChứng thực,"1.770",0,1770,0,1770,0,1770,0,0,0,0\n`,
    );
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ source: 'import', problems: [] });
    expect(ok.json().rows.map((r: { field: string; received: number }) => [r.field, r.received])).toEqual([
      ['Chứng thực', 1770],
      ['Hộ tịch', 10],
    ]);
  });

  it('lets only the commune (and the province) write its own figures', async () => {
    const body = { unitId: tree.communeA.id, from: '2024-01-01', to: '2024-12-31', rows: [example003] };
    expect((await officerB.request('PUT', '/api/registers/tthc/aggregates', body)).statusCode).toBe(404);
    const province = await provinceAdmin.request('PUT', '/api/registers/tthc/aggregates', {
      ...body,
      unitId: tree.province.id,
    });
    expect(province.statusCode).toBe(400);
    expect(province.json().error.message).toContain('Chỉ nhập số liệu Biểu 06 cho đơn vị cấp xã');
  });
});

describe('downloads', () => {
  it('renders XLSX and DOCX', async () => {
    for (const format of ['xlsx', 'docx']) {
      const res = await officerA.request(
        'GET',
        `/api/registers/tthc/bieu-06/download?unitId=${tree.communeA.id}&from=${FROM}&to=${TO}&format=${format}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(
        `bieu-06-phuong-phan-dinh-phung-${FROM}-${TO}.${format}`,
      );
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
  });
});
