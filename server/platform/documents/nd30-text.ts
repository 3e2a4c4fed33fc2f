/** Paragraph and table building blocks with ND 30 typography (justified body, bold headings, rules). */
import {
  AlignmentType,
  BorderStyle,
  CarriageReturn,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ParagraphChild,
} from 'docx';
import { CONTENT_WIDTH, FIRST_LINE_INDENT, PARAGRAPH_SPACING, SIZE, halfPoints } from './nd30.ts';

export type RunStyle = { bold?: boolean; italics?: boolean; size?: number; underline?: boolean };

/** One run of text; "\n" inside the text becomes a line break (used for two-line agency names). */
export function run(text: string, style: RunStyle = {}): TextRun {
  const lines = text.split('\n');
  return new TextRun({
    children: lines.flatMap((line, i) => (i === 0 ? [line] : [new CarriageReturn(), line])),
    bold: style.bold,
    italics: style.italics,
    underline: style.underline ? {} : undefined,
    size: halfPoints(style.size ?? SIZE.body),
  });
}

type Content = string | ParagraphChild[];

function children(content: Content, style: RunStyle): ParagraphChild[] {
  return typeof content === 'string' ? [run(content, style)] : content;
}

/** Pagination of a paragraph: keep it on the page of the next one, keep its lines together. */
export type Keep = { keepNext?: boolean; keepLines?: boolean };

/** Justified body paragraph with the 1.27 cm first-line indent and 6 pt after. */
export function bodyParagraph(content: Content, style: RunStyle = {}, keep: Keep = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { after: PARAGRAPH_SPACING, line: 288 },
    keepNext: keep.keepNext,
    keepLines: keep.keepLines,
    children: children(content, style),
  });
}

/**
 * The last paragraph of a document's body, kept on the page of the signature block that follows
 * (ND 30: the signature never stands alone on a page). Its lines stay together too.
 */
export function closingParagraph(content: Content, style: RunStyle = {}): Paragraph {
  return bodyParagraph(content, style, { keepNext: true, keepLines: true });
}

/** U+2212 MINUS SIGN: unlike "-", no line break is allowed after it, so "(−0,5/2 điểm)" stays whole. */
export const MINUS = '\u2212';

/** "-0,5" → "−0,5": a leading minus of a number as the minus sign, which a line never breaks after. */
export function nonBreakingMinus(text: string): string {
  return text.replace(/(^|[\s(])-(?=\d)/g, `$1${MINUS}`);
}

/** Heading inside a report body ("I. …", "1. …", "a) …"): bold by default, indented like the body. */
export function heading(content: Content, style: RunStyle = { bold: true }): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 60, after: PARAGRAPH_SPACING, line: 288 },
    keepNext: true,
    children: children(content, style),
  });
}

/** Centred paragraph (document type, titles, "QUYẾT ĐỊNH:"). */
export function centered(content: Content, style: RunStyle = {}, spacingAfter = 0): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: spacingAfter },
    children: children(content, style),
  });
}

/** A figure's caption: centred, italic, kept on the page of what follows (its data table). */
export function caption(content: Content): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    spacing: { before: 60, after: 120 },
    children: children(content, { italics: true }),
  });
}

/** An empty paragraph, for vertical space; `keepNext` before a signature block keeps them together. */
export function blank(size: number = SIZE.body, keep: Keep = {}): Paragraph {
  return new Paragraph({ keepNext: keep.keepNext, children: [run('', { size })] });
}

/** The space before the closing (signature) block, kept with it. */
export function beforeClosing(): Paragraph {
  return blank(SIZE.body, { keepNext: true });
}

/**
 * A centred solid rule `width` twips long inside a box `boxWidth` wide, drawn as the top
 * border of a tiny indented paragraph: Word and LibreOffice both render it where text can't drift.
 */
export function rule(width: number, boxWidth: number = CONTENT_WIDTH): Paragraph {
  const side = Math.max(0, Math.round((boxWidth - width) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 100, after: 60, line: 240 },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });
}

/**
 * Rough printed width of a text in twips (Times New Roman metrics averaged per character class).
 * Used only to size the short rules ND 30 draws under headings; a 10 % error is invisible.
 */
export function estimateTextWidth(text: string, points: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (/[-.,:;()/]/.test(ch)) em += 0.3;
    else if (/\d/.test(ch)) em += 0.5;
    else if (ch === ch.toUpperCase() && ch !== ch.toLowerCase()) em += 0.7;
    else em += 0.47;
  }
  return Math.round(em * points * 20 * (bold ? 1.04 : 1));
}

/** Document type and summary (Tên loại + trích yếu): centred bold, with the short rule under the summary. */
export function documentTitle(docType: string, summaryLines: string[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (docType) paragraphs.push(centered(docType.toUpperCase(), { bold: true, size: SIZE.docType }));
  for (const line of summaryLines) paragraphs.push(centered(line, { bold: true, size: SIZE.summary }));
  const longest = Math.max(...summaryLines.map((l) => estimateTextWidth(l, SIZE.summary, true)), 0);
  paragraphs.push(rule(Math.max(mmRule, Math.round(longest * 0.4))));
  return paragraphs;
}

const mmRule = 1400;

/** "Kính gửi: …" line(s), centred as in the templates. */
export function addressees(names: string[]): Paragraph[] {
  if (names.length === 0) return [];
  if (names.length === 1) return [centered(`Kính gửi: ${names[0]}.`, {}, PARAGRAPH_SPACING)];
  return [
    centered('Kính gửi:'),
    ...names.map((name, i) =>
      centered(`- ${name}${i === names.length - 1 ? '.' : ';'}`, {}, i === names.length - 1 ? 120 : 0),
    ),
  ];
}

/** Căn cứ lines: italic, one per line, ";" after each except the last which ends with ".". */
export function legalBases(bases: string[]): Paragraph[] {
  return bases.map((basis, i) => {
    const trimmed = basis.replace(/[;.]\s*$/, '');
    return bodyParagraph(`${trimmed}${i === bases.length - 1 ? '.' : ';'}`, { italics: true });
  });
}

export type CellValue =
  | string
  | {
      text: string;
      bold?: boolean;
      italics?: boolean;
      align?: 'left' | 'center' | 'right';
      span?: number;
      rowSpan?: number;
    };

export type TableColumn = { header: string; width: number; align?: 'left' | 'center' | 'right' };

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function cell(
  value: CellValue,
  width: number,
  align: 'left' | 'center' | 'right',
  header = false,
  keepNext = false,
  size: number = SIZE.table,
): TableCell {
  const v = typeof value === 'string' ? { text: value } : value;
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: v.span,
    rowSpan: v.rowSpan,
    verticalAlign: VerticalAlign.CENTER,
    margins: { left: 80, right: 80, top: 40, bottom: 40 },
    children: v.text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[v.align ?? (header ? 'center' : align)],
          keepNext: keepNext || undefined,
          children: [run(line, { bold: header || v.bold, italics: v.italics, size })],
        }),
    ),
  });
}

export type DataTableOptions = {
  /**
   * Indexes of body rows kept on the page of the row after them (e.g. a criterion row with its first
   * indicator): Word keeps rows together through "keep with next" on their paragraphs.
   */
  keepWithNext?: number[];
  /**
   * A header of several rows instead of the column headers (official forms with grouped columns):
   * each cell spans `colSpan` columns and `rowSpan` rows; all header rows repeat on every page.
   */
  headerRows?: HeaderCell[][];
  /** Point size of the table text (default SIZE.table). */
  size?: number;
};

export type HeaderCell = { text: string; colSpan?: number; rowSpan?: number; italics?: boolean };

/**
 * A bordered data table with a bold header row repeated on every page. Widths are in twips and
 * should add up to CONTENT_WIDTH; a cell may span several columns. Rows never split across pages.
 */
export function dataTable(
  columns: TableColumn[],
  rows: CellValue[][],
  options: DataTableOptions = {},
): Table {
  const keep = new Set(options.keepWithNext ?? []);
  const size = options.size ?? SIZE.table;
  const header = options.headerRows
    ? groupedHeader(columns, options.headerRows, size)
    : [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: columns.map((c) => cell(c.header, c.width, 'center', true, false, size)),
        }),
      ];
  const body = rows.map((row, index) => {
    let col = 0;
    return new TableRow({
      cantSplit: true,
      children: row.map((value) => {
        const span = typeof value === 'string' ? 1 : (value.span ?? 1);
        const spanned = columns.slice(col, col + span);
        const width = spanned.reduce((sum, c) => sum + c.width, 0);
        const align = spanned[0]?.align ?? 'left';
        col += span;
        return cell(value, width, align, false, keep.has(index), size);
      }),
    });
  });
  return new Table({
    width: { size: columns.reduce((s, c) => s + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [...header, ...body],
  });
}

/** Header rows whose cells span columns and rows; a cell's width is the sum of the columns under it. */
function groupedHeader(columns: TableColumn[], rows: HeaderCell[][], size: number): TableRow[] {
  // Columns still covered by a cell spanning down from a row above: [row][column].
  const covered = rows.map(() => new Array<boolean>(columns.length).fill(false));
  return rows.map((row, r) => {
    let col = 0;
    const cells = row.map((h) => {
      while (covered[r]![col]) col++;
      const span = h.colSpan ?? 1;
      const width = columns.slice(col, col + span).reduce((sum, c) => sum + c.width, 0);
      for (let down = 1; down < (h.rowSpan ?? 1); down++)
        for (let c = col; c < col + span; c++) covered[r + down]![c] = true;
      col += span;
      const value = { text: h.text, span, rowSpan: h.rowSpan, italics: h.italics };
      return cell(value, width, 'center', !h.italics, false, size);
    });
    return new TableRow({ tableHeader: true, cantSplit: true, children: cells });
  });
}
