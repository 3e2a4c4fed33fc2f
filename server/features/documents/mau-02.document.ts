/** Mẫu 02: the commune's self-assessed score table (Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu), DOCX and XLSX. */
import * as z from 'zod';
import { nd30Document } from '@server/platform/documents/nd30.ts';
import { afterHeader, headerBlock, headerLines } from '@server/platform/documents/nd30-header.ts';
import { closingBlock } from '@server/platform/documents/nd30-signature.ts';
import { blank, bodyParagraph, documentTitle } from '@server/platform/documents/nd30-text.ts';
import { defineDocument } from '@server/platform/documents/registry.ts';
import { addTableSheet, createWorkbook } from '@server/platform/documents/xlsx.ts';
import {
  decimal,
  headerSchema,
  signatureSchema,
  slug,
  unitLabel,
  unitSchema,
  year,
} from './common.schema.ts';
import {
  criterionRowSchema,
  scoreTableDocx,
  scoreTableNote,
  scoreTableXlsxColumns,
  scoreTableXlsxRows,
} from './score-table.ts';

export const mau02Schema = z.object({
  header: headerSchema,
  unit: unitSchema,
  year,
  criteria: z.array(criterionRowSchema).min(1),
  total: z.object({
    maxPoints: decimal.default('100'),
    points: decimal,
    provisional: z.boolean().default(false),
  }),
  signature: signatureSchema,
});

export type Mau02Data = z.infer<typeof mau02Schema>;

function titleLines(data: Mau02Data): string[] {
  return [`Đánh giá chuẩn tiếp cận pháp luật năm ${data.year} của ${unitLabel(data.unit)}`];
}

/** The "(tạm tính)" note under the table, when it marked any value. */
function provisionalNote(data: Mau02Data) {
  const note = scoreTableNote(data.criteria, data.total);
  return note ? [bodyParagraph(note)] : [];
}

/** Builds the Mẫu 02 DOCX. */
export function buildMau02(data: Mau02Data) {
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu', titleLines(data)),
          scoreTableDocx('self', data.criteria, data.total),
          ...provisionalNote(data),
          blank(),
          closingBlock(data.signature),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

/** Builds the Mẫu 02 workbook: the same table, numbers as numbers. */
export function buildMau02Xlsx(data: Mau02Data) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  addTableSheet(workbook, {
    name: 'Mẫu 02',
    headerLeft: left,
    headerRight: right,
    title: ['BẢN TỔNG HỢP ĐIỂM SỐ CỦA CÁC TIÊU CHÍ, CHỈ TIÊU', ...titleLines(data)],
    columns: scoreTableXlsxColumns('self'),
    rows: scoreTableXlsxRows('self', data.criteria, data.total),
    footer: [data.signature.authority, data.signature.title, '', '', data.signature.name].filter(
      (l): l is string => l !== undefined,
    ),
  });
  return workbook;
}

export const mau02Document = defineDocument({
  form: 'mau-02',
  title: 'Mẫu 02 - Bản tổng hợp điểm số của các tiêu chí, chỉ tiêu (tự chấm)',
  schema: mau02Schema,
  fileName: (d) => `mau-02-${slug(d.unit.name)}-${d.year}`,
  docx: buildMau02,
  xlsx: buildMau02Xlsx,
});
