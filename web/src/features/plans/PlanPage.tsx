import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  PLAN_KIND_LABELS,
  PLAN_STATUS_LABELS,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type TaskStatus,
} from '@shared/plans/plans.ts';
import { compareVietnamese } from '@shared/format/vi.ts';
import { OFFICER_POSTS } from '@shared/plans/remediation.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { useToday } from '@web/lib/auth.tsx';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import { TaskFiles } from './TaskFiles.tsx';
import { downloadFile } from '@web/features/evaluations/documents.ts';
import { toQuery, type Page, type Unit } from '@web/features/units/units.api.ts';
import type { Plan, PlanTask } from './plans.api.ts';

const TASK_COLORS: Record<TaskStatus, string> = {
  not_started: 'default',
  in_progress: 'blue',
  done: 'green',
  overdue: 'red',
  cancelled: 'default',
};

/** A plan: its header, actions (issue, close, DOCX), the roll-up by assignee, and its tasks. */
export function PlanPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const measure = params.get('measure');
  const client = useQueryClient();
  const key = ['plans', id, measure];
  const {
    data: plan,
    error,
    isLoading,
  } = useQuery({
    queryKey: key,
    queryFn: () =>
      api.get<Plan>(`/api/plans/${id}${measure ? `?measure=${encodeURIComponent(measure)}` : ''}`),
  });
  const [actionError, setActionError] = useState<string | null>(null);
  const [editing, setEditing] = useState<PlanTask | 'new' | null>(null);
  const [issuing, setIssuing] = useState(false);

  const act = async (run: () => Promise<Plan>) => {
    setActionError(null);
    try {
      const fresh = await run();
      // A refetch started by the previous action must not land after this answer with older data.
      await client.cancelQueries({ queryKey: key });
      client.setQueryData(key, fresh);
      // The lists (and other views of the plan) refresh; this page already holds the answer.
      void client.invalidateQueries({
        queryKey: ['plans'],
        predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(key),
      });
      return true;
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : 'Không lưu được.');
      return false;
    }
  };

  if (isLoading) return <Typography.Text>Đang tải…</Typography.Text>;
  if (error || !plan)
    return (
      <Alert
        type="error"
        showIcon
        title={error instanceof ApiError ? error.message : 'Không tải được kế hoạch.'}
      />
    );

  const tasks = plan.measure ? plan.tasks.filter((t) => t.counted) : plan.tasks;
  const counted = plan.tasks.filter((t) => t.counted);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <div>
        <Link to="/ke-hoach">← Kế hoạch</Link>
        <Typography.Title level={3} style={{ marginTop: 8 }}>
          {PLAN_KIND_LABELS[plan.kind]}: {plan.title}
        </Typography.Title>
      </div>
      {actionError && (
        <Alert type="error" showIcon title={actionError} closable onClose={() => setActionError(null)} />
      )}
      {plan.assignedOnly && (
        <Alert
          type="info"
          showIcon
          title={`Kế hoạch của ${plan.unit.name}: đơn vị bạn thấy các nhiệm vụ được giao và báo cáo tiến độ, kết quả thực hiện.`}
        />
      )}
      <Card>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label="Cơ quan ban hành">{plan.issuingBody}</Descriptions.Item>
          <Descriptions.Item label="Năm">{plan.year}</Descriptions.Item>
          <Descriptions.Item label="Số hiệu">{plan.number ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="Trạng thái">
            <Tag color={plan.status === 'issued' ? 'green' : plan.status === 'draft' ? 'blue' : 'default'}>
              {PLAN_STATUS_LABELS[plan.status]}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label="Ngày ban hành">{dateOrDash(plan.issuedOn)}</Descriptions.Item>
          <Descriptions.Item label="Hạn ban hành">{dateOrDash(plan.issueDue)}</Descriptions.Item>
          {!plan.assignedOnly && (
            <Descriptions.Item label="Nhiệm vụ hoàn thành">
              {counted.filter((t) => t.hit).length}/{counted.length} (không tính mục lớn và nhiệm vụ hủy bỏ)
            </Descriptions.Item>
          )}
        </Descriptions>
        <Space wrap style={{ marginTop: 12 }}>
          {plan.abilities.canIssue && (
            <Button type="primary" onClick={() => setIssuing(true)}>
              Ban hành
            </Button>
          )}
          {plan.abilities.canClose && (
            <Popconfirm
              title="Kết thúc kế hoạch? Sau đó không sửa nhiệm vụ được nữa."
              okText="Kết thúc"
              cancelText="Không"
              onConfirm={() => act(() => api.post<Plan>(`/api/plans/${plan.id}/close`))}
            >
              <Button>Kết thúc kế hoạch</Button>
            </Popconfirm>
          )}
          {plan.abilities.canEdit && <Button onClick={() => setEditing('new')}>Thêm nhiệm vụ</Button>}
          {!plan.assignedOnly &&
            (
              [
                ['document', 'ke-hoach.docx', 'Tải kế hoạch (DOCX)'],
                ['progress?format=docx', 'tien-do.docx', 'Báo cáo tiến độ (DOCX)'],
                ['progress?format=xlsx', 'tien-do.xlsx', 'Báo cáo tiến độ (XLSX)'],
              ] as const
            ).map(([path, name, label]) => (
              <Button
                key={path}
                onClick={() =>
                  downloadFile(`/api/plans/${plan.id}/${path}`, name).catch((e: unknown) =>
                    setActionError(e instanceof ApiError ? e.message : 'Không tải được văn bản.'),
                  )
                }
              >
                {label}
              </Button>
            ))}
        </Space>
      </Card>
      {plan.measure && (
        <Alert
          type="info"
          showIcon
          title={`${plan.measure.label}: ${counted.filter((t) => t.hit).length}/${counted.length} — danh sách dưới đây là các nhiệm vụ được tính.`}
          action={<Link to={`/ke-hoach/${plan.id}`}>Xem cả kế hoạch</Link>}
        />
      )}
      {plan.rollup.length > 0 && (
        <Card title="Tiến độ theo đơn vị được giao">
          <Table
            rowKey={(r) => r.unit.id}
            size="small"
            pagination={false}
            dataSource={plan.rollup}
            scroll={{ x: 700 }}
            columns={[
              { title: 'Đơn vị', render: (_, r) => r.unit.name },
              { title: 'Số nhiệm vụ', dataIndex: 'total', width: 110 },
              ...TASK_STATUSES.map((s) => ({
                title: TASK_STATUS_LABELS[s],
                width: 110,
                render: (_: unknown, r: Plan['rollup'][number]) => r.byStatus[s],
              })),
            ]}
          />
        </Card>
      )}
      <TaskTable plan={plan} tasks={tasks} onEdit={setEditing} act={act} />
      {editing && (
        <TaskModal
          plan={plan}
          task={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          act={act}
        />
      )}
      {issuing && <IssueModal plan={plan} onClose={() => setIssuing(false)} act={act} />}
    </Space>
  );
}

type Act = (run: () => Promise<Plan>) => Promise<boolean>;

function TaskTable(props: { plan: Plan; tasks: PlanTask[]; onEdit: (t: PlanTask) => void; act: Act }) {
  const { plan, act } = props;
  const today = useToday();
  const patch = (t: PlanTask, body: Record<string, unknown>) =>
    act(() => api.patch<Plan>(`/api/plans/${plan.id}/tasks/${t.id}`, body));
  return (
    <Table<PlanTask>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={props.tasks}
      scroll={{ x: 1100 }}
      locale={{ emptyText: 'Kế hoạch chưa có nhiệm vụ.' }}
      columns={[
        { title: 'STT', dataIndex: 'code', width: 60 },
        {
          title: 'Nội dung',
          render: (_, t) => (
            <Space direction="vertical" size={2}>
              <Typography.Text strong={!t.code.includes('.')}>{t.title}</Typography.Text>
              {t.content && <Typography.Text type="secondary">{t.content}</Typography.Text>}
              {t.target && <Typography.Text type="secondary">Chỉ tiêu: {t.target}</Typography.Text>}
              {t.progressNote && <Typography.Text italic>Tiến độ: {t.progressNote}</Typography.Text>}
              {t.evidenceNote && <Typography.Text italic>Kiểm chứng: {t.evidenceNote}</Typography.Text>}
              <TaskFiles plan={plan} task={t} onChanged={(p) => void act(async () => p)} />
            </Space>
          ),
        },
        {
          title: 'Chủ trì / phối hợp',
          width: 220,
          render: (_, t) => (
            <Space direction="vertical" size={2}>
              <span>{t.lead || '—'}</span>
              {t.partners && <Typography.Text type="secondary">Phối hợp: {t.partners}</Typography.Text>}
              {t.assignee && <Tag color="purple">Giao: {t.assignee.name}</Tag>}
            </Space>
          ),
        },
        {
          title: 'Thời gian',
          width: 140,
          render: (_, t) => (
            <Space direction="vertical" size={2}>
              {t.timeText && <span>{t.timeText}</span>}
              {t.dueOn && <span>Hạn: {dateOrDash(t.dueOn)}</span>}
            </Space>
          ),
        },
        { title: 'Kết quả, sản phẩm', dataIndex: 'output', width: 180 },
        {
          title: 'Trạng thái',
          width: 150,
          render: (_, t) =>
            t.counted || t.status !== 'not_started' ? (
              <Space direction="vertical" size={2}>
                <Tag color={TASK_COLORS[t.status]}>{TASK_STATUS_LABELS[t.status]}</Tag>
                {t.completedOn && <span>Ngày {dateOrDash(t.completedOn)}</span>}
                {t.isLate && <Tag color="red">Quá hạn</Tag>}
              </Space>
            ) : (
              <Typography.Text type="secondary">Mục lớn</Typography.Text>
            ),
        },
        ...(plan.measure
          ? [
              {
                title: plan.measure.hitLabel,
                width: 110,
                render: (_: unknown, t: PlanTask) => (t.hit ? 'Có' : 'Không'),
              },
            ]
          : []),
        {
          title: '',
          width: 120,
          fixed: 'right' as const,
          render: (_, t) => (
            <Space wrap size={4}>
              {t.abilities.canReport && t.status !== 'done' && t.counted && plan.status !== 'draft' && (
                <Button
                  size="small"
                  type="primary"
                  onClick={() => patch(t, { status: 'done', completedOn: today })}
                >
                  Hoàn thành
                </Button>
              )}
              {(t.abilities.canEdit || t.abilities.canReport) && (
                <Button size="small" onClick={() => props.onEdit(t)}>
                  {t.abilities.canEdit ? 'Sửa' : 'Báo cáo'}
                </Button>
              )}
              {t.abilities.canEdit && t.counted && (
                <Popconfirm
                  title="Hủy bỏ nhiệm vụ này? Nhiệm vụ hủy bỏ không tính vào tỷ lệ hoàn thành."
                  okText="Hủy bỏ nhiệm vụ"
                  cancelText="Không"
                  onConfirm={() => patch(t, { status: 'cancelled' })}
                >
                  <Button size="small" danger>
                    Hủy bỏ
                  </Button>
                </Popconfirm>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

type TaskValues = {
  code: string;
  title: string;
  content?: string;
  lead?: string;
  partners?: string;
  timeText?: string;
  dueOn?: Dayjs | null;
  output?: string;
  target?: string;
  assigneeUnitId?: string | null;
  status?: TaskStatus;
  completedOn?: Dayjs | null;
  progressNote?: string;
  evidenceNote?: string;
};

const iso = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

function TaskModal(props: { plan: Plan; task: PlanTask | null; onClose: () => void; act: Act }) {
  const { plan, task } = props;
  const [form] = Form.useForm<TaskValues>();
  const [saving, setSaving] = useState(false);
  const full = task === null || task.abilities.canEdit;
  const communes = useQuery({
    queryKey: ['units', 'below', plan.unit.id],
    queryFn: () => api.get<Page<Unit>>(`/api/units${toQuery({ parentId: plan.unit.id, pageSize: 500 })}`),
    enabled: full,
    staleTime: 60_000,
  });
  const status = Form.useWatch('status', form);
  const submit = async (v: TaskValues) => {
    setSaving(true);
    const report = {
      status: v.status,
      completedOn: v.status === 'done' ? iso(v.completedOn) : null,
      progressNote: v.progressNote ?? '',
      evidenceNote: v.evidenceNote ?? '',
    };
    const fields = {
      code: v.code,
      title: v.title,
      content: v.content ?? '',
      lead: v.lead ?? '',
      partners: v.partners ?? '',
      timeText: v.timeText ?? '',
      dueOn: iso(v.dueOn),
      output: v.output ?? '',
      target: v.target ?? '',
      assigneeUnitId: v.assigneeUnitId ?? null,
    };
    const ok = await props.act(() =>
      task
        ? api.patch<Plan>(`/api/plans/${plan.id}/tasks/${task.id}`, full ? { ...fields, ...report } : report)
        : api.post<Plan>(`/api/plans/${plan.id}/tasks`, fields),
    );
    setSaving(false);
    if (ok) props.onClose();
  };
  return (
    <Modal
      open
      title={task ? `Nhiệm vụ ${task.code}` : 'Thêm nhiệm vụ'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okText="Lưu"
      cancelText="Đóng"
      confirmLoading={saving}
      width={720}
    >
      <Form<TaskValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          task
            ? {
                ...task,
                assigneeUnitId: task.assignee?.id ?? null,
                dueOn: task.dueOn ? dayjs(task.dueOn) : null,
                completedOn: task.completedOn ? dayjs(task.completedOn) : dayjs(),
              }
            : { code: String(plan.tasks.filter((t) => !t.code.includes('.')).length + 1) }
        }
      >
        {full && (
          <>
            <Space wrap>
              <Form.Item name="code" label="STT" rules={[{ required: true, message: 'Nhập số thứ tự' }]}>
                <Input style={{ width: 100 }} placeholder="2.a" />
              </Form.Item>
              <Form.Item name="timeText" label="Thời gian thực hiện">
                <Input style={{ width: 260 }} placeholder="Hằng năm, Năm 2026…" />
              </Form.Item>
              <Form.Item name="dueOn" label="Hạn hoàn thành">
                <DatePicker format="DD/MM/YYYY" aria-label="Hạn hoàn thành" />
              </Form.Item>
            </Space>
            <Form.Item
              name="title"
              label="Nội dung nhiệm vụ"
              rules={[{ required: true, message: 'Nhập nội dung' }]}
            >
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
            <Form.Item name="content" label="Diễn giải">
              <Input.TextArea autoSize />
            </Form.Item>
            <Form.Item name="lead" label="Cơ quan chủ trì">
              <AutoComplete
                options={OFFICER_POSTS.map((p) => ({ value: p }))}
                placeholder="Cơ quan, hoặc chức danh (Văn phòng - Thống kê…)"
              />
            </Form.Item>
            <Form.Item name="partners" label="Cơ quan phối hợp">
              <Input />
            </Form.Item>
            <Form.Item name="output" label="Kết quả, sản phẩm">
              <Input />
            </Form.Item>
            <Form.Item name="target" label="Chỉ tiêu đo được">
              <Input placeholder="Ví dụ: đạt 50% trở lên" />
            </Form.Item>
            <Form.Item name="assigneeUnitId" label="Giao cho đơn vị cấp dưới">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="Không giao"
                loading={communes.isLoading}
                options={(communes.data?.items ?? [])
                  .slice()
                  .sort((a, b) => compareVietnamese(a.name, b.name))
                  .map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          </>
        )}
        {task && (
          <>
            {!full && (
              <Typography.Paragraph>
                <strong>{task.title}</strong>
              </Typography.Paragraph>
            )}
            <Space wrap>
              <Form.Item name="status" label="Trạng thái">
                <Select
                  style={{ width: 200 }}
                  options={TASK_STATUSES.map((s) => ({ value: s, label: TASK_STATUS_LABELS[s] }))}
                />
              </Form.Item>
              {status === 'done' && (
                <Form.Item
                  name="completedOn"
                  label="Ngày hoàn thành"
                  rules={[{ required: true, message: 'Cần ghi ngày hoàn thành' }]}
                >
                  <DatePicker format="DD/MM/YYYY" aria-label="Ngày hoàn thành" />
                </Form.Item>
              )}
            </Space>
            <Form.Item name="progressNote" label="Tiến độ, kết quả thực hiện">
              <Input.TextArea autoSize />
            </Form.Item>
            <Form.Item name="evidenceNote" label="Tài liệu kiểm chứng (số, ngày văn bản…)">
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function IssueModal(props: { plan: Plan; onClose: () => void; act: Act }) {
  const [form] = Form.useForm<{ number: string; issuedOn: Dayjs }>();
  return (
    <Modal
      open
      title="Ban hành kế hoạch"
      okText="Ban hành"
      cancelText="Đóng"
      onCancel={props.onClose}
      onOk={() => form.submit()}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ issuedOn: dayjs(), number: props.plan.number ?? '' }}
        onFinish={async (v) => {
          const ok = await props.act(() =>
            api.post<Plan>(`/api/plans/${props.plan.id}/issue`, {
              number: v.number,
              issuedOn: v.issuedOn.format('YYYY-MM-DD'),
            }),
          );
          if (ok) props.onClose();
        }}
      >
        <Form.Item name="number" label="Số hiệu" rules={[{ required: true, message: 'Nhập số hiệu' }]}>
          <Input placeholder="Ví dụ: 112/KH-UBND" />
        </Form.Item>
        <Form.Item name="issuedOn" label="Ngày ban hành" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DatePicker format="DD/MM/YYYY" aria-label="Ngày ban hành" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
