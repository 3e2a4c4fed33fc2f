/** Mẫu 03: public comments on the self-assessment and how the commune accepted or explained each one. */
import * as z from 'zod';
import { formatCountOf, formatDate, padCount } from '@shared/format/vi.ts';
import { CONTENT_WIDTH, nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import { blank, bodyParagraph, dataTable, documentTitle } from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import {
  headerSchema,
  isoDate,
  signatureSchema,
  slug,
  text,
  unitLabel,
  unitSchema,
  year,
} from './common.schema.ts';

export const mau03Schema = z.object({
  header: headerSchema,
  unit: unitSchema,
  year,
  posting: z.object({
    from: isoDate,
    to: isoDate,
    /** Where the report was posted, e.g. "trụ sở Ủy ban nhân dân phường", "Trang thông tin điện tử phường". */
    places: z.array(text).min(1),
  }),
  comments: z.array(
    z.object({
      content: text,
      /** Người, tổ chức góp ý. */
      author: text,
      /** true: tiếp thu; false: giải trình. */
      accepted: z.boolean(),
      response: text,
    }),
  ),
  signature: signatureSchema,
});

export type Mau03Data = z.infer<typeof mau03Schema>;

/** Builds the Mẫu 03 DOCX. */
export function buildMau03(data: Mau03Data) {
  const unit = unitLabel(data.unit);
  const accepted = data.comments.filter((c) => c.accepted).length;
  const w = CONTENT_WIDTH;
  const summary = data.comments.length
    ? `Tổng số ý kiến nhận được: ${padCount(data.comments.length)} ý kiến; đã tiếp thu ${formatCountOf(accepted, data.comments.length, 'ý kiến')}; giải trình ${formatCountOf(data.comments.length - accepted, data.comments.length, 'ý kiến')}.`
    : `Trong thời gian công khai, Ủy ban nhân dân ${unit} không nhận được ý kiến, kiến nghị, phản ánh nào.`;
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Bản tổng hợp, tiếp thu, giải trình', [
            'ý kiến của Nhân dân, kiến nghị, phản ánh về kết quả đánh giá',
            `chuẩn tiếp cận pháp luật năm ${data.year} của ${unit}`,
          ]),
          bodyParagraph(
            `Thực hiện Quyết định số 25/2021/QĐ-TTg ngày 22/7/2021 của Thủ tướng Chính phủ và Thông tư số 09/2021/TT-BTP ngày 15/11/2021 của Bộ trưởng Bộ Tư pháp, Ủy ban nhân dân ${unit} đã công khai Báo cáo đánh giá kết quả và Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu tại ${data.posting.places.join('; ')} từ ngày ${formatDate(data.posting.from)} đến ngày ${formatDate(data.posting.to)} để lấy ý kiến của Nhân dân.`,
          ),
          bodyParagraph(summary),
          ...(data.comments.length
            ? [
                dataTable(
                  [
                    { header: 'STT', width: 700, align: 'center' },
                    { header: 'Nội dung ý kiến, kiến nghị, phản ánh', width: 3300 },
                    { header: 'Người, tổ chức góp ý', width: 1800 },
                    { header: 'Tiếp thu, giải trình', width: w - 700 - 3300 - 1800 },
                  ],
                  data.comments.map((c, i) => [
                    String(i + 1),
                    c.content,
                    c.author,
                    `${c.accepted ? 'Tiếp thu' : 'Giải trình'}: ${c.response}`,
                  ]),
                ),
              ]
            : []),
          blank(),
          closingBlock(data.signature),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

export const mau03Document = defineDocument({
  form: 'mau-03',
  title: 'Mẫu 03 - Bản tổng hợp, tiếp thu, giải trình ý kiến của Nhân dân',
  schema: mau03Schema,
  fileName: (d) => `mau-03-${slug(d.unit.name)}-${d.year}`,
  docx: buildMau03,
});
