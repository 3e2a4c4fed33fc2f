/** Spreadsheet helpers for score tables: A4 print setup, Times New Roman, a header block, a bordered table. */
import ExcelJS from 'exceljs';
import { FONT } from './nd30.ts';

export type XlsxColumn = { header: string; width: number; align?: 'left' | 'center' | 'right' };
/** A cell: text, a number, empty, or a rate in percent (87.5 → shown "87,50%" under a Vietnamese locale, stored 0.875). */
export type XlsxCell = string | number | null | { percent: number };
export type XlsxRow = { cells: XlsxCell[]; bold?: boolean; italic?: boolean };
/** A line of the header block: plain text, or styled. */
export type XlsxLine = string | { text: string; bold?: boolean; italic?: boolean };

export type XlsxTableSheet = {
  /** Sheet tab name (≤ 31 characters). */
  name: string;
  /** Left header lines (agency names) and right header lines (Quốc hiệu, Tiêu ngữ, place-date). */
  headerLeft: XlsxLine[];
  headerRight: XlsxLine[];
  /** Centred bold title lines above the table. */
  title: string[];
  columns: XlsxColumn[];
  rows: XlsxRow[];
  /** Lines under the table (notes, signer), right-aligned block. */
  footer?: string[];
  /** A header of several rows with merged cells instead of the column headers (official forms). */
  headerRows?: XlsxHeaderCell[][];
  landscape?: boolean;
};

export type XlsxHeaderCell = { text: string; colSpan?: number; rowSpan?: number; italic?: boolean };

const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** A new workbook with the application's author metadata. */
export function createWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'danhgia';
  return workbook;
}

function mergedLine(
  sheet: ExcelJS.Worksheet,
  row: number,
  from: number,
  to: number,
  line: XlsxLine,
  bold = false,
) {
  const { text, ...style } = typeof line === 'string' ? { text: line, bold } : line;
  if (to > from) sheet.mergeCells(row, from, row, to);
  const cell = sheet.getCell(row, from);
  cell.value = text;
  cell.font = { name: FONT, size: 12, bold: style.bold, italic: style.italic };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  fitRowHeight(sheet.getRow(row), [{ text, width: columnsWidth(sheet, from, to) }]);
}

const LINE_HEIGHT = 16; // points, for 12 pt Times New Roman
/** Characters of 12 pt Times New Roman that fit in one unit of Excel column width (measured ≈ 1.1). */
const CHARS_PER_WIDTH = 1.1;

function columnsWidth(sheet: ExcelJS.Worksheet, from: number, to: number): number {
  let width = 0;
  for (let c = from; c <= to; c++) width += sheet.getColumn(c).width ?? 10;
  return width;
}

/** Lines a text takes in a column of this width, when wrapped. */
function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH));
  return text.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / perLine)), 0);
}

/**
 * Sets a row's height to its tallest wrapped cell: Excel grows rows by itself when it opens a file,
 * LibreOffice and printing do not, so long text would overlap the next row.
 */
function fitRowHeight(row: ExcelJS.Row, cells: { text: string; width: number }[]) {
  const lines = Math.max(1, ...cells.map((c) => wrappedLines(c.text, c.width)));
  const height = lines * LINE_HEIGHT + 4;
  if (!row.height || row.height < height) row.height = height;
}

function setCellValue(cell: ExcelJS.Cell, value: XlsxCell) {
  if (value !== null && typeof value === 'object') {
    cell.value = value.percent / 100;
    cell.numFmt = '0.00%';
  } else cell.value = value;
}

function cellText(value: XlsxCell): string {
  if (value === null) return '';
  if (typeof value === 'object') return `${value.percent}%`;
  return String(value);
}

/**
 * Adds a printable A4 sheet holding a table: header block, title, bordered table with a repeated
 * header row, numbers kept as numbers (Excel shows the decimal comma under a Vietnamese locale).
 */
export function addTableSheet(workbook: ExcelJS.Workbook, spec: XlsxTableSheet): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: spec.landscape ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      // ND 30 margins in inches: left 30 mm, right 15 mm, top/bottom 20 mm.
      margins: { left: 1.18, right: 0.59, top: 0.79, bottom: 0.79, header: 0.3, footer: 0.3 },
    },
  });
  const n = spec.columns.length;
  sheet.columns = spec.columns.map((c) => ({ width: c.width }));
  // The header block's two halves split the page's width, not the column count (a narrow STT column
  // alone would squeeze the issuing body's name into a sliver).
  const total = spec.columns.reduce((sum, c) => sum + c.width, 0);
  let split = 1;
  for (let width = spec.columns[0]!.width; split < n - 1 && width < total / 2; split++)
    width += spec.columns[split]!.width;
  let row = 1;
  const headerRows = Math.max(spec.headerLeft.length, spec.headerRight.length);
  for (let i = 0; i < headerRows; i++, row++) {
    const left = spec.headerLeft[i];
    const right = spec.headerRight[i];
    if (left !== undefined) mergedLine(sheet, row, 1, split, left);
    if (right !== undefined) mergedLine(sheet, row, split + 1, n, right);
  }
  row++;
  for (const line of spec.title) mergedLine(sheet, row++, 1, n, line, true);
  row++;
  const headerRow = row;
  if (spec.headerRows) row = addHeaderRows(sheet, row, n, spec.headerRows);
  else {
    fitRowHeight(
      sheet.getRow(row),
      spec.columns.map((c) => ({ text: c.header, width: c.width })),
    );
    spec.columns.forEach((c, i) => {
      const cell = sheet.getCell(row, i + 1);
      cell.value = c.header;
      cell.font = { name: FONT, size: 12, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    row++;
  }
  const lastHeaderRow = row - 1;
  for (const r of spec.rows) {
    fitRowHeight(
      sheet.getRow(row),
      r.cells.map((value, i) => ({ text: cellText(value), width: spec.columns[i]?.width ?? 10 })),
    );
    r.cells.forEach((value, i) => {
      const cell = sheet.getCell(row, i + 1);
      setCellValue(cell, value);
      cell.font = { name: FONT, size: 12, bold: r.bold, italic: r.italic };
      const align =
        spec.columns[i]?.align ?? (value !== null && typeof value !== 'string' ? 'center' : 'left');
      cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
      cell.border = BORDER;
    });
    row++;
  }
  row++;
  for (const line of spec.footer ?? []) mergedLine(sheet, row++, split + 1, n, line, true);
  sheet.pageSetup.printTitlesRow = `${headerRow}:${lastHeaderRow}`;
  // Page numbers at the foot of every printed page: "Trang 2/5".
  sheet.headerFooter.oddFooter = '&C&"Times New Roman"&12Trang &P/&N';
  return sheet;
}

/** Writes merged header rows from `top`; returns the first row after them. */
function addHeaderRows(
  sheet: ExcelJS.Worksheet,
  top: number,
  width: number,
  rows: XlsxHeaderCell[][],
): number {
  const covered = rows.map(() => new Array<boolean>(width + 1).fill(false));
  rows.forEach((cells, r) => {
    let col = 1;
    for (const h of cells) {
      while (covered[r]![col]) col++;
      const span = h.colSpan ?? 1;
      const down = h.rowSpan ?? 1;
      for (let i = 0; i < down; i++) for (let c = col; c < col + span; c++) covered[r + i]![c] = true;
      for (let i = 0; i < down; i++)
        for (let c = col; c < col + span; c++) sheet.getCell(top + r + i, c).border = BORDER;
      if (span > 1 || down > 1) sheet.mergeCells(top + r, col, top + r + down - 1, col + span - 1);
      const cell = sheet.getCell(top + r, col);
      cell.value = h.text;
      cell.font = { name: FONT, size: 12, bold: !h.italic, italic: h.italic };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = BORDER;
      col += span;
    }
  });
  return top + rows.length;
}

/** Serialises a workbook to a Buffer. */
export async function workbookToBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
