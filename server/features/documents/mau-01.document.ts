/**
 * Mẫu 01 (TT 09/2021/TT-BTP): the commune's report on its self-assessment and its request for
 * recognition as meeting the legal-access standard. Layout follows a real 2023 report (phường Long Hoa).
 */
import * as z from 'zod';
import { formatCountOf, formatDecimal } from '@shared/format/vi.ts';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  addressees,
  beforeClosing,
  bodyParagraph,
  closingParagraph,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import {
  count,
  decimal,
  headerSchema,
  listLetter,
  recipientsSchema,
  signatureSchema,
  slug,
  text,
  unitLabel,
  unitSchema,
  year,
} from './common.schema.ts';
import { marked, PROVISIONAL_MARK, PROVISIONAL_NOTE } from './provisional.ts';

const criterionSchema = z
  .object({
    number: z.number().int().min(1),
    indicatorCount: count,
    indicatorsAtMax: count,
    /** Printed only when given (the example prints it for criterion 5). */
    indicatorsAtHalf: count.optional(),
    points: decimal,
    maxPoints: decimal,
    /** Scored with a value not confirmed against a legal text: printed "(tạm tính)". */
    provisional: z.boolean().default(false),
  })
  .refine((c) => c.indicatorsAtMax <= c.indicatorCount, {
    error: 'indicatorsAtMax không được lớn hơn indicatorCount',
    path: ['indicatorsAtMax'],
  });

export const mau01Schema = z.object({
  header: headerSchema,
  unit: unitSchema,
  year,
  addressees: z.array(text).default([]),
  /** Paragraphs before section I: legal bases, how the work was directed and organised. */
  intro: z.array(text).min(1),
  criteria: z.array(criterionSchema).min(1),
  conditions: z.object({
    criteriaAtHalf: count,
    totalPoints: decimal,
    totalMax: decimal.default('100'),
    /** Adds "(sau khi làm tròn)" after the total. */
    totalRounded: z.boolean().default(false),
    /** Whether a head of the commune Party committee or government was disciplined or prosecuted (condition 3). */
    headsDisciplined: z.boolean(),
    conditionsMet: count,
    conditionsTotal: count.default(3),
    /** The total (or a condition) rests on a provisional value: printed "(tạm tính)". */
    provisional: z.boolean().default(false),
  }),
  narrative: z.object({
    strengths: z.array(text),
    limitations: z.array(text),
    /** Empty → "3. Đề xuất, kiến nghị các giải pháp khắc phục: không có". */
    proposals: z.array(text),
    goals: z.array(text),
    plans: z.array(text),
  }),
  /** Who is asked to recognise the unit, e.g. "Chủ tịch Ủy ban nhân dân thị xã Hòa Thành". */
  recognitionAuthority: text,
  signature: signatureSchema,
  recipients: recipientsSchema,
});

export type Mau01Data = z.infer<typeof mau01Schema>;

/** "10/10 điểm" with Vietnamese decimals ("14,5/15 điểm"). */
function pointsOf(points: string, max: string): string {
  return `${formatDecimal(points)}/${formatDecimal(max)} điểm`;
}

/** Lines of section I, as plain strings (also used by tests and by other renderings). */
export function mau01ResultLines(data: Mau01Data): string[] {
  const lines: string[] = [];
  data.criteria.forEach((c, i) => {
    lines.push(`${listLetter(i)}) Đối với tiêu chí ${c.number}:`);
    lines.push(
      `- Số chỉ tiêu đạt điểm tối đa: ${formatCountOf(c.indicatorsAtMax, c.indicatorCount, 'chỉ tiêu')}.`,
    );
    if (c.indicatorsAtHalf !== undefined) {
      lines.push(
        `- Số chỉ tiêu đạt từ 50% số điểm tối đa trở lên: ${formatCountOf(c.indicatorsAtHalf, c.indicatorCount, 'chỉ tiêu')}.`,
      );
    }
    lines.push(`- Số điểm đạt được của tiêu chí: ${marked(pointsOf(c.points, c.maxPoints), c.provisional)}.`);
  });
  return lines;
}

const hasProvisional = (data: Mau01Data) =>
  data.conditions.provisional || data.criteria.some((c) => c.provisional);

function conditionLines(data: Mau01Data): string[] {
  const k = data.conditions;
  const kind = data.unit.kind;
  const veto = k.headsDisciplined
    ? `c) Trong năm ${data.year} có cán bộ, công chức là người đứng đầu cấp ủy, chính quyền ${kind} bị xử lý kỷ luật hành chính do vi phạm pháp luật trong thi hành công vụ hoặc bị truy cứu trách nhiệm hình sự.`
    : `c) Trong năm ${data.year} không có cán bộ, công chức là người đứng đầu cấp ủy, chính quyền ${kind} bị xử lý kỷ luật hành chính do vi phạm pháp luật trong thi hành công vụ hoặc bị truy cứu trách nhiệm hình sự.`;
  return [
    `a) Số tiêu chí đạt từ 50% số điểm tối đa trở lên: ${formatCountOf(k.criteriaAtHalf, data.criteria.length, 'tiêu chí')}.`,
    `b) Tổng điểm số đạt được của các tiêu chí: ${marked(pointsOf(k.totalPoints, k.totalMax), k.provisional)}${k.totalRounded ? ' (sau khi làm tròn)' : ''}.`,
    veto,
    `d) Mức độ đáp ứng các điều kiện công nhận đạt chuẩn tiếp cận pháp luật: Đáp ứng được ${formatCountOf(k.conditionsMet, k.conditionsTotal, 'điều kiện')}${k.provisional ? ` ${PROVISIONAL_MARK}` : ''}.`,
    ...(hasProvisional(data) ? [PROVISIONAL_NOTE] : []),
  ];
}

function closingSentence(data: Mau01Data): string {
  const unit = unitLabel(data.unit);
  const agency = `Ủy ban nhân dân ${unit}`;
  const report = `Trên đây là Báo cáo đánh giá kết quả và đề nghị công nhận ${unit} đạt chuẩn tiếp cận pháp luật năm ${data.year}.`;
  // A unit that misses a condition still files Mẫu 01 and 02 (Điều 5 QĐ 25) but asks for nothing.
  if (data.conditions.conditionsMet < data.conditions.conditionsTotal) {
    return `${report} ${agency} chưa đáp ứng đủ điều kiện công nhận đạt chuẩn tiếp cận pháp luật năm ${data.year}, kính gửi ${data.recognitionAuthority} để tổng hợp./.`;
  }
  return `${report} ${agency} kính đề nghị ${data.recognitionAuthority} xem xét, công nhận ${unit} đạt chuẩn tiếp cận pháp luật năm ${data.year}./.`;
}

const paragraphs = (items: string[]) => items.map((t) => bodyParagraph(t));

/** Builds the Mẫu 01 DOCX from its view model. */
export function buildMau01(data: Mau01Data) {
  const unit = unitLabel(data.unit);
  const n = data.narrative;
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Báo cáo', [
            `Đánh giá kết quả và đề nghị công nhận ${unit}`,
            `đạt chuẩn tiếp cận pháp luật năm ${data.year}`,
          ]),
          ...addressees(data.addressees),
          ...paragraphs(data.intro),
          heading('I. Kết quả tự chấm điểm, đánh giá các tiêu chí, chỉ tiêu'),
          heading('1. Kết quả tự chấm điểm'),
          ...mau01ResultLines(data).map((line) =>
            line.startsWith('-') ? bodyParagraph(line) : heading(line, { italics: true }),
          ),
          heading('2. Mức độ đáp ứng các điều kiện công nhận đạt chuẩn tiếp cận pháp luật'),
          ...paragraphs(conditionLines(data)),
          heading(
            'II. Những thuận lợi, khó khăn trong thực hiện các tiêu chí, chỉ tiêu và đánh giá xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật; đề xuất giải pháp khắc phục',
          ),
          heading('1. Thuận lợi'),
          ...paragraphs(n.strengths),
          heading('2. Tồn tại, hạn chế, khó khăn, vướng mắc và nguyên nhân'),
          ...paragraphs(n.limitations),
          ...(n.proposals.length
            ? [heading('3. Đề xuất, kiến nghị các giải pháp khắc phục'), ...paragraphs(n.proposals)]
            : [heading('3. Đề xuất, kiến nghị các giải pháp khắc phục: không có')]),
          heading('III. Mục tiêu, kế hoạch thực hiện'),
          heading('1. Mục tiêu thực hiện'),
          ...paragraphs(n.goals),
          heading(
            '2. Kế hoạch thực hiện (những nội dung, tiêu chí, chỉ tiêu cần nâng cao chất lượng, đảm bảo thực chất kết quả xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật)',
          ),
          ...paragraphs(n.plans),
          closingParagraph(closingSentence(data)),
          beforeClosing(),
          closingBlock(data.signature, data.recipients),
        ],
      },
    ],
    {
      title: `Báo cáo đánh giá chuẩn tiếp cận pháp luật năm ${data.year} - ${unit}`,
      issuer: data.header.issuingAgency,
    },
  );
}

export const mau01Document = defineDocument({
  form: 'mau-01',
  title: 'Mẫu 01 - Báo cáo đánh giá kết quả và đề nghị công nhận đạt chuẩn tiếp cận pháp luật',
  schema: mau01Schema,
  fileName: (d) => `mau-01-${slug(d.unit.name)}-${d.year}`,
  docx: buildMau01,
});
