/**
 * The commune's other books (issue #13, docs/adr/0014-books.md) as data: six books, each made of
 * one or more record kinds, each kind a list of fields. One table (`book_records`) keeps every kind,
 * its facts in `data`; the server validates `data` with `bookDataSchema(kind)` and the web form is
 * generated from the same fields, so the two cannot disagree. Import columns are the fields'
 * snake_case names (`ngay_ban_hanh`), like the TTHC register's.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';

export type BookFieldType = 'text' | 'date' | 'int' | 'bool' | 'choice';

export interface BookField {
  /** Key in `data` (ascii camelCase). */
  name: string;
  label: string;
  type: BookFieldType;
  required?: boolean;
  options?: readonly { value: string; label: string }[];
  /** Long text (a text area in the form). */
  long?: boolean;
  /** Shown as a filter of the list (choice and bool fields). */
  filter?: boolean;
  /** Shown as a column of the list. */
  column?: boolean;
}

export interface BookKind {
  id: BookKindId;
  book: BookId;
  label: string;
  /** The noun of one record ("văn bản"), for "tính từ N văn bản". */
  noun: string;
  fields: readonly BookField[];
  /**
   * The date fields the year counts on, in order: a record's date is the first one filled. At
   * least one of them must be filled.
   */
  dateFields: readonly string[];
  /**
   * Records that stand for years (a propagandist, a mediation team): the list shows them all unless a
   * range is asked for, since their date is when they started.
   */
  standing?: boolean;
  /** [later, earlier]: the later date may not be before the earlier one. */
  order?: readonly (readonly [string, string])[];
}

export const BOOK_IDS = ['vanBan', 'congKhai', 'tiepCongDan', 'hoaGiai', 'pbgdpl', 'kyLuat'] as const;
export type BookId = (typeof BOOK_IDS)[number];

/** Short enough for the six tabs to fit side by side on a 1280 px screen (the kinds carry the full names). */
export const BOOK_LABELS: Record<BookId, string> = {
  vanBan: 'Văn bản',
  congKhai: 'Công khai thông tin',
  tiepCongDan: 'Tiếp công dân, đơn thư',
  hoaGiai: 'Hòa giải ở cơ sở',
  pbgdpl: 'PBGDPL, dân chủ ở cơ sở',
  kyLuat: 'Kỷ luật cán bộ',
};

export const BOOK_KIND_IDS = [
  'document',
  'publication',
  'info_request',
  'reception',
  'petition',
  'mediation_team',
  'mediation_case',
  'propagandist',
  'activity',
  'democracy_item',
  'pbgdpl_funding',
  'discipline',
] as const;
export type BookKindId = (typeof BOOK_KIND_IDS)[number];

const opt = (value: string, label: string) => ({ value, label });

export const DOCUMENT_CATEGORIES = [
  opt('vbqppl', 'Văn bản quy phạm pháp luật'),
  opt('hanhChinh', 'Văn bản hành chính liên quan quyền, lợi ích của tổ chức, cá nhân'),
  opt('keHoach', 'Kế hoạch'),
  opt('baoCao', 'Báo cáo định kỳ'),
  opt('khac', 'Văn bản khác'),
] as const;

export const PETITION_KINDS = [
  opt('khieuNai', 'Khiếu nại'),
  opt('toCao', 'Tố cáo'),
  opt('kienNghi', 'Kiến nghị'),
  opt('phanAnh', 'Phản ánh'),
  opt('datDai', 'Tranh chấp đất đai'),
] as const;

export const RECEPTION_KINDS = [
  opt('dinhKy', 'Định kỳ (lãnh đạo tiếp)'),
  opt('thuongXuyen', 'Thường xuyên'),
  opt('dotXuat', 'Đột xuất'),
] as const;

export const MEDIATION_RESULTS = [
  opt('thanh', 'Hòa giải thành'),
  opt('khongThanh', 'Hòa giải không thành'),
  opt('dangGiaiQuyet', 'Đang hòa giải'),
] as const;

export const ACTIVITY_KINDS = [
  opt('phoBien', 'Phổ biến, giáo dục pháp luật'),
  opt('troGiupPhapLy', 'Thông tin, giới thiệu về trợ giúp pháp lý'),
  opt('doiThoai', 'Trao đổi, đối thoại với Nhân dân'),
  opt('tapHuan', 'Bồi dưỡng, tập huấn tuyên truyền viên'),
] as const;

export const DEMOCRACY_FORMS = [
  opt('quyetDinh', 'Nhân dân bàn, quyết định trực tiếp'),
  opt('bieuQuyet', 'Nhân dân bàn, biểu quyết'),
  opt('thamGiaYKien', 'Nhân dân tham gia ý kiến'),
  opt('giamSat', 'Nhân dân giám sát'),
] as const;

export const DISCIPLINE_FORMS = [
  opt('kyLuat', 'Kỷ luật hành chính'),
  opt('hinhSu', 'Truy cứu trách nhiệm hình sự'),
] as const;

const KINDS: BookKind[] = [
  {
    id: 'document',
    book: 'vanBan',
    label: 'Văn bản ban hành, phải ban hành',
    noun: 'văn bản',
    dateFields: ['ngayBanHanh', 'hanBanHanh'],
    order: [['ngayBanHanh', 'ngayGiao']],
    fields: [
      {
        name: 'loai',
        label: 'Loại văn bản',
        type: 'choice',
        options: DOCUMENT_CATEGORIES,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'soKyHieu', label: 'Số, ký hiệu', type: 'text', column: true },
      { name: 'trichYeu', label: 'Trích yếu', type: 'text', required: true, column: true },
      { name: 'ngayGiao', label: 'Ngày được giao', type: 'date' },
      { name: 'hanBanHanh', label: 'Hạn ban hành, hạn gửi', type: 'date', column: true },
      { name: 'ngayBanHanh', label: 'Ngày ban hành, ngày gửi', type: 'date', column: true },
      { name: 'kySo', label: 'Đã ký số', type: 'bool', filter: true },
      {
        name: 'traiPhapLuat',
        label: 'Bị phát hiện trái pháp luật và đã xử lý',
        type: 'bool',
        filter: true,
        column: true,
      },
      { name: 'phaiXuLy', label: 'Phải xử lý sau rà soát', type: 'bool' },
      { name: 'daXuLy', label: 'Đã xử lý sau rà soát', type: 'bool' },
    ],
  },
  {
    id: 'publication',
    book: 'congKhai',
    label: 'Thông tin phải công khai',
    noun: 'thông tin',
    dateFields: ['hanCongKhai'],
    fields: [
      { name: 'noiDung', label: 'Thông tin phải công khai', type: 'text', required: true, column: true },
      { name: 'canCu', label: 'Căn cứ (luật tiếp cận thông tin, dân chủ ở cơ sở…)', type: 'text' },
      { name: 'hanCongKhai', label: 'Hạn công khai', type: 'date', required: true, column: true },
      { name: 'ngayCongKhai', label: 'Ngày công khai', type: 'date', column: true },
      { name: 'hinhThuc', label: 'Nơi, hình thức công khai', type: 'text', column: true },
    ],
  },
  {
    id: 'info_request',
    book: 'congKhai',
    label: 'Yêu cầu cung cấp thông tin',
    noun: 'yêu cầu',
    dateFields: ['ngayNhan'],
    order: [
      ['ngayTraLoi', 'ngayNhan'],
      ['hanTraLoi', 'ngayNhan'],
    ],
    fields: [
      { name: 'nguoiYeuCau', label: 'Người yêu cầu', type: 'text', required: true, column: true },
      { name: 'noiDung', label: 'Thông tin yêu cầu', type: 'text', required: true, column: true },
      { name: 'ngayNhan', label: 'Ngày nhận', type: 'date', required: true, column: true },
      { name: 'hanTraLoi', label: 'Hạn cung cấp', type: 'date', required: true, column: true },
      { name: 'ngayTraLoi', label: 'Ngày cung cấp', type: 'date', column: true },
    ],
  },
  {
    id: 'reception',
    book: 'tiepCongDan',
    label: 'Buổi tiếp công dân',
    noun: 'buổi tiếp',
    dateFields: ['ngay'],
    fields: [
      { name: 'ngay', label: 'Ngày tiếp', type: 'date', required: true, column: true },
      {
        name: 'hinhThuc',
        label: 'Hình thức',
        type: 'choice',
        options: RECEPTION_KINDS,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'nguoiTiep', label: 'Người tiếp (lãnh đạo)', type: 'text', required: true, column: true },
      { name: 'soLuot', label: 'Số lượt công dân được tiếp', type: 'int', required: true, column: true },
      { name: 'soDoanDongNguoi', label: 'Số đoàn đông người (từ 10 người)', type: 'int', column: true },
      { name: 'noiDung', label: 'Nội dung', type: 'text', long: true },
    ],
  },
  {
    id: 'petition',
    book: 'tiepCongDan',
    label: 'Đơn khiếu nại, tố cáo, kiến nghị, phản ánh',
    noun: 'đơn',
    dateFields: ['ngayNhan'],
    order: [
      ['ngayGiaiQuyet', 'ngayNhan'],
      ['hanGiaiQuyet', 'ngayNhan'],
    ],
    fields: [
      { name: 'ngayNhan', label: 'Ngày nhận đơn', type: 'date', required: true, column: true },
      { name: 'nguoiGui', label: 'Người gửi', type: 'text', required: true, column: true },
      {
        name: 'loai',
        label: 'Loại đơn',
        type: 'choice',
        options: PETITION_KINDS,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'noiDung', label: 'Nội dung', type: 'text', long: true },
      { name: 'thuocThamQuyen', label: 'Thuộc thẩm quyền của xã', type: 'bool', filter: true },
      { name: 'hanGiaiQuyet', label: 'Hạn giải quyết', type: 'date', column: true },
      { name: 'ngayGiaiQuyet', label: 'Ngày giải quyết xong', type: 'date', column: true },
      { name: 'dungQuyDinh', label: 'Giải quyết đúng quy định', type: 'bool' },
    ],
  },
  {
    id: 'mediation_team',
    book: 'hoaGiai',
    label: 'Tổ hòa giải',
    noun: 'tổ hòa giải',
    dateFields: ['ngayThanhLap'],
    standing: true,
    fields: [
      { name: 'tenTo', label: 'Tên tổ hòa giải', type: 'text', required: true, column: true },
      { name: 'ngayThanhLap', label: 'Ngày thành lập', type: 'date', required: true, column: true },
      { name: 'ngayGiaiThe', label: 'Ngày giải thể, sáp nhập', type: 'date' },
      { name: 'thanhVien', label: 'Thành viên', type: 'text', long: true },
      { name: 'kinhPhi', label: 'Kinh phí hỗ trợ nhận trong năm (đồng)', type: 'int', column: true },
      { name: 'ngayNhanKinhPhi', label: 'Ngày nhận kinh phí', type: 'date', column: true },
    ],
  },
  {
    id: 'mediation_case',
    book: 'hoaGiai',
    label: 'Vụ việc hòa giải',
    noun: 'vụ việc',
    dateFields: ['ngayTiepNhan'],
    order: [['ngayKetThuc', 'ngayTiepNhan']],
    fields: [
      { name: 'ngayTiepNhan', label: 'Ngày tiếp nhận', type: 'date', required: true, column: true },
      { name: 'toHoaGiai', label: 'Tổ hòa giải', type: 'text', required: true, column: true },
      { name: 'noiDung', label: 'Nội dung vụ việc', type: 'text', required: true, column: true },
      {
        name: 'ketQua',
        label: 'Kết quả',
        type: 'choice',
        options: MEDIATION_RESULTS,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'ngayKetThuc', label: 'Ngày kết thúc', type: 'date', column: true },
      { name: 'kipThoi', label: 'Hòa giải kịp thời', type: 'bool', filter: true },
    ],
  },
  {
    id: 'propagandist',
    book: 'pbgdpl',
    label: 'Tuyên truyền viên pháp luật',
    noun: 'tuyên truyền viên',
    dateFields: ['ngayCongNhan'],
    standing: true,
    fields: [
      { name: 'hoTen', label: 'Họ và tên', type: 'text', required: true, column: true },
      { name: 'ngayCongNhan', label: 'Ngày công nhận', type: 'date', required: true, column: true },
      { name: 'ngayThoiCongNhan', label: 'Ngày thôi công nhận', type: 'date' },
      { name: 'ngayTapHuan', label: 'Ngày được bồi dưỡng, tập huấn gần nhất', type: 'date', column: true },
    ],
  },
  {
    id: 'activity',
    book: 'pbgdpl',
    label: 'Hoạt động phổ biến, trợ giúp pháp lý, đối thoại',
    noun: 'hoạt động',
    dateFields: ['ngay'],
    fields: [
      { name: 'ngay', label: 'Ngày', type: 'date', required: true, column: true },
      {
        name: 'loai',
        label: 'Loại hoạt động',
        type: 'choice',
        options: ACTIVITY_KINDS,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'noiDung', label: 'Nội dung', type: 'text', required: true, column: true },
      { name: 'soNguoi', label: 'Số người tham dự', type: 'int', column: true },
    ],
  },
  {
    id: 'democracy_item',
    book: 'pbgdpl',
    label: 'Nội dung thực hiện dân chủ ở cơ sở',
    noun: 'nội dung',
    dateFields: ['ngay'],
    fields: [
      { name: 'noiDung', label: 'Nội dung', type: 'text', required: true, column: true },
      {
        name: 'hinhThuc',
        label: 'Hình thức',
        type: 'choice',
        options: DEMOCRACY_FORMS,
        required: true,
        filter: true,
        column: true,
      },
      {
        name: 'ngay',
        label: 'Ngày thực hiện (hoặc hạn phải thực hiện)',
        type: 'date',
        required: true,
        column: true,
      },
      { name: 'dungQuyDinh', label: 'Thực hiện đúng quy định', type: 'bool', filter: true, column: true },
    ],
  },
  {
    id: 'pbgdpl_funding',
    book: 'pbgdpl',
    label: 'Kinh phí bố trí cho PBGDPL',
    noun: 'khoản kinh phí',
    dateFields: ['ngay'],
    fields: [
      { name: 'ngay', label: 'Ngày bố trí', type: 'date', required: true, column: true },
      { name: 'soTien', label: 'Số tiền (đồng)', type: 'int', required: true, column: true },
      { name: 'noiDung', label: 'Nội dung', type: 'text', column: true },
    ],
  },
  {
    id: 'discipline',
    book: 'kyLuat',
    label: 'Cán bộ, công chức bị kỷ luật, truy cứu TNHS',
    noun: 'trường hợp',
    dateFields: ['ngayQuyetDinh'],
    fields: [
      { name: 'hoTen', label: 'Họ và tên', type: 'text', required: true, column: true },
      { name: 'chucVu', label: 'Chức vụ', type: 'text', required: true, column: true },
      {
        name: 'nguoiDungDau',
        label: 'Người đứng đầu cấp ủy hoặc chính quyền',
        type: 'bool',
        filter: true,
        column: true,
      },
      {
        name: 'hinhThuc',
        label: 'Hình thức',
        type: 'choice',
        options: DISCIPLINE_FORMS,
        required: true,
        filter: true,
        column: true,
      },
      { name: 'ngayQuyetDinh', label: 'Ngày quyết định', type: 'date', required: true, column: true },
      { name: 'soQuyetDinh', label: 'Số quyết định', type: 'text' },
    ],
  },
];

export const BOOK_KINDS: Record<BookKindId, BookKind> = Object.fromEntries(
  KINDS.map((k) => [k.id, k]),
) as Record<BookKindId, BookKind>;

export function isBookKindId(id: string): id is BookKindId {
  return Object.hasOwn(BOOK_KINDS, id);
}

export function kindsOfBook(book: BookId): BookKind[] {
  return KINDS.filter((k) => k.book === book);
}

export const BOOK_TEXT_MAX = 1000;
export const BOOK_INT_MAX = 1_000_000_000_000;

/** `ngayBanHanh` → `ngay_ban_hanh`: the import column of a field. */
export function importColumnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export type BookData = Record<string, string | number | boolean>;

/** The date a record counts on: the first filled of the kind's date fields. */
export function recordDateOf(kind: BookKind, data: BookData): string | null {
  for (const f of kind.dateFields) {
    const v = data[f];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

function fieldSchema(f: BookField): z.ZodType {
  const name = `"${f.label}"`;
  switch (f.type) {
    case 'text':
      return z
        .string({ error: `${name} phải là chữ` })
        .trim()
        .max(BOOK_TEXT_MAX, `${name} tối đa ${BOOK_TEXT_MAX} ký tự`);
    case 'date':
      return z
        .string({ error: `${name} phải là một ngày` })
        .refine((v) => isIsoDate(v), `${name} không phải ngày có thật`);
    case 'int':
      return z
        .number({ error: `${name} phải là số` })
        .int(`${name} phải là số nguyên`)
        .min(0, `${name} không được âm`)
        .max(BOOK_INT_MAX, `${name} quá lớn`);
    case 'bool':
      return z.boolean({ error: `${name} phải là có hoặc không` });
    case 'choice': {
      const values = (f.options ?? []).map((o) => o.value);
      return z
        .string({ error: `${name} phải là một lựa chọn` })
        .refine((v) => values.includes(v), `${name}: lựa chọn không có trong danh sách`);
    }
  }
}

const schemaCache = new Map<BookKindId, z.ZodType<BookData>>();

/**
 * The facts of one record of `kind`: known fields only, required ones filled, dates real and in
 * order, at least one of the date fields filled. Empty text and null read as "not filled" and are
 * dropped, so `data` never holds empty values.
 */
export function bookDataSchema(kindId: BookKindId): z.ZodType<BookData> {
  const cached = schemaCache.get(kindId);
  if (cached) return cached;
  const kind = BOOK_KINDS[kindId];
  const shape: Record<string, z.ZodType> = {};
  for (const f of kind.fields) {
    // Empty text and null are "not filled"; required fields are checked below, so a missing one
    // reads "không được để trống".
    shape[f.name] = z.preprocess(
      (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
      fieldSchema(f).optional(),
    );
  }
  const schema = z
    .strictObject(shape, { error: 'Có trường không thuộc loại sổ này' })
    .transform((o) => {
      const out: BookData = {};
      for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== '') out[k] = v as never;
      return out;
    })
    .superRefine((data, ctx) => {
      for (const f of kind.fields)
        if (f.required && (data[f.name] === undefined || data[f.name] === ''))
          ctx.addIssue({ code: 'custom', path: [f.name], message: `"${f.label}" không được để trống` });
      for (const [later, earlier] of kind.order ?? []) {
        const a = data[later];
        const b = data[earlier];
        if (typeof a === 'string' && typeof b === 'string' && a < b) {
          const la = kind.fields.find((f) => f.name === later)!.label;
          const lb = kind.fields.find((f) => f.name === earlier)!.label;
          ctx.addIssue({ code: 'custom', path: [later], message: `"${la}" trước "${lb}"` });
        }
      }
      if (!recordDateOf(kind, data)) {
        const labels = kind.dateFields.map((n) => `"${kind.fields.find((f) => f.name === n)!.label}"`);
        ctx.addIssue({
          code: 'custom',
          path: [kind.dateFields[0]!],
          message: `Cần ít nhất một trong các ngày: ${labels.join(', ')}`,
        });
      }
    }) as unknown as z.ZodType<BookData>;
  schemaCache.set(kindId, schema);
  return schema;
}
