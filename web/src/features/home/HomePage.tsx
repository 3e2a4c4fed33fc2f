import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Flex, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { hasPermission, useMe, useToday } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import type { EvaluationListItem } from '@web/features/evaluations/types.ts';
import type { PeriodListItem } from '@web/features/periods/periods.api.ts';
import type { DueTask } from '@shared/plans/plans.contract.ts';
import { buildTasks, describeDue } from './tasks.ts';

/** "Việc cần làm": the user's tasks with deadlines and days left, then their roles and units. */
export function HomePage() {
  const { data: me } = useMe();
  // The server's business day (CLOCK_OFFSET_DAYS on a training copy), not the browser's clock.
  const today = useToday();
  const canReadEvaluations = hasPermission(me, 'assessments.read');
  const canReadPeriods = hasPermission(me, 'periods.read');
  const evaluations = useQuery({
    queryKey: ['evaluations'],
    queryFn: () => api.get<EvaluationListItem[]>('/api/evaluations'),
    enabled: canReadEvaluations,
  });
  const periods = useQuery({
    queryKey: ['periods'],
    queryFn: () => api.get<PeriodListItem[]>('/api/periods'),
    enabled: canReadPeriods,
  });
  const planTasks = useQuery({
    queryKey: ['plans', 'tasks', 'due'],
    queryFn: () => api.get<{ items: DueTask[] }>('/api/plans/tasks/due'),
    enabled: hasPermission(me, 'registers.edit'),
  });
  if (!me) return null;
  const tasks = buildTasks({
    permissions: me.permissions,
    evaluations: evaluations.data ?? [],
    periods: periods.data ?? [],
    planTasks: planTasks.data?.items ?? [],
  });
  const failure = evaluations.error ?? periods.error ?? planTasks.error;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3}>Xin chào, {me.user.fullName}</Typography.Title>
      <Card title="Việc cần làm" style={{ maxWidth: 900 }}>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure instanceof ApiError ? failure.message : 'Không tải được việc cần làm.'}
            style={{ marginBottom: 12 }}
          />
        )}
        <List
          data-testid="tasks"
          loading={evaluations.isLoading || periods.isLoading || planTasks.isLoading}
          dataSource={tasks}
          locale={{ emptyText: 'Hiện chưa có việc nào cần làm.' }}
          renderItem={(task) => {
            const due = task.due ? describeDue(today, task.due) : null;
            return (
              <List.Item>
                <Flex vertical gap={2} style={{ minWidth: 0 }}>
                  <Link to={task.link} style={{ overflowWrap: 'anywhere' }}>
                    <Typography.Text strong style={{ color: 'inherit' }}>
                      {task.title}
                    </Typography.Text>
                    {due && (
                      <Typography.Text type={due.overdue ? 'danger' : undefined}>
                        {' '}
                        — {due.text}
                      </Typography.Text>
                    )}
                  </Link>
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {task.detail}
                  </Typography.Text>
                </Flex>
              </List.Item>
            );
          }}
        />
      </Card>
      <Card title="Vai trò và đơn vị của bạn" style={{ maxWidth: 900 }}>
        <List
          dataSource={me.grants}
          locale={{ emptyText: 'Tài khoản chưa được giao vai trò nào. Vui lòng liên hệ quản trị.' }}
          renderItem={(grant) => (
            <List.Item>
              <Descriptions size="small" column={1}>
                <Descriptions.Item label="Vai trò">
                  <Tag color="red">{grant.roleLabel}</Tag>
                </Descriptions.Item>
                <Descriptions.Item label="Đơn vị">{grant.unitName}</Descriptions.Item>
              </Descriptions>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
