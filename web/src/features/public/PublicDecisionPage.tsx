import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Grid, Result, Space, Spin, Table, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { formatDate, formatLongDate, formatPercent } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { decimalOrDash } from '@web/features/evaluations/display.tsx';
import type { PublicDecision } from '@web/features/periods/periods.api.ts';

type DecisionUnit = PublicDecision['achieved'][number];

function UnitList({ title, units }: { title: string; units: DecisionUnit[] }) {
  const isPhone = !Grid.useBreakpoint().sm;
  return (
    <Card size="small" title={`${title} (${units.length})`}>
      <Table<DecisionUnit>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={units}
        locale={{ emptyText: 'Không có đơn vị nào.' }}
        columns={[
          { title: 'STT', width: 56, render: (_, __, i) => i + 1 },
          { title: 'Đơn vị', dataIndex: 'name' },
          ...(isPhone ? [] : [{ title: 'Mã', dataIndex: 'code', width: 90 }]),
          {
            title: 'Điểm thẩm định',
            align: 'right' as const,
            width: 120,
            render: (_: unknown, u: DecisionUnit) => decimalOrDash(u.total),
          },
        ]}
      />
    </Card>
  );
}

/** "1/2 xã, phường đạt chuẩn, tỷ lệ 50%" — the Mẫu 10 summary line, from the server's counts. */
export function decisionSummary(summary: PublicDecision['summary']): string {
  return `${summary.achieved}/${summary.total} xã, phường đạt chuẩn, tỷ lệ ${formatPercent(summary.percent)}`;
}

/** The recognition decision with both lists and the summary; shared by the public page and the period page. */
export function DecisionView({ decision }: { decision: PublicDecision }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'n', label: 'Số quyết định', children: decision.number },
            { key: 'd', label: 'Ngày ký', children: formatDate(decision.signedOn) },
            { key: 's', label: 'Người ký', children: `${decision.signerName} — ${decision.signerTitle}` },
            { key: 'u', label: 'Cơ quan ban hành', children: decision.issuingUnit },
          ]}
        />
        <Typography.Title level={4} style={{ margin: '12px 0 0' }} data-testid="decision-summary">
          {decisionSummary(decision.summary)}
        </Typography.Title>
      </Card>
      <UnitList title="Đạt chuẩn tiếp cận pháp luật" units={decision.achieved} />
      <UnitList title="Không đạt chuẩn tiếp cận pháp luật" units={decision.notAchieved} />
    </Space>
  );
}

/** The published recognition decision, open to everyone (no sign-in). */
export function PublicDecisionPage() {
  const { id = '' } = useParams();
  const { data, isLoading, error } = useQuery({
    queryKey: ['public', 'decision', id],
    queryFn: () => api.get<PublicDecision>(`/api/public/periods/${id}/decision`),
    retry: false,
  });
  return (
    <div style={{ maxWidth: 960, margin: '0 auto', padding: 16 }}>
      {isLoading && <Spin tip="Đang tải…" />}
      {error && (
        <Result
          status={error instanceof ApiError && error.status === 404 ? 'info' : 'error'}
          title={
            error instanceof ApiError && error.status === 404
              ? 'Chưa có quyết định công nhận'
              : 'Không tải được quyết định'
          }
          subTitle={
            error instanceof ApiError && error.status === 404
              ? 'Danh sách xã, phường, đặc khu được công nhận sẽ được công bố tại đây sau khi ban hành quyết định.'
              : error instanceof ApiError
                ? error.message
                : 'Vui lòng thử lại sau.'
          }
        />
      )}
      {data && (
        <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
          <div>
            <Typography.Text type="secondary">{data.issuingUnit}</Typography.Text>
            <Typography.Title level={3} style={{ marginTop: 4, overflowWrap: 'anywhere' }}>
              Quyết định công nhận xã, phường, đặc khu đạt chuẩn tiếp cận pháp luật năm {data.year}
            </Typography.Title>
            <Typography.Text type="secondary">
              Quyết định số {data.number}, {formatLongDate(data.signedOn)} · {data.periodName}
            </Typography.Text>
          </div>
          <DecisionView decision={data} />
        </Space>
      )}
    </div>
  );
}
