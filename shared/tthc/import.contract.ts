/**
 * Importing a one-stop export (CSV or XLSX) into a commune's TTHC register: the column mapping
 * (canonical column → header of the file), the suggestion the server makes from the headers, and
 * the report the import job returns (server/features/tthc/tthc.import.*).
 */
import { z } from 'zod';
import { foldVietnamese } from '../format/vi.ts';
import {
  DOSSIER_COLUMN_LABELS,
  DOSSIER_COLUMNS,
  REQUIRED_DOSSIER_COLUMNS,
  type DossierColumn,
} from './dossier-row.ts';

/** canonical column → header of the source file (unmapped columns are absent). */
export type ColumnMapping = Partial<Record<DossierColumn, string>>;

export const columnMappingSchema = z
  .record(z.string(), z.string().max(500))
  .refine((m) => Object.keys(m).every((k) => (DOSSIER_COLUMNS as readonly string[]).includes(k)), {
    error: 'Ánh xạ có cột không thuộc danh sách cột chuẩn',
  })
  .transform((m) => m as ColumnMapping);

/** Largest import file accepted, in bytes (a million dossiers ≈ 150 MB of CSV). */
export const TTHC_IMPORT_MAX_BYTES = 300 * 1024 * 1024;

/** Header names one-stop systems use for each column, folded (no diacritics, lower case, single spaces). */
const SYNONYMS: Record<DossierColumn, string[]> = {
  ma_ho_so: ['ma ho so', 'so ho so', 'ma hs', 'so bien nhan', 'ma bien nhan'],
  ma_thu_tuc: ['ma thu tuc', 'ma tthc', 'ma thu tuc hanh chinh'],
  ten_thu_tuc: ['ten thu tuc', 'thu tuc', 'ten tthc', 'ten thu tuc hanh chinh', 'thu tuc hanh chinh'],
  linh_vuc: ['linh vuc', 'ten linh vuc'],
  kenh_nop: ['kenh nop', 'hinh thuc nop', 'kenh tiep nhan', 'hinh thuc tiep nhan'],
  ngay_tiep_nhan: ['ngay tiep nhan', 'ngay nhan', 'thoi gian tiep nhan', 'ngay nop'],
  han_tra_ket_qua: ['han tra ket qua', 'han tra', 'ngay hen tra', 'hen tra ket qua', 'han giai quyet'],
  ngay_tra_ket_qua: ['ngay tra ket qua', 'ngay tra', 'ngay co ket qua', 'ngay hoan thanh'],
  trang_thai: ['trang thai', 'tinh trang', 'trang thai ho so'],
  so_hoa: ['so hoa', 'da so hoa', 'so hoa ho so'],
  ket_qua_dien_tu: ['ket qua dien tu', 'tra ket qua dien tu', 'co ket qua dien tu'],
  thanh_toan_truc_tuyen: ['thanh toan truc tuyen', 'thanh toan online', 'nop phi truc tuyen'],
  toan_trinh: ['toan trinh', 'dich vu cong toan trinh', 'dvc toan trinh', 'truc tuyen toan trinh'],
  thu_xin_loi: ['thu xin loi', 'van ban xin loi', 'co thu xin loi'],
};

/** A header folded for comparison: "Ngày tiếp nhận (*)" → "ngay tiep nhan". */
export function foldHeader(header: string): string {
  return foldVietnamese(header)
    .replace(/\(.*?\)/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The mapping to offer for a file's headers: the mapping saved for the same source (its headers
 * that the file still has), then each canonical column's exact name, then its Vietnamese header
 * (with or without diacritics, any case) or a common synonym. A header maps to one column at most.
 */
export function suggestMapping(headers: readonly string[], saved?: ColumnMapping | null): ColumnMapping {
  const mapping: ColumnMapping = {};
  const used = new Set<string>();
  const take = (column: DossierColumn, header: string | undefined) => {
    if (header === undefined || used.has(header) || mapping[column] !== undefined) return;
    mapping[column] = header;
    used.add(header);
  };
  for (const column of DOSSIER_COLUMNS) {
    const header = saved?.[column];
    if (header && headers.includes(header)) take(column, header);
  }
  for (const column of DOSSIER_COLUMNS)
    take(
      column,
      headers.find((h) => h.trim() === column),
    );
  for (const column of DOSSIER_COLUMNS) {
    const names = new Set([
      foldHeader(column.replace(/_/g, ' ')),
      foldHeader(DOSSIER_COLUMN_LABELS[column]),
      ...SYNONYMS[column],
    ]);
    take(
      column,
      headers.find((h) => !used.has(h) && names.has(foldHeader(h))),
    );
  }
  return mapping;
}

/** What is wrong with a mapping for these headers (required columns unmapped, unknown headers), in Vietnamese. */
export function mappingProblems(mapping: ColumnMapping, headers: readonly string[]): string[] {
  const problems: string[] = [];
  for (const column of REQUIRED_DOSSIER_COLUMNS)
    if (!mapping[column])
      problems.push(`Chưa chọn cột của tệp cho "${DOSSIER_COLUMN_LABELS[column]}" (bắt buộc).`);
  const seen = new Map<string, DossierColumn>();
  for (const column of DOSSIER_COLUMNS) {
    const header = mapping[column];
    if (!header) continue;
    if (!headers.includes(header))
      problems.push(`Tệp không có cột "${header}" (chọn cho "${DOSSIER_COLUMN_LABELS[column]}").`);
    const other = seen.get(header);
    if (other)
      problems.push(
        `Cột "${header}" của tệp được chọn cho cả "${DOSSIER_COLUMN_LABELS[other]}" và "${DOSSIER_COLUMN_LABELS[column]}".`,
      );
    seen.set(header, column);
  }
  return problems;
}

/** Answer of the upload: the file's headers and the mapping offered. */
export const importUploadResponse = z.object({
  uploadId: z.string(),
  fileName: z.string(),
  kind: z.enum(['csv', 'xlsx']),
  headers: z.array(z.string()),
  mapping: z.record(z.string(), z.string()),
  /** Whether a mapping saved earlier for this source name was used. */
  savedMapping: z.boolean(),
  sourceName: z.string(),
});
export type ImportUpload = z.output<typeof importUploadResponse>;

export const startImportBody = z.object({
  mapping: columnMappingSchema,
  sourceName: z.string().trim().min(1, 'Hãy đặt tên nguồn dữ liệu').max(100, 'Tên nguồn tối đa 100 ký tự'),
});

export const importIssueSchema = z.object({
  /** Line in the file, the header being 1. */
  line: z.number(),
  column: z.string(),
  /** The file's header mapped to that column (what the user sees in the file). */
  header: z.string().nullable(),
  message: z.string(),
});
export type ImportIssue = z.output<typeof importIssueSchema>;

/** Issues kept in the job's answer; the full list is the downloadable error file. */
export const IMPORT_ISSUES_SHOWN = 500;

/** What the import job returns (GET /api/jobs/:id → result). */
export const importReportSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('imported'),
    fileName: z.string(),
    received: z.number(),
    created: z.number(),
    updated: z.number(),
    seconds: z.number(),
  }),
  z.object({
    status: z.literal('invalid'),
    fileName: z.string(),
    received: z.number(),
    invalidRows: z.number(),
    issueCount: z.number(),
    /** The first IMPORT_ISSUES_SHOWN issues. */
    issues: z.array(importIssueSchema),
  }),
]);
export type ImportReport = z.output<typeof importReportSchema>;
