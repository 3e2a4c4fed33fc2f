/** Mẫu 08: the decision recognising communes as meeting the standard, with the lists of units achieved and not achieved. */
import * as z from 'zod';
import { formatDate, formatDecimal, padCount } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, formatNumberLine, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import {
  beforeClosing,
  blank,
  bodyParagraph,
  centered,
  dataTable,
  documentTitle,
  legalBases,
  run,
  type Keep,
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

export const mau08Schema = z.object({
  /** The printed points rest on provisional values: the points columns say "(tạm tính)" and a note follows. */
  provisional: z.boolean().default(false),
  header: headerSchema.extend({ symbol: text }),
  year,
  /**
   * The units as the framework names them: "xã, phường, thị trấn" (QĐ 25/2021, periods 2022–2024) or
   * "xã, phường, đặc khu" (QĐ 27/2025).
   */
  unitNoun: text.default('xã, phường, thị trấn'),
  /** "Chủ tịch Ủy ban nhân dân thị xã Hòa Thành": the deciding authority, printed upper-case above the bases. */
  authority: text,
  /** Căn cứ lines, without the trailing ";". */
  bases: z.array(text).min(1),
  /** "Xét đề nghị của Trưởng Phòng Tư pháp tại Tờ trình số …". */
  considering: text,
  achieved: z.array(z.object({ name: text, points: decimal })),
  notAchieved: z.array(z.object({ name: text, points: decimal, reason: text })),
  /** Those responsible for carrying the decision out (Điều 3), without the trailing text. */
  executors: text,
  signature: signatureSchema,
  recipients: recipientsSchema,
});

export type Mau08Data = z.infer<typeof mau08Schema>;

function article(label: string, body: string, keep: Keep = {}) {
  return bodyParagraph([run(`${label} `, { bold: true }), run(body)], {}, keep);
}

function unitTable(
  rows: { name: string; points: string; reason?: string }[],
  withReason: boolean,
  provisional: boolean,
) {
  const w = CONTENT_WIDTH;
  const columns = withReason
    ? [
        { header: 'STT', width: 700, align: 'center' as const },
        { header: 'Tên đơn vị', width: 3200 },
        { header: marked('Điểm số', provisional), width: 1400, align: 'center' as const },
        { header: 'Lý do chưa đạt', width: w - 700 - 3200 - 1400 },
      ]
    : [
        { header: 'STT', width: 900, align: 'center' as const },
        { header: 'Tên đơn vị', width: w - 900 - 2000 },
        { header: marked('Điểm số', provisional), width: 2000, align: 'center' as const },
      ];
  const body = rows.length
    ? rows.map((r, i) => [
        String(i + 1),
        r.name,
        formatDecimal(r.points),
        ...(withReason ? [r.reason ?? ''] : []),
      ])
    : [[{ text: 'Không có', span: columns.length, align: 'center' as const }]];
  return dataTable(columns, body);
}

/** Builds the Mẫu 08 DOCX: the decision, then its two annexed lists on a new page. */
export function buildMau08(data: Mau08Data) {
  const h = data.header;
  const ref = `(Kèm theo Quyết định ${formatNumberLine(h.number, h.symbol).replace('Số: ', 'số ')}${h.date ? ` ngày ${formatDate(h.date)}` : ''} của ${data.authority})`;
  const decision = [
    headerBlock(h),
    afterHeader(),
    ...documentTitle('Quyết định', [
      `Về việc công nhận ${data.unitNoun} đạt chuẩn`,
      `tiếp cận pháp luật năm ${data.year}`,
    ]),
    centered(data.authority.toUpperCase(), { bold: true }, 120),
    ...legalBases([...data.bases, data.considering]),
    centered('QUYẾT ĐỊNH:', { bold: true }, 120),
    article(
      'Điều 1.',
      `Công nhận ${padCount(data.achieved.length)} ${data.unitNoun} đạt chuẩn tiếp cận pháp luật năm ${data.year} (có Danh sách kèm theo).`,
    ),
    article(
      'Điều 2.',
      `Công bố ${padCount(data.notAchieved.length)} ${data.unitNoun} chưa đạt chuẩn tiếp cận pháp luật năm ${data.year} (có Danh sách kèm theo). Quyết định này có hiệu lực kể từ ngày ký.`,
    ),
    article(
      'Điều 3.',
      `${data.executors.replace(/[.\s]+$/, '')} chịu trách nhiệm thi hành Quyết định này./.`,
      { keepNext: true, keepLines: true },
    ),
    beforeClosing(),
    closingBlock(data.signature, data.recipients),
  ];
  const listTitle = (which: string) => [
    centered('DANH SÁCH', { bold: true }),
    // Broken by hand: left to itself the line wraps before the year.
    centered(`${data.unitNoun.toUpperCase()} ${which} CHUẨN\nTIẾP CẬN PHÁP LUẬT NĂM ${data.year}`, {
      bold: true,
    }),
    centered(ref, { italics: true }, 240),
  ];
  return nd30Document([
    { children: decision },
    {
      children: [
        ...listTitle('ĐẠT'),
        unitTable(data.achieved, false, data.provisional),
        blank(),
        ...listTitle('CHƯA ĐẠT'),
        unitTable(data.notAchieved, true, data.provisional),
        ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
      ],
    },
  ]);
}

export const mau08Document = defineDocument({
  form: 'mau-08',
  title: 'Mẫu 08 - Quyết định công nhận đạt chuẩn tiếp cận pháp luật',
  schema: mau08Schema,
  fileName: (d) => `mau-08-${slug(d.header.place)}-${d.year}`,
  docx: buildMau08,
});
