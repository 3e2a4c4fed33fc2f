import { Alert, App, Button, Card, Form, Input, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { LIMITS } from '@shared/limits.ts';
import type { ChangePasswordInput } from '@shared/auth.schemas.ts';
import { api, ApiError, setCsrfToken } from '@web/lib/api.ts';
import { ME_KEY, useMe } from '@web/lib/auth.tsx';
import { useQueryClient } from '@tanstack/react-query';

export function AccountPage() {
  const { data: me } = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<ChangePasswordInput>();
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;

  async function changePassword(values: ChangePasswordInput) {
    setError(null);
    try {
      await api.post('/api/auth/password', values);
      form.resetFields();
      // The signed-in shell sends a user who must change the password back here until it knows.
      await client.invalidateQueries({ queryKey: ME_KEY });
      message.success('Đã đổi mật khẩu. Các phiên đăng nhập khác đã được đăng xuất.');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không đổi được mật khẩu.');
    }
  }

  async function signOutEverywhere() {
    await api.post('/api/auth/sign-out-everywhere');
    setCsrfToken(null);
    client.clear();
    navigate('/dang-nhap', { replace: true });
  }

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 560 }}>
      <Typography.Title level={3}>Tài khoản của tôi</Typography.Title>
      {me.user.mustChangePassword && (
        <Alert
          type="warning"
          showIcon
          title="Quản trị đã đặt lại mật khẩu của bạn. Vui lòng đổi mật khẩu mới."
        />
      )}
      <Card title="Đổi mật khẩu">
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Form form={form} layout="vertical" onFinish={changePassword}>
          <Form.Item
            label="Mật khẩu hiện tại"
            name="currentPassword"
            rules={[{ required: true, message: 'Vui lòng nhập mật khẩu hiện tại' }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label="Mật khẩu mới"
            name="newPassword"
            rules={[
              { required: true, message: 'Vui lòng nhập mật khẩu mới' },
              {
                min: LIMITS.passwordMin,
                message: `Mật khẩu mới phải có ít nhất ${LIMITS.passwordMin} ký tự`,
              },
              {
                // The server's rule (shared/), loaded only here: its word lists are large.
                async validator(_rule, value: string | undefined) {
                  if (!value || value.length < LIMITS.passwordMin) return;
                  const { passwordWeakness } = await import('@shared/password-strength.ts');
                  const weakness = passwordWeakness(value, [me.user.username]);
                  if (weakness) throw new Error(weakness);
                },
              },
            ]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit">
            Đổi mật khẩu
          </Button>
        </Form>
      </Card>
      <Card title="Phiên đăng nhập">
        <Popconfirm
          title="Đăng xuất khỏi mọi thiết bị, kể cả máy này?"
          okText="Đăng xuất"
          cancelText="Huỷ"
          onConfirm={signOutEverywhere}
        >
          <Button danger>Đăng xuất khỏi mọi thiết bị</Button>
        </Popconfirm>
      </Card>
    </Space>
  );
}
