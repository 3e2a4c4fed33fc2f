import { useQuery } from '@tanstack/react-query';
import { Card, Table, Typography } from 'antd';
import { formatCountOf, formatPercent } from '@shared/format/vi.ts';
import { api } from '@web/lib/api.ts';
import { decimalOrDash } from '@web/features/evaluations/display.tsx';
import type { PeriodSummary } from './periods.api.ts';

type SummaryRow = PeriodSummary['rows'][number];

/** "Tổng hợp số liệu trên địa bàn" (Mẫu 09 data) and the achievement rate (Mẫu 10), computed by the server. */
export function PeriodSummaryCard({ periodId }: { periodId: string }) {
  const { data } = useQuery({
    queryKey: ['periods', periodId, 'summary'],
    queryFn: () => api.get<PeriodSummary>(`/api/periods/${periodId}/summary`),
  });
  if (!data) return null;
  return (
    <Card size="small" title="Tổng hợp số liệu trên địa bàn (Mẫu 09)">
      <Typography.Paragraph>
        {data.scored}/{data.communes} xã, phường có kết quả.
        {data.decidedTotal > 0 &&
          ` Đã quyết định: ${formatCountOf(data.decidedAchieved, data.decidedTotal)} xã, phường đạt chuẩn, tỷ lệ ${formatPercent(data.percentAchieved ?? '0')}.`}
      </Typography.Paragraph>
      <Table<SummaryRow>
        size="small"
        rowKey="code"
        pagination={false}
        scroll={{ x: true }}
        dataSource={data.rows}
        columns={[
          {
            title: 'Tiêu chí, chỉ tiêu',
            render: (_, r) => (
              <span style={{ paddingLeft: (r.depth - 1) * 16, fontWeight: r.depth === 1 ? 600 : 400 }}>
                {r.code}. {r.title}
              </span>
            ),
          },
          { title: 'Điểm tối đa', align: 'right', render: (_, r) => decimalOrDash(r.max) },
          { title: 'Số xã đạt tối đa', align: 'right', render: (_, r) => `${r.atMax}/${r.communes}` },
          { title: 'Điểm bình quân', align: 'right', render: (_, r) => decimalOrDash(r.average) },
        ]}
      />
    </Card>
  );
}
