import { Alert, Button, DatePicker, Form, Select, Space, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { z } from 'zod';
import type { auditRowResponse, chainReportResponse } from '@shared/audit/audit.contract.ts';
import { useState } from 'react';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_OBJECT_TYPE_LABELS,
  auditActionLabel,
  auditObjectTypeLabel,
} from '@shared/audit/labels.ts';
import { compareVietnamese, formatDateTimeVietnam } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { toQuery, type Page } from '@web/features/units/units.api.ts';

/** GET /api/audit rows and GET /api/audit/verify (shared/audit/audit.contract.ts). */
type AuditRow = z.output<typeof auditRowResponse>;
type ChainReport = z.output<typeof chainReportResponse>;
type Filters = { action?: string; objectType?: string; unitId?: string; from?: string; to?: string };

/** The form's values: dates as picked (shown dd/mm/yyyy), sent to the server as YYYY-MM-DD. */
type FilterForm = Omit<Filters, 'from' | 'to'> & { from?: Dayjs | null; to?: Dayjs | null };

const byLabel = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => compareVietnamese(a.label, b.label));
const ACTION_OPTIONS = byLabel(AUDIT_ACTION_LABELS);
const OBJECT_TYPE_OPTIONS = byLabel(AUDIT_OBJECT_TYPE_LABELS);

/** "Hồ sơ đánh giá: Hồ sơ của Xã An Bình (…)"; without a resolvable name, the type and a short id. */
function objectText(row: AuditRow): string {
  const type = auditObjectTypeLabel(row.objectType);
  if (row.objectName) return row.objectType === 'evaluation' ? row.objectName : `${type}: ${row.objectName}`;
  return row.objectId ? `${type} (mã ${row.objectId.slice(0, 8)})` : type;
}

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
      <Form<FilterForm>
        layout="inline"
        onFinish={({ from, to, ...rest }) => {
          setFilters({
            ...rest,
            from: from ? from.format('YYYY-MM-DD') : undefined,
            to: to ? to.format('YYYY-MM-DD') : undefined,
          });
          setPage(1);
        }}
      >
        <Form.Item name="action">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Hành động"
            style={{ width: 260 }}
            options={ACTION_OPTIONS}
          />
        </Form.Item>
        <Form.Item name="objectType">
          <Select
            allowClear
            placeholder="Loại đối tượng"
            style={{ width: 200 }}
            options={OBJECT_TYPE_OPTIONS}
          />
        </Form.Item>
        <Form.Item name="unitId">
          <UnitSelect allowClear placeholder="Đơn vị" style={{ width: 240 }} />
        </Form.Item>
        <Form.Item name="from" label="Từ ngày">
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" aria-label="Từ ngày" />
        </Form.Item>
        <Form.Item name="to" label="Đến ngày">
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" aria-label="Đến ngày" />
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
            width: 150,
            render: (at: string) => formatDateTimeVietnam(at),
          },
          {
            title: 'Người thực hiện',
            dataIndex: 'actorName',
            render: (name: string | null) => name ?? 'Hệ thống',
          },
          {
            title: 'Hành động',
            dataIndex: 'action',
            render: (action: string) => auditActionLabel(action),
          },
          { title: 'Đối tượng', render: (_v, row) => objectText(row) },
          { title: 'Đơn vị', dataIndex: 'unitName', render: (name: string | null) => name ?? '—' },
          { title: 'Địa chỉ IP', dataIndex: 'ip', width: 130 },
        ]}
      />
    </Space>
  );
}
