import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { z } from 'zod';
import {
  SURVEY_AUDIENCE_LABELS,
  SURVEY_KIND_LABELS,
  SURVEY_KINDS,
  SURVEY_STATUS_LABELS,
  type SurveyKind,
} from '@shared/surveys/surveys.ts';
import type { surveyTemplatesResponse, SurveyDto, SurveyListItem } from '@shared/surveys/surveys.contract.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { InvitedSurveys } from './InvitedSurveys.tsx';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import type { SurveyDefinition } from '@shared/surveys/surveys.ts';
import { QuestionEditor } from './QuestionEditor.tsx';
import { definitionProblems } from './definition-problems.ts';

type Template = z.output<typeof surveyTemplatesResponse>[number];
export const SURVEY_STATUS_COLORS = { draft: 'blue', open: 'green', closed: 'default' } as const;

/** Polls and surveys of the user's units (/lay-y-kien); creating one from a template. */
export function SurveysPage() {
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const [formOpen, setFormOpen] = useState(false);
  const query = new URLSearchParams(
    ['unitId', 'year', 'kind'].flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : [])),
  );
  const { data, isLoading, error } = useQuery({
    queryKey: ['surveys', query.toString()],
    queryFn: () => api.get<{ items: SurveyListItem[] }>(`/api/surveys?${query.toString()}`),
  });
  const canEdit = hasPermission(me, 'registers.edit');
  return (
    <Space direction="vertical" size="large" style={{ width: '100%', minWidth: 0 }}>
      <Typography.Title level={3}>Lấy ý kiến, khảo sát</Typography.Title>
      <InvitedSurveys />
      {error && (
        <Alert type="error" showIcon title={error instanceof ApiError ? error.message : 'Không tải được.'} />
      )}
      {params.get('measure') && (
        <Alert
          type="info"
          showIcon
          title="Đơn vị chưa có phiếu loại này kết thúc trong năm: số liệu tính từ phiếu là 0/0."
        />
      )}
      {canEdit && !formOpen && (
        <div>
          <Button type="primary" onClick={() => setFormOpen(true)}>
            Tạo phiếu lấy ý kiến
          </Button>
        </div>
      )}
      {canEdit && formOpen && me && (
        <Card title="Tạo phiếu lấy ý kiến" extra={<Button onClick={() => setFormOpen(false)}>Đóng</Button>}>
          <CreateSurveyForm
            defaultUnit={params.get('unitId') ?? me.grants[0]?.unitId}
            today={me.today}
            canListUsers={hasPermission(me, 'users.read')}
          />
        </Card>
      )}
      <Table<SurveyListItem>
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: 'Chưa có phiếu lấy ý kiến nào.' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 800 }}
        columns={[
          {
            title: 'Phiếu',
            render: (_, s) => (
              <Space direction="vertical" size={0}>
                <Link to={`/lay-y-kien/${s.id}`}>{s.title}</Link>
                <Typography.Text type="secondary">{SURVEY_KIND_LABELS[s.kind]}</Typography.Text>
              </Space>
            ),
          },
          { title: 'Đơn vị', render: (_, s) => s.unit.name },
          {
            title: 'Thời gian',
            width: 200,
            render: (_, s) => `${dateOrDash(s.opensOn)} – ${dateOrDash(s.closesOn)}`,
          },
          {
            title: 'Trạng thái',
            width: 140,
            render: (_, s) => (
              <Tag color={SURVEY_STATUS_COLORS[s.status]}>{SURVEY_STATUS_LABELS[s.status]}</Tag>
            ),
          },
          { title: 'Số phiếu', width: 90, dataIndex: 'answers' },
        ]}
      />
    </Space>
  );
}

type CreateValues = {
  unitId: string;
  kind: SurveyKind;
  range: [Dayjs, Dayjs];
  requireSlip: boolean;
  deviceLimit: number;
  inviteeIds?: string[];
};

function CreateSurveyForm({
  defaultUnit,
  today,
  canListUsers,
}: {
  defaultUnit?: string;
  today: string;
  canListUsers: boolean;
}) {
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const templates = useQuery({
    queryKey: ['surveys', 'templates'],
    queryFn: () => api.get<Template[]>('/api/surveys/templates'),
    staleTime: 600_000,
  });
  const [kind, setKind] = useState<SurveyKind>('mau04');
  /** The questionnaire being edited; null: the kind's template as it is. */
  const [definition, setDefinition] = useState<SurveyDefinition | null>(null);
  const templateOf = (k: SurveyKind) => structuredClone(SURVEY_TEMPLATES[k].definition);
  const audience = templates.data?.find((t) => t.kind === kind)?.audience;
  const accounts = useQuery({
    queryKey: ['users', 'for-survey'],
    queryFn: () =>
      api.get<{ items: { id: string; username: string; fullName: string }[] }>(
        '/api/users?status=active&pageSize=200',
      ),
    enabled: canListUsers && audience !== undefined && audience !== 'public',
    staleTime: 60_000,
  });
  const submit = async (v: CreateValues) => {
    if (definition && definitionProblems(definition).size) {
      setError('Phiếu còn lỗi ở phần câu hỏi; sửa các câu được đánh dấu đỏ trước khi tạo.');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const survey = await api.post<SurveyDto>('/api/surveys', {
        unitId: v.unitId,
        kind: v.kind,
        opensOn: v.range[0].format('YYYY-MM-DD'),
        closesOn: v.range[1].format('YYYY-MM-DD'),
        ...(definition ? { definition } : {}),
        ...(audience === 'public'
          ? { requireSlip: v.requireSlip, deviceLimit: v.deviceLimit }
          : { inviteeIds: v.inviteeIds ?? [] }),
      });
      navigate(`/lay-y-kien/${survey.id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không tạo được phiếu.');
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<CreateValues>
      layout="vertical"
      onFinish={submit}
      style={{ maxWidth: 720 }}
      initialValues={{
        unitId: defaultUnit,
        kind: 'mau04',
        range: [dayjs(today), dayjs(today).add(14, 'day')],
        requireSlip: false,
        deviceLimit: 1,
      }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form.Item name="kind" label="Mẫu phiếu" rules={[{ required: true }]}>
        <Select
          onChange={(k: SurveyKind) => {
            setKind(k);
            if (definition) setDefinition(templateOf(k));
          }}
          options={SURVEY_KINDS.map((k) => ({ value: k, label: SURVEY_KIND_LABELS[k] }))}
        />
      </Form.Item>
      {audience && (
        <Typography.Paragraph type="secondary">
          Người trả lời: {SURVEY_AUDIENCE_LABELS[audience]}
        </Typography.Paragraph>
      )}
      <Form.Item name="unitId" label="Đơn vị lấy ý kiến" rules={[{ required: true, message: 'Chọn đơn vị' }]}>
        <UnitSelect />
      </Form.Item>
      <Form.Item
        name="range"
        label="Thời gian nhận ý kiến"
        rules={[{ required: true, message: 'Chọn thời gian' }]}
      >
        <DatePicker.RangePicker format="DD/MM/YYYY" aria-label="Thời gian nhận ý kiến" />
      </Form.Item>
      {audience === 'public' && (
        <Space wrap align="start">
          <Form.Item name="requireSlip" valuePropName="checked" extra="Mỗi phiếu in có một mã dùng một lần.">
            <Checkbox>Chỉ nhận phiếu có mã in sẵn</Checkbox>
          </Form.Item>
          <Form.Item name="deviceLimit" label="Số phiếu tối đa mỗi thiết bị (khi không dùng mã)">
            <InputNumber min={1} max={10} />
          </Form.Item>
        </Space>
      )}
      {audience !== undefined && audience !== 'public' && (
        <Form.Item
          name="inviteeIds"
          label="Tài khoản được mời trả lời"
          extra={
            canListUsers
              ? 'Mỗi tài khoản trả lời một lần, khi đăng nhập.'
              : 'Cần quyền xem người dùng để chọn tài khoản được mời.'
          }
        >
          <Select
            mode="multiple"
            disabled={!canListUsers}
            loading={accounts.isLoading}
            optionFilterProp="label"
            options={(accounts.data?.items ?? []).map((u) => ({
              value: u.id,
              label: `${u.fullName} (${u.username})`,
            }))}
          />
        </Form.Item>
      )}
      <Form.Item
        extra={
          definition
            ? 'Câu hỏi được lưu cùng phiếu; sửa mẫu sau này không đổi phiếu đã tạo.'
            : `Mặc định dùng đúng câu hỏi của mẫu (${SURVEY_TEMPLATES[kind].definition.sections.reduce((n, x) => n + x.questions.length, 0)} câu).`
        }
      >
        <Checkbox
          checked={definition !== null}
          onChange={(e) => setDefinition(e.target.checked ? templateOf(kind) : null)}
        >
          Sửa câu hỏi của phiếu
        </Checkbox>
      </Form.Item>
      {definition && (
        <div style={{ marginBottom: 16 }}>
          <QuestionEditor
            value={definition}
            onChange={setDefinition}
            figure={SURVEY_TEMPLATES[kind].figure}
          />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        Tạo phiếu
      </Button>
    </Form>
  );
}
