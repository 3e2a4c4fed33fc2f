/**
 * Mẫu 09 (TT 09/2021 Phụ lục II): Bản tổng hợp thông tin, số liệu thực hiện tiêu chí, chỉ tiêu trên
 * địa bàn — per criterion and indicator, how many communes reached the maximum (or passed) and the
 * average points; the counts of communes evaluated, recognised and decided. DOCX and XLSX.
 */
import * as z from 'zod';
import { binLabel, histogramChartOption } from '@shared/analytics/charts.ts';
import { percent } from '@shared/analytics/figures.ts';
import { formatDecimal, formatPercent } from '@shared/format/vi.ts';
import { chartParagraph } from '@server/platform/documents/chart.ts';
import { CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  caption,
  closingParagraph,
  dataTable,
  documentTitle,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import {
  count,
  decimal,
  headerSchema,
  recipientsSchema,
  signatureSchema,
  slug,
  text,
  year,
} from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

export const mau09Schema = z.object({
  /** The summed results rest on provisional values: the points columns say "(tạm tính)" and a note follows. */
  provisional: z.boolean().default(false),
  header: headerSchema,
  year,
  /** The area in running text, e.g. "tỉnh Tây Ninh". */
  area: text,
  /** The units as the framework names them ("xã, phường, thị trấn" or "xã, phường, đặc khu"). */
  unitNoun: text.default('xã, phường, thị trấn'),
  counts: z.object({
    communes: count,
    scored: count,
    recognised: count,
    decidedAchieved: count,
    decidedTotal: count,
    /** Achieved / decided in %, e.g. "87.5"; absent before any decision. */
    percentAchieved: decimal.optional(),
  }),
  /** Criteria (depth 1) and their indicators (depth 2), as the area summary computes them. */
  rows: z
    .array(
      z.object({
        code: text,
        title: text,
        depth: z.number().int().min(1),
        max: decimal.optional(),
        communes: count,
        atMax: count,
        passed: count,
        average: decimal.optional(),
      }),
    )
    .min(1),
  /**
   * The distribution of the totals that count (ADR 0018 §5: ten equal bins of the maximum, the last
   * including it), drawn as the dashboard's "Phân bố tổng điểm" chart with its data table; empty
   * (no chart) for the pass model, which has no totals.
   */
  distribution: z.array(z.object({ from: decimal, to: decimal, count })).default([]),
  signature: signatureSchema,
  recipients: recipientsSchema.optional(),
});

export type Mau09Data = z.infer<typeof mau09Schema>;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The counts above the table, e.g. "Tổng số đơn vị đánh giá: 08; có kết quả: 08; …". */
export function mau09CountLines(data: Mau09Data): string[] {
  const c = data.counts;
  return [
    `Tổng số ${data.unitNoun} thực hiện đánh giá: ${pad(c.communes)}; có kết quả chấm điểm: ${pad(c.scored)}; đủ điều kiện đạt chuẩn theo kết quả chấm điểm: ${pad(c.recognised)}.`,
    c.decidedTotal
      ? `Đã có quyết định: ${pad(c.decidedAchieved)}/${pad(c.decidedTotal)} đơn vị được công nhận đạt chuẩn tiếp cận pháp luật${c.percentAchieved !== undefined ? `, tỷ lệ ${formatPercent(c.percentAchieved)}` : ''}.`
      : 'Chưa có quyết định công nhận.',
  ];
}

/** The chart of the distribution of totals, its caption and its data as a table (read aloud, copied). */
function distributionFigure(data: Mau09Data) {
  const bins = data.distribution;
  const units = bins.reduce((sum, b) => sum + b.count, 0);
  if (!units) return [];
  const title = `Biểu đồ: Phân bố tổng điểm của các ${data.unitNoun} năm ${data.year} trên địa bàn ${data.area}`;
  const w = CONTENT_WIDTH;
  return [
    bodyParagraph(
      `Phân bố tổng điểm${data.provisional ? ' (tạm tính)' : ''} của ${pad(units)} đơn vị có kết quả chấm điểm theo khoảng điểm (mỗi khoảng gồm điểm đầu, không gồm điểm cuối; khoảng cuối gồm cả điểm tối đa):`,
      {},
      { keepNext: true },
    ),
    chartParagraph(
      histogramChartOption(bins),
      { width: 600, height: 250 },
      {
        title,
        description: bins.map((b) => `${binLabel(b)} điểm: ${b.count} đơn vị`).join('; '),
      },
    ),
    caption(title),
    dataTable(
      [
        { header: 'Khoảng điểm', width: w - 2 * 2200 },
        { header: 'Số đơn vị', width: 2200, align: 'center' },
        { header: 'Tỷ lệ', width: 2200, align: 'center' },
      ],
      bins.map((b) => [binLabel(b), pad(b.count), formatPercent(percent(b.count, units) ?? '0')]),
    ),
  ];
}

const label = (r: Mau09Data['rows'][number]) =>
  r.depth === 1 ? `Tiêu chí ${r.code}. ${r.title}` : `${r.code}. ${r.title}`;

/** Builds the Mẫu 09 DOCX. */
export function buildMau09(data: Mau09Data) {
  const w = CONTENT_WIDTH;
  const criterionRows = data.rows.flatMap((r, i) =>
    r.depth === 1 && data.rows[i + 1]?.depth === 2 ? [i] : [],
  );
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Bản tổng hợp', [
            'thông tin, số liệu thực hiện tiêu chí, chỉ tiêu tiếp cận pháp luật',
            `năm ${data.year} trên địa bàn ${data.area}`,
          ]),
          ...mau09CountLines(data).map((t) => bodyParagraph(t)),
          dataTable(
            [
              { header: 'Tiêu chí, chỉ tiêu', width: w - 1100 - 1300 * 3 },
              { header: 'Điểm tối đa', width: 1100, align: 'center' },
              { header: 'Số đơn vị đạt điểm tối đa', width: 1300, align: 'center' },
              { header: 'Số đơn vị đạt yêu cầu', width: 1300, align: 'center' },
              { header: marked('Điểm bình quân', data.provisional), width: 1300, align: 'center' },
            ],
            data.rows.map((r) => {
              const bold = r.depth === 1;
              return [
                { text: label(r), bold },
                { text: r.max !== undefined ? formatDecimal(r.max) : '', bold },
                { text: `${pad(r.atMax)}/${pad(r.communes)}`, bold },
                // An indicator of the points model has no pass/fail of its own: left blank.
                {
                  text: r.depth === 1 || r.average === undefined ? `${pad(r.passed)}/${pad(r.communes)}` : '',
                  bold,
                },
                { text: r.average !== undefined ? formatDecimal(r.average) : '', bold },
              ];
            }),
            { keepWithNext: criterionRows },
          ),
          ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
          ...distributionFigure(data),
          closingParagraph(
            `Số liệu tổng hợp từ kết quả thẩm định (hoặc kết quả tự đánh giá đã nộp, khi chưa thẩm định) của các ${data.unitNoun} trên địa bàn ${data.area}./.`,
          ),
          beforeClosing(),
          closingBlock(data.signature, data.recipients),
        ],
      },
    ],
    {
      title: `Mẫu 09 - Tổng hợp số liệu tiêu chí, chỉ tiêu năm ${data.year} - ${data.area}`,
      issuer: data.header.issuingAgency,
    },
  );
}

/** The same table as a sheet; counts and averages are numbers. */
export function buildMau09Xlsx(data: Mau09Data) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  addTableSheet(workbook, {
    name: 'Tổng hợp trên địa bàn',
    headerLeft: left,
    headerRight: right,
    title: [
      'BẢN TỔNG HỢP',
      `Thông tin, số liệu thực hiện tiêu chí, chỉ tiêu tiếp cận pháp luật năm ${data.year} trên địa bàn ${data.area}`,
      ...mau09CountLines(data),
    ],
    columns: [
      { header: 'Mã', width: 8, align: 'center' },
      { header: 'Tiêu chí, chỉ tiêu', width: 50 },
      { header: 'Điểm tối đa', width: 10, align: 'center' },
      { header: 'Số đơn vị có kết quả', width: 11, align: 'center' },
      { header: 'Số đơn vị đạt điểm tối đa', width: 11, align: 'center' },
      { header: 'Số đơn vị đạt yêu cầu', width: 11, align: 'center' },
      { header: marked('Điểm bình quân', data.provisional), width: 11, align: 'center' },
    ],
    rows: data.rows.map((r) => ({
      bold: r.depth === 1,
      cells: [
        r.code,
        r.title,
        r.max !== undefined ? Number(r.max) : null,
        r.communes,
        r.atMax,
        r.passed,
        r.average !== undefined ? Number(r.average) : null,
      ],
    })),
  });
  const units = data.distribution.reduce((sum, b) => sum + b.count, 0);
  if (units)
    addTableSheet(workbook, {
      name: 'Phân bố tổng điểm',
      headerLeft: left,
      headerRight: right,
      title: [
        `Phân bố tổng điểm của các ${data.unitNoun} năm ${data.year} trên địa bàn ${data.area}`,
        'Mỗi khoảng gồm điểm đầu, không gồm điểm cuối; khoảng cuối gồm cả điểm tối đa.',
      ],
      columns: [
        { header: 'Từ điểm', width: 12, align: 'center' },
        { header: 'Đến điểm', width: 12, align: 'center' },
        { header: 'Số đơn vị', width: 12, align: 'center' },
        { header: 'Tỷ lệ', width: 12, align: 'center' },
      ],
      rows: data.distribution.map((b) => ({
        cells: [Number(b.from), Number(b.to), b.count, { percent: Number(percent(b.count, units)) }],
      })),
    });
  return workbook;
}

export const mau09Document = defineDocument({
  form: 'mau-09',
  title: 'Mẫu 09 - Bản tổng hợp thông tin, số liệu thực hiện tiêu chí, chỉ tiêu trên địa bàn',
  schema: mau09Schema,
  fileName: (d) => `mau-09-${slug(d.area)}-${d.year}`,
  docx: buildMau09,
  xlsx: buildMau09Xlsx,
});
