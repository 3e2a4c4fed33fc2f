import { Alert, Button, Flex, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import type { Plan } from './plans.api.ts';

/**
 * "Lập kế hoạch khắc phục" under an evaluation's result: the server proposes a draft remediation plan
 * (one task per item that lost points) from the appraisal's result, or the self-assessment's before
 * one exists, and the page opens it for editing, assigning to officer posts and issuing.
 */
export function RemediationAction(props: { evaluationId: string; appraised: boolean }) {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; planId?: string } | null>(null);
  if (!hasPermission(me, 'registers.edit')) return null;
  const propose = async () => {
    setBusy(true);
    setError(null);
    try {
      const plan = await api.post<Plan>('/api/plans/remediation', { evaluationId: props.evaluationId });
      navigate(`/ke-hoach/${plan.id}`);
    } catch (e) {
      if (e instanceof ApiError)
        setError({
          message: e.message,
          planId: typeof e.details?.planId === 'string' ? e.details.planId : undefined,
        });
      else setError({ message: 'Không lập được kế hoạch khắc phục.' });
    } finally {
      setBusy(false);
    }
  };
  const source = props.appraised ? 'kết quả thẩm định' : 'kết quả tự đánh giá';
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        <Popconfirm
          title="Lập kế hoạch khắc phục?"
          description={
            <div style={{ maxWidth: 340 }}>
              Mỗi mục bị trừ điểm theo {source} thành một nhiệm vụ (điểm bị trừ, lý do, chỉ tiêu gợi ý). Kế
              hoạch ở dạng dự thảo: sửa, giao cho từng chức danh rồi ban hành.
            </div>
          }
          okText="Lập kế hoạch"
          cancelText="Hủy"
          onConfirm={() => void propose()}
        >
          <Button loading={busy}>Lập kế hoạch khắc phục</Button>
        </Popconfirm>
        <Typography.Text type="secondary">Từ {source}</Typography.Text>
      </Flex>
      {error && (
        <Alert
          type="warning"
          showIcon
          title={error.message}
          action={error.planId ? <Link to={`/ke-hoach/${error.planId}`}>Mở kế hoạch</Link> : undefined}
        />
      )}
    </Flex>
  );
}
