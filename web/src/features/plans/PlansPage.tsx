import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PLAN_KIND_LABELS, PLAN_KINDS, PLAN_STATUS_LABELS, type PlanKind } from '@shared/plans/plans.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import type { Plan, PlanListItem, PlanTemplate } from './plans.api.ts';

const STATUS_COLORS = { draft: 'blue', issued: 'green', closed: 'default' } as const;

/** The plans of the user's units and those with tasks given to them; creating one (from a template). */
export function PlansPage() {
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const [formOpen, setFormOpen] = useState(false);
  const filter = {
    unitId: params.get('unitId') ?? undefined,
    kind: (params.get('kind') as PlanKind | null) ?? undefined,
    year: params.get('year') ?? undefined,
  };
  const query = new URLSearchParams(Object.entries(filter).filter((e): e is [string, string] => !!e[1]));
  const { data, isLoading, error } = useQuery({
    queryKey: ['plans', query.toString()],
    queryFn: () => api.get<{ items: PlanListItem[] }>(`/api/plans?${query.toString()}`),
  });
  const canEdit = hasPermission(me, 'registers.edit');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3}>Kế hoạch</Typography.Title>
      {error && (
        <Alert
          type="error"
          showIcon
          title={error instanceof ApiError ? error.message : 'Không tải được kế hoạch.'}
        />
      )}
      {params.get('measure') && (
        <Alert
          type="info"
          showIcon
          title="Đơn vị chưa có kế hoạch loại này được ban hành trong năm: số liệu tính từ sổ là 0/0."
        />
      )}
      {canEdit && !formOpen && (
        <div>
          <Button type="primary" onClick={() => setFormOpen(true)}>
            Tạo kế hoạch
          </Button>
        </div>
      )}
      {canEdit && formOpen && me && (
        <Card title="Tạo kế hoạch" extra={<Button onClick={() => setFormOpen(false)}>Đóng</Button>}>
          <CreatePlanForm
            defaultUnit={filter.unitId ?? me.grants[0]?.unitId}
            year={Number(me.today.slice(0, 4))}
          />
        </Card>
      )}
      <Table<PlanListItem>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Chưa có kế hoạch nào.' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        columns={[
          { title: 'Năm', dataIndex: 'year', width: 70 },
          {
            title: 'Kế hoạch',
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Link to={`/ke-hoach/${p.id}`}>{p.title}</Link>
                <Typography.Text type="secondary">{PLAN_KIND_LABELS[p.kind]}</Typography.Text>
              </Space>
            ),
          },
          { title: 'Số hiệu', render: (_, p) => p.number ?? '—', width: 130 },
          { title: 'Đơn vị', render: (_, p) => p.unit.name },
          {
            title: 'Trạng thái',
            width: 130,
            render: (_, p) => (
              <Space direction="vertical" size={0}>
                <Tag color={STATUS_COLORS[p.status]}>{PLAN_STATUS_LABELS[p.status]}</Tag>
                {p.assignedOnly && <Typography.Text type="secondary">Nhiệm vụ được giao</Typography.Text>}
              </Space>
            ),
          },
          { title: 'Ngày ban hành', width: 120, render: (_, p) => dateOrDash(p.issuedOn) },
          {
            title: 'Hoàn thành',
            width: 110,
            render: (_, p) => (p.assignedOnly ? '—' : `${p.tasksDone}/${p.tasksCounted}`),
          },
        ]}
      />
    </Space>
  );
}

type CreateValues = {
  unitId: string;
  kind: PlanKind;
  year: number;
  template?: string;
  title: string;
  issuingBody: string;
};

function CreatePlanForm({ defaultUnit, year }: { defaultUnit?: string; year: number }) {
  const [form] = Form.useForm<CreateValues>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const templates = useQuery({
    queryKey: ['plans', 'templates'],
    queryFn: () => api.get<PlanTemplate[]>('/api/plans/templates'),
    staleTime: 600_000,
  });
  const submit = async (values: CreateValues) => {
    setSaving(true);
    setError(null);
    try {
      const plan = await api.post<Plan>('/api/plans', { ...values, template: values.template || null });
      navigate(`/ke-hoach/${plan.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không tạo được kế hoạch.');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<CreateValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ unitId: defaultUnit, kind: 'pbgdpl', year }}
      style={{ maxWidth: 720 }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="template" label="Tạo từ mẫu">
        <Select
          allowClear
          placeholder="Không dùng mẫu (kế hoạch trống)"
          loading={templates.isLoading}
          options={(templates.data ?? []).map((t) => ({ value: t.id, label: `${t.name} — ${t.tasks} mục` }))}
          onChange={(id) => {
            const t = templates.data?.find((x) => x.id === id);
            if (t) form.setFieldsValue({ kind: t.kind });
          }}
        />
      </Form.Item>
      <Form.Item name="unitId" label="Đơn vị ban hành" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        <UnitSelect />
      </Form.Item>
      <Space wrap>
        <Form.Item name="kind" label="Loại kế hoạch" rules={[{ required: true }]}>
          <Select
            style={{ width: 360 }}
            options={PLAN_KINDS.map((k) => ({ value: k, label: PLAN_KIND_LABELS[k] }))}
          />
        </Form.Item>
        <Form.Item name="year" label="Năm" rules={[{ required: true, message: 'Nhập năm' }]}>
          <InputNumber min={2000} max={2100} />
        </Form.Item>
      </Space>
      <Form.Item name="title" label="Trích yếu" rules={[{ required: true, message: 'Nhập trích yếu' }]}>
        <Input placeholder="Ví dụ: Phổ biến, giáo dục pháp luật năm 2026" />
      </Form.Item>
      <Form.Item
        name="issuingBody"
        label="Cơ quan ban hành"
        rules={[{ required: true, message: 'Nhập cơ quan ban hành' }]}
      >
        <Input placeholder="Ví dụ: Ủy ban nhân dân phường Phan Đình Phùng" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving}>
        Tạo kế hoạch
      </Button>
    </Form>
  );
}
