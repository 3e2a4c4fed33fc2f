import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { formatDateTimeVietnam, formatDecimal } from '@shared/format/vi.ts';
import {
  TOKEN_REGISTER_LABELS,
  type CreatedToken,
  type TokenRegister,
  type TokenView,
  type tokenListResponse,
} from '@shared/registers/tokens.contract.ts';
import { PUSH_LIMITS } from '@shared/registers/push.contract.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { toQuery } from '@web/features/units/units.api.ts';

type TokenList = z.output<typeof tokenListResponse>;
type CreateValues = { register: TokenRegister; unitId: string; name: string };

const PUSH_URL = '/api/registers/tthc/dossiers';

function errorText(e: unknown, fallback: string) {
  return e instanceof ApiError ? e.message : fallback;
}

/**
 * Kết nối hệ thống một cửa: the API tokens with which a province's one-stop software pushes TTHC
 * dossiers into one commune's register (docs/api-push-tthc.md). Create (the token is shown once),
 * list, revoke.
 */
export function ApiTokensPage() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [activeOnly, setActiveOnly] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const { data, isFetching, error } = useQuery({
    queryKey: ['register-tokens', unitId, activeOnly],
    queryFn: () =>
      api.get<TokenList>(`/api/registers/tokens${toQuery({ unitId, active: activeOnly ? '1' : undefined })}`),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['register-tokens'] });

  async function revoke(token: TokenView) {
    try {
      await api.post(`/api/registers/tokens/${token.id}/revoke`);
      message.success(`Đã thu hồi mã kết nối "${token.name}". Hệ thống dùng mã này sẽ bị từ chối.`);
      await refresh();
    } catch (e) {
      message.error(errorText(e, 'Không thu hồi được mã kết nối.'));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>Kết nối hệ thống một cửa</Typography.Title>
      <Typography.Paragraph style={{ maxWidth: 860, marginBottom: 0 }}>
        Hệ thống một cửa điện tử của tỉnh gửi hồ sơ thủ tục hành chính vào sổ theo dõi của từng xã qua API (
        <Typography.Text code>PUT {PUSH_URL}</Typography.Text>, tối đa{' '}
        {formatDecimal(PUSH_LIMITS.maxDossiers)} hồ sơ mỗi lần). Mỗi mã kết nối chỉ ghi được vào sổ của đúng
        một xã; thu hồi mã thì hệ thống dùng mã đó bị từ chối ngay. Hướng dẫn kỹ thuật cho đơn vị quản lý hệ
        thống: tài liệu <Typography.Text code>docs/api-push-tthc.md</Typography.Text>. Cổng thông tin của tỉnh
        đọc số liệu thống kê bằng mã chỉ đọc cấp cho tỉnh (hoặc một xã): mã chỉ dùng được cho{' '}
        <Typography.Text code>GET /api/analytics/…</Typography.Text> trong phạm vi đơn vị đó (tài liệu{' '}
        <Typography.Text code>docs/api-analytics.md</Typography.Text>).
      </Typography.Paragraph>
      <Space wrap>
        <UnitSelect
          allowClear
          value={unitId}
          onChange={setUnitId}
          placeholder="Lọc theo đơn vị (gõ tên hoặc mã)"
          style={{ width: 340 }}
        />
        <Space>
          <Switch checked={activeOnly} onChange={setActiveOnly} aria-label="Chỉ mã đang dùng" />
          <span>Chỉ mã đang dùng</span>
        </Space>
        <Button type="primary" onClick={() => setCreating(true)}>
          Cấp mã kết nối
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<TokenView>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => `${total} mã kết nối` }}
        locale={{ emptyText: 'Chưa có mã kết nối nào' }}
        scroll={{ x: 640 }}
        columns={[
          { title: 'Tên kết nối', dataIndex: 'name', width: 200 },
          { title: 'Xã, phường', render: (_v, token) => `${token.unit.name} (${token.unit.code})` },
          { title: 'Sổ', dataIndex: 'registerLabel', width: 130, responsive: ['lg'] },
          {
            title: 'Người cấp, thời điểm cấp',
            width: 190,
            responsive: ['md'],
            render: (_v, token) => (
              <span>
                {token.createdBy ?? 'Hệ thống'}
                <br />
                <Typography.Text type="secondary">{formatDateTimeVietnam(token.createdAt)}</Typography.Text>
              </span>
            ),
          },
          {
            title: 'Lần gửi gần nhất',
            width: 150,
            render: (_v, token) =>
              token.lastUsedAt ? (
                formatDateTimeVietnam(token.lastUsedAt)
              ) : (
                <Typography.Text type="secondary">Chưa dùng</Typography.Text>
              ),
          },
          {
            title: 'Trạng thái',
            width: 200,
            render: (_v, token) =>
              token.revokedAt ? (
                <span>
                  <Tag color="red">Đã thu hồi</Tag>
                  <br />
                  <Typography.Text type="secondary">
                    {formatDateTimeVietnam(token.revokedAt)}
                    {token.revokedBy ? `, ${token.revokedBy}` : ''}
                  </Typography.Text>
                </span>
              ) : (
                <Tag color="green">Đang dùng</Tag>
              ),
          },
          {
            title: '',
            width: 110,
            render: (_v, token) =>
              token.abilities.canRevoke && (
                <Popconfirm
                  title="Thu hồi mã kết nối này?"
                  description="Hệ thống đang dùng mã sẽ không gửi được hồ sơ nữa. Không hoàn tác được."
                  okText="Thu hồi"
                  okButtonProps={{ danger: true }}
                  cancelText="Huỷ"
                  onConfirm={() => revoke(token)}
                >
                  <Button size="small" danger>
                    Thu hồi
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CreateTokenModal
        open={creating}
        defaultUnitId={unitId}
        onClose={() => setCreating(false)}
        onCreated={(result) => {
          setCreating(false);
          setCreated(result);
          void refresh();
        }}
      />
      <NewTokenModal created={created} onClose={() => setCreated(null)} />
    </Space>
  );
}

function CreateTokenModal(props: {
  open: boolean;
  defaultUnitId?: string;
  onClose: () => void;
  onCreated: (created: CreatedToken) => void;
}) {
  const [form] = Form.useForm<CreateValues>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const register = Form.useWatch('register', form) ?? 'tthc';

  async function create(values: CreateValues) {
    setSaving(true);
    setError(null);
    try {
      const result = await api.post<CreatedToken>('/api/registers/tokens', values);
      form.resetFields();
      props.onCreated(result);
    } catch (e) {
      setError(errorText(e, 'Không cấp được mã kết nối.'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title="Cấp mã kết nối"
      okText="Cấp mã"
      cancelText="Huỷ"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form
        form={form}
        layout="vertical"
        onFinish={create}
        initialValues={{ unitId: props.defaultUnitId, register: 'tthc' }}
        preserve={false}
      >
        <Form.Item label="Loại kết nối" name="register">
          <Radio.Group
            options={(['tthc', 'analytics'] as const).map((value) => ({
              value,
              label:
                value === 'tthc'
                  ? 'Gửi hồ sơ vào sổ TTHC của một xã'
                  : 'Đọc số liệu thống kê (cổng thông tin của tỉnh)',
            }))}
          />
        </Form.Item>
        <Form.Item
          label={
            register === 'tthc' ? 'Xã, phường nhận hồ sơ' : 'Tỉnh, thành phố hoặc xã, phường được đọc số liệu'
          }
          name="unitId"
          extra={
            register === 'analytics'
              ? 'Mã chỉ đọc được các API GET /api/analytics/* và chỉ số liệu của đơn vị này (docs/api-analytics.md).'
              : undefined
          }
          rules={[{ required: true, message: 'Chọn đơn vị' }]}
        >
          <UnitSelect level={register === 'tthc' ? 'commune' : undefined} />
        </Form.Item>
        <Form.Item
          label="Tên kết nối"
          name="name"
          extra="Để nhận ra hệ thống dùng mã, ví dụ: Hệ thống một cửa điện tử tỉnh Thái Nguyên."
          rules={[
            { required: true, message: 'Vui lòng nhập tên kết nối' },
            { min: 3, message: 'Tên kết nối cần ít nhất 3 ký tự' },
            { max: 200, message: 'Tên kết nối tối đa 200 ký tự' },
          ]}
        >
          <Input placeholder="Hệ thống một cửa điện tử tỉnh …" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The new token, shown this once: copy it now or revoke it and make another. */
function NewTokenModal(props: { created: CreatedToken | null; onClose: () => void }) {
  const { created } = props;
  return (
    <Modal
      open={!!created}
      title="Mã kết nối mới"
      maskClosable={false}
      closable={false}
      width={680}
      footer={
        <Button type="primary" onClick={props.onClose}>
          Tôi đã sao chép mã
        </Button>
      }
      destroyOnHidden
    >
      {created && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Alert
            type="warning"
            showIcon
            title="Mã chỉ hiển thị một lần"
            description="Máy chủ chỉ lưu dấu băm của mã, không lưu bản thân mã. Hãy sao chép ngay và chuyển cho đơn vị quản lý hệ thống một cửa qua kênh an toàn. Nếu làm mất mã, hãy thu hồi và cấp mã mới."
          />
          <div>
            <Typography.Text type="secondary">
              {created.item.name} — {created.item.unit.name}
            </Typography.Text>
            <Typography.Paragraph
              copyable={{ text: created.token, tooltips: ['Sao chép mã', 'Đã sao chép'] }}
              code
              style={{ fontSize: 15, wordBreak: 'break-all', marginTop: 8 }}
              data-testid="new-api-token"
            >
              {created.token}
            </Typography.Paragraph>
          </div>
          <Typography.Text>
            Hệ thống gửi mã trong tiêu đề{' '}
            <Typography.Text code>Authorization: Bearer {'<mã>'}</Typography.Text> của yêu cầu{' '}
            {created.item.register === 'analytics' ? (
              <>
                <Typography.Text code>GET /api/analytics/…</Typography.Text> (
                {TOKEN_REGISTER_LABELS.analytics})
              </>
            ) : (
              <Typography.Text code>PUT {PUSH_URL}</Typography.Text>
            )}
            .
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
