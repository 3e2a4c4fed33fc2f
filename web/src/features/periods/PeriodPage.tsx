import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Card,
  Descriptions,
  Grid,
  List,
  Result,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { STATE_LABELS } from '@shared/evaluations/state-machine.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { StateTag, dateOrDash, decimalOrDash } from '@web/features/evaluations/display.tsx';
import { PeriodDocumentsCard } from '@web/features/evaluations/PeriodDocumentsCard.tsx';
import { CouncilTab } from './CouncilTab.tsx';
import { DecisionTab } from './DecisionTab.tsx';
import { PeriodSummaryCard } from './PeriodSummaryCard.tsx';
import type { PeriodListItem, PeriodResult } from './periods.api.ts';

/** "xếp 8/18" when the server ranked the commune. */
function rankText(r: PeriodResult): string {
  return r.rank !== null && r.rankOf !== null ? `xếp ${r.rank}/${r.rankOf}` : '—';
}

/** The results table: every commune of the period with its state, totals and rank (all from the server). */
export function ResultsTable({ results, loading }: { results: PeriodResult[]; loading: boolean }) {
  const isPhone = !Grid.useBreakpoint().md;
  if (isPhone)
    return (
      <List
        loading={loading}
        dataSource={results}
        pagination={results.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
        locale={{ emptyText: 'Kỳ đánh giá chưa có hồ sơ nào trong phạm vi của bạn.' }}
        renderItem={(r) => (
          <List.Item>
            <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
              <Link to={`/danh-gia/${r.evaluationId}`} style={{ overflowWrap: 'anywhere' }}>
                {r.unit.name}
              </Link>
              <StateTag state={r.state} label={STATE_LABELS[r.state]} />
              <span>
                Tự đánh giá: {decimalOrDash(r.selfTotal)} · Thẩm định: {decimalOrDash(r.appraisedTotal)}
                {r.rank !== null && ` · ${rankText(r)}`}
              </span>
            </Space>
          </List.Item>
        )}
      />
    );
  return (
    <Table<PeriodResult>
      rowKey="evaluationId"
      loading={loading}
      dataSource={results}
      locale={{ emptyText: 'Kỳ đánh giá chưa có hồ sơ nào trong phạm vi của bạn.' }}
      pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: 'Đơn vị',
          render: (_, r) => <Link to={`/danh-gia/${r.evaluationId}`}>{r.unit.name}</Link>,
        },
        { title: 'Trạng thái', render: (_, r) => <StateTag state={r.state} label={STATE_LABELS[r.state]} /> },
        { title: 'Điểm tự đánh giá', align: 'right', render: (_, r) => decimalOrDash(r.selfTotal) },
        { title: 'Điểm thẩm định', align: 'right', render: (_, r) => decimalOrDash(r.appraisedTotal) },
        {
          title: 'Kết quả thẩm định',
          render: (_, r) =>
            r.recognised === null ? (
              '—'
            ) : (
              <Tag color={r.recognised ? 'green' : 'red'}>
                {r.recognised ? 'Đủ điều kiện công nhận' : 'Chưa đủ điều kiện'}
              </Tag>
            ),
        },
        { title: 'Xếp hạng', render: (_, r) => rankText(r) },
      ]}
    />
  );
}

/** One period: results, council, documents and the recognition decision, each tab shown by permission. */
export function PeriodPage() {
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const { data: me } = useMe();
  const periods = useQuery({
    queryKey: ['periods'],
    queryFn: () => api.get<PeriodListItem[]>('/api/periods'),
  });
  const results = useQuery({
    queryKey: ['periods', id, 'results'],
    queryFn: () => api.get<PeriodResult[]>(`/api/periods/${id}/results`),
  });
  const period = periods.data?.find((p) => p.id === id);

  if (periods.isLoading) return <Spin tip="Đang tải kỳ đánh giá…" />;
  if (periods.error || !period)
    return (
      <Result
        status="404"
        title="Không tìm thấy kỳ đánh giá"
        subTitle={
          periods.error instanceof ApiError
            ? periods.error.message
            : 'Kỳ đánh giá không có hoặc ngoài phạm vi của bạn.'
        }
        extra={<Link to="/ky-danh-gia">← Danh sách kỳ đánh giá</Link>}
      />
    );

  const rows = results.data ?? [];
  const withCouncil = period.steps.includes('council');
  const tabs = [
    {
      key: 'ket-qua',
      label: 'Kết quả',
      children: (
        <Space direction="vertical" style={{ width: '100%' }}>
          {results.error && (
            <Alert
              type="error"
              showIcon
              title={results.error instanceof ApiError ? results.error.message : 'Không tải được kết quả.'}
            />
          )}
          <ResultsTable results={rows} loading={results.isLoading} />
          {period.abilities.canReadAreaSummary && <PeriodSummaryCard periodId={id} />}
        </Space>
      ),
    },
    ...(withCouncil && hasPermission(me, 'council.read')
      ? [{ key: 'hoi-dong', label: 'Hội đồng', children: <CouncilTab periodId={id} results={rows} /> }]
      : []),
    ...(hasPermission(me, 'documents.generate')
      ? [
          {
            key: 'van-ban',
            label: 'Văn bản',
            children: <PeriodDocumentsCard periodId={id} periodName={period.name} />,
          },
        ]
      : []),
    {
      key: 'quyet-dinh',
      label: 'Quyết định',
      children: <DecisionTab periodId={id} results={rows} />,
    },
  ];
  const active = tabs.some((t) => t.key === search.get('tab')) ? search.get('tab')! : 'ket-qua';

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <div>
        <Link to="/ky-danh-gia">← Danh sách kỳ đánh giá</Link>
        <Typography.Title level={3} style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
          {period.name}
        </Typography.Title>
        <Typography.Text type="secondary">
          {period.unitName} · <Tag title={period.frameworkName}>{period.frameworkCode}</Tag>
        </Typography.Text>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 4 }}
          items={[
            { key: 'sa', label: 'Hạn tự đánh giá', children: dateOrDash(period.selfAssessmentDue) },
            { key: 'sub', label: 'Hạn gửi hồ sơ', children: dateOrDash(period.submissionDue) },
            { key: 'ap', label: 'Hạn thẩm định', children: dateOrDash(period.appraisalDue) },
            { key: 'dc', label: 'Hạn quyết định', children: dateOrDash(period.decisionDue) },
          ]}
        />
      </Card>
      <Tabs activeKey={active} onChange={(key) => setSearch({ tab: key }, { replace: true })} items={tabs} />
    </Space>
  );
}
