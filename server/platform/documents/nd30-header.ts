/** The ND 30 header block: agency names, number and symbol on the left; Quốc hiệu, Tiêu ngữ, place and date on the right. */
import {
  AlignmentType,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  WidthType,
} from 'docx';
import { formatLongDate } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, SIZE } from './nd30.ts';
import { estimateTextWidth, rule, run } from './nd30-text.ts';
import type { XlsxLine } from './xlsx.ts';

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

export type HeaderBlock = {
  /** Cơ quan chủ quản, e.g. "UBND THỊ XÃ HÒA THÀNH"; omitted when there is none. "\n" forces a line break. */
  parentAgency?: string;
  /** Cơ quan ban hành, e.g. "ỦY BAN NHÂN DÂN\nPHƯỜNG LONG HOA". */
  issuingAgency: string;
  /** Document number; absent on a draft, leaving the blank the clerk fills in. */
  number?: number;
  /** Ký hiệu, e.g. "BC-UBND"; absent for attachments without a number of their own (score tables). */
  symbol?: string;
  /** Địa danh, e.g. "Long Hoa". */
  place: string;
  /** ISO date (yyyy-mm-dd); absent on a draft ("ngày … tháng … năm <year>"). */
  date?: string;
  /** The year printed when there is no date yet. */
  year: number;
};

/** "Số: 05/BC-UBND" (numbers below 10 take a leading 0), or "Số:       /BC-UBND" on a draft. */
export function formatNumberLine(number: number | undefined, symbol: string): string {
  const n = number === undefined ? '      ' : number < 10 ? `0${number}` : String(number);
  return `Số: ${n}/${symbol}`;
}

/** "Long Hoa, ngày 19 tháng 12 năm 2023", with blanks when the date is not set yet. */
export function formatPlaceDate(place: string, date: string | undefined, year: number): string {
  return date ? `${place}, ${formatLongDate(date)}` : `${place}, ngày      tháng      năm ${year}`;
}

const LEFT_WIDTH = 3700;

function cell(width: number, children: Paragraph[]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { left: 0, right: 0, top: 0, bottom: 0 },
    children,
  });
}

function line(text: string, style: Parameters<typeof run>[1]): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, style)] });
}

/** Builds the header block as a borderless two-column table (ND 30 boxes 1–4), `width` wide (landscape pages). */
export function headerBlock(header: HeaderBlock, width: number = CONTENT_WIDTH): Table {
  const RIGHT_WIDTH = width - LEFT_WIDTH;
  const left: Paragraph[] = [];
  if (header.parentAgency) left.push(line(header.parentAgency.toUpperCase(), { size: SIZE.agency }));
  left.push(line(header.issuingAgency.toUpperCase(), { bold: true, size: SIZE.agency }));
  // ND 30: a rule 1/3–1/2 as long as the issuing agency's name.
  const agencyWidth = Math.max(
    ...header.issuingAgency.split('\n').map((l) => estimateTextWidth(l.toUpperCase(), SIZE.agency, true)),
  );
  left.push(rule(Math.round(Math.min(agencyWidth, LEFT_WIDTH) * 0.4), LEFT_WIDTH));

  const right = [
    line(NATIONAL_TITLE, { bold: true, size: SIZE.nationalTitle }),
    line(MOTTO, { bold: true, size: SIZE.motto }),
    // ND 30: the rule under the Tiêu ngữ is as long as the text.
    rule(estimateTextWidth(MOTTO, SIZE.motto, true), RIGHT_WIDTH),
  ];
  const numberRow = [
    line(header.symbol ? formatNumberLine(header.number, header.symbol) : '', { size: SIZE.number }),
    line(formatPlaceDate(header.place, header.date, header.year), { italics: true, size: SIZE.placeDate }),
  ];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [LEFT_WIDTH, RIGHT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({ children: [cell(LEFT_WIDTH, left), cell(RIGHT_WIDTH, right)] }),
      new TableRow({ children: [cell(LEFT_WIDTH, [numberRow[0]!]), cell(RIGHT_WIDTH, [numberRow[1]!])] }),
    ],
  });
}

/** Space after the header block before the document title. */
export function afterHeader(): Paragraph {
  return new Paragraph({ spacing: { after: 240 }, children: [run('', { size: SIZE.body })] });
}

/** The header block as styled lines, for spreadsheets: left (agencies, number) and right (Quốc hiệu, Tiêu ngữ, date). */
export function headerLines(header: HeaderBlock): { left: XlsxLine[]; right: XlsxLine[] } {
  const oneLine = (l: string) => l.replace(/\n/g, ' ').toUpperCase();
  const left: XlsxLine[] = [];
  if (header.parentAgency) left.push(oneLine(header.parentAgency));
  left.push({ text: oneLine(header.issuingAgency), bold: true });
  if (header.symbol) left.push(formatNumberLine(header.number, header.symbol));
  return {
    left,
    right: [
      { text: NATIONAL_TITLE, bold: true },
      { text: MOTTO, bold: true },
      { text: formatPlaceDate(header.place, header.date, header.year), italic: true },
    ],
  };
}
