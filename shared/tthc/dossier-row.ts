/**
 * One TTHC dossier as a one-stop system exports it (canonical columns below), read into the
 * register's shape — the same rules for a CSV/XLSX import, the push API and typed entry. Every
 * problem names the column in Vietnamese; the caller adds the row number.
 */
import { isIsoDate } from '../dates.ts';
import { foldVietnamese } from '../format/vi.ts';

export const DOSSIER_COLUMNS = [
  'ma_ho_so',
  'ma_thu_tuc',
  'ten_thu_tuc',
  'linh_vuc',
  'kenh_nop',
  'ngay_tiep_nhan',
  'han_tra_ket_qua',
  'ngay_tra_ket_qua',
  'trang_thai',
  'so_hoa',
  'ket_qua_dien_tu',
  'thanh_toan_truc_tuyen',
  'toan_trinh',
  'thu_xin_loi',
] as const;
export type DossierColumn = (typeof DOSSIER_COLUMNS)[number];

export const REQUIRED_DOSSIER_COLUMNS: readonly DossierColumn[] = [
  'ma_ho_so',
  'linh_vuc',
  'kenh_nop',
  'ngay_tiep_nhan',
  'han_tra_ket_qua',
];

export const DOSSIER_COLUMN_LABELS: Record<DossierColumn, string> = {
  ma_ho_so: 'Mã hồ sơ',
  ma_thu_tuc: 'Mã thủ tục',
  ten_thu_tuc: 'Tên thủ tục',
  linh_vuc: 'Lĩnh vực',
  kenh_nop: 'Kênh nộp',
  ngay_tiep_nhan: 'Ngày tiếp nhận',
  han_tra_ket_qua: 'Hạn trả kết quả',
  ngay_tra_ket_qua: 'Ngày trả kết quả',
  trang_thai: 'Trạng thái',
  so_hoa: 'Số hóa',
  ket_qua_dien_tu: 'Kết quả điện tử',
  thanh_toan_truc_tuyen: 'Thanh toán trực tuyến',
  toan_trinh: 'Dịch vụ công toàn trình',
  thu_xin_loi: 'Thư xin lỗi',
};

export type Channel = 'truc_tuyen' | 'truc_tiep' | 'buu_chinh';
export type StatusKind = 'binh_thuong' | 'rut' | 'tra_lai' | 'bo_sung';

export const CHANNEL_LABELS: Record<Channel, string> = {
  truc_tuyen: 'Trực tuyến',
  truc_tiep: 'Trực tiếp',
  buu_chinh: 'Bưu chính',
};

export interface DossierInput {
  code: string;
  procedureCode: string | null;
  procedureName: string | null;
  field: string;
  channel: Channel;
  receivedOn: string;
  dueOn: string;
  resolvedOn: string | null;
  status: string | null;
  statusKind: StatusKind;
  digitised: boolean | null;
  electronicResult: boolean | null;
  onlinePayment: boolean | null;
  fullProcess: boolean | null;
  apologyLetter: boolean | null;
}

export interface RowIssue {
  column: DossierColumn;
  message: string;
}

export type ParsedDossier = { ok: true; dossier: DossierInput } | { ok: false; issues: RowIssue[] };

const MAX_TEXT = 500;
const MAX_CODE = 100;
const VN_OFFSET_MS = 7 * 3_600_000;

/**
 * A calendar date from `dd/mm/yyyy` or `yyyy-mm-dd`, each with an optional ` HH:mm[:ss]` (dropped:
 * the counting rules compare dates), or an ISO timestamp with an offset (`2026-03-02T17:30:00Z`),
 * which is turned into its date in Vietnam time.
 */
export function parseRegisterDate(text: string): string | null {
  const t = text.trim();
  // The common case first: a plain yyyy-mm-dd (the same answer as the general rules below).
  if (t.length === 10 && ISO_DAY.test(t)) return isIsoDate(t) ? t : null;
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(t);
  if (m) {
    const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
    return isIsoDate(iso) ? iso : null;
  }
  m = /^(\d{4}-\d{2}-\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(t);
  if (m) return isIsoDate(m[1]) ? m[1]! : null;
  m = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/.exec(t);
  if (m && isIsoDate(m[1])) {
    const instant = Date.parse(t);
    if (Number.isNaN(instant)) return null;
    return new Date(instant + VN_OFFSET_MS).toISOString().slice(0, 10);
  }
  return null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

const YES = new Set(['1', 'co', 'x', 'true', 'yes', 'c']);
const NO = new Set(['0', 'khong', 'false', 'no', 'k']);

/** `1/0`, `có/không`, `x`, `true/false`; empty is "not stated" (null). */
export function parseYesNo(text: string): boolean | null | undefined {
  // The common cases without folding (the same answers as below).
  if (text === '' || text === '1' || text === '0') return text === '' ? null : text === '1';
  const t = foldVietnamese(text.trim());
  if (t === '') return null;
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return undefined;
}

function parseChannel(text: string): Channel | null {
  if (text === 'truc_tuyen' || text === 'truc_tiep' || text === 'buu_chinh') return text;
  const t = foldVietnamese(text.trim()).replace(/[\s-]+/g, '_');
  if (t === 'truc_tuyen' || t === 'online') return 'truc_tuyen';
  if (t === 'truc_tiep') return 'truc_tiep';
  if (t === 'buu_chinh' || t === 'buu_chinh_cong_ich' || t === 'qua_buu_chinh') return 'buu_chinh';
  return null;
}

/** What a free-text status means for counting (ADR 0013): withdrawn, returned, waiting for supplements. */
export function statusKindOf(status: string | null): StatusKind {
  if (!status) return 'binh_thuong';
  // An export repeats a handful of statuses: each is folded and matched once.
  const known = statusKinds.get(status);
  if (known) return known;
  const kind = statusKindOfText(status);
  if (statusKinds.size >= 10_000) statusKinds.clear();
  statusKinds.set(status, kind);
  return kind;
}
const statusKinds = new Map<string, StatusKind>();

function statusKindOfText(status: string): StatusKind {
  const t = foldVietnamese(status);
  if (/\brut\b/.test(t)) return 'rut';
  if (/\btra lai\b|\btu choi\b|\bkhong giai quyet\b/.test(t)) return 'tra_lai';
  if (/\bbo sung\b/.test(t)) return 'bo_sung';
  return 'binh_thuong';
}

type Values = Record<DossierColumn, string>;

// The helpers below are module functions, not closures: parseDossierRow runs once per row of a
// million-row import, and a closure per call costs (esbuild's keepNames wraps each one).
function fail(issues: RowIssue[], column: DossierColumn, problem: string) {
  issues.push({ column, message: `Cột "${column}" (${DOSSIER_COLUMN_LABELS[column]}): ${problem}` });
}

function dateOf(values: Values, issues: RowIssue[], c: DossierColumn): string | null {
  const text = values[c];
  if (text === '') return null;
  const iso = parseRegisterDate(text);
  if (!iso)
    fail(issues, c, `"${text}" không phải ngày hợp lệ (dd/mm/yyyy hoặc yyyy-mm-dd, có thể kèm giờ HH:mm)`);
  return iso;
}

function flagOf(values: Values, issues: RowIssue[], c: DossierColumn): boolean | null {
  const v = parseYesNo(values[c]);
  if (v === undefined) fail(issues, c, `"${values[c]}" không hợp lệ; dùng 1/0, có/không hoặc x/để trống`);
  return v ?? null;
}

/** Reads one record keyed by canonical column names (missing keys read as empty). */
export function parseDossierRow(record: Partial<Record<string, string | null | undefined>>): ParsedDossier {
  const issues: RowIssue[] = [];
  const values = {} as Values;
  for (const c of DOSSIER_COLUMNS) values[c] = (record[c] ?? '').toString().trim();

  for (const c of REQUIRED_DOSSIER_COLUMNS) if (values[c] === '') fail(issues, c, 'không được để trống');
  for (const c of DOSSIER_COLUMNS) {
    const limit = c === 'ma_ho_so' || c === 'ma_thu_tuc' ? MAX_CODE : MAX_TEXT;
    if (values[c].length > limit) fail(issues, c, `dài quá ${limit} ký tự`);
    if (values[c].includes('\uFFFD')) fail(issues, c, 'có ký tự lỗi mã hóa — hãy lưu tệp ở dạng UTF-8');
  }

  const channelText = values.kenh_nop;
  const channel = channelText ? parseChannel(channelText) : null;
  if (channelText && !channel)
    fail(
      issues,
      'kenh_nop',
      `"${channelText}" không hợp lệ; dùng truc_tuyen, truc_tiep hoặc buu_chinh (có thể viết có dấu)`,
    );

  const receivedOn = dateOf(values, issues, 'ngay_tiep_nhan');
  const dueOn = dateOf(values, issues, 'han_tra_ket_qua');
  const resolvedOn = dateOf(values, issues, 'ngay_tra_ket_qua');
  if (receivedOn && resolvedOn && resolvedOn < receivedOn)
    fail(issues, 'ngay_tra_ket_qua', `ngày trả kết quả ${resolvedOn} trước ngày tiếp nhận ${receivedOn}`);

  const digitised = flagOf(values, issues, 'so_hoa');
  const electronicResult = flagOf(values, issues, 'ket_qua_dien_tu');
  const onlinePayment = flagOf(values, issues, 'thanh_toan_truc_tuyen');
  const fullProcess = flagOf(values, issues, 'toan_trinh');
  const apologyLetter = flagOf(values, issues, 'thu_xin_loi');

  if (issues.length) return { ok: false, issues };
  const status = values.trang_thai || null;
  return {
    ok: true,
    dossier: {
      code: values.ma_ho_so,
      procedureCode: values.ma_thu_tuc || null,
      procedureName: values.ten_thu_tuc || null,
      field: values.linh_vuc,
      channel: channel!,
      receivedOn: receivedOn!,
      dueOn: dueOn!,
      resolvedOn,
      status,
      statusKind: statusKindOf(status),
      digitised,
      electronicResult,
      onlinePayment,
      fullProcess,
      apologyLetter,
    },
  };
}
