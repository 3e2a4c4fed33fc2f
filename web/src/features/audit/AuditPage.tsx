import { Alert, Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { toQuery, type Page } from '@web/features/units/units.api.ts';

/** Shape of server/platform/audit/audit.routes.ts. */
type AuditRow = {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  unitId: string | null;
  unitName: string | null;
  diff: Record<string, unknown> | null;
  ip: string | null;
};
type ChainReport =
  | { ok: true; rows: number; lastHash: string }
  | { ok: false; rows: number; badRowId: number | null; reason: string };
type Filters = { action?: string; objectType?: string; unitId?: string; from?: string; to?: string };

const ACTION_LABELS: Record<string, string> = {
  'auth.signed-in': 'Đăng nhập',
  'auth.signed-out': 'Đăng xuất',
  'auth.signed-out-everywhere': 'Đăng xuất mọi thiết bị',
  'auth.sign-in-failed': 'Đăng nhập thất bại',
  'auth.sign-in-blocked': 'Đăng nhập khi bị khoá',
  'user.locked': 'Tạm khoá do sai mật khẩu',
  'user.created': 'Tạo người dùng',
  'user.password-changed': 'Đổi mật khẩu',
  'user.password-reset': 'Đặt lại mật khẩu',
  'user.deactivated': 'Khoá tài khoản',
  'user.activated': 'Mở khoá tài khoản',
  'user.role-granted': 'Cấp vai trò',
  'user.role-revoked': 'Thu hồi vai trò',
  'unit.updated': 'Sửa đơn vị hành chính',
  'units.imported': 'Nhập danh mục đơn vị',
};

const dateTime = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  dateStyle: 'short',
  timeStyle: 'medium',
});

/** The audit trail in the user's scope, filterable; administrators can verify the hash chain. */
export function AuditPage() {
  const { data: me } = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [report, setReport] = useState<ChainReport | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);

  const { data, isFetching, error } = useQuery({
    queryKey: ['audit', filters, page],
    queryFn: () => api.get<Page<AuditRow>>(`/api/audit${toQuery({ ...filters, page, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });

  async function verify() {
    setVerifying(true);
    setVerifyError(null);
    try {
      setReport(await api.get<ChainReport>('/api/audit/verify'));
    } catch (e) {
      setVerifyError(e instanceof ApiError ? e.message : 'Không kiểm tra được.');
    } finally {
      setVerifying(false);
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>Nhật ký thao tác</Typography.Title>
      <Form<Filters>
        layout="inline"
        onFinish={(values) => {
          setFilters(values);
          setPage(1);
        }}
      >
        <Form.Item name="action">
          <Select
            allowClear
            placeholder="Hành động"
            style={{ width: 220 }}
            options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
        <Form.Item name="objectType">
          <Select
            allowClear
            placeholder="Loại đối tượng"
            style={{ width: 160 }}
            options={[
              { value: 'user', label: 'Người dùng' },
              { value: 'unit', label: 'Đơn vị' },
            ]}
          />
        </Form.Item>
        <Form.Item name="unitId">
          <UnitSelect allowClear placeholder="Đơn vị" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="from" label="Từ ngày">
          <Input type="date" />
        </Form.Item>
        <Form.Item name="to" label="Đến ngày">
          <Input type="date" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Lọc
        </Button>
      </Form>
      {hasPermission(me, 'audit.verify') && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button onClick={verify} loading={verifying}>
            Kiểm tra tính toàn vẹn
          </Button>
          {verifyError && <Alert type="error" showIcon title={verifyError} />}
          {report &&
            (report.ok ? (
              <Alert
                type="success"
                showIcon
                title={`Nhật ký toàn vẹn: ${report.rows} dòng, chuỗi mã băm khớp từ đầu đến cuối.`}
              />
            ) : (
              <Alert type="error" showIcon title={`Nhật ký KHÔNG toàn vẹn: ${report.reason}.`} />
            ))}
        </Space>
      )}
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `${total} dòng`,
          onChange: setPage,
        }}
        expandable={{
          rowExpandable: (row) => row.diff !== null,
          expandedRowRender: (row) => (
            <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(row.diff, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: 'Số', dataIndex: 'id', width: 80 },
          {
            title: 'Thời gian',
            dataIndex: 'at',
            width: 180,
            render: (at: string) => dateTime.format(new Date(at)),
          },
          {
            title: 'Người thực hiện',
            dataIndex: 'actorName',
            render: (name: string | null) => name ?? 'Hệ thống',
          },
          {
            title: 'Hành động',
            dataIndex: 'action',
            render: (action: string) => ACTION_LABELS[action] ?? action,
          },
          {
            title: 'Đối tượng',
            render: (_v, row) => `${row.objectType}${row.objectId ? ` ${row.objectId.slice(0, 8)}` : ''}`,
          },
          { title: 'Đơn vị', dataIndex: 'unitName', render: (name: string | null) => name ?? '—' },
          { title: 'Địa chỉ IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Space>
  );
}
