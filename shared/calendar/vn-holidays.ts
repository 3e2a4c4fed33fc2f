/**
 * Built-in Vietnamese public-sector days off, 2021–2030, as data. The administrator loads a year
 * into the database ("Nạp ngày nghỉ năm X") and then confirms or corrects it: the Government
 * announces each year which days are taken off and which Saturdays are worked in exchange.
 *
 * Basis: Bộ luật Lao động 2019, Điều 112.1 — 11 paid days: Tết Dương lịch (1/1), Tết Âm lịch
 * (5 days, the Government fixes which), Giỗ Tổ Hùng Vương (10/3 âm lịch), Ngày Chiến thắng
 * (30/4), Quốc tế Lao động (1/5), Quốc khánh (2/9 and one adjacent day, 1/9 or 3/9). A holiday on
 * a weekly day off is compensated on the next working day (Điều 112.3). Only the weekdays taken
 * off are listed (weekends are off anyway), plus the Saturdays worked in exchange ("làm bù"), so
 * every year lists 11 weekday holidays more than make-up days.
 *
 * Lunar dates (Tết, Giỗ Tổ) are checked in vn-holidays.test.ts against Hồ Ngọc Đức's Vietnamese
 * lunar calendar algorithm (UTC+7), which reproduces the known years (Tết 2024 = 10/02,
 * 2025 = 29/01, 2026 = 17/02). Note Tết 2030 is 02/02 in Vietnam (03/02 in China: UTC+8).
 *
 * Confidence of each year:
 * - `announced`: the days off and swaps as announced for the public sector that year (Thông báo
 *   of Bộ Nội vụ / Bộ Lao động – Thương binh và Xã hội, Thủ tướng's decisions), recorded from the
 *   press releases; 2026 Tết Dương lịch (Công văn 12729/VPCP-KGVX, 25/12/2025) and Tết Âm lịch
 *   (14/02–22/02/2026) checked against published reports while writing this table.
 * - `provisional`: the statutory days with weekend compensation only (Tết taken as the last day
 *   of the lunar year and mùng 1–4), awaiting the year's announcement; swaps are unknown.
 * Ngày Văn hóa Việt Nam (24/11) is announced as a future paid holiday (Nghị quyết 80-NQ/TW,
 * 2026) but Điều 112 is not yet amended: not listed; the administrator adds it when it is law.
 */
import type { IsoDate } from '../dates.ts';

export type HolidayKind = 'holiday' | 'working_day';
export type BuiltinDay = { day: IsoDate; name: string; kind: HolidayKind };
export type BuiltinYear = {
  year: number;
  status: 'announced' | 'provisional';
  /** Mùng 1 Tết (lunar new year) of this year. */
  tet: IsoDate;
  /** Giỗ Tổ Hùng Vương (10/3 âm lịch) of this year. */
  gioTo: IsoDate;
  source: string;
  days: BuiltinDay[];
};

const LAW = 'Bộ luật Lao động 2019, Điều 112';
const h = (day: IsoDate, name: string): BuiltinDay => ({ day, name, kind: 'holiday' });
const w = (day: IsoDate, name: string): BuiltinDay => ({ day, name, kind: 'working_day' });
const tet = (name: string, ...days: IsoDate[]) => days.map((d) => h(d, name));

export const BUILTIN_HOLIDAYS: readonly BuiltinYear[] = [
  {
    year: 2021,
    status: 'announced',
    tet: '2021-02-12',
    gioTo: '2021-04-21',
    source: `${LAW}; lịch nghỉ lễ, Tết năm 2021 của khu vực công`,
    days: [
      h('2021-01-01', 'Tết Dương lịch'),
      ...tet('Tết Nguyên đán Tân Sửu', '2021-02-10', '2021-02-11', '2021-02-12', '2021-02-15', '2021-02-16'),
      h('2021-04-21', 'Giỗ Tổ Hùng Vương'),
      h('2021-04-30', 'Ngày Chiến thắng'),
      h('2021-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)'),
      h('2021-09-02', 'Quốc khánh'),
      h('2021-09-03', 'Quốc khánh (ngày liền kề)'),
    ],
  },
  {
    year: 2022,
    status: 'announced',
    tet: '2022-02-01',
    gioTo: '2022-04-10',
    source: `${LAW}; lịch nghỉ lễ, Tết năm 2022 của khu vực công`,
    days: [
      h('2022-01-03', 'Nghỉ bù Tết Dương lịch (1/1 là thứ Bảy)'),
      ...tet('Tết Nguyên đán Nhâm Dần', '2022-01-31', '2022-02-01', '2022-02-02', '2022-02-03', '2022-02-04'),
      h('2022-04-11', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật)'),
      h('2022-05-02', 'Nghỉ bù Ngày Chiến thắng (30/4 là thứ Bảy)'),
      h('2022-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là Chủ nhật)'),
      h('2022-09-01', 'Quốc khánh (ngày liền kề)'),
      h('2022-09-02', 'Quốc khánh'),
    ],
  },
  {
    year: 2023,
    status: 'announced',
    tet: '2023-01-22',
    gioTo: '2023-04-29',
    source: `${LAW}; lịch nghỉ lễ, Tết năm 2023 của khu vực công`,
    days: [
      h('2023-01-02', 'Nghỉ bù Tết Dương lịch (1/1 là Chủ nhật)'),
      ...tet('Tết Nguyên đán Quý Mão', '2023-01-20', '2023-01-23', '2023-01-24', '2023-01-25', '2023-01-26'),
      h('2023-05-01', 'Ngày Quốc tế Lao động'),
      h('2023-05-02', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là thứ Bảy)'),
      h('2023-05-03', 'Nghỉ bù Ngày Chiến thắng (30/4 là Chủ nhật)'),
      h('2023-09-01', 'Quốc khánh (ngày liền kề)'),
      h('2023-09-04', 'Nghỉ bù Quốc khánh (2/9 là thứ Bảy)'),
    ],
  },
  {
    year: 2024,
    status: 'announced',
    tet: '2024-02-10',
    gioTo: '2024-04-18',
    source: `${LAW}; lịch nghỉ lễ, Tết năm 2024 của khu vực công (hoán đổi 29/4 ↔ thứ Bảy 04/5)`,
    days: [
      h('2024-01-01', 'Tết Dương lịch'),
      ...tet(
        'Tết Nguyên đán Giáp Thìn',
        '2024-02-08',
        '2024-02-09',
        '2024-02-12',
        '2024-02-13',
        '2024-02-14',
      ),
      h('2024-04-18', 'Giỗ Tổ Hùng Vương'),
      h('2024-04-29', 'Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)'),
      h('2024-04-30', 'Ngày Chiến thắng'),
      h('2024-05-01', 'Ngày Quốc tế Lao động'),
      w('2024-05-04', 'Làm bù cho ngày 29/04/2024'),
      h('2024-09-02', 'Quốc khánh'),
      h('2024-09-03', 'Quốc khánh (ngày liền kề)'),
    ],
  },
  {
    year: 2025,
    status: 'announced',
    tet: '2025-01-29',
    gioTo: '2025-04-07',
    source: `${LAW}; lịch nghỉ lễ, Tết năm 2025 của khu vực công (hoán đổi 02/5 ↔ thứ Bảy 26/4)`,
    days: [
      h('2025-01-01', 'Tết Dương lịch'),
      ...tet('Tết Nguyên đán Ất Tỵ', '2025-01-27', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31'),
      h('2025-04-07', 'Giỗ Tổ Hùng Vương'),
      w('2025-04-26', 'Làm bù cho ngày 02/05/2025'),
      h('2025-04-30', 'Ngày Chiến thắng'),
      h('2025-05-01', 'Ngày Quốc tế Lao động'),
      h('2025-05-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)'),
      h('2025-09-01', 'Quốc khánh (ngày liền kề)'),
      h('2025-09-02', 'Quốc khánh'),
    ],
  },
  {
    year: 2026,
    status: 'announced',
    tet: '2026-02-17',
    gioTo: '2026-04-26',
    source:
      `${LAW}; Tết Dương lịch: Công văn 12729/VPCP-KGVX (25/12/2025), hoán đổi 02/01 ↔ thứ Bảy 10/01; ` +
      'Tết Âm lịch: nghỉ 14/02–22/02/2026. Quốc khánh: chưa có thông báo khi lập bảng — tạm ghi 01/9 và 02/9',
    days: [
      h('2026-01-01', 'Tết Dương lịch'),
      h('2026-01-02', 'Nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)'),
      w('2026-01-10', 'Làm bù cho ngày 02/01/2026'),
      ...tet('Tết Nguyên đán Bính Ngọ', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'),
      h('2026-04-27', 'Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch là Chủ nhật)'),
      h('2026-04-30', 'Ngày Chiến thắng'),
      h('2026-05-01', 'Ngày Quốc tế Lao động'),
      h('2026-09-01', 'Quốc khánh (ngày liền kề — tạm tính)'),
      h('2026-09-02', 'Quốc khánh'),
    ],
  },
  {
    year: 2027,
    status: 'provisional',
    tet: '2027-02-06',
    gioTo: '2027-04-16',
    source: `${LAW}; tạm tính theo luật, chờ thông báo lịch nghỉ năm 2027`,
    days: [
      h('2027-01-01', 'Tết Dương lịch'),
      ...tet('Tết Nguyên đán Đinh Mùi (tạm tính)', '2027-02-05', '2027-02-08', '2027-02-09'),
      ...tet('Nghỉ bù Tết Nguyên đán (tạm tính)', '2027-02-10', '2027-02-11'),
      h('2027-04-16', 'Giỗ Tổ Hùng Vương'),
      h('2027-04-30', 'Ngày Chiến thắng'),
      h('2027-05-03', 'Nghỉ bù Ngày Quốc tế Lao động (1/5 là thứ Bảy)'),
      h('2027-09-02', 'Quốc khánh'),
      h('2027-09-03', 'Quốc khánh (ngày liền kề — tạm tính)'),
    ],
  },
  {
    year: 2028,
    status: 'provisional',
    tet: '2028-01-26',
    gioTo: '2028-04-04',
    source: `${LAW}; tạm tính theo luật, chờ thông báo lịch nghỉ năm 2028`,
    days: [
      h('2028-01-03', 'Nghỉ bù Tết Dương lịch (1/1 là thứ Bảy)'),
      ...tet('Tết Nguyên đán Mậu Thân (tạm tính)', '2028-01-25', '2028-01-26', '2028-01-27', '2028-01-28'),
      h('2028-01-31', 'Nghỉ bù Tết Nguyên đán (tạm tính)'),
      h('2028-04-04', 'Giỗ Tổ Hùng Vương'),
      h('2028-05-01', 'Ngày Quốc tế Lao động'),
      h('2028-05-02', 'Nghỉ bù Ngày Chiến thắng (30/4 là Chủ nhật)'),
      h('2028-09-01', 'Quốc khánh (ngày liền kề — tạm tính)'),
      h('2028-09-04', 'Nghỉ bù Quốc khánh (2/9 là thứ Bảy)'),
    ],
  },
  {
    year: 2029,
    status: 'provisional',
    tet: '2029-02-13',
    gioTo: '2029-04-23',
    source: `${LAW}; tạm tính theo luật, chờ thông báo lịch nghỉ năm 2029`,
    days: [
      h('2029-01-01', 'Tết Dương lịch'),
      ...tet(
        'Tết Nguyên đán Kỷ Dậu (tạm tính)',
        '2029-02-12',
        '2029-02-13',
        '2029-02-14',
        '2029-02-15',
        '2029-02-16',
      ),
      h('2029-04-23', 'Giỗ Tổ Hùng Vương'),
      h('2029-04-30', 'Ngày Chiến thắng'),
      h('2029-05-01', 'Ngày Quốc tế Lao động'),
      h('2029-09-03', 'Nghỉ bù Quốc khánh (2/9 là Chủ nhật)'),
      h('2029-09-04', 'Nghỉ bù Quốc khánh (ngày liền kề — tạm tính)'),
    ],
  },
  {
    year: 2030,
    status: 'provisional',
    tet: '2030-02-02',
    gioTo: '2030-04-12',
    source: `${LAW}; tạm tính theo luật, chờ thông báo lịch nghỉ năm 2030`,
    days: [
      h('2030-01-01', 'Tết Dương lịch'),
      ...tet('Tết Nguyên đán Canh Tuất (tạm tính)', '2030-02-01', '2030-02-04', '2030-02-05'),
      ...tet('Nghỉ bù Tết Nguyên đán (tạm tính)', '2030-02-06', '2030-02-07'),
      h('2030-04-12', 'Giỗ Tổ Hùng Vương'),
      h('2030-04-30', 'Ngày Chiến thắng'),
      h('2030-05-01', 'Ngày Quốc tế Lao động'),
      h('2030-09-02', 'Quốc khánh'),
      h('2030-09-03', 'Quốc khánh (ngày liền kề — tạm tính)'),
    ],
  },
];

/** The built-in table of one year, or undefined outside 2021–2030. */
export function getBuiltinYear(year: number): BuiltinYear | undefined {
  return BUILTIN_HOLIDAYS.find((y) => y.year === year);
}
