/**
 * The summary of a survey's results as an official document (Nghị định 30 layout): for a Mẫu 04 poll
 * "Bản tổng hợp kết quả lấy ý kiến về hình thức, mô hình PBGDPL hiệu quả" (TT 09/2021 Mẫu 04), for a
 * council's written opinions the Mẫu 06 summary, for a satisfaction survey its report. DOCX and XLSX
 * through server/platform/documents; PDF through the same converter. Never a slip code or ticket: the
 * view holds counts and the texts residents wrote only.
 */
import * as z from 'zod';
import { formatDate, formatDecimal } from '@shared/format/vi.ts';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  dataTable,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { createDocumentRenderer, defineDocument } from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import { headerSchema, slug, text, year } from '@server/features/documents/common.schema.ts';

export const surveySummarySchema = z.object({
  header: headerSchema,
  /** "mau-04", "mau-06" or "khao-sat-hai-long": the file name's start. */
  filePrefix: text,
  docType: text,
  summaryLines: z.array(text).min(1),
  unitName: text,
  year,
  surveyTitle: text,
  opensOn: z.string(),
  closesOn: z.string(),
  total: z.number().int().min(0),
  online: z.number().int().min(0),
  paper: z.number().int().min(0),
  signedIn: z.number().int().min(0),
  questions: z.array(
    z.object({
      text,
      answered: z.number().int(),
      rows: z.array(z.object({ label: text, count: z.number().int(), percent: z.string().nullable() })),
      average: z.string().nullable().optional(),
      texts: z.array(z.string()).optional(),
    }),
  ),
  figure: z
    .object({
      label: text,
      numerator: z.number().int(),
      denominator: z.number().int(),
      percent: z.string().nullable(),
    })
    .nullable(),
});
export type SurveySummaryData = z.infer<typeof surveySummarySchema>;

/** "50.00" → "50%", "83.33" → "83,33%". */
const pct = (p: string | null) => (p === null ? '—' : `${formatDecimal(p.replace(/\.?0+$/, ''))}%`);

function buildDocx(d: SurveySummaryData) {
  return nd30Document(
    [
      {
        children: [
          headerBlock(d.header),
          afterHeader(),
          ...documentTitle(d.docType, d.summaryLines),
          bodyParagraph(
            `Ủy ban nhân dân ${d.unitName} tổ chức lấy ý kiến theo "${d.surveyTitle}" từ ngày ${formatDate(d.opensOn)} ` +
              `đến ngày ${formatDate(d.closesOn)}. Tổng số phiếu thu về: ${d.total} phiếu (trực tuyến ${d.online}, ` +
              `phiếu giấy ${d.paper}${d.signedIn ? `, trả lời trên hệ thống ${d.signedIn}` : ''}). Phiếu không ghi tên người trả lời.`,
          ),
          heading('I. KẾT QUẢ TỔNG HỢP'),
          ...d.questions.flatMap((q, i) => [
            bodyParagraph(`${i + 1}. ${q.text} (${q.answered} phiếu trả lời)`, { bold: true }),
            ...(q.rows.length
              ? [
                  dataTable(
                    [
                      { header: 'Phương án', width: 5400 },
                      { header: 'Số phiếu', width: 1700, align: 'center' },
                      { header: 'Tỷ lệ', width: 1900, align: 'center' },
                    ],
                    q.rows.map((r) => [r.label, String(r.count), pct(r.percent)]),
                  ),
                ]
              : []),
            ...(q.average ? [bodyParagraph(`Điểm trung bình: ${formatDecimal(q.average)}`)] : []),
            ...(q.texts ?? []).map((t) => bodyParagraph(`- ${t}`)),
          ]),
          heading('II. KẾT LUẬN'),
          bodyParagraph(
            d.figure
              ? `${d.figure.label}: ${d.figure.numerator}/${d.figure.denominator} (${pct(d.figure.percent)}).`
              : 'Kết quả như trên.',
          ),
          beforeClosing(),
          closingBlock({ authority: 'TM. Ủy ban nhân dân', title: 'Chủ tịch' }),
        ],
      },
    ],
    { title: d.docType, issuer: d.header.issuingAgency },
  );
}

function buildXlsx(d: SurveySummaryData) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(d.header);
  addTableSheet(workbook, {
    name: 'Tổng hợp',
    headerLeft: left,
    headerRight: right,
    title: [d.docType.toUpperCase(), ...d.summaryLines],
    columns: [
      { header: 'Câu hỏi', width: 40 },
      { header: 'Phương án', width: 36 },
      { header: 'Số phiếu', width: 10, align: 'center' },
      { header: 'Tỷ lệ', width: 10, align: 'center' },
    ],
    rows: [
      ...d.questions.flatMap((q) => [
        ...q.rows.map((r, j) => ({
          cells: [
            j === 0 ? q.text : null,
            r.label,
            r.count,
            r.percent === null ? null : { percent: Number(r.percent) },
          ],
        })),
        ...(q.average
          ? [{ cells: [q.rows.length ? null : q.text, 'Điểm trung bình', Number(q.average), null] }]
          : []),
        ...(q.texts ?? []).map((t, j) => ({ cells: [j === 0 ? q.text : null, t, null, null] })),
      ]),
      ...(d.figure
        ? [
            {
              cells: [
                d.figure.label,
                `${d.figure.numerator}/${d.figure.denominator}`,
                d.figure.numerator,
                d.figure.percent === null ? null : { percent: Number(d.figure.percent) },
              ],
            },
          ]
        : []),
    ],
    footer: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'],
  });
  return workbook;
}

export const surveySummaryDocument = defineDocument({
  form: 'survey-summary',
  title: 'Bản tổng hợp kết quả lấy ý kiến (Mẫu 04, Mẫu 06, khảo sát sự hài lòng)',
  schema: surveySummarySchema,
  fileName: (d) => `${d.filePrefix}-${slug(d.unitName)}-${d.year}`,
  docx: buildDocx,
  xlsx: buildXlsx,
});

export const surveyDocuments = createDocumentRenderer([surveySummaryDocument]);
