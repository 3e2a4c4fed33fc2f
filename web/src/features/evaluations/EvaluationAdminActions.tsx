import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { FrameworkNode } from '@shared/frameworks/model.ts';
import { hasPermission, useMe, useToday } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { toQuery, type Page } from '@web/features/units/units.api.ts';
import type { EvaluationData, EvaluationDetail } from './types.ts';
import { ReopenCorrectionModal } from './ReopenCorrectionModal.tsx';

type Assignment = { nodeCode: string; userId: string; fullName: string };
type UnitUser = {
  id: string;
  fullName: string;
  isActive: boolean;
  roles: { role: string; unitId: string }[];
};

/** Indicators a chairman can hand to an officer: the framework's indicators, else its leaves. */
function assignableNodes(nodes: FrameworkNode[]): FrameworkNode[] {
  const all: FrameworkNode[] = [];
  const walk = (list: FrameworkNode[]) =>
    list.forEach((n) => {
      all.push(n);
      walk(n.children ?? []);
    });
  walk(nodes);
  const indicators = all.filter((n) => n.kind === 'indicator');
  return indicators.length ? indicators : all.filter((n) => !n.children?.length);
}

function AssignModal({
  evaluation,
  open,
  onClose,
  onSaved,
}: {
  evaluation: EvaluationDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (next: EvaluationData) => void;
}) {
  const [form] = Form.useForm<{ nodeCode: string; userId: string }>();
  const [error, setError] = useState<string | null>(null);
  const users = useQuery({
    queryKey: ['users', 'of-unit', evaluation.unit.id],
    queryFn: () =>
      api.get<Page<UnitUser>>(
        `/api/users${toQuery({ unitId: evaluation.unit.id, status: 'active', pageSize: 200 })}`,
      ),
    enabled: open,
  });
  // The server accepts officers and the chairman of the evaluated unit.
  const officers = (users.data?.items ?? []).filter((u) =>
    u.roles.some(
      (r) =>
        r.unitId === evaluation.unit.id && (r.role === 'commune_officer' || r.role === 'commune_chairman'),
    ),
  );
  const nodes = assignableNodes(evaluation.framework.nodes);
  const titles = new Map(nodes.map((n) => [n.code, n.title]));
  const assignments = (evaluation as EvaluationDetail & { assignments?: Assignment[] }).assignments ?? [];
  async function submit(values: { nodeCode: string; userId: string }) {
    setError(null);
    try {
      onSaved(await api.post<EvaluationData>(`/api/evaluations/${evaluation.id}/assignments`, values));
      form.resetFields(['nodeCode']);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không giao được chỉ tiêu.');
    }
  }
  return (
    <Modal open={open} onCancel={onClose} title="Giao chỉ tiêu cho công chức" footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="nodeCode" label="Chỉ tiêu" rules={[{ required: true, message: 'Chọn chỉ tiêu' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={nodes.map((n) => ({
              value: n.code,
              label: `${n.code}. ${n.title}`,
            }))}
          />
        </Form.Item>
        <Form.Item
          name="userId"
          label="Công chức theo dõi"
          rules={[{ required: true, message: 'Chọn người' }]}
        >
          <Select
            loading={users.isLoading}
            notFoundContent={users.error ? 'Không tải được danh sách người dùng' : 'Đơn vị chưa có công chức'}
            options={officers.map((u) => ({ value: u.id, label: u.fullName }))}
          />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit">
          Giao chỉ tiêu
        </Button>
      </Form>
      {assignments.length > 0 && (
        <Space direction="vertical" size={4} style={{ marginTop: 16, width: '100%' }}>
          <Typography.Text strong>Đã giao</Typography.Text>
          {assignments.map((a) => (
            <span key={`${a.nodeCode}:${a.userId}`}>
              <Tag>{a.nodeCode}</Tag>
              {a.fullName}
              {titles.get(a.nodeCode) && (
                <Typography.Text type="secondary"> — {titles.get(a.nodeCode)}</Typography.Text>
              )}
            </span>
          ))}
        </Space>
      )}
    </Modal>
  );
}

function ReopenModal({
  evaluation,
  open,
  onClose,
  onSaved,
}: {
  evaluation: EvaluationDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (next: EvaluationData) => void;
}) {
  const { message } = App.useApp();
  const today = useToday();
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  async function submit(values: { until: Dayjs; reason: string }) {
    setError(null);
    try {
      onSaved(
        await api.post<EvaluationData>(`/api/evaluations/${evaluation.id}/reopen`, {
          expectedVersion: evaluation.version,
          until: values.until.format('YYYY-MM-DD'),
          reason: values.reason,
        }),
      );
      message.success('Đã mở lại việc tự đánh giá.');
      onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không mở lại được.');
    }
  }
  return (
    <Modal open={open} onCancel={onClose} title="Mở lại việc tự đánh giá" footer={null} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ until: dayjs(today).add(7, 'day') }}
      >
        <Form.Item name="until" label="Mở lại đến ngày" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} aria-label="Mở lại đến ngày" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="Lý do"
          rules={[{ required: true, min: 5, message: 'Ghi rõ lý do mở lại' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit">
          Mở lại
        </Button>
      </Form>
    </Modal>
  );
}

/**
 * Buttons of the evaluation header for the commune chairman ("Giao chỉ tiêu"), the organiser ("Mở lại"
 * once the self-assessment is locked by its deadline) and the appraisers ("Mở lại để sửa" a closed dossier,
 * ADR 0019). The server checks each again.
 */
export function EvaluationAdminActions({
  evaluation,
  onChange,
}: {
  evaluation: EvaluationDetail;
  onChange: (next: EvaluationData) => void;
}) {
  const { data: me } = useMe();
  const [dialog, setDialog] = useState<'assign' | 'reopen' | 'correction' | null>(null);
  const canAssign = evaluation.state === 'draft' && hasPermission(me, 'assessments.submit');
  const canReopen =
    evaluation.state === 'draft' && !!evaluation.lockedReason && hasPermission(me, 'periods.manage');
  const canCorrect = evaluation.abilities.canReopenForCorrection;
  if (!canAssign && !canReopen && !canCorrect) return null;
  return (
    <>
      {canAssign && <Button onClick={() => setDialog('assign')}>Giao chỉ tiêu</Button>}
      {canReopen && <Button onClick={() => setDialog('reopen')}>Mở lại</Button>}
      {canCorrect && <Button onClick={() => setDialog('correction')}>Mở lại để sửa</Button>}
      {dialog === 'correction' && (
        <ReopenCorrectionModal
          evaluationId={evaluation.id}
          unitName={evaluation.unit.name}
          stateLabel={evaluation.stateLabel}
          version={evaluation.version}
          onClose={() => setDialog(null)}
          onDone={onChange}
        />
      )}
      <AssignModal
        evaluation={evaluation}
        open={dialog === 'assign'}
        onClose={() => setDialog(null)}
        onSaved={onChange}
      />
      <ReopenModal
        evaluation={evaluation}
        open={dialog === 'reopen'}
        onClose={() => setDialog(null)}
        onSaved={onChange}
      />
    </>
  );
}
