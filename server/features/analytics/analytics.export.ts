/**
 * The dashboard's tables as one workbook (one sheet per table): Vietnamese headers, numbers stored
 * as numbers (a spreadsheet under a Vietnamese locale shows them with a decimal comma), rates as
 * percentages. The same object as GET /api/analytics/dashboard, so screen and file never disagree.
 */
import type { z } from 'zod';
import { FAMILY_LABELS, type dashboardResponse } from '@shared/analytics/analytics.contract.ts';
import {
  addTableSheet,
  createWorkbook,
  workbookToBuffer,
  type XlsxCell,
  type XlsxColumn,
  type XlsxRow,
} from '@server/platform/documents/xlsx.ts';

type Dashboard = z.input<typeof dashboardResponse>;
type Ratio = { numerator: number; denominator: number } | null;

const num = (v: string | null): XlsxCell => (v === null ? null : Number(v));
const rate = (r: Ratio): XlsxCell => (r ? { percent: (r.numerator / r.denominator) * 100 } : null);
const ratioText = (r: Ratio) => (r ? `${r.numerator}/${r.denominator}` : null);

export async function dashboardWorkbook(d: Dashboard): Promise<{ buffer: Buffer; fileName: string }> {
  const workbook = createWorkbook();
  const title = (what: string) => [
    what.toUpperCase(),
    `${FAMILY_LABELS[d.family]} — ${d.scope.name}${d.year ? ` — năm ${d.year}` : ''}`,
  ];
  const sheet = (name: string, what: string, columns: XlsxColumn[], rows: XlsxCell[][]) =>
    addTableSheet(workbook, {
      name,
      headerLeft: [],
      headerRight: [],
      title: title(what),
      columns,
      rows: rows.map((cells): XlsxRow => ({ cells })),
      landscape: columns.length > 6,
    });

  sheet(
    'Tỷ lệ đạt chuẩn',
    'Tỷ lệ đạt chuẩn',
    [
      { header: 'Số đạt', width: 14 },
      { header: 'Tổng số', width: 14 },
      { header: 'Tỷ lệ', width: 14 },
      { header: 'Căn cứ', width: 30 },
    ],
    [
      [
        d.passRate.achieved,
        d.passRate.total,
        d.passRate.percent === null ? null : { percent: Number(d.passRate.percent) },
        d.passRate.basis === 'decided' ? 'Quyết định công nhận' : 'Kết quả thẩm định',
      ],
    ],
  );
  sheet(
    'Không đạt chuẩn',
    'Đơn vị không đạt chuẩn và điều kiện không đạt',
    [
      { header: 'STT', width: 6 },
      { header: 'Đơn vị', width: 30 },
      { header: 'Tổng điểm', width: 12 },
      { header: 'Điều kiện không đạt', width: 60 },
    ],
    d.notRecognised.map((r, i) => [i + 1, r.unit.name, num(r.total), r.reasons.join('; ')]),
  );
  sheet(
    'Phân bố điểm',
    'Phân bố tổng điểm',
    [
      { header: 'Từ (điểm)', width: 14 },
      { header: 'Đến (điểm)', width: 14 },
      { header: 'Số đơn vị', width: 14 },
    ],
    d.histogram.map((b) => [Number(b.from), Number(b.to), b.count]),
  );
  const nodeColumns: XlsxColumn[] = [
    { header: 'Mã', width: 8 },
    { header: 'Tiêu chí, chỉ tiêu', width: 50, align: 'left' },
    { header: 'Điểm tối đa', width: 10 },
    { header: 'Số đơn vị', width: 10 },
    { header: 'Điểm trung bình', width: 12 },
    { header: 'Thấp nhất', width: 10 },
    { header: 'Cao nhất', width: 10 },
    { header: 'Độ lệch chuẩn', width: 12 },
    { header: 'Số đơn vị chưa đạt tối đa', width: 14 },
    { header: 'Tổng điểm bị trừ', width: 12 },
  ];
  const nodeRow = (n: Dashboard['nodes'][number]): XlsxCell[] => [
    n.code,
    n.title,
    num(n.max),
    n.communes,
    num(n.average),
    num(n.lowest),
    num(n.highest),
    num(n.spread),
    n.belowMax,
    Number(n.pointsLost),
  ];
  sheet(
    'Tiêu chí, chỉ tiêu',
    'Điểm trung bình và độ phân tán theo tiêu chí, chỉ tiêu',
    nodeColumns,
    d.nodes.map(nodeRow),
  );
  sheet('Điểm yếu', 'Chỉ tiêu bị trừ điểm nhiều nhất', nodeColumns, d.weakPoints.map(nodeRow));
  sheet(
    'Điều chỉnh thẩm định',
    'Chênh lệch giữa tự đánh giá và thẩm định',
    [
      { header: 'Mã', width: 8 },
      { header: 'Chỉ tiêu', width: 50, align: 'left' },
      { header: 'Số đơn vị bị điều chỉnh', width: 14 },
      { header: 'Số đơn vị so sánh', width: 14 },
      { header: 'Chênh lệch điểm (thẩm định − tự đánh giá)', width: 18 },
    ],
    d.corrections.map((c) => [c.code, c.title, c.changed, c.compared, Number(c.difference)]),
  );
  sheet(
    'Tiến độ',
    'Tiến độ của kỳ đánh giá',
    [
      { header: 'Bước, thời hạn', width: 40, align: 'left' },
      { header: 'Số đơn vị', width: 14 },
    ],
    [
      ...d.progress.states.map((s): XlsxCell[] => [s.label, s.count]),
      ...d.progress.overdue.map((o): XlsxCell[] => [`Quá ${o.label.toLowerCase()}`, o.count]),
    ],
  );
  sheet(
    'Xếp hạng',
    `Xếp hạng trong ${d.ranking.area.name}`,
    [
      { header: 'Thứ hạng', width: 10 },
      { header: 'Đơn vị', width: 30, align: 'left' },
      { header: 'Tổng điểm', width: 12 },
      { header: 'Thứ hạng năm trước', width: 12 },
      { header: 'Thay đổi', width: 10 },
      { header: 'Nhóm (tứ phân vị)', width: 12 },
    ],
    d.ranking.rows.map((r) => [r.rank, r.unit.name, Number(r.total), r.previousRank, r.change, r.quartile]),
  );
  if (d.registers)
    sheet(
      'Số liệu sổ sách',
      'Số liệu từ các sổ theo dõi',
      [
        { header: 'Đơn vị', width: 30, align: 'left' },
        { header: 'Hồ sơ TTHC đúng hạn', width: 14 },
        { header: 'Tỷ lệ đúng hạn', width: 12 },
        { header: 'Đơn giải quyết đúng quy định', width: 14 },
        { header: 'Tỷ lệ giải quyết đơn', width: 12 },
        { header: 'Vụ việc hòa giải thành', width: 14 },
        { header: 'Tỷ lệ hòa giải thành', width: 12 },
      ],
      d.registers.map((r) => [
        r.unit.name,
        ratioText(r.tthcOnTime),
        rate(r.tthcOnTime),
        ratioText(r.petitionsResolved),
        rate(r.petitionsResolved),
        ratioText(r.mediationSuccessful),
        rate(r.mediationSuccessful),
      ]),
    );
  return {
    buffer: await workbookToBuffer(workbook),
    fileName: `Thống kê - ${d.scope.name}${d.year ? ` ${d.year}` : ''}.xlsx`,
  };
}
