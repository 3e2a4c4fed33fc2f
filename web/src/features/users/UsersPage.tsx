import {
  Alert,
  App,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLES, ROLE_LABELS, type Role } from '@shared/access/roles.ts';
import { LIMITS } from '@shared/limits.ts';
import type { z } from 'zod';
import type {
  createdUserResponse,
  passwordResetResponse,
  userResponse,
} from '@shared/users/users.contract.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { toQuery, type Page } from '@web/features/units/units.api.ts';

type User = z.output<typeof userResponse>;
type UserRole = User['roles'][number];
type CreatedUser = z.output<typeof createdUserResponse>;
type PasswordReset = z.output<typeof passwordResetResponse>;
type Status = 'all' | 'active' | 'inactive';
type CreateValues = {
  username: string;
  fullName: string;
  email?: string;
  password?: string;
  role: Role;
  unitId: string;
};

const roleOptions = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

function errorText(e: unknown, fallback: string) {
  return e instanceof ApiError ? e.message : fallback;
}

/** People in the user's scope: list, create, reset password, deactivate, roles. */
export function UsersPage() {
  const { data: me } = useMe();
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<Status>('all');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [rolesOf, setRolesOf] = useState<User | null>(null);
  const canManage = hasPermission(me, 'users.manage');

  const { data, isFetching, error } = useQuery({
    queryKey: ['users', 'list', search, status, page],
    queryFn: () => api.get<Page<User>>(`/api/users${toQuery({ search, status, page, pageSize: 50 })}`),
    placeholderData: keepPreviousData,
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });

  async function resetPassword(user: User) {
    try {
      const { temporaryPassword } = await api.post<PasswordReset>(`/api/users/${user.id}/reset-password`);
      modal.info({
        title: `Mật khẩu tạm của ${user.fullName}`,
        content: (
          <Space direction="vertical">
            <Typography.Text copyable strong style={{ fontSize: 18 }}>
              {temporaryPassword}
            </Typography.Text>
            <span>
              Mật khẩu chỉ hiện một lần. Hãy chuyển cho người dùng; họ phải đổi mật khẩu khi đăng nhập. Mọi
              phiên đăng nhập cũ của họ đã kết thúc.
            </span>
          </Space>
        ),
      });
      await refresh();
    } catch (e) {
      message.error(errorText(e, 'Không đặt lại được mật khẩu.'));
    }
  }

  async function setActive(user: User, active: boolean) {
    try {
      await api.post(`/api/users/${user.id}/${active ? 'activate' : 'deactivate'}`);
      message.success(active ? 'Đã kích hoạt lại tài khoản.' : 'Đã khoá tài khoản.');
      await refresh();
    } catch (e) {
      message.error(errorText(e, 'Không thực hiện được.'));
    }
  }

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3}>Người dùng và phân quyền</Typography.Title>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder="Tìm theo tên đăng nhập hoặc họ tên"
          style={{ width: 320 }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
        />
        <Segmented<Status>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={[
            { value: 'all', label: 'Tất cả' },
            { value: 'active', label: 'Đang hoạt động' },
            { value: 'inactive', label: 'Đã khoá' },
          ]}
        />
        {canManage && (
          <Button type="primary" onClick={() => setCreating(true)}>
            Tạo người dùng
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      <Table<User>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `${total} người dùng`,
          onChange: setPage,
        }}
        columns={[
          { title: 'Tên đăng nhập', dataIndex: 'username', width: 160 },
          { title: 'Họ và tên', dataIndex: 'fullName' },
          {
            title: 'Vai trò',
            render: (_v, user) => (
              <Space direction="vertical" size={2}>
                {user.roles.map((r) => (
                  <span key={r.id}>
                    <Tag>{r.roleLabel}</Tag>
                    {r.unitName}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: 'Trạng thái',
            width: 150,
            render: (_v, user) =>
              !user.isActive ? (
                <Tag color="red">Đã khoá</Tag>
              ) : user.mustChangePassword ? (
                <Tag color="gold">Chờ đổi mật khẩu</Tag>
              ) : (
                <Tag color="green">Hoạt động</Tag>
              ),
          },
          {
            title: '',
            width: 300,
            render: (_v, user) => (
              <Space wrap>
                {user.abilities.canResetPassword && (
                  <Popconfirm
                    title="Đặt lại mật khẩu và đăng xuất người này khỏi mọi thiết bị?"
                    okText="Đặt lại"
                    cancelText="Huỷ"
                    onConfirm={() => resetPassword(user)}
                  >
                    <Button size="small">Đặt lại mật khẩu</Button>
                  </Popconfirm>
                )}
                {user.abilities.canDeactivate &&
                  (user.isActive ? (
                    <Popconfirm
                      title="Khoá tài khoản này?"
                      okText="Khoá"
                      cancelText="Huỷ"
                      onConfirm={() => setActive(user, false)}
                    >
                      <Button size="small" danger>
                        Khoá
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => setActive(user, true)}>
                      Mở khoá
                    </Button>
                  ))}
                {canManage && (
                  <Button size="small" onClick={() => setRolesOf(user)}>
                    Vai trò
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal open={creating} onClose={() => setCreating(false)} onCreated={refresh} />
      <RolesModal
        user={rolesOf}
        onClose={() => setRolesOf(null)}
        onChanged={(u) => (setRolesOf(u), refresh())}
      />
    </Space>
  );
}

function CreateUserModal(props: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const { modal } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function create(values: CreateValues) {
    setSaving(true);
    setError(null);
    try {
      const result = await api.post<CreatedUser>('/api/users', {
        username: values.username,
        fullName: values.fullName,
        email: values.email || null,
        password: values.password || undefined,
        roles: [{ role: values.role, unitId: values.unitId }],
      });
      form.resetFields();
      props.onClose();
      props.onCreated();
      modal.success({
        title: `Đã tạo tài khoản ${result.user.username}`,
        content: result.generatedPassword ? (
          <Space direction="vertical">
            <span>Mật khẩu tạm (chỉ hiện một lần, người dùng phải đổi khi đăng nhập):</span>
            <Typography.Text copyable strong style={{ fontSize: 18 }}>
              {result.generatedPassword}
            </Typography.Text>
          </Space>
        ) : (
          'Người dùng phải đổi mật khẩu khi đăng nhập lần đầu.'
        ),
      });
    } catch (e) {
      setError(errorText(e, 'Không tạo được người dùng.'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open={props.open}
      title="Tạo người dùng"
      okText="Tạo"
      cancelText="Huỷ"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={create}>
        <Form.Item
          label="Tên đăng nhập"
          name="username"
          rules={[
            { required: true, message: 'Vui lòng nhập tên đăng nhập' },
            { pattern: /^[a-zA-Z0-9._-]{3,}$/, message: 'Ít nhất 3 ký tự: chữ không dấu, số, . _ -' },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          label="Họ và tên"
          name="fullName"
          rules={[{ required: true, message: 'Vui lòng nhập họ và tên' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="Thư điện tử"
          name="email"
          rules={[{ type: 'email', message: 'Thư điện tử không hợp lệ' }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          label="Mật khẩu (để trống để hệ thống tạo mật khẩu tạm)"
          name="password"
          rules={[{ min: LIMITS.passwordMin, message: `Ít nhất ${LIMITS.passwordMin} ký tự` }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="Vai trò" name="role" rules={[{ required: true, message: 'Chọn vai trò' }]}>
          <Select options={roleOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item label="Tại đơn vị" name="unitId" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <UnitSelect />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function RolesModal(props: { user: User | null; onClose: () => void; onChanged: (user: User) => void }) {
  const { user } = props;
  const [form] = Form.useForm<{ role: Role; unitId: string }>();
  const [error, setError] = useState<string | null>(null);

  async function add(values: { role: Role; unitId: string }) {
    setError(null);
    try {
      props.onChanged(await api.post<User>(`/api/users/${user!.id}/roles`, values));
      form.resetFields();
    } catch (e) {
      setError(errorText(e, 'Không cấp được vai trò.'));
    }
  }

  async function remove(role: UserRole) {
    setError(null);
    try {
      props.onChanged(await api.delete<User>(`/api/users/${user!.id}/roles/${role.id}`));
    } catch (e) {
      setError(errorText(e, 'Không thu hồi được vai trò.'));
    }
  }

  return (
    <Modal
      open={!!user}
      title={user ? `Vai trò của ${user.fullName}` : ''}
      footer={null}
      onCancel={props.onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Table<UserRole>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={user?.roles ?? []}
        locale={{ emptyText: 'Chưa có vai trò' }}
        columns={[
          { title: 'Vai trò', dataIndex: 'roleLabel' },
          { title: 'Đơn vị', dataIndex: 'unitName' },
          {
            title: '',
            width: 100,
            render: (_v, role) =>
              role.abilities.canRemove && (
                <Popconfirm
                  title="Thu hồi vai trò này?"
                  okText="Thu hồi"
                  cancelText="Huỷ"
                  onConfirm={() => remove(role)}
                >
                  <Button size="small" danger>
                    Thu hồi
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        Cấp thêm vai trò
      </Typography.Title>
      <Form form={form} layout="inline" onFinish={add}>
        <Form.Item name="role" rules={[{ required: true, message: 'Chọn vai trò' }]}>
          <Select options={roleOptions} placeholder="Vai trò" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="unitId" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
          <UnitSelect style={{ width: 240 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Cấp
        </Button>
      </Form>
    </Modal>
  );
}
