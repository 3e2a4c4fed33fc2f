import {
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Grid,
  Layout,
  Menu,
  Space,
  Typography,
  type MenuProps,
} from 'antd';
import { useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import type { MeResponse } from '@shared/auth.schemas.ts';
import { hasPermission, useAuthActions } from '@web/lib/auth.tsx';
import { navItems, type NavItem } from './nav.ts';

const { Header, Sider, Content } = Layout;

/** The signed-in shell: side menu filtered by role (a drawer on a phone), user menu, content. */
export function AppLayout({ me, children }: { me: MeResponse; children: ReactNode }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { signOut } = useAuthActions();
  const screens = Grid.useBreakpoint();
  const isPhone = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const visible = navItems.filter((item) => !item.permission || hasPermission(me, item.permission));
  // A label wraps rather than being cut off, and repeats itself as a tooltip.
  const entry = (item: NavItem) => ({
    key: item.path,
    label: (
      <span title={item.label} className="dg-menu-label">
        {item.label}
      </span>
    ),
  });
  // Consecutive items of one group sit under its heading; the menu keeps the order of nav.ts.
  const items: NonNullable<MenuProps['items']> = [];
  let group = null as { key: string; label: string; children: ReturnType<typeof entry>[] } | null;
  for (const item of visible) {
    if (!item.group) {
      group = null;
      items.push(entry(item));
    } else if (group?.label === item.group) {
      group.children.push(entry(item));
    } else {
      group = { key: `group:${item.group}`, label: item.group, children: [entry(item)] };
      items.push({ type: 'group', ...group });
    }
  }
  const selected = visible
    .map((i) => i.path)
    .filter((key) => (key === '/' ? location.pathname === '/' : location.pathname.startsWith(key)))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);
  const menu = (
    <Menu
      className="dg-menu"
      mode="inline"
      selectedKeys={selected}
      items={items}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      aria-label="Điều hướng chính"
    />
  );
  const firstGrant = me.grants[0];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {!isPhone && (
        <Sider width={240} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <div style={{ padding: '16px 20px', fontWeight: 600, color: '#a8071a', lineHeight: 1.3 }}>
            Đánh giá chuẩn
            <br />
            tiếp cận pháp luật
          </div>
          {menu}
        </Sider>
      )}
      <Drawer
        open={isPhone && drawerOpen}
        onClose={() => setDrawerOpen(false)}
        placement="left"
        width={260}
        title="Danh mục"
      >
        {menu}
      </Drawer>
      <Layout>
        <Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
          }}
        >
          <Space>
            {isPhone && (
              <Button onClick={() => setDrawerOpen(true)} aria-label="Mở danh mục">
                ☰
              </Button>
            )}
            <Typography.Text type="secondary">
              {firstGrant ? firstGrant.unitName : 'Chưa được phân quyền'}
            </Typography.Text>
          </Space>
          <Dropdown
            menu={{
              items: [
                { key: 'account', label: 'Tài khoản của tôi' },
                { type: 'divider' },
                { key: 'sign-out', label: 'Đăng xuất', danger: true },
              ],
              onClick: async ({ key }) => {
                if (key === 'account') navigate('/tai-khoan');
                if (key === 'sign-out') {
                  await signOut();
                  navigate('/dang-nhap', { replace: true });
                }
              },
            }}
          >
            <Button type="text" data-testid="user-menu">
              <Space>
                <Avatar size="small" style={{ background: '#a8071a' }}>
                  {me.user.fullName.split(' ').at(-1)?.[0] ?? '?'}
                </Avatar>
                {!isPhone && (
                  <span>
                    {me.user.fullName}
                    {firstGrant ? ` · ${firstGrant.roleLabel}` : ''}
                  </span>
                )}
              </Space>
            </Button>
          </Dropdown>
        </Header>
        <Content style={{ padding: isPhone ? 12 : 24 }}>{children}</Content>
      </Layout>
    </Layout>
  );
}
