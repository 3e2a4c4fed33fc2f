/**
 * The commune's other books (issue #13): typed entry with a version check, import (good file; one bad
 * row refuses all, naming row and column; an exported XLSX reads back), scope between communes,
 * audit rows, records of a former commune readable under the new one, 01/TCD–01/XLD, and the
 * six-month report reproducing example 003's section 5 from records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_KIND_IDS, BOOK_KINDS, importColumnOf } from '@shared/books/kinds.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUnitTree, createUser } from '@server/test/factories.ts';
import { multipartBody } from '@server/test/multipart.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let officerA: TestClient;
let officerB: TestClient;
let otherOfficer: TestClient;
let reviewer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  officerA = await make('commune_officer', 'communeA');
  officerB = await make('commune_officer', 'communeB');
  otherOfficer = await make('commune_officer', 'otherCommune');
  reviewer = await make('province_reviewer', 'province');
});
afterAll(() => t?.close());

const upload = (client: TestClient, url: string, data: Buffer | string, fileName: string) => {
  const m = multipartBody({ data: Buffer.isBuffer(data) ? data : Buffer.from(data), fileName });
  return t.app.inject({
    method: 'POST',
    url,
    headers: { ...m.headers, cookie: client.cookie, 'x-csrf-token': client.csrfToken },
    payload: m.payload,
  });
};

async function auditOf(id: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'diff', 'unit_id'])
    .where('object_id', '=', id)
    .orderBy('id')
    .execute();
}

const list = async (client: TestClient, query: string) => {
  const res = await client.request('GET', `/api/books/records?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    items: { id: string; data: Record<string, unknown>; formerUnit: boolean; counted: boolean | null }[];
    total: number;
    counted: number | null;
  };
};

describe('typed entry', () => {
  it('saves a record of each kind from its own fields, checks them, and audits every change', async () => {
    // Every kind accepts a record made of its required fields (the form is generated from the same list).
    for (const kind of BOOK_KIND_IDS) {
      const data: Record<string, unknown> = {};
      for (const f of BOOK_KINDS[kind].fields.filter((f) => f.required))
        data[f.name] =
          f.type === 'date'
            ? '2026-03-02'
            : f.type === 'int'
              ? 1
              : f.type === 'choice'
                ? f.options![0]!.value
                : f.type === 'bool'
                  ? true
                  : 'Nội dung';
      if (kind === 'document') data.ngayBanHanh = '2026-03-02';
      const res = await officerB.request('POST', '/api/books/records', {
        unitId: units.communeB.id,
        kind,
        data,
      });
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(201);
    }

    const bad = await officerA.request('POST', '/api/books/records', {
      unitId: units.communeA.id,
      kind: 'petition',
      data: {
        ngayNhan: '2026-03-10',
        nguoiGui: 'Nguyễn Văn A',
        loai: 'kienNghi',
        ngayGiaiQuyet: '2026-03-01',
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.problems).toContainEqual({
      field: 'data.ngayGiaiQuyet',
      message: '"Ngày giải quyết xong" trước "Ngày nhận đơn"',
    });
    const missing = await officerA.request('POST', '/api/books/records', {
      unitId: units.communeA.id,
      kind: 'petition',
      data: { nguoiGui: 'Nguyễn Văn A', loai: 'kienNghi' },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('"Ngày nhận đơn" không được để trống');

    const created = await officerA.request('POST', '/api/books/records', {
      unitId: units.communeA.id,
      kind: 'petition',
      data: { ngayNhan: '2026-03-10', nguoiGui: 'Nguyễn Văn A', loai: 'kienNghi', noiDung: '' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json();
    expect(record).toMatchObject({ recordDate: '2026-03-10', version: 1, source: 'typed' });
    expect(record.data).toEqual({ ngayNhan: '2026-03-10', nguoiGui: 'Nguyễn Văn A', loai: 'kienNghi' });

    const updated = await officerA.request('PUT', `/api/books/records/${record.id}`, {
      expectedVersion: 1,
      data: { ...record.data, ngayGiaiQuyet: '2026-03-20', dungQuyDinh: true },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().version).toBe(2);
    const stale = await officerA.request('PUT', `/api/books/records/${record.id}`, {
      expectedVersion: 1,
      data: record.data,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('đã được người khác sửa');

    // Another commune's officer: the record does not exist for them, nor may they write its book.
    expect(
      (
        await officerB.request('PUT', `/api/books/records/${record.id}`, {
          expectedVersion: 2,
          data: record.data,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await otherOfficer.request('DELETE', `/api/books/records/${record.id}?expectedVersion=2`)).statusCode,
    ).toBe(404);
    expect(
      (
        await officerB.request('POST', '/api/books/records', {
          unitId: units.communeA.id,
          kind: 'petition',
          data: record.data,
        })
      ).statusCode,
    ).toBe(404);
    // Lists hold only one's own units; the province's reviewer reads both communes.
    expect((await list(officerB, 'kind=petition')).items.map((i) => i.id)).not.toContain(record.id);
    expect(
      (await officerB.request('GET', `/api/books/records?kind=petition&unitId=${units.communeA.id}`))
        .statusCode,
    ).toBe(404);
    expect((await list(reviewer, 'kind=petition')).total).toBeGreaterThanOrEqual(2);

    const deleted = await officerA.request('DELETE', `/api/books/records/${record.id}?expectedVersion=2`);
    expect(deleted.statusCode, deleted.body).toBe(204);
    const audit = await auditOf(record.id);
    expect(audit.map((a) => a.action)).toEqual([
      'book-record.created',
      'book-record.updated',
      'book-record.deleted',
    ]);
    expect(audit[1]!.diff).toEqual({
      kind: 'petition',
      data: { ngayGiaiQuyet: { from: null, to: '2026-03-20' }, dungQuyDinh: { from: null, to: true } },
    });
    expect(audit.every((a) => a.unit_id === units.communeA.id)).toBe(true);
  });
});

describe('import and export', () => {
  const header = [
    'ngay_nhan',
    'nguoi_gui',
    'loai',
    'thuoc_tham_quyen',
    'han_giai_quyet',
    'ngay_giai_quyet',
  ].join(',');

  it('refuses a file with one bad row, naming row and column, and writes nothing; then imports the good file', async () => {
    const url = `/api/books/records/import?unitId=${units.communeB.id}&kind=petition`;
    const bad = `${header}\n02/01/2025,Trần Thị B,Kiến nghị,có,15/01/2025,10/01/2025\n03/01/2025,Lê Văn C,khiếu kiện,x,,\n31/02/2025,Lê Văn D,phan_anh,,,\n`;
    const refused = await upload(officerB, url, bad, 'don.csv');
    expect(refused.statusCode).toBe(400);
    const message = refused.json().error.message as string;
    expect(message).toContain('Tệp don.csv có 2 lỗi, chưa nhập dòng nào');
    expect(message).toContain('Dòng 3, cột "loai": Loại đơn: "khiếu kiện" không có trong danh sách');
    expect(message).toContain(
      'Dòng 4, cột "ngay_nhan": Ngày nhận đơn: "31/02/2025" không phải ngày hợp lệ (dd/mm/yyyy)',
    );
    expect(
      (await list(officerB, `kind=petition&unitId=${units.communeB.id}&from=2025-01-01&to=2025-12-31`)).total,
    ).toBe(0);

    const good = `${header}\n02/01/2025,Trần Thị B,Kiến nghị,có,15/01/2025,10/01/2025\n03/01/2025,Lê Văn C,Tranh chấp đất đai,x,,\n`;
    const imported = await upload(officerB, url, good, 'don.csv');
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: 2 });
    const page = await list(
      officerB,
      `kind=petition&unitId=${units.communeB.id}&from=2025-01-01&to=2025-12-31`,
    );
    expect(page.items.map((i) => i.data)).toEqual([
      { ngayNhan: '2025-01-03', nguoiGui: 'Lê Văn C', loai: 'datDai', thuocThamQuyen: true },
      {
        ngayNhan: '2025-01-02',
        nguoiGui: 'Trần Thị B',
        loai: 'kienNghi',
        thuocThamQuyen: true,
        hanGiaiQuyet: '2025-01-15',
        ngayGiaiQuyet: '2025-01-10',
      },
    ]);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('diff')
      .where('action', '=', 'book-records.imported')
      .where('unit_id', '=', units.communeB.id)
      .execute();
    expect(audit.map((a) => a.diff)).toEqual([{ kind: 'petition', file: 'don.csv', created: 2 }]);
    // Another commune's officer may not import into this book.
    expect((await upload(officerA, url, good, 'don.csv')).statusCode).toBe(404);
  });

  it('exports the list as XLSX with Vietnamese headers that the import reads back', async () => {
    const res = await officerB.request(
      'GET',
      `/api/books/records/export?kind=petition&unitId=${units.communeB.id}&from=2025-01-01&to=2025-12-31`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const again = await upload(
      officerB,
      `/api/books/records/import?unitId=${units.communeB.id}&kind=petition`,
      res.rawPayload,
      'so-don.xlsx',
    );
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ created: 2 });
    const page = await list(
      officerB,
      `kind=petition&unitId=${units.communeB.id}&from=2025-01-01&to=2025-12-31&filter=loai:datDai`,
    );
    expect(page.total).toBe(2);
  });

  it('names the columns it does not know and the required ones missing', async () => {
    const res = await upload(
      officerB,
      `/api/books/records/import?unitId=${units.communeB.id}&kind=reception`,
      'ngay,so_nguoi\n01/02/2025,3\n',
      'tcd.csv',
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain(
      'Dòng 1, cột "so_nguoi": cột "so_nguoi" không thuộc sổ "Buổi tiếp công dân"',
    );
    expect(res.json().error.message).toContain(
      `cột "${importColumnOf('nguoiTiep')}": thiếu cột bắt buộc "Người tiếp (lãnh đạo)"`,
    );
  });
});

describe('merged communes', () => {
  it('shows the books of a former commune under the commune it was merged into, read-only', async () => {
    const old = await createUnit(t.ctx.db, {
      name: 'Phường Hoàng Văn Thụ (cũ)',
      level: 'commune',
      parent: units.province,
      validFrom: '2008-01-01',
    });
    await t.ctx.db.updateTable('units').set({ valid_to: '2025-06-30' }).where('id', '=', old.id).execute();
    await t.ctx.db
      .insertInto('unit_links')
      .values({ from_unit_id: old.id, to_unit_id: units.communeA.id, kind: 'full' })
      .execute();
    const [row] = await t.ctx.db
      .insertInto('book_records')
      .values({
        unit_id: old.id,
        kind: 'mediation_case',
        record_date: '2024-05-02',
        data: JSON.stringify({
          ngayTiepNhan: '2024-05-02',
          toHoaGiai: 'Tổ 3',
          noiDung: 'Tranh chấp lối đi',
          ketQua: 'thanh',
        }),
      })
      .returning('id')
      .execute();
    const page = await list(officerA, `kind=mediation_case&unitId=${units.communeA.id}`);
    expect(page.items).toContainEqual(expect.objectContaining({ id: row!.id, formerUnit: true }));
    // History, not the new commune's own record: its officer cannot change it.
    expect(
      (await officerA.request('DELETE', `/api/books/records/${row!.id}?expectedVersion=1`)).statusCode,
    ).toBe(404);
  });
});

describe('six-month report (example 003, section 5)', () => {
  const FROM = '2022-01-01';
  const TO = '2022-06-30';

  it('reproduces 34 sessions, 21 visits, 22 petitions (4 carried, 18 new), 11 resolved, 11 pending', async () => {
    // 34 leader sessions (twice a week from 07/01), 21 citizens in all; one session after the period.
    const sessions: string[] = [];
    let day = new Date(Date.UTC(2022, 0, 7));
    for (let i = 0; i < 34; i++) {
      const iso = day.toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-');
      sessions.push(`${d}/${m}/${y},Định kỳ (lãnh đạo tiếp),Chủ tịch UBND,${i < 21 ? 1 : 0},0`);
      day = new Date(day.getTime() + (i % 2 === 0 ? 3 : 4) * 86_400_000);
    }
    sessions.push('01/07/2022,Định kỳ (lãnh đạo tiếp),Chủ tịch UBND,5,1');
    const reception = await upload(
      officerA,
      `/api/books/records/import?unitId=${units.communeA.id}&kind=reception`,
      `Ngày tiếp,Hình thức,Người tiếp (lãnh đạo),Số lượt công dân được tiếp,Số đoàn đông người (từ 10 người)\n${sessions.join('\n')}\n`,
      'tiep-cong-dan.csv',
    );
    expect(reception.statusCode, reception.body).toBe(200);

    // Petitions: 2 land + 2 other carried from 2021 (all resolved), 2 land + 16 other new (1 + 10 pending);
    // one resolved in 2021 and one received after the period are outside it.
    const rows: string[] = [];
    const add = (received: string, kind: string, resolved = '') =>
      rows.push(`${received},Công dân ${rows.length + 1},${kind},có,,${resolved}`);
    add('10/11/2021', 'datDai', '15/02/2022');
    add('12/11/2021', 'datDai', '20/03/2022');
    add('01/12/2021', 'kienNghi', '10/01/2022');
    add('05/12/2021', 'phanAnh', '12/01/2022');
    add('10/02/2022', 'datDai', '30/04/2022');
    add('11/03/2022', 'datDai');
    for (let i = 0; i < 16; i++)
      add(
        `${String(10 + i).padStart(2, '0')}/04/2022`,
        i % 2 ? 'phanAnh' : 'kienNghi',
        i < 6 ? '25/05/2022' : '',
      );
    add('01/10/2021', 'kienNghi', '20/12/2021');
    add('02/07/2022', 'kienNghi');
    const petitions = await upload(
      officerA,
      `/api/books/records/import?unitId=${units.communeA.id}&kind=petition`,
      `${header()}\n${rows.join('\n')}\n`,
      'don-thu.csv',
    );
    expect(petitions.statusCode, petitions.body).toBe(200);
    expect(petitions.json().created).toBe(24);

    const summary = await officerA.request(
      'GET',
      `/api/books/reception-summary?unitId=${units.communeA.id}&from=${FROM}&to=${TO}`,
    );
    expect(summary.statusCode, summary.body).toBe(200);
    const s = summary.json();
    expect(s.reception).toEqual({ sessions: 34, leaderSessions: 34, visits: 21, groups: 0 });
    expect(s.petitions.inPeriod).toMatchObject({ total: 22, datDai: 4, khieuNai: 0, toCao: 0 });
    expect(s.petitions.inPeriod.kienNghi + s.petitions.inPeriod.phanAnh).toBe(18);
    expect(s.petitions.carried.total).toBe(4);
    expect(s.petitions.fresh.total).toBe(18);
    expect(s.petitions.resolved).toMatchObject({ total: 11, datDai: 3 });
    expect(s.petitions.pending).toMatchObject({ total: 11, datDai: 1 });

    const report = await reviewer.request(
      'GET',
      `/api/books/report?unitId=${units.communeA.id}&from=${FROM}&to=${TO}`,
    );
    expect(report.statusCode, report.body).toBe(200);
    const lines = await docxParagraphs(report.rawPayload);
    expect(lines).toContain(
      'Kết quả cải cách hành chính, tiếp công dân và giải quyết đơn thư 6 tháng đầu năm 2022',
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        'Số buổi tiếp công dân định kỳ của lãnh đạo Ủy ban nhân dân: 34 (buổi); tổng số buổi tiếp công dân: 34. Số lượt công dân định kỳ và thường xuyên đã tiếp: 21 (lượt). Số đoàn đông người (10 người trở lên): không có.',
        'Tổng số đơn tiếp nhận, xử lý: 22 đơn thư, trong đó: khiếu nại, tố cáo: không; đơn tranh chấp đất đai: 04 đơn; đơn kiến nghị, phản ánh: 18 đơn.',
        'Số đơn tồn đọng kỳ trước chuyển sang: 04 đơn, trong đó: khiếu nại, tố cáo: không; đơn tranh chấp đất đai: 02 đơn; đơn kiến nghị, phản ánh: 02 đơn.',
        'Số đơn mới tiếp nhận trong kỳ: 18 đơn, trong đó: khiếu nại, tố cáo: không; đơn tranh chấp đất đai: 02 đơn; đơn kiến nghị, phản ánh: 16 đơn.',
        'Đã giải quyết: 11 đơn, trong đó: khiếu nại, tố cáo: không; đơn tranh chấp đất đai: 03 đơn; đơn kiến nghị, phản ánh: 08 đơn; giải quyết đúng hạn: 11 đơn.',
        'Số đơn, vụ việc đang giải quyết: 11 đơn, trong đó: khiếu nại, tố cáo: không; đơn tranh chấp đất đai: 01 đơn; đơn kiến nghị, phản ánh: 10 đơn.',
      ]),
    );
    // Section 3 comes from the TTHC register (Biểu 06) of the same period.
    expect(
      lines.some((l) =>
        l.startsWith('Tổng số hồ sơ yêu cầu giải quyết TTHC từ 01/01/2022 đến 30/06/2022 là 0 hồ sơ'),
      ),
    ).toBe(true);
    // Another province's commune officer cannot read it.
    expect(
      (
        await otherOfficer.request(
          'GET',
          `/api/books/report?unitId=${units.communeA.id}&from=${FROM}&to=${TO}`,
        )
      ).statusCode,
    ).toBe(404);
  });

  function header() {
    return ['ngay_nhan', 'nguoi_gui', 'loai', 'thuoc_tham_quyen', 'han_giai_quyet', 'ngay_giai_quyet'].join(
      ',',
    );
  }
});
