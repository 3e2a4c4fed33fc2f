/**
 * Biểu số 06/VPCP/KSTT (TT 01/2020/TT-VPCP): "Tình hình, kết quả giải quyết TTHC tại cơ quan, đơn vị
 * trực tiếp giải quyết TTHC". Its eleven number columns (3–13), their Vietnamese headers, the four
 * consistency checks, and the columns of an aggregate import file. Pure: used by the server (report,
 * aggregate entry, documents, CLI) and by the web (the table and the entry form's live checks).
 */
import { formatDecimal } from '../format/vi.ts';

export const BIEU06_KEYS = [
  'received',
  'online',
  'direct',
  'carriedOver',
  'resolved',
  'early',
  'onTime',
  'late',
  'pending',
  'pendingWithinDue',
  'pendingOverdue',
] as const;
export type Bieu06Key = (typeof BIEU06_KEYS)[number];
export type Bieu06Figures = Record<Bieu06Key, number>;

/** Column number of each key on the official form (columns 1 and 2 are STT and the field). */
export const BIEU06_COLUMN: Record<Bieu06Key, number> = {
  received: 3,
  online: 4,
  direct: 5,
  carriedOver: 6,
  resolved: 7,
  early: 8,
  onTime: 9,
  late: 10,
  pending: 11,
  pendingWithinDue: 12,
  pendingOverdue: 13,
};

/** The two-level header of the form: groups, and the leaf headers under each. */
export const BIEU06_GROUPS: { title: string; keys: Bieu06Key[] }[] = [
  { title: 'Số hồ sơ nhận giải quyết', keys: ['received', 'online', 'direct', 'carriedOver'] },
  { title: 'Số hồ sơ đã giải quyết', keys: ['resolved', 'early', 'onTime', 'late'] },
  { title: 'Số hồ sơ đang giải quyết', keys: ['pending', 'pendingWithinDue', 'pendingOverdue'] },
];

/** Leaf headers; "Trong kỳ" spans columns 4 and 5 (see BIEU06_IN_PERIOD). */
export const BIEU06_LABEL: Record<Bieu06Key, string> = {
  received: 'Tổng số',
  online: 'Trực tuyến',
  direct: 'Trực tiếp, dịch vụ bưu chính',
  carriedOver: 'Từ kỳ trước',
  resolved: 'Tổng số',
  early: 'Trước hạn',
  onTime: 'Đúng hạn',
  late: 'Quá hạn',
  pending: 'Tổng số',
  pendingWithinDue: 'Trong hạn',
  pendingOverdue: 'Quá hạn',
};
export const BIEU06_IN_PERIOD = 'Trong kỳ';
export const BIEU06_TOTAL_ROW = 'Tổng cộng';

export function emptyFigures(): Bieu06Figures {
  return Object.fromEntries(BIEU06_KEYS.map((k) => [k, 0])) as Bieu06Figures;
}

export function addFigures(a: Bieu06Figures, b: Bieu06Figures): Bieu06Figures {
  return Object.fromEntries(BIEU06_KEYS.map((k) => [k, a[k] + b[k]])) as Bieu06Figures;
}

/** The consistency checks of the form [I]: 3 = 4 + 5 + 6; 7 = 8 + 9 + 10; 11 = 12 + 13; 3 = 7 + 11. */
export const BIEU06_CHECKS: { whole: Bieu06Key; parts: Bieu06Key[] }[] = [
  { whole: 'received', parts: ['online', 'direct', 'carriedOver'] },
  { whole: 'resolved', parts: ['early', 'onTime', 'late'] },
  { whole: 'pending', parts: ['pendingWithinDue', 'pendingOverdue'] },
  { whole: 'received', parts: ['resolved', 'pending'] },
];

/** "1.757" */
export function formatCount(n: number): string {
  return formatDecimal(n);
}

/** The name of a row in messages: "Lĩnh vực Hộ tịch", or "Tổng cộng". */
export function rowName(field: string | null): string {
  return field === null ? BIEU06_TOTAL_ROW : `Lĩnh vực ${field}`;
}

/**
 * Each failed check of one row, in Vietnamese:
 * "Lĩnh vực Hộ tịch: cột 7 (1.757) khác cột 8 + 9 + 10 (1.755)". `field` null is the total row.
 */
export function checkFigures(field: string | null, figures: Bieu06Figures): string[] {
  const problems: string[] = [];
  for (const { whole, parts } of BIEU06_CHECKS) {
    const sum = parts.reduce((s, k) => s + figures[k], 0);
    if (sum === figures[whole]) continue;
    const columns = parts.map((k) => BIEU06_COLUMN[k]).join(' + ');
    problems.push(
      `${rowName(field)}: cột ${BIEU06_COLUMN[whole]} (${formatCount(figures[whole])}) khác cột ${columns} (${formatCount(sum)})`,
    );
  }
  return problems;
}

/** Checks every field row, then the total row. */
export function checkReport(byField: (Bieu06Figures & { field: string })[], total: Bieu06Figures): string[] {
  return [...byField.flatMap((r) => checkFigures(r.field, r)), ...checkFigures(null, total)];
}

/** Columns of an aggregate import file (CSV/XLSX), in the form's order; `linh_vuc` is the field. */
export const AGGREGATE_FILE_COLUMNS: { column: string; key: Bieu06Key }[] = [
  { column: 'tong_so_nhan', key: 'received' },
  { column: 'nhan_truc_tuyen', key: 'online' },
  { column: 'nhan_truc_tiep_buu_chinh', key: 'direct' },
  { column: 'tu_ky_truoc', key: 'carriedOver' },
  { column: 'da_giai_quyet', key: 'resolved' },
  { column: 'truoc_han', key: 'early' },
  { column: 'dung_han', key: 'onTime' },
  { column: 'qua_han', key: 'late' },
  { column: 'dang_giai_quyet', key: 'pending' },
  { column: 'dang_trong_han', key: 'pendingWithinDue' },
  { column: 'dang_qua_han', key: 'pendingOverdue' },
];
export const AGGREGATE_FIELD_COLUMN = 'linh_vuc';

export type AggregateRowInput = Bieu06Figures & { field: string };
export type FileIssue = { row: number; column: string; message: string };

/**
 * Reads the rows of an aggregate file (cells keyed by the header's column names; `line` is the row's
 * number in the file, the header being 1). Whole non-negative numbers only ("1.770" and "1770" both
 * read as 1770); an empty number cell is refused, not read as 0. Consistency is not checked here: a
 * row whose columns disagree is stored and reported as a problem, not refused.
 */
export function readAggregateRecords(
  headers: string[],
  records: { line: number; cells: Record<string, string | undefined> }[],
): { ok: true; rows: AggregateRowInput[] } | { ok: false; issues: FileIssue[] } {
  const missing = [AGGREGATE_FIELD_COLUMN, ...AGGREGATE_FILE_COLUMNS.map((c) => c.column)].filter(
    (c) => !headers.includes(c),
  );
  if (missing.length)
    return { ok: false, issues: missing.map((column) => ({ row: 1, column, message: 'thiếu cột này' })) };
  const issues: FileIssue[] = [];
  const rows: AggregateRowInput[] = [];
  const seen = new Map<string, number>();
  for (const { line: row, cells: record } of records) {
    const field = (record[AGGREGATE_FIELD_COLUMN] ?? '').trim().normalize('NFC');
    if (!field) issues.push({ row, column: AGGREGATE_FIELD_COLUMN, message: 'chưa ghi lĩnh vực' });
    else if (seen.has(field))
      issues.push({
        row,
        column: AGGREGATE_FIELD_COLUMN,
        message: `lĩnh vực "${field}" đã có ở dòng ${seen.get(field)}`,
      });
    else seen.set(field, row);
    const figures = {} as Bieu06Figures;
    for (const { column, key } of AGGREGATE_FILE_COLUMNS) {
      const parsed = parseCount(record[column]);
      if (typeof parsed === 'string') issues.push({ row, column, message: parsed });
      else figures[key] = parsed;
    }
    rows.push({ field, ...figures });
  }
  return issues.length ? { ok: false, issues } : { ok: true, rows };
}

/** A whole non-negative number, or why not. */
export function parseCount(text: string | undefined): number | string {
  const t = (text ?? '').replace(/[\s\u00a0\u202f]/g, '');
  if (t === '') return 'chưa ghi số';
  if (t.startsWith('-')) return `"${text}" là số âm`;
  // "1.770" / "1,770" are thousands separators; a spreadsheet's numeric "1770" arrives as is.
  if (!/^\d{1,3}([.,]\d{3})*$|^\d+$/.test(t)) return `"${text}" không phải số nguyên`;
  const n = Number(t.replace(/[.,]/g, ''));
  if (!Number.isSafeInteger(n) || n > 2_000_000_000) return `"${text}" quá lớn`;
  return n;
}

/** "Dòng 3, cột dung_han: "abc" không phải số nguyên" */
export function describeFileIssue(issue: FileIssue): string {
  return issue.row === 1
    ? `Dòng tiêu đề, cột ${issue.column}: ${issue.message}`
    : `Dòng ${issue.row}, cột ${issue.column}: ${issue.message}`;
}
