/**
 * Biểu số 06/VPCP/KSTT (TT 01/2020/TT-VPCP) as documents: XLSX (numbers as numbers, the grouped
 * header merged, A4 landscape) and DOCX in the Nghị định 30 layout (issuing body, title, the table,
 * signature block) on an A4 landscape page.
 */
import * as z from 'zod';
import { formatDate } from '@shared/format/vi.ts';
import { bieu06Figures, bieu06FieldRow, type Bieu06Report } from '@shared/tthc/bieu06.contract.ts';
import {
  BIEU06_GROUPS,
  BIEU06_IN_PERIOD,
  BIEU06_KEYS,
  BIEU06_LABEL,
  BIEU06_TOTAL_ROW,
  formatCount,
  type Bieu06Figures,
} from '@shared/tthc/bieu06.ts';
import { LANDSCAPE_CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  centered,
  dataTable,
  documentTitle,
  type HeaderCell,
} from '@server/platform/documents/nd30-text.ts';
import {
  createDocumentRenderer,
  defineDocument,
  type RenderedDocument,
} from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import { headerSchema, signatureSchema, slug } from '@server/features/documents/common.schema.ts';

export const bieu06DocumentSchema = z.object({
  header: headerSchema,
  /** The reporting unit as written in the title, e.g. "Phường Hương An". */
  unitName: z.string().min(1),
  from: z.string(),
  to: z.string(),
  rows: z.array(bieu06FieldRow),
  total: bieu06Figures,
  /** Communes whose figures are the totals they typed (no per-dossier data), named under the table. */
  fromAggregates: z.array(z.string()),
  problems: z.array(z.string()),
  signature: signatureSchema,
});
export type Bieu06DocumentData = z.infer<typeof bieu06DocumentSchema>;

const TITLE = 'Tình hình, kết quả giải quyết thủ tục hành chính';
const SUBTITLE = 'tại cơ quan, đơn vị trực tiếp giải quyết thủ tục hành chính';

/** The form's header: columns 1 and 2 down three rows, the three groups, "Trong kỳ" over 4–5, then 1…13. */
function headerRows(): HeaderCell[][] {
  return [
    [
      { text: 'STT', rowSpan: 3 },
      { text: 'Lĩnh vực, công việc giải quyết theo cấp', rowSpan: 3 },
      ...BIEU06_GROUPS.map((g) => ({ text: g.title, colSpan: g.keys.length })),
    ],
    [
      { text: BIEU06_LABEL.received, rowSpan: 2 },
      { text: BIEU06_IN_PERIOD, colSpan: 2 },
      { text: BIEU06_LABEL.carriedOver, rowSpan: 2 },
      ...(
        ['resolved', 'early', 'onTime', 'late', 'pending', 'pendingWithinDue', 'pendingOverdue'] as const
      ).map((k) => ({ text: BIEU06_LABEL[k], rowSpan: 2 })),
    ],
    [{ text: BIEU06_LABEL.online }, { text: BIEU06_LABEL.direct }],
    Array.from({ length: 13 }, (_, i) => ({ text: `(${i + 1})`, italics: true })),
  ];
}

function periodLine(data: Bieu06DocumentData): string {
  return `Kỳ báo cáo: từ ngày ${formatDate(data.from)} đến ngày ${formatDate(data.to)}`;
}

function notes(data: Bieu06DocumentData): string[] {
  const lines: string[] = [];
  if (data.fromAggregates.length)
    lines.push(
      `Số liệu do đơn vị tự tổng hợp (không có dữ liệu từng hồ sơ): ${data.fromAggregates.join(', ')}.`,
    );
  if (data.problems.length) lines.push(`Số liệu chưa khớp: ${data.problems.join('; ')}.`);
  return lines;
}

export function buildBieu06Docx(data: Bieu06DocumentData) {
  const w = LANDSCAPE_CONTENT_WIDTH;
  const stt = 600;
  const number = 960;
  const columns = [
    { header: 'STT', width: stt, align: 'center' as const },
    { header: 'Lĩnh vực', width: w - stt - number * 11 },
    ...BIEU06_KEYS.map((k) => ({ header: BIEU06_LABEL[k], width: number, align: 'center' as const })),
  ];
  const row = (n: string, field: string, figures: Bieu06Figures, bold = false) => [
    { text: n, bold },
    { text: field, bold },
    ...BIEU06_KEYS.map((k) => ({ text: formatCount(figures[k]), bold })),
  ];
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header, w),
          afterHeader(),
          centered('Biểu số 06/VPCP/KSTT', { italics: true, size: 12 }),
          ...documentTitle('', [TITLE, SUBTITLE]),
          centered(periodLine(data), { italics: true }),
          centered(`Đơn vị báo cáo: ${data.unitName}. Đơn vị tính: số hồ sơ thủ tục hành chính.`, {
            italics: true,
          }),
          dataTable(
            columns,
            [
              ...data.rows.map((r, i) => row(String(i + 1), r.field, r)),
              row('', BIEU06_TOTAL_ROW, data.total, true),
            ],
            { headerRows: headerRows(), size: 11 },
          ),
          ...notes(data).map((t) => bodyParagraph(t, { italics: true, size: 12 })),
          beforeClosing(),
          closingBlock(data.signature, undefined, w),
        ],
      },
    ],
    {
      title: `Biểu 06 - ${data.unitName} - ${periodLine(data)}`,
      issuer: data.header.issuingAgency,
      landscape: true,
    },
  );
}

export function buildBieu06Xlsx(data: Bieu06DocumentData) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  const header = headerRows().map((cells) => cells.map(({ italics, ...c }) => ({ ...c, italic: italics })));
  addTableSheet(workbook, {
    name: 'Biểu 06',
    landscape: true,
    headerLeft: [...left, { text: 'Biểu số 06/VPCP/KSTT', italic: true }],
    headerRight: right,
    title: [
      TITLE.toUpperCase(),
      SUBTITLE.toUpperCase(),
      periodLine(data),
      `Đơn vị báo cáo: ${data.unitName}`,
    ],
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Lĩnh vực', width: 34, align: 'left' },
      ...BIEU06_KEYS.map(() => ({ header: '', width: 11, align: 'center' as const })),
    ],
    headerRows: header,
    rows: [
      ...data.rows.map((r, i) => ({ cells: [i + 1, r.field, ...BIEU06_KEYS.map((k) => r[k])] })),
      { bold: true, cells: ['', BIEU06_TOTAL_ROW, ...BIEU06_KEYS.map((k) => data.total[k])] },
    ],
    footer: [...notes(data), data.signature.authority ?? '', data.signature.title],
  });
  return workbook;
}

export const bieu06Document = defineDocument({
  form: 'bieu-06',
  title: 'Biểu số 06/VPCP/KSTT - Tình hình, kết quả giải quyết TTHC',
  schema: bieu06DocumentSchema,
  fileName: (d) => `bieu-06-${slug(d.unitName)}-${d.from}-${d.to}`,
  docx: buildBieu06Docx,
  xlsx: buildBieu06Xlsx,
});

const renderer = createDocumentRenderer([bieu06Document]);

const KIND_PREFIX = /^(Xã|Phường|Thị trấn|Đặc khu|Tỉnh|Thành phố|Huyện|Quận|Thị xã)\s+/i;

/** The document's view model from a report: the unit's People's Committee issues it, its chairman signs. */
export function bieu06DocumentData(report: Bieu06Report): Bieu06DocumentData {
  return {
    header: {
      issuingAgency: `Ủy ban nhân dân\n${report.unit.name}`,
      place: report.unit.name.replace(KIND_PREFIX, ''),
      year: Number(report.to.slice(0, 4)),
    },
    unitName: report.unit.name,
    from: report.from,
    to: report.to,
    rows: report.byField,
    total: report.total,
    fromAggregates: report.communes.filter((c) => c.source === 'aggregates').map((c) => c.name),
    problems: report.problems,
    signature: { authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch' },
  };
}

/** Biểu 06 of a report as XLSX or DOCX. */
export function renderBieu06(report: Bieu06Report, format: 'xlsx' | 'docx'): Promise<RenderedDocument> {
  return renderer.renderDocument('bieu-06', bieu06DocumentData(report), format);
}
