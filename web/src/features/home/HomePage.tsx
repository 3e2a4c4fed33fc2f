import { Card, Descriptions, List, Tag, Typography } from 'antd';
import { useMe } from '@web/lib/auth.tsx';

/** "Việc cần làm": the signed-in user's roles and units; later issues add the tasks with deadlines. */
export function HomePage() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <>
      <Typography.Title level={3}>Xin chào, {me.user.fullName}</Typography.Title>
      <Card title="Vai trò và đơn vị của bạn" style={{ maxWidth: 720 }}>
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
    </>
  );
}
