/**
 * Score tables shared by Mẫu 02 (self-assessed) and Mẫu 07 (appraised by the Council):
 * criterion rows carry the criterion totals, indicator rows the detail (layout of §1.4a).
 */
import * as z from 'zod';
import { formatDecimal, formatPercent } from '@shared/format/vi.ts';
import { CONTENT_WIDTH } from '@server/platform/documents/nd30.ts';
import { dataTable, type CellValue, type TableColumn } from '@server/platform/documents/nd30-text.ts';
import type { XlsxColumn, XlsxRow } from '@server/platform/documents/xlsx.ts';
import { decimal, text } from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

export const scoringRuleSchema = z.object({ text, points: decimal });

export const indicatorRowSchema = z.object({
  code: text,
  content: text,
  /** Scoring sub-rules printed under the indicator ("a) … : 1 điểm"). */
  rules: z.array(scoringRuleSchema).default([]),
  maxPoints: decimal,
  /** Căn cứ chấm điểm (1): the raw figures, e.g. "12/12 văn bản". */
  data: z.string().optional(),
  /** Căn cứ chấm điểm (2): percentage achieved, e.g. 100 or "87.5". */
  rate: decimal.optional(),
  points: decimal,
  appraisedPoints: decimal.optional(),
  /** Civil servant responsible for the indicator (TT 09 Đ6.4). */
  owner: z.string().optional(),
  note: z.string().optional(),
  /** Scored with a value not confirmed against a legal text: printed "(tạm tính)". */
  provisional: z.boolean().default(false),
});

export const criterionRowSchema = z.object({
  number: z.number().int().min(1),
  content: text,
  maxPoints: decimal,
  points: decimal,
  appraisedPoints: decimal.optional(),
  provisional: z.boolean().default(false),
  indicators: z.array(indicatorRowSchema).min(1),
});

export type CriterionRow = z.infer<typeof criterionRowSchema>;
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

export type ScoreTotals = {
  maxPoints: string;
  points: string;
  appraisedPoints?: string;
  provisional?: boolean;
};

/** The note printed under a table that marked any value "(tạm tính)", or null. */
export function scoreTableNote(criteria: CriterionRow[], totals: ScoreTotals): string | null {
  const any =
    totals.provisional || criteria.some((c) => c.provisional || c.indicators.some((i) => i.provisional));
  return any ? PROVISIONAL_NOTE : null;
}

type Kind = 'self' | 'appraised';

function contentWithRules(i: IndicatorRow): string {
  return [i.content, ...i.rules.map((r) => `${r.text}: ${formatDecimal(r.points)} điểm`)].join('\n');
}

const fmt = (v: string | undefined) => (v === undefined ? '' : formatDecimal(v));
const num = (v: string | undefined) => (v === undefined ? null : Number(v));

const W = CONTENT_WIDTH;
const SELF_COLUMNS: TableColumn[] = [
  { header: 'Tiêu chí, chỉ tiêu', width: 850, align: 'center' },
  { header: 'Nội dung', width: 3205, align: 'left' },
  { header: 'Điểm số tối đa', width: 800, align: 'center' },
  { header: 'Số liệu thực hiện', width: 1300, align: 'center' },
  { header: 'Tỷ lệ đạt được', width: 900, align: 'center' },
  { header: 'Điểm số tự chấm', width: 900, align: 'center' },
  {
    header: 'Chữ ký của công chức phụ trách',
    width: W - 850 - 3205 - 800 - 1300 - 900 - 900,
    align: 'center',
  },
];
const APPRAISED_COLUMNS: TableColumn[] = [
  { header: 'Tiêu chí, chỉ tiêu', width: 850, align: 'center' },
  { header: 'Nội dung', width: 4005, align: 'left' },
  { header: 'Điểm số tối đa', width: 900, align: 'center' },
  { header: 'Điểm số tự chấm', width: 1000, align: 'center' },
  { header: 'Điểm số Hội đồng thẩm định', width: 1200, align: 'center' },
  { header: 'Ghi chú', width: W - 850 - 4005 - 900 - 1000 - 1200, align: 'left' },
];

/** The score table as a DOCX table. */
export function scoreTableDocx(kind: Kind, criteria: CriterionRow[], totals: ScoreTotals) {
  const rows: CellValue[][] = [];
  // A criterion row is kept on the page of its first indicator: it never ends a page alone.
  const criterionRows: number[] = [];
  for (const c of criteria) {
    const b = (t: string) => ({ text: t, bold: true });
    if (c.indicators.length) criterionRows.push(rows.length);
    rows.push(
      kind === 'self'
        ? [
            b(marked(`Tiêu chí ${c.number}`, c.provisional, '\n')),
            b(c.content),
            b(fmt(c.maxPoints)),
            '',
            '',
            b(fmt(c.points)),
            '',
          ]
        : [
            b(marked(`Tiêu chí ${c.number}`, c.provisional, '\n')),
            b(c.content),
            b(fmt(c.maxPoints)),
            b(fmt(c.points)),
            b(fmt(c.appraisedPoints)),
            '',
          ],
    );
    for (const i of c.indicators) {
      rows.push(
        kind === 'self'
          ? [
              marked(i.code, i.provisional, '\n'),
              contentWithRules(i),
              fmt(i.maxPoints),
              i.data ?? '',
              i.rate ? formatPercent(i.rate) : '',
              fmt(i.points),
              i.owner ?? '',
            ]
          : [
              marked(i.code, i.provisional, '\n'),
              contentWithRules(i),
              fmt(i.maxPoints),
              fmt(i.points),
              fmt(i.appraisedPoints),
              i.note ?? '',
            ],
      );
    }
  }
  const total = {
    text: marked('Tổng điểm', totals.provisional),
    bold: true,
    align: 'center' as const,
    span: 2,
  };
  rows.push(
    kind === 'self'
      ? [
          total,
          { text: fmt(totals.maxPoints), bold: true },
          '',
          '',
          { text: fmt(totals.points), bold: true },
          '',
        ]
      : [
          total,
          { text: fmt(totals.maxPoints), bold: true },
          { text: fmt(totals.points), bold: true },
          { text: fmt(totals.appraisedPoints), bold: true },
          '',
        ],
  );
  return dataTable(kind === 'self' ? SELF_COLUMNS : APPRAISED_COLUMNS, rows, {
    keepWithNext: criterionRows,
  });
}

/** Columns of the XLSX score table (widths in characters). */
export function scoreTableXlsxColumns(kind: Kind): XlsxColumn[] {
  const widths = kind === 'self' ? [10, 60, 10, 16, 10, 10, 18] : [10, 60, 10, 10, 14, 24];
  const cols = kind === 'self' ? SELF_COLUMNS : APPRAISED_COLUMNS;
  return cols.map((c, i) => ({ header: c.header, width: widths[i] ?? 12, align: c.align }));
}

/** The score table rows for XLSX: numbers stay numbers so the sheet can be summed and checked. */
export function scoreTableXlsxRows(kind: Kind, criteria: CriterionRow[], totals: ScoreTotals): XlsxRow[] {
  const rows: XlsxRow[] = [];
  for (const c of criteria) {
    rows.push({
      bold: true,
      cells:
        kind === 'self'
          ? [
              marked(`Tiêu chí ${c.number}`, c.provisional),
              c.content,
              num(c.maxPoints),
              null,
              null,
              num(c.points),
              null,
            ]
          : [
              marked(`Tiêu chí ${c.number}`, c.provisional),
              c.content,
              num(c.maxPoints),
              num(c.points),
              num(c.appraisedPoints),
              null,
            ],
    });
    for (const i of c.indicators) {
      rows.push({
        cells:
          kind === 'self'
            ? [
                marked(i.code, i.provisional),
                contentWithRules(i),
                num(i.maxPoints),
                i.data ?? null,
                i.rate ? { percent: Number(i.rate) } : null,
                num(i.points),
                i.owner ?? null,
              ]
            : [
                marked(i.code, i.provisional),
                contentWithRules(i),
                num(i.maxPoints),
                num(i.points),
                num(i.appraisedPoints),
                i.note ?? null,
              ],
      });
    }
  }
  rows.push({
    bold: true,
    cells:
      kind === 'self'
        ? [
            marked('Tổng điểm', totals.provisional),
            null,
            num(totals.maxPoints),
            null,
            null,
            num(totals.points),
            null,
          ]
        : [
            marked('Tổng điểm', totals.provisional),
            null,
            num(totals.maxPoints),
            num(totals.points),
            num(totals.appraisedPoints),
            null,
          ],
  });
  const note = scoreTableNote(criteria, totals);
  if (note) rows.push({ italic: true, cells: [null, note] });
  return rows;
}
