import { useQuery } from '@tanstack/react-query';
import { Alert, Grid, List, Space, Table, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api, ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { PeriodDocumentsCard } from './PeriodDocumentsCard.tsx';
import { StateTag, dateOrDash, decimalOrDash } from './display.tsx';
import type { EvaluationListItem } from './types.ts';

/** The list's heading per framework family (the menu has one item per family). */
const FAMILY_TITLES = {
  tcpl: 'Chuẩn tiếp cận pháp luật',
  cchc: 'Chỉ số cải cách hành chính (CCHC)',
} as const;

/** The evaluations of one framework family within the user's scope: each commune's link opens its dossier. */
export function EvaluationsPage({ family }: { family: 'tcpl' | 'cchc' }) {
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const { data, isLoading, error } = useQuery({
    queryKey: ['evaluations', 'family', family],
    queryFn: () => api.get<EvaluationListItem[]>(`/api/evaluations?family=${family}`),
  });
  // The commune's name is a real link: coloured as one, reachable with Tab, opened with Enter.
  const unitLink = (e: EvaluationListItem) => (
    <Link to={`/danh-gia/${e.id}`} style={{ fontWeight: 500, overflowWrap: 'anywhere' }}>
      {e.unit.name}
    </Link>
  );
  const { data: me } = useMe();
  // The organiser generates a period's documents; the server checks periods.manage at the period's unit.
  const periods = hasPermission(me, 'periods.manage')
    ? [...new Map((data ?? []).map((e) => [e.period.id, e.period])).values()]
    : [];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{FAMILY_TITLES[family]}</Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error instanceof ApiError ? error.message : 'Không tải được danh sách hồ sơ.'}
        />
      )}
      {isPhone ? (
        <List
          loading={isLoading}
          dataSource={data ?? []}
          locale={{ emptyText: 'Chưa có hồ sơ đánh giá nào.' }}
          renderItem={(e) => (
            <List.Item onClick={() => navigate(`/danh-gia/${e.id}`)} style={{ cursor: 'pointer' }}>
              <Space direction="vertical" size={2} style={{ width: '100%' }}>
                {unitLink(e)}
                <Typography.Text type="secondary">{e.period.name}</Typography.Text>
                <StateTag state={e.state} label={e.stateLabel} />
                <span>
                  Tự đánh giá: {decimalOrDash(e.selfTotal)} · Thẩm định: {decimalOrDash(e.appraisedTotal)}
                </span>
                <Typography.Text type="secondary">
                  Hạn tự đánh giá: {dateOrDash(e.period.selfAssessmentDue)} · Hạn gửi hồ sơ:{' '}
                  {dateOrDash(e.period.submissionDue)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<EvaluationListItem>
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          locale={{ emptyText: 'Chưa có hồ sơ đánh giá nào.' }}
          onRow={(e) => ({ onClick: () => navigate(`/danh-gia/${e.id}`), style: { cursor: 'pointer' } })}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: 'Đơn vị', render: (_, e) => unitLink(e) },
            { title: 'Kỳ đánh giá', render: (_, e) => e.period.name },
            { title: 'Trạng thái', render: (_, e) => <StateTag state={e.state} label={e.stateLabel} /> },
            { title: 'Tự đánh giá', align: 'right', render: (_, e) => decimalOrDash(e.selfTotal) },
            { title: 'Thẩm định', align: 'right', render: (_, e) => decimalOrDash(e.appraisedTotal) },
            { title: 'Hạn tự đánh giá', render: (_, e) => dateOrDash(e.period.selfAssessmentDue) },
            { title: 'Hạn gửi hồ sơ', render: (_, e) => dateOrDash(e.period.submissionDue) },
          ]}
        />
      )}
      {periods.map((p) => (
        <PeriodDocumentsCard key={p.id} periodId={p.id} periodName={p.name} />
      ))}
    </Space>
  );
}
