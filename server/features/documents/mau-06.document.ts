/**
 * Mẫu 06 (TT 09/2021 Phụ lục II): when the Council appraises in writing instead of meeting, the
 * questionnaire each member returns (Phiếu lấy ý kiến thẩm định) and the summary of the members'
 * opinions per commune (Bản tổng hợp ý kiến thẩm định). DOCX (one questionnaire per page, then the
 * summary) and XLSX (the summary).
 */
import * as z from 'zod';
import { formatDecimal, formatLongDate } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, nd30Document, type Nd30Section } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  bodyParagraph,
  closingParagraph,
  dataTable,
  documentTitle,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import { count, decimal, headerSchema, isoDate, signatureSchema, slug, text, year } from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

const opinion = z.enum(['achieved', 'not_achieved']);

export const mau06Schema = z.object({
  /** The printed points rest on provisional values: the points columns say "(tạm tính)" and a note follows. */
  provisional: z.boolean().default(false),
  header: headerSchema,
  /** "Hội đồng đánh giá chuẩn tiếp cận pháp luật tỉnh Tây Ninh". */
  council: text,
  year,
  /** Date the opinions were asked for / recorded (yyyy-mm-dd). */
  date: isoDate,
  /** One questionnaire per member who answered, with an opinion on each commune. */
  questionnaires: z
    .array(
      z.object({
        member: z.object({ name: text, position: text }),
        opinions: z
          .array(
            z.object({
              unit: text,
              selfPoints: decimal,
              appraisedPoints: decimal,
              opinion,
              comment: z.string().optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
  /** The summary per commune: opinions counted, the members' other comments, the proposal. */
  summary: z
    .array(
      z.object({
        unit: text,
        selfPoints: decimal,
        appraisedPoints: decimal,
        achievedOpinions: count,
        notAchievedOpinions: count,
        comments: z.array(text).default([]),
        /** The Council's proposal: "đạt" when most opinions say so. */
        proposedAchieved: z.boolean(),
      }),
    )
    .min(1),
  /** Members asked, for "05/07 thành viên có ý kiến". */
  membersTotal: count,
  signature: signatureSchema,
});

export type Mau06Data = z.infer<typeof mau06Schema>;

const label = (o: 'achieved' | 'not_achieved') => (o === 'achieved' ? 'Đạt' : 'Chưa đạt');
const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

function questionnaire(data: Mau06Data, q: Mau06Data['questionnaires'][number]): Nd30Section {
  const w = CONTENT_WIDTH;
  return {
    children: [
      headerBlock(data.header),
      afterHeader(),
      ...documentTitle('Phiếu lấy ý kiến', [
        'thẩm định kết quả đánh giá chuẩn tiếp cận pháp luật',
        `năm ${data.year} của thành viên ${data.council}`,
      ]),
      bodyParagraph(`Họ và tên thành viên Hội đồng: ${q.member.name}.`),
      bodyParagraph(`Chức vụ, đơn vị công tác: ${q.member.position}.`),
      bodyParagraph(
        `Sau khi nghiên cứu hồ sơ đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm ${data.year}, tôi có ý kiến thẩm định như sau:`,
      ),
      dataTable(
        [
          { header: 'STT', width: 700, align: 'center' },
          { header: 'Đơn vị', width: 2300 },
          { header: marked('Điểm tự chấm', data.provisional), width: 1200, align: 'center' },
          { header: marked('Điểm thẩm định', data.provisional), width: 1300, align: 'center' },
          { header: 'Ý kiến', width: 1100, align: 'center' },
          { header: 'Ý kiến khác', width: w - 700 - 2300 - 1200 - 1300 - 1100 },
        ],
        q.opinions.map((o, i) => [
          String(i + 1),
          o.unit,
          formatDecimal(o.selfPoints),
          formatDecimal(o.appraisedPoints),
          label(o.opinion),
          o.comment ?? '',
        ]),
      ),
      ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
      beforeClosing(),
      closingBlock({ title: 'Người cho ý kiến', name: q.member.name }),
    ],
  };
}

/** "Phường Long Hoa: 05/05 ý kiến đạt" lines are in the table; this is the sentence above it. */
export function mau06SummaryLine(data: Mau06Data): string {
  const proposed = data.summary.filter((s) => s.proposedAchieved).length;
  return `Hội đồng đã lấy ý kiến thẩm định bằng văn bản của các thành viên; ${pad(data.questionnaires.length)}/${pad(data.membersTotal)} thành viên gửi ý kiến. Theo ý kiến của đa số thành viên, ${pad(proposed)}/${pad(data.summary.length)} đơn vị đủ điều kiện đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm ${data.year}.`;
}

function summarySection(data: Mau06Data): Nd30Section {
  const w = CONTENT_WIDTH;
  return {
    children: [
      headerBlock(data.header),
      afterHeader(),
      ...documentTitle('Bản tổng hợp', [
        'ý kiến thẩm định của thành viên Hội đồng đánh giá',
        `chuẩn tiếp cận pháp luật năm ${data.year}`,
      ]),
      bodyParagraph(mau06SummaryLine(data)),
      dataTable(
        [
          { header: 'STT', width: 700, align: 'center' },
          { header: 'Đơn vị', width: 2100 },
          { header: marked('Điểm thẩm định', data.provisional), width: 1200, align: 'center' },
          { header: 'Số ý kiến đạt', width: 1100, align: 'center' },
          { header: 'Số ý kiến chưa đạt', width: 1100, align: 'center' },
          { header: 'Ý kiến khác', width: w - 700 - 2100 - 1200 - 1100 * 2 - 1100 },
          { header: 'Đề xuất', width: 1100, align: 'center' },
        ],
        data.summary.map((s, i) => [
          String(i + 1),
          s.unit,
          formatDecimal(s.appraisedPoints),
          pad(s.achievedOpinions),
          pad(s.notAchievedOpinions),
          s.comments.join('\n'),
          s.proposedAchieved ? 'Đạt' : 'Chưa đạt',
        ]),
      ),
      ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
      closingParagraph(
        `Bản tổng hợp được lập ${formatLongDate(data.date)} trên cơ sở các phiếu lấy ý kiến của thành viên Hội đồng./.`,
      ),
      beforeClosing(),
      closingBlock(data.signature),
    ],
  };
}

/** Builds the Mẫu 06 DOCX: each member's questionnaire on its own page, then the summary. */
export function buildMau06(data: Mau06Data) {
  return nd30Document([...data.questionnaires.map((q) => questionnaire(data, q)), summarySection(data)], {
    title: `Mẫu 06 - Ý kiến thẩm định bằng văn bản năm ${data.year}`,
    issuer: data.header.issuingAgency,
  });
}

/** The summary as a sheet: counts as numbers. */
export function buildMau06Xlsx(data: Mau06Data) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  addTableSheet(workbook, {
    name: 'Tổng hợp ý kiến',
    headerLeft: left,
    headerRight: right,
    title: [
      'BẢN TỔNG HỢP',
      `Ý kiến thẩm định của thành viên Hội đồng đánh giá chuẩn tiếp cận pháp luật năm ${data.year}`,
    ],
    columns: [
      { header: 'STT', width: 6, align: 'center' },
      { header: 'Đơn vị', width: 26 },
      { header: marked('Điểm tự chấm', data.provisional), width: 11, align: 'center' },
      { header: marked('Điểm thẩm định', data.provisional), width: 11, align: 'center' },
      { header: 'Số ý kiến đạt', width: 10, align: 'center' },
      { header: 'Số ý kiến chưa đạt', width: 10, align: 'center' },
      { header: 'Ý kiến khác', width: 36 },
      { header: 'Đề xuất', width: 10, align: 'center' },
    ],
    rows: data.summary.map((s, i) => ({
      cells: [
        i + 1,
        s.unit,
        Number(s.selfPoints),
        Number(s.appraisedPoints),
        s.achievedOpinions,
        s.notAchievedOpinions,
        s.comments.join('\n') || null,
        s.proposedAchieved ? 'Đạt' : 'Chưa đạt',
      ],
    })),
    footer: [
      ...(data.signature.authority ? [data.signature.authority.toUpperCase()] : []),
      data.signature.title.toUpperCase(),
      '',
      '',
      data.signature.name ?? '',
    ],
  });
  return workbook;
}

export const mau06Document = defineDocument({
  form: 'mau-06',
  title: 'Mẫu 06 - Phiếu lấy ý kiến và bản tổng hợp ý kiến thẩm định của thành viên Hội đồng',
  schema: mau06Schema,
  fileName: (d) => `mau-06-${slug(d.council)}-${d.year}`,
  docx: buildMau06,
  xlsx: buildMau06Xlsx,
});
