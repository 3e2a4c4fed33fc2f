import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CHANNEL_LABELS } from '@shared/tthc/dossier-row.ts';
import { compareVietnamese, formatDate, formatDecimal } from '@shared/format/vi.ts';
import type { DossierItem, DossierPage } from '@shared/tthc/dossiers.contract.ts';
import { api } from '@web/lib/api.ts';
import { hasPermission } from '@web/lib/auth.tsx';
import { MeasureBanner, UnitAndRange, useRegisterFilters } from './register-filters.tsx';
import { TthcImportCard } from './TthcImportCard.tsx';

const STATUS_KIND_LABELS: Record<DossierItem['statusKind'], string> = {
  binh_thuong: '',
  rut: 'Rút hồ sơ',
  tra_lai: 'Trả lại',
  bo_sung: 'Chờ bổ sung',
};

const yesNo = (v: boolean | null, label: string) => (v ? <Tag key={label}>{label}</Tag> : null);

/**
 * "Sổ theo dõi hồ sơ TTHC": the commune's dossiers, filtered; every filter is in the URL, so a link
 * with `measure=` opens exactly the rows behind a figure of an evaluation (with the rule named).
 */
export function TthcRegisterPage() {
  const filters = useRegisterFilters();
  const { me, params, set, unitId, from, to, measure, page, pageSize, setPageSize } = filters;
  const field = params.get('field') ?? undefined;
  const channel = params.get('channel') ?? undefined;
  const late = params.get('late') === '1';
  const pending = params.get('pending') === '1';
  const [importOpen, setImportOpen] = useState(false);

  const query = new URLSearchParams({ from, to, page: String(page), pageSize: String(pageSize) });
  if (unitId) query.set('unitId', unitId);
  if (field) query.set('field', field);
  if (channel) query.set('channel', channel);
  if (late) query.set('late', '1');
  if (pending) query.set('pending', '1');
  if (measure) query.set('measure', measure);
  const list = useQuery({
    queryKey: ['registers', 'tthc', 'dossiers', query.toString()],
    queryFn: () => api.get<DossierPage>(`/api/registers/tthc/dossiers?${query.toString()}`),
  });
  const fields = useQuery({
    queryKey: ['registers', 'tthc', 'fields', unitId ?? ''],
    queryFn: () => api.get<string[]>(`/api/registers/tthc/fields${unitId ? `?unitId=${unitId}` : ''}`),
  });
  const canImport = hasPermission(me, 'registers.edit') && !!unitId;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Sổ theo dõi hồ sơ TTHC
      </Typography.Title>
      <MeasureBanner filters={filters} data={list.data} />
      <Card size="small">
        <Space wrap>
          <UnitAndRange filters={filters} />
          <Select
            allowClear
            placeholder="Lĩnh vực"
            style={{ minWidth: 200 }}
            value={field}
            onChange={(v) => set({ field: v })}
            options={[...(fields.data ?? [])].sort(compareVietnamese).map((f) => ({ value: f, label: f }))}
          />
          <Select
            allowClear
            placeholder="Kênh nộp"
            style={{ minWidth: 150 }}
            value={channel}
            onChange={(v) => set({ channel: v })}
            options={Object.entries(CHANNEL_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <Space>
            <Switch
              checked={late}
              onChange={(v) => set({ late: v ? '1' : undefined })}
              aria-label="Trễ hạn"
            />
            Trễ hạn
          </Space>
          <Space>
            <Switch
              checked={pending}
              onChange={(v) => set({ pending: v ? '1' : undefined })}
              aria-label="Đang giải quyết"
            />
            Đang giải quyết
          </Space>
          {canImport && (
            <Button type="primary" onClick={() => setImportOpen((o) => !o)}>
              Nhập từ tệp CSV/Excel
            </Button>
          )}
        </Space>
      </Card>
      {canImport && importOpen && unitId && (
        <TthcImportCard unitId={unitId} onImported={() => void list.refetch()} />
      )}
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      <Table<DossierItem>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1100 }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `${formatDecimal(total)} hồ sơ`,
          onChange: (p, size) => {
            setPageSize(size);
            set({ page: String(p) });
          },
        }}
        locale={{ emptyText: 'Không có hồ sơ nào phù hợp.' }}
        columns={[
          ...(measure && list.data?.counted !== null
            ? [
                {
                  title: 'Được tính',
                  key: 'counted',
                  width: 100,
                  render: (_: unknown, d: DossierItem) =>
                    d.counted ? <Tag color="green">Có</Tag> : <Tag>Không</Tag>,
                },
              ]
            : []),
          { title: 'Mã hồ sơ', dataIndex: 'code', width: 140 },
          {
            title: 'Thủ tục',
            key: 'procedure',
            render: (_: unknown, d: DossierItem) => d.procedureName ?? d.procedureCode ?? '—',
          },
          ...(!unitId ? [{ title: 'Đơn vị', dataIndex: 'unitName' }] : []),
          { title: 'Lĩnh vực', dataIndex: 'field' },
          {
            title: 'Kênh',
            dataIndex: 'channel',
            render: (c: DossierItem['channel']) => CHANNEL_LABELS[c],
          },
          { title: 'Tiếp nhận', dataIndex: 'receivedOn', render: (d: string) => formatDate(d) },
          { title: 'Hạn trả', dataIndex: 'dueOn', render: (d: string) => formatDate(d) },
          {
            title: 'Trả kết quả',
            dataIndex: 'resolvedOn',
            render: (d: string | null, row: DossierItem) =>
              d ? (
                <span style={d > row.dueOn && row.statusKind === 'binh_thuong' ? { color: '#cf1322' } : {}}>
                  {formatDate(d)}
                </span>
              ) : (
                '—'
              ),
          },
          {
            title: 'Trạng thái',
            key: 'status',
            render: (_: unknown, d: DossierItem) =>
              [d.status, STATUS_KIND_LABELS[d.statusKind] && `(${STATUS_KIND_LABELS[d.statusKind]})`]
                .filter(Boolean)
                .join(' ') || (d.resolvedOn ? 'Đã trả kết quả' : 'Đang giải quyết'),
          },
          {
            title: 'Đánh dấu',
            key: 'flags',
            render: (_: unknown, d: DossierItem) => (
              <Space size={2} wrap>
                {yesNo(d.digitised, 'Số hóa')}
                {yesNo(d.electronicResult, 'KQ điện tử')}
                {yesNo(d.onlinePayment, 'TT trực tuyến')}
                {yesNo(d.fullProcess, 'Toàn trình')}
                {yesNo(d.apologyLetter, 'Thư xin lỗi')}
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
