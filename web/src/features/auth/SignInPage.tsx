import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { SignInInput } from '@shared/auth.schemas.ts';
import { ApiError } from '@web/lib/api.ts';
import { useAuthActions } from '@web/lib/auth.tsx';

export function SignInPage() {
  const { signIn } = useAuthActions();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(values: SignInInput) {
    setBusy(true);
    setError(null);
    try {
      await signIn(values);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/dang-nhap' ? from : '/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không đăng nhập được. Vui lòng thử lại.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #fff1f0 0%, #fafafa 60%)',
        padding: 16,
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          Đăng nhập
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          Hệ thống đánh giá chuẩn tiếp cận pháp luật và chỉ số cải cách hành chính cấp xã
        </Typography.Paragraph>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} role="alert" />}
        <Form<SignInInput> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            rules={[{ required: true, whitespace: true, message: 'Vui lòng nhập tên đăng nhập' }]}
          >
            <Input autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            label="Mật khẩu"
            name="password"
            rules={[{ required: true, message: 'Vui lòng nhập mật khẩu' }]}
          >
            <Input.Password autoComplete="current-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            Đăng nhập
          </Button>
        </Form>
      </Card>
    </div>
  );
}
