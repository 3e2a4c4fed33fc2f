/**
 * Commune CCHC index: report of the items that lost points and the remediation tasks by
 * department (shape of a real 2022 report, xã Vĩnh Long). DOCX report plus an XLSX table of items.
 */
import * as z from 'zod';
import { formatDate, formatDecimal } from '@shared/format/vi.ts';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  MINUS,
  beforeClosing,
  bodyParagraph,
  closingParagraph,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import {
  decimal,
  headerSchema,
  isoDate,
  recipientsSchema,
  signatureSchema,
  slug,
  text,
  unitLabel,
  unitSchema,
  year,
} from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

export const cchcDeductionsSchema = z.object({
  header: headerSchema,
  unit: unitSchema,
  year,
  /** The decision that published the index. */
  decision: z.object({ number: text, date: isoDate, issuer: text, subject: text }),
  result: z.object({
    points: decimal,
    rank: z.number().int().min(1),
    of: z.number().int().min(1),
    /** Who the rank is among, e.g. "xã, thị trấn". */
    peers: text,
    /** The total rests on provisional values: printed "(tạm tính)" with a note. */
    provisional: z.boolean().default(false),
  }),
  deductions: z
    .array(
      z.object({
        code: text,
        title: text,
        /** Points lost and the item's maximum; absent when the appraisal did not state them. */
        pointsLost: decimal.optional(),
        maxPoints: decimal.optional(),
        reason: z.string().optional(),
        /** The item's maximum or rule is provisional: its loss is printed "(tạm tính)". */
        provisional: z.boolean().default(false),
      }),
    )
    .min(1),
  /** The paragraph introducing the remediation tasks. */
  actionIntro: text,
  generalTasks: z.array(text),
  departmentTasks: z.array(z.object({ department: text, tasks: z.array(text).min(1) })),
  closing: text,
  signature: signatureSchema,
  recipients: recipientsSchema,
});

export type CchcDeductionsData = z.infer<typeof cchcDeductionsSchema>;

/**
 * "(−0,5/2 điểm)" for an item that lost points, "" when the figures are unknown. The minus is U+2212,
 * after which no line breaks: a hyphen-minus let LibreOffice leave "(-" at the end of a line.
 */
function lossLabel(d: CchcDeductionsData['deductions'][number]): string {
  if (d.pointsLost === undefined) return '';
  const lost = formatDecimal(d.pointsLost.replace(/^-/, ''));
  return d.maxPoints === undefined
    ? ` (${MINUS}${lost} điểm)`
    : ` (${MINUS}${lost}/${formatDecimal(d.maxPoints)} điểm)`;
}

/** One line per item, as in the report: "- Mục 1.1.3. Mức độ thực hiện Kế hoạch (-0,5/2 điểm): …". */
export function deductionLines(data: CchcDeductionsData): string[] {
  return data.deductions.map((d) => {
    const reason = d.reason ? `: ${d.reason.replace(/\.\s*$/, '')}.` : '.';
    return `- Mục ${d.code.replace(/\.$/, '')}. ${d.title}${marked(lossLabel(d), d.provisional)}${reason}`;
  });
}

/** The opening sentence with total and rank ("… đạt 84,66 điểm (xếp thứ 8/18 xã, thị trấn)."). */
export function resultSentence(data: CchcDeductionsData): string {
  const d = data.decision;
  const r = data.result;
  return `Căn cứ Quyết định số ${d.number} ngày ${formatDate(d.date)} của ${d.issuer} ${d.subject}, kết quả thực hiện công tác cải cách hành chính của Ủy ban nhân dân ${unitLabel(data.unit)} năm ${data.year} đạt ${marked(`${formatDecimal(r.points)} điểm`, r.provisional)} (xếp thứ ${r.rank}/${r.of} ${r.peers}).`;
}

/** Builds the DOCX report. */
export function buildCchcDeductions(data: CchcDeductionsData) {
  const unit = unitLabel(data.unit);
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Báo cáo', [
            'Khắc phục những tồn tại, hạn chế trong công tác',
            `cải cách hành chính của Ủy ban nhân dân ${unit} năm ${data.year}`,
          ]),
          bodyParagraph(resultSentence(data)),
          heading('I. Các nội dung bị trừ điểm'),
          bodyParagraph(
            `Qua rà soát kết quả thẩm định Chỉ số cải cách hành chính năm ${data.year}, kết quả thực hiện công tác cải cách hành chính của Ủy ban nhân dân ${unit} bị trừ điểm ở các tiêu chí sau:`,
          ),
          ...deductionLines(data).map((l) => bodyParagraph(l)),
          ...(data.result.provisional || data.deductions.some((d) => d.provisional)
            ? [bodyParagraph(PROVISIONAL_NOTE)]
            : []),
          heading('II. Nhiệm vụ, giải pháp khắc phục'),
          bodyParagraph(data.actionIntro),
          ...data.generalTasks.map((t) => bodyParagraph(`- ${t.replace(/^-\s*/, '')}`)),
          ...data.departmentTasks.flatMap((dep, i) => [
            heading(`${i + 1}. ${dep.department}:`),
            ...dep.tasks.map((t) => bodyParagraph(`- ${t.replace(/^-\s*/, '')}`)),
          ]),
          closingParagraph(data.closing),
          beforeClosing(),
          closingBlock(data.signature, data.recipients),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

/** Builds the XLSX table of the items that lost points. */
export function buildCchcDeductionsXlsx(data: CchcDeductionsData) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  const num = (v: string | undefined) => (v === undefined ? null : Math.abs(Number(v)));
  addTableSheet(workbook, {
    name: 'Tiêu chí bị trừ điểm',
    headerLeft: left,
    headerRight: right,
    title: [
      'CÁC TIÊU CHÍ BỊ TRỪ ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH',
      `Ủy ban nhân dân ${unitLabel(data.unit)} năm ${data.year}: ${formatDecimal(data.result.points)} điểm, xếp thứ ${data.result.rank}/${data.result.of} ${data.result.peers}`,
    ],
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Mục', width: 9, align: 'center' },
      { header: 'Nội dung', width: 40 },
      { header: 'Điểm bị trừ', width: 10, align: 'center' },
      { header: 'Điểm tối đa', width: 10, align: 'center' },
      { header: 'Lý do', width: 50 },
    ],
    rows: data.deductions.map((d, i) => ({
      cells: [i + 1, d.code, d.title, num(d.pointsLost), num(d.maxPoints), d.reason ?? null],
    })),
  });
  // The remediation tasks: general ones first, then per officer post, as the report lists them.
  const tasks = [
    ...data.generalTasks.map((t) => ({ who: 'Chung', task: t })),
    ...data.departmentTasks.flatMap((d) => d.tasks.map((t) => ({ who: d.department, task: t }))),
  ];
  addTableSheet(workbook, {
    name: 'Nhiệm vụ khắc phục',
    headerLeft: left,
    headerRight: right,
    title: [
      'NHIỆM VỤ, GIẢI PHÁP KHẮC PHỤC',
      `Chỉ số cải cách hành chính của Ủy ban nhân dân ${unitLabel(data.unit)} năm ${data.year}`,
    ],
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Bộ phận thực hiện', width: 24 },
      { header: 'Nhiệm vụ, giải pháp', width: 80 },
    ],
    rows: tasks.map((t, i) => ({ cells: [i + 1, t.who, t.task.replace(/^-\s*/, '')] })),
    footer: [data.signature.authority, data.signature.title, '', '', data.signature.name].filter(
      (l): l is string => l !== undefined,
    ),
  });
  return workbook;
}

export const cchcDeductionsDocument = defineDocument({
  form: 'cchc-deductions',
  title: 'Báo cáo khắc phục các tiêu chí bị trừ điểm Chỉ số cải cách hành chính cấp xã',
  schema: cchcDeductionsSchema,
  fileName: (d) => `cchc-tru-diem-${slug(d.unit.name)}-${d.year}`,
  docx: buildCchcDeductions,
  xlsx: buildCchcDeductionsXlsx,
});
