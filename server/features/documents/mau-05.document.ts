/** Mẫu 05: minutes of the district Council meeting that appraised the communes' results. */
import * as z from 'zod';
import { formatCountOf, formatDecimal, formatLongDate } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { twoSignatures } from '@server/platform/documents/nd30-signature.ts';
import {
  blank,
  bodyParagraph,
  dataTable,
  documentTitle,
  heading,
} from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import { decimal, headerSchema, isoDate, slug, text, year } from './common.schema.ts';
import { marked, PROVISIONAL_NOTE } from './provisional.ts';

const time = z.string().regex(/^\d{2}:\d{2}$/, { error: 'phải là giờ dạng hh:mm' });
const person = z.object({ name: text, position: text });

export const mau05Schema = z.object({
  /** The printed points rest on provisional values: the points columns say "(tạm tính)" and a note follows. */
  provisional: z.boolean().default(false),
  header: headerSchema,
  /** "Hội đồng đánh giá chuẩn tiếp cận pháp luật thị xã Hòa Thành". */
  council: text,
  year,
  /** Hours as recorded; left out when nobody entered them (the minutes print "… giờ … phút"). */
  meeting: z.object({ date: isoDate, start: time.optional(), end: time.optional(), place: text }),
  chair: person,
  secretary: person,
  /** All members including the chair and the secretary; `present: false` with `writtenOpinion` for those who wrote in. */
  members: z
    .array(person.extend({ present: z.boolean(), writtenOpinion: z.boolean().default(false) }))
    .min(1),
  discussion: z.array(text).min(1),
  units: z
    .array(
      z.object({
        name: text,
        selfPoints: decimal,
        appraisedPoints: decimal,
        achieved: z.boolean(),
        note: z.string().optional(),
      }),
    )
    .min(1),
  conclusions: z.array(text).min(1),
});

export type Mau05Data = z.infer<typeof mau05Schema>;

/** "08 giờ 00 phút" from "08:00"; blanks to fill in by hand when the time was not recorded. */
function clock(value: string | undefined): string {
  if (!value) return '… giờ … phút';
  const [h, m] = value.split(':');
  return `${h} giờ ${m} phút`;
}

/** Builds the Mẫu 05 DOCX. */
export function buildMau05(data: Mau05Data) {
  const present = data.members.filter((m) => m.present);
  const absent = data.members.filter((m) => !m.present);
  const achieved = data.units.filter((u) => u.achieved).length;
  const w = CONTENT_WIDTH;
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Biên bản', [
            `Họp ${data.council}`,
            `thẩm định kết quả đánh giá năm ${data.year}`,
          ]),
          bodyParagraph(
            `Vào hồi ${clock(data.meeting.start)}, ${formatLongDate(data.meeting.date)}, tại ${data.meeting.place}, ${data.council} họp thẩm định kết quả đánh giá xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật năm ${data.year}.`,
          ),
          heading('I. Thành phần tham dự'),
          bodyParagraph(`1. Chủ trì: Ông (bà) ${data.chair.name}, ${data.chair.position}.`),
          bodyParagraph(`2. Thư ký: Ông (bà) ${data.secretary.name}, ${data.secretary.position}.`),
          bodyParagraph(
            `3. Thành viên có mặt: ${formatCountOf(present.length, data.members.length, 'thành viên')}: ${present.map((m) => `${m.name} (${m.position})`).join('; ')}.`,
          ),
          ...(absent.length
            ? [
                bodyParagraph(
                  `4. Vắng mặt: ${absent.map((m) => `${m.name} (${m.position})${m.writtenOpinion ? ', có ý kiến bằng văn bản' : ''}`).join('; ')}.`,
                ),
              ]
            : []),
          heading('II. Nội dung'),
          ...data.discussion.map((t) => bodyParagraph(t)),
          dataTable(
            [
              { header: 'STT', width: 700, align: 'center' },
              { header: 'Đơn vị', width: 2800 },
              { header: marked('Điểm tự chấm', data.provisional), width: 1300, align: 'center' },
              { header: marked('Điểm thẩm định', data.provisional), width: 1300, align: 'center' },
              { header: 'Kết quả', width: 1300, align: 'center' },
              { header: 'Ghi chú', width: w - 700 - 2800 - 1300 * 3 },
            ],
            data.units.map((u, i) => [
              String(i + 1),
              u.name,
              formatDecimal(u.selfPoints),
              formatDecimal(u.appraisedPoints),
              u.achieved ? 'Đạt' : 'Chưa đạt',
              u.note ?? '',
            ]),
          ),
          ...(data.provisional ? [bodyParagraph(PROVISIONAL_NOTE)] : []),
          heading('III. Kết luận'),
          bodyParagraph(
            `Hội đồng thống nhất: ${formatCountOf(achieved, data.units.length)} đơn vị đủ điều kiện đề nghị công nhận đạt chuẩn tiếp cận pháp luật năm ${data.year}; ${formatCountOf(data.units.length - achieved, data.units.length)} đơn vị chưa đạt chuẩn.`,
          ),
          ...data.conclusions.map((t) => bodyParagraph(t)),
          bodyParagraph(
            `Cuộc họp kết thúc vào hồi ${clock(data.meeting.end)} cùng ngày. Biên bản đã được đọc lại cho các thành viên dự họp nghe và nhất trí./.`,
          ),
          blank(),
          twoSignatures(
            { title: 'Thư ký', name: data.secretary.name },
            { title: 'Chủ trì', name: data.chair.name },
          ),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

export const mau05Document = defineDocument({
  form: 'mau-05',
  title: 'Mẫu 05 - Biên bản họp Hội đồng đánh giá chuẩn tiếp cận pháp luật',
  schema: mau05Schema,
  fileName: (d) => `mau-05-${slug(d.council)}-${d.year}`,
  docx: buildMau05,
});
