/**
 * Each book measure at its boundaries (first and last day of the year in, the days around it out;
 * done on the due date is on time, a day later is not), computed through the register dispatcher;
 * the drill-down list (/api/books/records?measure=…) has exactly the rows counted and marks the
 * numerator. Then the whole chain: records entered through the API, a TCPL-2021 self-assessment
 * recomputed and scored from them, one value overridden with a reason the reviewer sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOK_KINDS, recordDateOf, type BookData, type BookKindId } from '@shared/books/kinds.ts';
import { BOOK_MEASURE_KIND, type BooksMeasureId } from '@shared/books/measures.ts';
import { boundInputsOf } from '@shared/evaluations/bound-inputs.ts';
import { getBuiltinFramework } from '@shared/frameworks/index.ts';
import { MEASURES } from '@shared/registers/measures.ts';
import type { ResultNode } from '@shared/scoring/types.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { computeMeasure } from '@server/features/registers/measures.service.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let officerA: TestClient;
let reviewer: TestClient;

const RANGE = { from: '2025-01-01', to: '2025-12-31' };

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  officerA = await make('commune_officer', 'communeA');
  reviewer = await make('province_reviewer', 'province');
});
afterAll(() => t?.close());

type Rec = [BookKindId, BookData];

/** A fresh commune with the given records, written directly. */
async function communeWith(records: Rec[]) {
  const unit = await createUnit(t.ctx.db, {
    name: 'Xã Thử Nghiệm',
    level: 'commune',
    parent: units.province,
  });
  if (records.length)
    await t.ctx.db
      .insertInto('book_records')
      .values(
        records.map(([kind, data]) => ({
          unit_id: unit.id,
          kind,
          record_date: recordDateOf(BOOK_KINDS[kind], data)!,
          data: JSON.stringify(data),
        })),
      )
      .execute();
  return unit.id;
}

const vb = (d: BookData): Rec => ['document', { trichYeu: 'Văn bản', ...d }];
const tg = (d: BookData): Rec => ['mediation_case', { toHoaGiai: 'Tổ 1', noiDung: 'Vụ việc', ...d }];
const don = (d: BookData): Rec => [
  'petition',
  { nguoiGui: 'Công dân', loai: 'kienNghi', thuocThamQuyen: true, ...d },
];

const CASES: { name: string; records: Rec[]; expected: Partial<Record<BooksMeasureId, unknown>> }[] = [
  {
    name: 'VBQPPL: assigned (due in the year) and issued by its end; lawful among those issued',
    records: [
      vb({ loai: 'vbqppl', hanBanHanh: '2025-01-01', ngayBanHanh: '2025-01-01' }),
      vb({ loai: 'vbqppl', hanBanHanh: '2025-12-31' }),
      vb({ loai: 'vbqppl', hanBanHanh: '2025-12-31', ngayBanHanh: '2026-01-05' }),
      vb({ loai: 'vbqppl', hanBanHanh: '2024-12-31', ngayBanHanh: '2024-12-31' }),
      vb({ loai: 'vbqppl', hanBanHanh: '2026-01-01' }),
      vb({ loai: 'vbqppl', ngayBanHanh: '2025-12-31', traiPhapLuat: true, kySo: true }),
      vb({ loai: 'hanhChinh', hanBanHanh: '2025-06-01', ngayBanHanh: '2025-06-01', kySo: true }),
      vb({ loai: 'hanhChinh', ngayBanHanh: '2026-01-01' }),
      vb({ loai: 'khac', ngayBanHanh: '2025-03-03', phaiXuLy: true, daXuLy: true }),
      vb({ loai: 'khac', hanBanHanh: '2025-03-03', phaiXuLy: true }),
      vb({ loai: 'baoCao', hanBanHanh: '2025-01-15', ngayBanHanh: '2025-01-15', trichYeu: 'Báo cáo quý I' }),
      vb({ loai: 'baoCao', hanBanHanh: '2025-12-31', trichYeu: 'Báo cáo năm' }),
      vb({ loai: 'baoCao', hanBanHanh: '2024-12-31', ngayBanHanh: '2025-01-02' }),
    ],
    expected: {
      'books.vbqpplIssued': { numerator: 1, denominator: 3 },
      'books.vbqpplLawful': { numerator: 1, denominator: 2 },
      'books.adminDocsLawful': { numerator: 1, denominator: 1 },
      'books.reviewedDocsHandled': { numerator: 1, denominator: 2 },
      // Issued in the year: 2025-01-01, 2025-12-31, 2025-06-01, 2025-03-03, 2025-01-15, 2025-01-02.
      'books.signedDigitally': { numerator: 2, denominator: 6 },
      'books.reportsSent': [
        { title: 'Báo cáo quý I', dueOn: '2025-01-15', issuedOn: '2025-01-15' },
        { title: 'Báo cáo năm', dueOn: '2025-12-31', issuedOn: null },
      ],
    },
  },
  {
    name: 'Publication and information requests: on time on the due date, late a day after',
    records: [
      [
        'publication',
        { noiDung: 'Dự toán ngân sách', hanCongKhai: '2025-02-01', ngayCongKhai: '2025-02-02' },
      ],
      ['publication', { noiDung: 'Quyết toán', hanCongKhai: '2025-12-31', ngayCongKhai: '2025-12-31' }],
      ['publication', { noiDung: 'Năm trước', hanCongKhai: '2024-12-31' }],
      [
        'info_request',
        {
          nguoiYeuCau: 'A',
          noiDung: 'x',
          ngayNhan: '2025-01-01',
          hanTraLoi: '2025-01-10',
          ngayTraLoi: '2025-01-10',
        },
      ],
      ['info_request', { nguoiYeuCau: 'B', noiDung: 'x', ngayNhan: '2025-12-31', hanTraLoi: '2026-01-10' }],
      [
        'info_request',
        {
          nguoiYeuCau: 'C',
          noiDung: 'x',
          ngayNhan: '2025-05-01',
          hanTraLoi: '2025-05-10',
          ngayTraLoi: '2025-05-11',
        },
      ],
      [
        'info_request',
        {
          nguoiYeuCau: 'D',
          noiDung: 'x',
          ngayNhan: '2024-12-31',
          hanTraLoi: '2025-01-05',
          ngayTraLoi: '2025-01-02',
        },
      ],
    ],
    expected: {
      'books.publishedOnTime': [
        { title: 'Dự toán ngân sách', dueOn: '2025-02-01', issuedOn: '2025-02-02' },
        { title: 'Quyết toán', dueOn: '2025-12-31', issuedOn: '2025-12-31' },
      ],
      'books.infoRequestsOnTime': { numerator: 1, denominator: 3 },
    },
  },
  {
    name: 'Propagandists of the year, trained in it; funding summed over the year',
    records: [
      ['propagandist', { hoTen: 'A', ngayCongNhan: '2020-01-01', ngayTapHuan: '2025-01-01' }],
      ['propagandist', { hoTen: 'B', ngayCongNhan: '2025-12-31' }],
      ['propagandist', { hoTen: 'C', ngayCongNhan: '2020-01-01', ngayThoiCongNhan: '2024-12-31' }],
      ['propagandist', { hoTen: 'D', ngayCongNhan: '2026-01-01' }],
      ['propagandist', { hoTen: 'E', ngayCongNhan: '2020-01-01', ngayTapHuan: '2024-12-31' }],
      ['pbgdpl_funding', { ngay: '2025-01-01', soTien: 5_000_000 }],
      ['pbgdpl_funding', { ngay: '2025-12-31', soTien: 2_500_000 }],
      ['pbgdpl_funding', { ngay: '2026-01-01', soTien: 1_000_000 }],
    ],
    expected: {
      'books.propagandistsTrained': { numerator: 1, denominator: 3 },
      'books.pbgdplFunding': 7_500_000,
    },
  },
  {
    name: 'Mediation: cases received in the year, teams of the year funded in it',
    records: [
      tg({ ngayTiepNhan: '2025-01-01', ketQua: 'thanh', kipThoi: true }),
      tg({ ngayTiepNhan: '2025-06-01', ketQua: 'khongThanh' }),
      tg({ ngayTiepNhan: '2025-12-31', ketQua: 'dangGiaiQuyet' }),
      tg({ ngayTiepNhan: '2024-12-31', ketQua: 'thanh', kipThoi: true }),
      [
        'mediation_team',
        { tenTo: 'Tổ 1', ngayThanhLap: '2019-01-01', kinhPhi: 2_000_000, ngayNhanKinhPhi: '2025-03-01' },
      ],
      [
        'mediation_team',
        { tenTo: 'Tổ 2', ngayThanhLap: '2019-01-01', kinhPhi: 0, ngayNhanKinhPhi: '2025-03-01' },
      ],
      ['mediation_team', { tenTo: 'Tổ 3', ngayThanhLap: '2019-01-01', ngayGiaiThe: '2024-12-31' }],
      [
        'mediation_team',
        { tenTo: 'Tổ 4', ngayThanhLap: '2025-12-31', kinhPhi: 1, ngayNhanKinhPhi: '2025-12-31' },
      ],
    ],
    expected: {
      'books.mediationTimely': { numerator: 1, denominator: 3 },
      'books.mediationSuccessful': { numerator: 1, denominator: 2 },
      'books.mediationTeamsFunded': { numerator: 2, denominator: 3 },
    },
  },
  {
    name: 'Activities and grassroots democracy by kind',
    records: [
      ['activity', { ngay: '2025-01-01', loai: 'troGiupPhapLy', noiDung: 'x' }],
      ['activity', { ngay: '2025-12-31', loai: 'troGiupPhapLy', noiDung: 'x' }],
      ['activity', { ngay: '2026-01-01', loai: 'troGiupPhapLy', noiDung: 'x' }],
      ['activity', { ngay: '2025-05-05', loai: 'doiThoai', noiDung: 'x' }],
      ['activity', { ngay: '2025-05-05', loai: 'phoBien', noiDung: 'x' }],
      ['democracy_item', { noiDung: 'a', hinhThuc: 'quyetDinh', ngay: '2025-01-01', dungQuyDinh: true }],
      ['democracy_item', { noiDung: 'b', hinhThuc: 'quyetDinh', ngay: '2025-04-01' }],
      ['democracy_item', { noiDung: 'c', hinhThuc: 'bieuQuyet', ngay: '2025-04-01', dungQuyDinh: true }],
      ['democracy_item', { noiDung: 'd', hinhThuc: 'thamGiaYKien', ngay: '2024-12-31', dungQuyDinh: true }],
      ['democracy_item', { noiDung: 'e', hinhThuc: 'giamSat', ngay: '2025-12-31', dungQuyDinh: true }],
    ],
    expected: {
      'books.legalAidInfo': 2,
      'books.dialogues': 1,
      'books.democracyDecide': { numerator: 1, denominator: 2 },
      'books.democracyVote': { numerator: 1, denominator: 1 },
      'books.democracyComment': { numerator: 0, denominator: 0 },
      'books.democracySupervise': { numerator: 1, denominator: 1 },
    },
  },
  {
    name: 'Petitions: carried in and due ones count; pending within their deadline wait; late is not lawful',
    records: [
      don({
        ngayNhan: '2024-12-01',
        ngayGiaiQuyet: '2025-01-05',
        hanGiaiQuyet: '2025-01-10',
        dungQuyDinh: true,
      }),
      don({
        ngayNhan: '2025-03-01',
        ngayGiaiQuyet: '2025-04-01',
        hanGiaiQuyet: '2025-03-20',
        dungQuyDinh: true,
      }),
      don({ ngayNhan: '2025-12-20', hanGiaiQuyet: '2026-01-10' }),
      don({ ngayNhan: '2025-11-01', hanGiaiQuyet: '2025-12-01' }),
      don({ ngayNhan: '2025-05-01', thuocThamQuyen: false }),
      don({ ngayNhan: '2024-01-01', ngayGiaiQuyet: '2024-12-31', dungQuyDinh: true }),
      don({ ngayNhan: '2025-05-01', ngayGiaiQuyet: '2025-05-10' }),
      ['discipline', { hoTen: 'A', chucVu: 'Công chức', hinhThuc: 'kyLuat', ngayQuyetDinh: '2025-12-31' }],
      [
        'discipline',
        {
          hoTen: 'B',
          chucVu: 'Chủ tịch',
          nguoiDungDau: true,
          hinhThuc: 'kyLuat',
          ngayQuyetDinh: '2024-12-31',
        },
      ],
    ],
    expected: {
      'books.petitionsLawful': { numerator: 1, denominator: 4 },
      'books.officialsDisciplined': true,
      'books.headDisciplined': false,
    },
  },
  {
    name: 'Nothing recorded',
    records: [],
    expected: {
      'books.officialsDisciplined': false,
      'books.vbqpplIssued': { numerator: 0, denominator: 0 },
      'books.reportsSent': [],
      'books.pbgdplFunding': 0,
    },
  },
];

describe('book measures at their boundaries', () => {
  it('cover every books measure', () => {
    const covered = new Set(CASES.flatMap((c) => Object.keys(c.expected)));
    expect(Object.keys(BOOK_MEASURE_KIND).filter((m) => !covered.has(m))).toEqual([]);
  });

  it.each(CASES)('$name', async ({ records, expected }) => {
    const unitId = await communeWith(records);
    for (const [measure, value] of Object.entries(expected) as [BooksMeasureId, unknown][]) {
      const computed = await computeMeasure(t.ctx.db, unitId, measure, RANGE);
      expect(computed.value, measure).toEqual(value);
      // The drill-down list: as many rows as the figure came from, the numerator marked.
      const res = await admin.request(
        'GET',
        `/api/books/records?kind=${BOOK_MEASURE_KIND[measure]}&unitId=${unitId}&measure=${measure}&from=${RANGE.from}&to=${RANGE.to}&pageSize=500`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      expect(page.total, measure).toBe(computed.rows);
      if (MEASURES[measure].type === 'ratio') {
        const v = computed.value as { numerator: number; denominator: number };
        expect(page.counted, measure).toBe(v.numerator);
        expect(page.items.filter((i: { counted: boolean }) => i.counted).length).toBe(v.numerator);
      } else if (MEASURES[measure].type === 'documents') {
        // The list marks the documents done on time.
        const docs = computed.value as { dueOn: string; issuedOn: string | null }[];
        expect(page.counted, measure).toBe(docs.filter((x) => x.issuedOn && x.issuedOn <= x.dueOn).length);
      } else expect(page.counted).toBeNull();
    }
  });
});

function node(criteria: ResultNode[], code: string): ResultNode {
  const stack = [...criteria];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.code === code) return n;
    stack.push(...n.children);
  }
  throw new Error(`no node ${code}`);
}

describe('a self-assessment scored from the books', () => {
  const today = todayInVietnam();
  const YEAR = Number(today.slice(0, 4));
  const d = (md: string) => `${YEAR}-${md}`;

  it('enters records, recomputes, scores every bound TCPL-2021 input, and keeps an override with its reason', async () => {
    const add = async (kind: BookKindId, data: BookData) => {
      const res = await officerA.request('POST', '/api/books/records', {
        unitId: units.communeA.id,
        kind,
        data,
      });
      expect(res.statusCode, res.body).toBe(201);
    };
    await add('document', {
      loai: 'vbqppl',
      trichYeu: 'Nghị quyết',
      hanBanHanh: d('03-01'),
      ngayBanHanh: d('02-20'),
    });
    await add('document', { loai: 'hanhChinh', trichYeu: 'Quyết định', ngayBanHanh: d('04-01') });
    await add('publication', { noiDung: 'Dự toán', hanCongKhai: d('01-31'), ngayCongKhai: d('01-20') });
    await add('info_request', {
      nguoiYeuCau: 'A',
      noiDung: 'x',
      ngayNhan: d('02-01'),
      hanTraLoi: d('02-15'),
      ngayTraLoi: d('02-10'),
    });
    await add('propagandist', { hoTen: 'Nguyễn Văn A', ngayCongNhan: '2020-01-01', ngayTapHuan: d('03-03') });
    await add('propagandist', { hoTen: 'Trần Thị B', ngayCongNhan: '2020-01-01' });
    await add('pbgdpl_funding', { ngay: d('01-10'), soTien: 15_000_000 });
    await add('mediation_team', {
      tenTo: 'Tổ 1',
      ngayThanhLap: '2019-01-01',
      kinhPhi: 2_000_000,
      ngayNhanKinhPhi: d('02-02'),
    });
    await add('mediation_case', {
      ngayTiepNhan: d('02-01'),
      toHoaGiai: 'Tổ 1',
      noiDung: 'Lối đi',
      ketQua: 'thanh',
      kipThoi: true,
    });
    await add('activity', {
      ngay: d('03-01'),
      loai: 'troGiupPhapLy',
      noiDung: 'Giới thiệu trợ giúp pháp lý',
    });
    await add('activity', { ngay: d('03-02'), loai: 'doiThoai', noiDung: 'Đối thoại' });
    for (const hinhThuc of ['quyetDinh', 'bieuQuyet', 'thamGiaYKien', 'giamSat'])
      await add('democracy_item', { noiDung: hinhThuc, hinhThuc, ngay: d('03-05'), dungQuyDinh: true });
    await add('petition', {
      ngayNhan: d('01-05'),
      nguoiGui: 'C',
      loai: 'kienNghi',
      thuocThamQuyen: true,
      hanGiaiQuyet: d('01-20'),
      ngayGiaiQuyet: d('01-15'),
      dungQuyDinh: true,
    });

    const period = await admin.request('POST', '/api/periods', {
      unitId: units.province.id,
      year: YEAR,
      name: `Đánh giá TCPL năm ${YEAR}`,
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: addDays(today, 10),
      submissionDue: addDays(today, 20),
      appraisalDue: addDays(today, 30),
      decisionDue: addDays(today, 40),
      unitIds: [units.communeA.id],
    });
    expect(period.statusCode, period.body).toBe(200);
    const id = (await admin.request('GET', `/api/evaluations?periodId=${period.json().id}`)).json()[0]
      .id as string;
    const before = (await officerA.request('GET', `/api/evaluations/${id}`)).json();
    const res = await officerA.request('POST', `/api/evaluations/${id}/computed-inputs`, {
      expectedVersion: before.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    let e = res.json();

    // Every TCPL-2021 input but the judgements (2.6.2 facilities, 5.4 police) is bound: the books', the plan's
    // (2.3.1 dates, 2.3.2), the poll's (2.4) and the TTHC register's (5.2).
    const bound = boundInputsOf(getBuiltinFramework('TCPL-2021')).map((b) => b.inputId);
    expect(bound.sort()).toEqual(
      [
        '1.1.1.daBanHanh',
        '1.1.2.dungQuyDinh',
        '1.2.dungQuyDinh',
        '2.1.congKhai',
        '2.2.dungHan',
        '2.3.1.ngayBanHanh',
        '2.3.1.hanBanHanh',
        '2.3.2.hoanThanh',
        '2.4.hieuQua',
        '2.5.tapHuan',
        '2.6.1.kinhPhi',
        '3.1.1.daHoaGiai',
        '3.1.2.thanh',
        '3.2.duocHoTro',
        '3.3.hoatDong',
        '4.1.doiThoai',
        '4.2.banQuyetDinh',
        '4.3.bieuQuyet',
        '4.4.thamGiaYKien',
        '4.5.giamSat',
        '5.1.dungQuyDinh',
        '5.2.dungHan',
        '5.3.coKyLuat',
      ].sort(),
    );
    const values = e.selfInput.values;
    expect(values['1.1.1.daBanHanh']).toEqual({ numerator: 1, denominator: 1 });
    expect(values['2.1.congKhai']).toEqual([{ title: 'Dự toán', dueOn: d('01-31'), issuedOn: d('01-20') }]);
    expect(values['2.5.tapHuan']).toEqual({ numerator: 1, denominator: 2 });
    expect(values['2.6.1.kinhPhi']).toBe(15_000_000);
    expect(values['3.3.hoatDong']).toBe(1);
    expect(values['5.1.dungQuyDinh']).toEqual({ numerator: 1, denominator: 1 });
    expect(values['5.3.coKyLuat']).toBe(false);
    expect(e.boundInputs['2.5.tapHuan']).toMatchObject({
      computed: { rows: 2 },
      link: `/so-sach?kind=propagandist&unitId=${units.communeA.id}&measure=books.propagandistsTrained&from=${YEAR}-01-01&to=${YEAR}-12-31`,
    });
    // Scored from them: full marks where every record is on time, 1/2 trained gives the 50–70 % tier.
    const criteria = e.selfResult.criteria as ResultNode[];
    expect(node(criteria, '1.1').points).toBe(node(criteria, '1.1').max);
    expect(node(criteria, '5.1').points).toBe(node(criteria, '5.1').max);
    expect(node(criteria, '5.3').points).toBe(node(criteria, '5.3').max);
    expect(node(criteria, '2.5').points).toBe('0.25');

    // A disciplinary record, recomputed: 5.3 loses its points.
    await add('discipline', {
      hoTen: 'D',
      chucVu: 'Công chức địa chính',
      hinhThuc: 'kyLuat',
      ngayQuyetDinh: d('01-02'),
    });
    e = (
      await officerA.request('POST', `/api/evaluations/${id}/computed-inputs`, { expectedVersion: e.version })
    ).json();
    expect(e.selfInput.values['5.3.coKyLuat']).toBe(true);
    expect(node(e.selfResult.criteria, '5.3').points).toBe('0');

    // The officer scores 2/2 trained with a reason; the reviewer sees both figures and the reason.
    const reason = 'Trần Thị B dự tập huấn của huyện ngày 12/3, sổ chưa ghi.';
    const saved = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: {
        ...e.selfInput,
        values: { ...e.selfInput.values, '2.5.tapHuan': { numerator: 2, denominator: 2 } },
      },
      overrides: { '2.5.tapHuan': reason },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const seen = (await reviewer.request('GET', `/api/evaluations/${id}`)).json();
    expect(seen.boundInputs['2.5.tapHuan']).toMatchObject({
      computed: { value: { numerator: 1, denominator: 2 } },
      override: { reason },
    });
    expect(seen.selfInput.values['2.5.tapHuan']).toEqual({ numerator: 2, denominator: 2 });
  });
});
