/** Mẫu 07: the score table appraised by the district Council for one commune, DOCX and XLSX. */
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
  text,
  unitLabel,
  unitSchema,
  year,
} from './common.schema.ts';
import {
  criterionRowSchema,
  indicatorRowSchema,
  scoreTableDocx,
  scoreTableNote,
  scoreTableXlsxColumns,
  scoreTableXlsxRows,
} from './score-table.ts';

// Every row of an appraised table must carry the Council's points.
const appraisedCriterion = criterionRowSchema.extend({
  appraisedPoints: decimal,
  indicators: z.array(indicatorRowSchema.extend({ appraisedPoints: decimal })).min(1),
});

export const mau07Schema = z.object({
  header: headerSchema,
  /** The Council, e.g. "Hội đồng đánh giá chuẩn tiếp cận pháp luật thị xã Hòa Thành". */
  council: text,
  unit: unitSchema,
  year,
  criteria: z.array(appraisedCriterion).min(1),
  total: z.object({
    maxPoints: decimal.default('100'),
    points: decimal,
    appraisedPoints: decimal,
    provisional: z.boolean().default(false),
  }),
  signature: signatureSchema,
});

export type Mau07Data = z.infer<typeof mau07Schema>;

function titleLines(data: Mau07Data): string[] {
  return [
    `Đánh giá chuẩn tiếp cận pháp luật năm ${data.year} của ${unitLabel(data.unit)}`,
    `(do ${data.council} thẩm định)`,
  ];
}

/** The "(tạm tính)" note under the table, when it marked any value. */
function provisionalNote(data: Mau07Data) {
  const note = scoreTableNote(data.criteria, data.total);
  return note ? [bodyParagraph(note)] : [];
}

/** Builds the Mẫu 07 DOCX. */
export function buildMau07(data: Mau07Data) {
  return nd30Document(
    [
      {
        children: [
          headerBlock(data.header),
          afterHeader(),
          ...documentTitle('Bản tổng hợp điểm số do Hội đồng thẩm định', titleLines(data)),
          scoreTableDocx('appraised', data.criteria, data.total),
          ...provisionalNote(data),
          blank(),
          closingBlock(data.signature),
        ],
      },
    ],
    { issuer: data.header.issuingAgency },
  );
}

/** Builds the Mẫu 07 workbook. */
export function buildMau07Xlsx(data: Mau07Data) {
  const workbook = createWorkbook();
  const { left, right } = headerLines(data.header);
  addTableSheet(workbook, {
    name: 'Mẫu 07',
    headerLeft: left,
    headerRight: right,
    title: ['BẢN TỔNG HỢP ĐIỂM SỐ DO HỘI ĐỒNG THẨM ĐỊNH', ...titleLines(data)],
    columns: scoreTableXlsxColumns('appraised'),
    rows: scoreTableXlsxRows('appraised', data.criteria, data.total),
    footer: [data.signature.authority, data.signature.title, '', '', data.signature.name].filter(
      (l): l is string => l !== undefined,
    ),
  });
  return workbook;
}

export const mau07Document = defineDocument({
  form: 'mau-07',
  title: 'Mẫu 07 - Bản tổng hợp điểm số do Hội đồng thẩm định',
  schema: mau07Schema,
  fileName: (d) => `mau-07-${slug(d.unit.name)}-${d.year}`,
  docx: buildMau07,
  xlsx: buildMau07Xlsx,
});
