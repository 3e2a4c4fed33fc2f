import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, List, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import { OpenPeriodForm } from './OpenPeriodForm.tsx';
import type { PeriodListItem } from './periods.api.ts';

/** The periods the user organises or takes part in, and the form to open one (periods.manage). */
export function PeriodsPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const client = useQueryClient();
  const isPhone = !Grid.useBreakpoint().md;
  const [formOpen, setFormOpen] = useState(false);
  const { data, isLoading, error } = useQuery({
    queryKey: ['periods'],
    queryFn: () => api.get<PeriodListItem[]>('/api/periods'),
  });
  const canManage = hasPermission(me, 'periods.manage');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3}>Kỳ đánh giá</Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error instanceof ApiError ? error.message : 'Không tải được danh sách kỳ đánh giá.'}
        />
      )}
      {canManage && me && !formOpen && (
        <div>
          <Button type="primary" onClick={() => setFormOpen(true)}>
            Mở kỳ đánh giá
          </Button>
        </div>
      )}
      {canManage && me && formOpen && (
        <Card title="Mở kỳ đánh giá" extra={<Button onClick={() => setFormOpen(false)}>Đóng</Button>}>
          <OpenPeriodForm
            me={me}
            onCreated={(id) => {
              void client.invalidateQueries({ queryKey: ['periods'] });
              void client.invalidateQueries({ queryKey: ['evaluations'] });
              navigate(`/ky-danh-gia/${id}`);
            }}
          />
        </Card>
      )}
      {isPhone ? (
        <List
          loading={isLoading}
          dataSource={data ?? []}
          locale={{ emptyText: 'Chưa có kỳ đánh giá nào.' }}
          renderItem={(p) => (
            <List.Item>
              <Space direction="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Link to={`/ky-danh-gia/${p.id}`} style={{ overflowWrap: 'anywhere' }}>
                  <Typography.Text strong>{p.name}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">
                  {p.unitName} · <Tag>{p.frameworkCode}</Tag>
                </Typography.Text>
                <Typography.Text type="secondary">
                  Tự đánh giá: {dateOrDash(p.selfAssessmentDue)} · Gửi hồ sơ: {dateOrDash(p.submissionDue)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  Thẩm định: {dateOrDash(p.appraisalDue)} · Quyết định: {dateOrDash(p.decisionDue)}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Table<PeriodListItem>
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          locale={{ emptyText: 'Chưa có kỳ đánh giá nào.' }}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: 'Năm', dataIndex: 'year', width: 80 },
            {
              title: 'Kỳ đánh giá',
              render: (_, p) => <Link to={`/ky-danh-gia/${p.id}`}>{p.name}</Link>,
            },
            { title: 'Đơn vị tổ chức', dataIndex: 'unitName' },
            {
              title: 'Bộ tiêu chí',
              render: (_, p) => <Tag title={p.frameworkName}>{p.frameworkCode}</Tag>,
            },
            { title: 'Hạn tự đánh giá', render: (_, p) => dateOrDash(p.selfAssessmentDue) },
            { title: 'Hạn gửi hồ sơ', render: (_, p) => dateOrDash(p.submissionDue) },
            { title: 'Hạn thẩm định', render: (_, p) => dateOrDash(p.appraisalDue) },
            { title: 'Hạn quyết định', render: (_, p) => dateOrDash(p.decisionDue) },
          ]}
        />
      )}
    </Space>
  );
}
