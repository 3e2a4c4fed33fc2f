/**
 * The framework table (shared/frameworks/table.ts) as an XLSX workbook: sheet "Tiêu chí" (one row
 * per node), sheet "Khung" (framework fields as JSON) and sheet "Hướng dẫn" (the rule notation).
 */
import ExcelJS from 'exceljs';
import type { Framework } from '@shared/frameworks/model.ts';
import {
  META_SHEET,
  NODES_SHEET,
  TABLE_COLUMNS,
  frameworkToTable,
  type TableColumnKey,
  type TableIssue,
  type TableRow,
} from '@shared/frameworks/table.ts';
import { createWorkbook } from '@server/platform/documents/xlsx.ts';

const GUIDE = [
  'Mỗi dòng của trang "Tiêu chí" là một mục; mục cha phải đứng trên mục con, mã con bắt đầu bằng mã cha ("2.5" thuộc "2").',
  'Loại mục: field, criterion, indicator, sub-criterion, sub-item, adjustment. Nguồn: L đã đối chiếu, S nguồn thứ cấp, I suy luận, ? chưa tìm được, U phần mềm không chính thức.',
  'Quy tắc chấm viết gọn: loại(tham số; tham số; …). Các loại:',
  '  fixed(ma; expected=false) — có/không → đủ điểm; yes(ma) — đạt khi có',
  '  ratio(ma; emptyFull=true) — điểm = tỷ lệ × điểm tối đa',
  '  tiers(ma; 0..50=0; 50..90=1; 90..=2; emptyFull=true) — bậc: từ..dưới=điểm, bậc cao nhất từ..=điểm',
  '  threshold(ma; min=80; emptyPasses=true) — đạt khi ≥ ngưỡng',
  '  choice(ma; giaTri=điểm; …) — điểm theo phương án',
  '  deadline(ma; maHan) / deadlinePass(ma; maHan) — đúng hạn',
  '  deductions(ma=0.5 "Nhãn"; …) — trừ điểm',
  '  adjustment(bonusCap=5; penaltyCap=5; +ma=1 "Thưởng"; -ma=2 "Phạt") — thưởng/phạt',
  '  manual("Hướng dẫn") / manualPass() — chấm thủ công, có lý do',
  '  thêm "; provenance=S" để ghi nguồn riêng của quy tắc.',
  'Dữ liệu: danh sách JSON như trong tệp khung, ví dụ [{"id":"2.2.tyLe","type":"ratio","label":"…","source":{"measure":"tthc.onTime"}}].',
  'Trang "Khung": mỗi dòng một trường của bộ tiêu chí, giá trị viết bằng JSON.',
  'Khi nhập, cả tệp được kiểm tra; có lỗi thì không lưu gì và mỗi lỗi ghi rõ trang, dòng, cột.',
];

/** The workbook of a framework. */
export async function writeFrameworkXlsx(fw: Framework): Promise<Buffer> {
  const { rows, meta } = frameworkToTable(fw);
  const workbook = createWorkbook();
  const nodes = workbook.addWorksheet(NODES_SHEET);
  nodes.columns = TABLE_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  nodes.getRow(1).font = { bold: true };
  for (const row of rows) nodes.addRow(row);
  nodes.eachRow((r) => (r.alignment = { wrapText: true, vertical: 'top' }));
  nodes.views = [{ state: 'frozen', ySplit: 1 }];
  const metaSheet = workbook.addWorksheet(META_SHEET);
  metaSheet.columns = [
    { header: 'Khoá', key: 'key', width: 20 },
    { header: 'Giá trị (JSON)', key: 'value', width: 120 },
  ];
  metaSheet.getRow(1).font = { bold: true };
  for (const [key, value] of meta) metaSheet.addRow({ key, value });
  const guide = workbook.addWorksheet('Hướng dẫn');
  guide.getColumn(1).width = 140;
  for (const line of GUIDE) guide.addRow([line]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function text(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  return cell.text ?? '';
}

export type ReadTable =
  | {
      ok: true;
      rows: { row: number; cells: Partial<TableRow> }[];
      meta: { row: number; key: string; value: string }[];
    }
  | { ok: false; issues: TableIssue[] };

/** Reads the two sheets back into rows (numbered as in the sheet); a missing sheet or column is an issue. */
export async function readFrameworkXlsx(buffer: Buffer): Promise<ReadTable> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return {
      ok: false,
      issues: [{ sheet: '(tệp)', row: null, column: null, message: 'Tệp không phải XLSX hợp lệ.' }],
    };
  }
  const issues: TableIssue[] = [];
  const nodesSheet = workbook.getWorksheet(NODES_SHEET);
  const metaSheet = workbook.getWorksheet(META_SHEET);
  if (!nodesSheet) issues.push({ sheet: NODES_SHEET, row: null, column: null, message: 'thiếu trang này' });
  if (!metaSheet) issues.push({ sheet: META_SHEET, row: null, column: null, message: 'thiếu trang này' });
  if (!nodesSheet || !metaSheet) return { ok: false, issues };
  const columnOf = new Map<number, TableColumnKey>();
  nodesSheet.getRow(1).eachCell((cell, col) => {
    const found = TABLE_COLUMNS.find((c) => c.header === text(cell).trim());
    if (found) columnOf.set(col, found.key);
  });
  for (const required of ['code', 'kind', 'title', 'provenance'] as const)
    if (![...columnOf.values()].includes(required))
      issues.push({
        sheet: NODES_SHEET,
        row: 1,
        column: TABLE_COLUMNS.find((c) => c.key === required)!.header,
        message: 'thiếu cột này ở dòng tiêu đề',
      });
  if (issues.length) return { ok: false, issues };
  const rows: { row: number; cells: Partial<TableRow> }[] = [];
  nodesSheet.eachRow((r, n) => {
    if (n === 1) return;
    const cells: Partial<TableRow> = {};
    for (const [col, key] of columnOf) cells[key] = text(r.getCell(col));
    if (Object.values(cells).some((v) => v && v.trim())) rows.push({ row: n, cells });
  });
  const meta: { row: number; key: string; value: string }[] = [];
  metaSheet.eachRow((r, n) => {
    if (n === 1) return;
    const key = text(r.getCell(1)).trim();
    if (key) meta.push({ row: n, key, value: text(r.getCell(2)) });
  });
  return { ok: true, rows, meta };
}
