/**
 * A plan's progress report (issue #14 item 6): "Báo cáo tiến độ thực hiện Kế hoạch số …" with the
 * totals, a table per lead (done, under way, not started, overdue, cancelled, rate) and the overdue
 * tasks, as DOCX (Nghị định 30 layout) and XLSX. The figures are planProgress (shared/plans/progress.ts).
 */
import { z } from 'zod';
import { formatDate, formatPercent } from '@shared/format/vi.ts';
import type { PlanProgress, ProgressCounts } from '@shared/plans/progress.ts';
import { nd30Document, CONTENT_WIDTH } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  dataTable,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import {
  createDocumentRenderer,
  defineDocument,
  type RenderedDocument,
} from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import { headerSchema, signatureSchema, slug } from '@server/features/documents/common.schema.ts';
import { agencyLines, issuerSignature } from './plan.document.ts';

const counts = z.object({
  counted: z.number().int(),
  done: z.number().int(),
  inProgress: z.number().int(),
  notStarted: z.number().int(),
  overdue: z.number().int(),
  cancelled: z.number().int(),
});

export const planProgressDocumentSchema = z.object({
  header: headerSchema,
  /** "Kế hoạch số 12/KH-UBND ngày 05/01/2026 về …", or the draft's title. */
  planName: z.string().min(1),
  /** The day the figures are as of. */
  asOf: z.string(),
  total: counts,
  byLead: z.array(counts.extend({ lead: z.string() })),
  overdue: z.array(
    z.object({ code: z.string(), title: z.string(), lead: z.string(), dueOn: z.string().nullable() }),
  ),
  signature: signatureSchema,
});
export type PlanProgressDocumentData = z.infer<typeof planProgressDocumentSchema>;

const COLUMNS = [
  ['Nhiệm vụ', 'counted'],
  ['Hoàn thành', 'done'],
  ['Đang thực hiện', 'inProgress'],
  ['Chưa thực hiện', 'notStarted'],
  ['Quá hạn', 'overdue'],
  ['Hủy bỏ', 'cancelled'],
] as const;

/** Done over counted in percent, to 2 decimals; null with nothing counted. */
function rate(c: ProgressCounts): number | null {
  return c.counted ? Math.round((c.done / c.counted) * 10_000) / 100 : null;
}

function summary(d: PlanProgressDocumentData): string {
  const t = d.total;
  const r = rate(t);
  return (
    `Tính đến ngày ${formatDate(d.asOf)}, kế hoạch có ${t.counted} nhiệm vụ (không kể ${t.cancelled} nhiệm vụ ` +
    `hủy bỏ): hoàn thành ${t.done}${r === null ? '' : ` (đạt ${formatPercent(r)})`}, đang thực hiện ` +
    `${t.inProgress}, chưa thực hiện ${t.notStarted}, quá hạn ${t.overdue}.`
  );
}

export function buildPlanProgressDocx(d: PlanProgressDocumentData) {
  const w = CONTENT_WIDTH;
  const n = 880;
  const leadWidth = w - 600 - n * 7;
  const row = (stt: string, lead: string, c: ProgressCounts, bold = false) => [
    { text: stt, bold },
    { text: lead, bold },
    ...COLUMNS.map(([, k]) => ({ text: String(c[k]), bold })),
    { text: rate(c) === null ? '—' : formatPercent(rate(c)!), bold },
  ];
  const overdueWidth = [600, w - 600 - 2600 - 1500, 2600, 1500];
  return nd30Document(
    [
      {
        children: [
          headerBlock(d.header, w),
          afterHeader(),
          ...documentTitle('Báo cáo', [`Tiến độ thực hiện ${d.planName}`]),
          heading('I. KẾT QUẢ CHUNG'),
          bodyParagraph(summary(d)),
          heading('II. KẾT QUẢ THEO ĐƠN VỊ CHỦ TRÌ'),
          dataTable(
            [
              { header: 'STT', width: 600, align: 'center' },
              { header: 'Đơn vị chủ trì', width: leadWidth },
              ...COLUMNS.map(([h]) => ({ header: h, width: n, align: 'center' as const })),
              { header: 'Tỷ lệ hoàn thành', width: n, align: 'center' },
            ],
            [...d.byLead.map((r, i) => row(String(i + 1), r.lead, r)), row('', 'Tổng cộng', d.total, true)],
            { size: 11 },
          ),
          heading('III. NHIỆM VỤ QUÁ HẠN'),
          ...(d.overdue.length
            ? [
                dataTable(
                  [
                    { header: 'Mục', width: overdueWidth[0]!, align: 'center' },
                    { header: 'Nhiệm vụ', width: overdueWidth[1]! },
                    { header: 'Đơn vị chủ trì', width: overdueWidth[2]! },
                    { header: 'Hạn', width: overdueWidth[3]!, align: 'center' },
                  ],
                  d.overdue.map((t) => [t.code, t.title, t.lead, t.dueOn ? formatDate(t.dueOn) : '']),
                  { size: 11 },
                ),
              ]
            : [bodyParagraph('Không có nhiệm vụ quá hạn.')]),
          beforeClosing(),
          closingBlock(d.signature, undefined, w),
        ],
      },
    ],
    { title: `Báo cáo tiến độ thực hiện ${d.planName}`, issuer: d.header.issuingAgency },
  );
}

export function buildPlanProgressXlsx(d: PlanProgressDocumentData) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(d.header);
  const cells = (c: ProgressCounts) => [
    ...COLUMNS.map(([, k]) => c[k]),
    rate(c) === null ? null : { percent: rate(c)! },
  ];
  addTableSheet(workbook, {
    name: 'Tiến độ',
    landscape: true,
    headerLeft: left,
    headerRight: right,
    title: ['BÁO CÁO', `Tiến độ thực hiện ${d.planName}`, `Tính đến ngày ${formatDate(d.asOf)}`],
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Đơn vị chủ trì', width: 36 },
      ...COLUMNS.map(([h]) => ({ header: h, width: 12, align: 'center' as const })),
      { header: 'Tỷ lệ hoàn thành', width: 13, align: 'center' },
    ],
    rows: [
      ...d.byLead.map((r, i) => ({ cells: [i + 1, r.lead, ...cells(r)] })),
      { bold: true, cells: ['', 'Tổng cộng', ...cells(d.total)] },
    ],
    footer: [d.signature.authority ?? '', d.signature.title],
  });
  addTableSheet(workbook, {
    name: 'Nhiệm vụ quá hạn',
    headerLeft: left,
    headerRight: right,
    title: ['NHIỆM VỤ QUÁ HẠN', `Tính đến ngày ${formatDate(d.asOf)}`],
    columns: [
      { header: 'Mục', width: 8, align: 'center' },
      { header: 'Nhiệm vụ', width: 50 },
      { header: 'Đơn vị chủ trì', width: 30 },
      { header: 'Hạn', width: 12, align: 'center' },
    ],
    rows: d.overdue.map((t) => ({ cells: [t.code, t.title, t.lead, t.dueOn ? formatDate(t.dueOn) : ''] })),
  });
  return workbook;
}

export const planProgressDocument = defineDocument({
  form: 'ke-hoach-tien-do',
  title: 'Báo cáo tiến độ thực hiện kế hoạch',
  schema: planProgressDocumentSchema,
  fileName: (d) => `tien-do-${slug(d.planName).slice(0, 60)}-${d.asOf}`,
  docx: buildPlanProgressDocx,
  xlsx: buildPlanProgressXlsx,
});

const renderer = createDocumentRenderer([planProgressDocument]);

export function renderPlanProgress(
  data: PlanProgressDocumentData,
  format: 'docx' | 'xlsx',
): Promise<RenderedDocument> {
  return renderer.renderDocument('ke-hoach-tien-do', data, format);
}

/** The view model: the figures as of `asOf` and the plan's name as a report cites it. */
export function planProgressData(input: {
  issuingBody: string;
  place: string;
  year: number;
  number: string | null;
  issuedOn: string | null;
  title: string;
  progress: PlanProgress;
  asOf: string;
}): PlanProgressDocumentData {
  const planName = input.number
    ? `Kế hoạch số ${input.number}${input.issuedOn ? ` ngày ${formatDate(input.issuedOn)}` : ''} về ${input.title}`
    : `Kế hoạch ${input.title} (dự thảo)`;
  return {
    header: {
      issuingAgency: agencyLines(input.issuingBody),
      symbol: issuerSignature(input.issuingBody).authority ? 'BC-UBND' : 'BC',
      place: input.place,
      date: input.asOf,
      year: Number(input.asOf.slice(0, 4)),
    },
    planName,
    asOf: input.asOf,
    total: input.progress.total,
    byLead: input.progress.byLead,
    overdue: input.progress.overdue.map((t) => ({
      code: t.code,
      title: t.title,
      lead: t.lead,
      dueOn: t.dueOn,
    })),
    signature: issuerSignature(input.issuingBody),
  };
}
