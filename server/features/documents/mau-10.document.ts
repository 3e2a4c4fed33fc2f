/** Mẫu 10: report of the evaluation and recognition results to the higher level (counts and rates). */
import * as z from 'zod';
import { formatDecimal } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  addressees,
  beforeClosing,
  bodyParagraph,
  closingParagraph,
  dataTable,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import {
  decimal,
  headerSchema,
  recipientsSchema,
  signatureSchema,
  slug,
  text,
  year,
} from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

export const mau10Schema = z.object({
  /** The printed points rest on provisional values: the points columns say "(tạm tính)" and a note follows. */
  provisional: z.boolean().default(false),
  header: headerSchema,
  year,
  /** The reporting area in running text, e.g. "thị xã Hòa Thành". */
  area: text,
  /** How the units are named in the totals, e.g. "xã, phường". */
  unitNoun: text.default('xã, phường, thị trấn'),
  /**
   * The units as the framework names them, in the title: "xã, phường, thị trấn" (QĐ 25/2021) or
   * "xã, phường, đặc khu" (QĐ 27/2025).
   */
  frameworkUnits: text.default('xã, phường, thị trấn'),
  addressees: z.array(text).default([]),
  direction: z.array(text).min(1),
  units: z.array(z.object({ name: text, points: decimal, achieved: z.boolean() })).min(1),
  assessment: z.array(text).default([]),
  proposals: z.array(text).default([]),
  /** The closing sentence; absent → "Trên đây là báo cáo kết quả … trên địa bàn …" ending "./.". */
  closing: text.optional(),
  signature: signatureSchema,
  recipients: recipientsSchema,
});

export type Mau10Data = z.infer<typeof mau10Schema>;

/** "100%", "88,89%": share rounded to two decimals, trailing zeros dropped. */
export function formatRate(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const value = Math.round((part / whole) * 10000) / 100;
  return `${formatDecimal(String(value))}%`;
}

/** The results sentence, e.g. "9/9 xã, phường đạt chuẩn, tỷ lệ 100%". */
export function mau10ResultLine(data: Mau10Data): string {
  const achieved = data.units.filter((u) => u.achieved).length;
  const total = data.units.length;
  return `Kết quả: ${achieved}/${total} ${data.unitNoun} đạt chuẩn, tỷ lệ ${formatRate(achieved, total)}; ${total - achieved}/${total} ${data.unitNoun} chưa đạt chuẩn, tỷ lệ ${formatRate(total - achieved, total)}.`;
}

/** The report's last sentence, ending with "./." (ND 30: the end of the content). */
export function mau10Closing(data: Mau10Data): string {
  const text =
    data.closing ??
    `Trên đây là báo cáo kết quả đánh giá, công nhận ${data.frameworkUnits} đạt chuẩn tiếp cận pháp luật năm ${data.year} trên địa bàn ${data.area}`;
  return `${text.replace(/[./\s]+$/, '')}./.`;
}

/** Builds the Mẫu 10 DOCX. */
export function buildMau10(data: Mau10Data) {
  const w = CONTENT_WIDTH;
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Báo cáo', [
            `Kết quả đánh giá, công nhận ${data.frameworkUnits}`,
            `đạt chuẩn tiếp cận pháp luật năm ${data.year} trên địa bàn ${data.area}`,
          ]),
          ...addressees(data.addressees),
          heading('I. Công tác chỉ đạo, hướng dẫn, tổ chức thực hiện'),
          ...data.direction.map((t) => bodyParagraph(t)),
          heading('II. Kết quả đánh giá, công nhận'),
          bodyParagraph(`Tổng số đơn vị được đánh giá: ${data.units.length} ${data.unitNoun}.`),
          bodyParagraph(mau10ResultLine(data)),
          dataTable(
            [
              { header: 'STT', width: 800, align: 'center' },
              { header: 'Đơn vị', width: w - 800 - 1800 - 2000 },
              { header: marked('Điểm số', data.provisional), width: 1800, align: 'center' },
              { header: 'Kết quả', width: 2000, align: 'center' },
            ],
            data.units.map((u, i) => [
              String(i + 1),
              u.name,
              formatDecimal(u.points),
              u.achieved ? 'Đạt chuẩn' : 'Chưa đạt chuẩn',
            ]),
          ),
          ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
          ...(data.assessment.length
            ? [heading('III. Đánh giá chung'), ...data.assessment.map((t) => bodyParagraph(t))]
            : []),
          ...(data.proposals.length
            ? [
                heading(data.assessment.length ? 'IV. Đề xuất, kiến nghị' : 'III. Đề xuất, kiến nghị'),
                ...data.proposals.map((t) => bodyParagraph(t)),
              ]
            : []),
          closingParagraph(mau10Closing(data)),
          beforeClosing(),
          closingBlock(data.signature, data.recipients),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

export const mau10Document = defineDocument({
  form: 'mau-10',
  title: 'Mẫu 10 - Báo cáo kết quả đánh giá, công nhận',
  schema: mau10Schema,
  fileName: (d) => `mau-10-${slug(d.area)}-${d.year}`,
  docx: buildMau10,
});
