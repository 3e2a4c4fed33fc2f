import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  List,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDate } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { UnitsImportCard } from './UnitsImportCard.tsx';
import { KIND_LABELS, LEVEL_LABELS, toQuery, type Page, type Unit, type UnitHistory } from './units.api.ts';

type Era = 'current' | 'former' | 'all';
type EditValues = { name: string; kind: string; validFrom: string; validTo?: string };

function validity(unit: { validFrom: string; validTo: string | null }) {
  return unit.validTo
    ? `${formatDate(unit.validFrom)} – ${formatDate(unit.validTo)}`
    : `từ ${formatDate(unit.validFrom)}`;
}

/** Administrative units in the user's scope: search (with or without diacritics), browse down, history, edit. */
export function UnitsPage() {
  const [search, setSearch] = useState('');
  const [era, setEra] = useState<Era>('current');
  const [page, setPage] = useState(1);
  const [trail, setTrail] = useState<Unit[]>([]);
  const [historyOf, setHistoryOf] = useState<Unit | null>(null);
  const [editing, setEditing] = useState<Unit | null>(null);
  const parent = trail.at(-1);
  const { data: me } = useMe();
  const canImport = hasPermission(me, 'units.manage');

  const { data, isFetching, error } = useQuery({
    queryKey: ['units', 'list', search, era, page, parent?.id],
    queryFn: () =>
      api.get<Page<Unit>>(
        `/api/units${toQuery({ search, era, page, pageSize: 50, parentId: search ? undefined : parent?.id })}`,
      ),
    placeholderData: keepPreviousData,
  });

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>Đơn vị hành chính</Typography.Title>
      {canImport && <UnitsImportCard />}
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="Tìm theo tên hoặc mã, có dấu hoặc không dấu (vd: dai phuc)"
          style={{ width: 380 }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
        />
        <Segmented<Era>
          value={era}
          onChange={(value) => {
            setEra(value);
            setPage(1);
          }}
          options={[
            { value: 'current', label: 'Đang hiệu lực' },
            { value: 'former', label: 'Trước 01/07/2025' },
            { value: 'all', label: 'Tất cả' },
          ]}
        />
      </Space>
      {!search && (
        <Breadcrumb
          items={[
            {
              title: (
                <a
                  onClick={() => {
                    setTrail([]);
                    setPage(1);
                  }}
                >
                  Tất cả đơn vị của tôi
                </a>
              ),
            },
            ...trail.map((unit, index) => ({
              title: (
                <a
                  onClick={() => {
                    setTrail(trail.slice(0, index + 1));
                    setPage(1);
                  }}
                >
                  {unit.name}
                </a>
              ),
            })),
          ]}
        />
      )}
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<Unit>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `${total} đơn vị`,
          onChange: setPage,
        }}
        columns={[
          { title: 'Mã', dataIndex: 'code', width: 90 },
          {
            title: 'Tên đơn vị',
            dataIndex: 'name',
            render: (name: string, unit) =>
              unit.level === 'commune' ? (
                name
              ) : (
                <a
                  onClick={() => {
                    setSearch('');
                    setTrail([...trail, unit]);
                    setPage(1);
                  }}
                >
                  {name}
                </a>
              ),
          },
          {
            title: 'Cấp',
            dataIndex: 'level',
            width: 110,
            render: (level: Unit['level']) => LEVEL_LABELS[level],
          },
          {
            title: 'Hiệu lực',
            width: 220,
            render: (_v, unit) =>
              unit.validTo ? <Tag>{validity(unit)}</Tag> : <Tag color="green">{validity(unit)}</Tag>,
          },
          {
            title: '',
            width: 170,
            render: (_v, unit) => (
              <Space>
                <Button size="small" onClick={() => setHistoryOf(unit)}>
                  Lịch sử
                </Button>
                {unit.abilities.canEdit && (
                  <Button size="small" onClick={() => setEditing(unit)}>
                    Sửa
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <HistoryDrawer unit={historyOf} onClose={() => setHistoryOf(null)} />
      <EditUnitModal unit={editing} onClose={() => setEditing(null)} />
    </Space>
  );
}

function HistoryDrawer({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const { data, isFetching } = useQuery({
    queryKey: ['units', 'history', unit?.id],
    queryFn: () => api.get<UnitHistory>(`/api/units/${unit!.id}/history`),
    enabled: !!unit,
  });
  const linkTag = (kind: 'full' | 'partial') =>
    kind === 'full' ? <Tag color="blue">toàn bộ</Tag> : <Tag color="orange">một phần</Tag>;
  return (
    <Drawer open={!!unit} onClose={onClose} title={unit ? `Lịch sử: ${unit.name}` : ''} width={520}>
      {unit && (
        <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label="Mã">{unit.code}</Descriptions.Item>
          <Descriptions.Item label="Loại">{KIND_LABELS[unit.kind] ?? unit.kind}</Descriptions.Item>
          <Descriptions.Item label="Hiệu lực">{validity(unit)}</Descriptions.Item>
        </Descriptions>
      )}
      <Typography.Title level={5}>Hình thành từ các đơn vị cũ</Typography.Title>
      <List
        loading={isFetching}
        dataSource={data?.formedFrom ?? []}
        locale={{ emptyText: 'Không có dữ liệu đơn vị cũ' }}
        renderItem={(u) => (
          <List.Item extra={linkTag(u.link)}>
            {u.name} ({u.code}) — {validity(u)}
          </List.Item>
        )}
      />
      {(data?.wentInto.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5}>Đã sáp nhập vào</Typography.Title>
          <List
            dataSource={data!.wentInto}
            renderItem={(u) => (
              <List.Item extra={linkTag(u.link)}>
                {u.name} ({u.code}) — {validity(u)}
              </List.Item>
            )}
          />
        </>
      )}
    </Drawer>
  );
}

function EditUnitModal({ unit, onClose }: { unit: Unit | null; onClose: () => void }) {
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(values: EditValues) {
    setSaving(true);
    setError(null);
    try {
      await api.patch(`/api/units/${unit!.id}`, {
        name: values.name,
        kind: values.kind,
        validFrom: values.validFrom,
        validTo: values.validTo ? values.validTo : null,
        expectedUpdatedAt: unit!.updatedAt,
      });
      message.success('Đã lưu đơn vị hành chính.');
      await client.invalidateQueries({ queryKey: ['units'] });
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không lưu được.');
      // Someone else saved it meanwhile (409): refresh the list behind the dialog.
      if (e instanceof ApiError && e.status === 409) await client.invalidateQueries({ queryKey: ['units'] });
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={!!unit}
      title={unit ? `Sửa đơn vị: ${unit.name}` : ''}
      okText="Lưu"
      cancelText="Huỷ"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {unit && (
        <Form
          form={form}
          layout="vertical"
          onFinish={save}
          initialValues={{
            name: unit.name,
            kind: unit.kind,
            validFrom: unit.validFrom,
            validTo: unit.validTo ?? undefined,
          }}
        >
          <Form.Item
            label="Tên đơn vị"
            name="name"
            rules={[{ required: true, message: 'Vui lòng nhập tên' }]}
          >
            <Input />
          </Form.Item>
          <Form.Item label="Loại" name="kind">
            <Select options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Space>
            <Form.Item
              label="Có hiệu lực từ"
              name="validFrom"
              rules={[{ required: true, message: 'Bắt buộc' }]}
            >
              <Input type="date" />
            </Form.Item>
            <Form.Item label="Hết hiệu lực từ (để trống nếu còn)" name="validTo">
              <Input type="date" />
            </Form.Item>
          </Space>
        </Form>
      )}
    </Modal>
  );
}
