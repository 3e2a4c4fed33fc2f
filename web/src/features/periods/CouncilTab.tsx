import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  App,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { COUNCIL_MAX_MEMBERS, COUNCIL_ROLE_LABELS } from '@shared/evaluations/evaluations.schemas.ts';
import { isQuorate, quorumOf } from '@shared/evaluations/council.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import {
  problemsByField,
  type Council,
  type CouncilRole,
  type Opinion,
  type PeriodResult,
} from './periods.api.ts';

const ROLE_OPTIONS = (Object.keys(COUNCIL_ROLE_LABELS) as CouncilRole[]).map((value) => ({
  value,
  label: COUNCIL_ROLE_LABELS[value],
}));

type MemberInput = { fullName: string; position: string; councilRole: CouncilRole };

function CreateCouncilForm({ periodId, onCreated }: { periodId: string; onCreated: (c: Council) => void }) {
  const [form] = Form.useForm<{ name: string; members: MemberInput[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(values: { name: string; members: MemberInput[] }) {
    setError(null);
    setSaving(true);
    try {
      onCreated(await api.post<Council>(`/api/periods/${periodId}/council`, values));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const problems = e.details?.problems ?? [];
        form.setFields(
          problems
            .filter((p) => /^members\.\d+\.\w+$/.test(p.field))
            .map((p) => {
              const [, index, field] = p.field.split('.');
              return {
                name: ['members', Number(index), field as keyof MemberInput] as const,
                errors: [p.message],
              };
            }),
        );
        const other = problems.filter((p) => !/^members\.\d+\.\w+$/.test(p.field)).map((p) => p.message);
        setError(other.length ? other.join('; ') : e.message);
      } else setError(e instanceof ApiError ? e.message : 'Không thành lập được Hội đồng.');
    } finally {
      setSaving(false);
    }
  }
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{
        name: 'Hội đồng đánh giá, công nhận cấp xã đạt chuẩn tiếp cận pháp luật',
        members: [
          { fullName: '', position: '', councilRole: 'chair' },
          { fullName: '', position: '', councilRole: 'vice_chair' },
          { fullName: '', position: '', councilRole: 'member' },
          { fullName: '', position: '', councilRole: 'secretary' },
        ],
      }}
    >
      <Form.Item
        name="name"
        label="Tên Hội đồng"
        rules={[{ required: true, min: 5, message: 'Nhập tên Hội đồng' }]}
      >
        <Input maxLength={300} />
      </Form.Item>
      <Form.List name="members">
        {(fields, { add, remove }) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            {fields.map((field, index) => (
              <Flex key={field.key} wrap gap={8} align="flex-start">
                <Form.Item
                  name={[field.name, 'fullName']}
                  rules={[{ required: true, min: 2, message: 'Nhập họ tên thành viên' }]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Input placeholder="Họ và tên" aria-label={`Họ tên thành viên ${index + 1}`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'position']}
                  rules={[{ required: true, min: 2, message: 'Nhập chức vụ' }]}
                  style={{ flex: '1 1 180px', marginBottom: 8 }}
                >
                  <Input placeholder="Chức vụ, đơn vị" aria-label={`Chức vụ thành viên ${index + 1}`} />
                </Form.Item>
                <Form.Item name={[field.name, 'councilRole']} style={{ flex: '1 1 170px', marginBottom: 8 }}>
                  <Select options={ROLE_OPTIONS} aria-label={`Vai trò thành viên ${index + 1}`} />
                </Form.Item>
                <Button
                  onClick={() => remove(field.name)}
                  disabled={fields.length <= 3}
                  aria-label="Bỏ thành viên"
                >
                  Bỏ
                </Button>
              </Flex>
            ))}
            <Button
              onClick={() => add({ fullName: '', position: '', councilRole: 'member' })}
              disabled={fields.length >= COUNCIL_MAX_MEMBERS}
            >
              Thêm thành viên ({fields.length}/{COUNCIL_MAX_MEMBERS})
            </Button>
          </Space>
        )}
      </Form.List>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 12 }}>
        Thành lập Hội đồng
      </Button>
    </Form>
  );
}

type MeetingInput = {
  mode: 'meeting' | 'written';
  heldOn: Dayjs;
  location?: string;
  presentMemberIds: string[];
  conclusions?: string;
};

function MeetingForm({
  periodId,
  council,
  onDone,
}: {
  periodId: string;
  council: Council;
  onDone: (c: Council) => void;
}) {
  const [form] = Form.useForm<MeetingInput>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const present: string[] = Form.useWatch('presentMemberIds', form) ?? [];
  const mode = Form.useWatch('mode', form) ?? 'meeting';
  const n = council.members.length;
  const needed = quorumOf(n);
  const quorate = isQuorate('meeting', present.length, n);
  async function submit(values: MeetingInput) {
    setError(null);
    setSaving(true);
    try {
      const next = await api.post<Council>(`/api/periods/${periodId}/council/meetings`, {
        ...values,
        heldOn: values.heldOn.format('YYYY-MM-DD'),
        presentMemberIds: values.presentMemberIds ?? [],
      });
      form.resetFields();
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const byField = problemsByField(e.details?.problems);
        if (byField.has('presentMemberIds'))
          form.setFields([{ name: 'presentMemberIds', errors: byField.get('presentMemberIds')! }]);
      }
      setError(e instanceof ApiError ? e.message : 'Không ghi nhận được cuộc họp.');
    } finally {
      setSaving(false);
    }
  }
  return (
    <Form<MeetingInput>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ mode: 'meeting', heldOn: dayjs(), presentMemberIds: [] }}
    >
      <Flex wrap gap={16}>
        <Form.Item name="mode" label="Hình thức" style={{ flex: '1 1 260px' }}>
          <Radio.Group
            options={[
              { value: 'meeting', label: 'Họp Hội đồng' },
              { value: 'written', label: 'Lấy ý kiến bằng văn bản' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="heldOn"
          label="Ngày"
          rules={[{ required: true, message: 'Chọn ngày' }]}
          style={{ flex: '0 1 180px' }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} aria-label="Ngày họp" />
        </Form.Item>
        <Form.Item name="location" label="Địa điểm" style={{ flex: '1 1 200px' }}>
          <Input maxLength={300} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="presentMemberIds"
        label="Thành viên có mặt"
        extra={
          mode === 'meeting' ? (
            <Typography.Text type={quorate ? 'success' : 'danger'} data-testid="quorum">
              Có mặt {present.length}/{n}, cần tối thiểu {needed} (2/3)
            </Typography.Text>
          ) : (
            'Lấy ý kiến bằng văn bản: không cần đủ 2/3 có mặt.'
          )
        }
      >
        <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
          {council.members.map((m) => (
            <Checkbox key={m.id} value={m.id}>
              {m.fullName} — {COUNCIL_ROLE_LABELS[m.councilRole]}
            </Checkbox>
          ))}
        </Checkbox.Group>
      </Form.Item>
      <Form.Item name="conclusions" label="Kết luận cuộc họp">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />
      </Form.Item>
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="meeting-error" />
      )}
      <Button type="primary" htmlType="submit" loading={saving}>
        Ghi nhận cuộc họp
      </Button>
    </Form>
  );
}

/** Opinions per member × appraised commune for one meeting (as recorded on the server). */
function OpinionsGrid({
  periodId,
  council,
  meetingId,
  appraised,
}: {
  periodId: string;
  council: Council;
  meetingId: string;
  appraised: PeriodResult[];
}) {
  const { message } = App.useApp();
  const { data: me } = useMe();
  const [opinions, setOpinions] = useState<Opinion[]>(
    () => council.meetings.find((m) => m.id === meetingId)?.opinions ?? [],
  );
  const isSecretary = hasPermission(me, 'council.manage');
  const speakers = council.members.filter((m) => isSecretary || (me && m.userId === me.user.id));
  if (appraised.length === 0)
    return <Empty description="Chưa có xã nào đã thẩm định xong để Hội đồng cho ý kiến." />;
  if (speakers.length === 0)
    return (
      <Typography.Text type="secondary">
        Bạn không phải thành viên Hội đồng có tài khoản liên kết.
      </Typography.Text>
    );
  async function record(memberId: string, evaluationId: string, opinion: 'achieved' | 'not_achieved') {
    try {
      setOpinions(
        await api.put<Opinion[]>(`/api/periods/${periodId}/council/meetings/${meetingId}/opinions`, {
          memberId,
          evaluationId,
          opinion,
        }),
      );
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Không ghi được ý kiến.');
    }
  }
  const valueOf = (memberId: string, evaluationId: string) =>
    opinions.find((o) => o.memberId === memberId && o.evaluationId === evaluationId)?.opinion;
  return (
    <Table<PeriodResult>
      rowKey="evaluationId"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={appraised}
      columns={[
        { title: 'Đơn vị', fixed: 'left', render: (_, r) => r.unit.name },
        ...speakers.map((m) => ({
          title: m.fullName,
          key: m.id,
          render: (_: unknown, r: PeriodResult) => (
            <Select
              size="small"
              style={{ width: 130 }}
              placeholder="Ý kiến"
              aria-label={`Ý kiến của ${m.fullName} về ${r.unit.name}`}
              value={valueOf(m.id, r.evaluationId)}
              onChange={(v) => void record(m.id, r.evaluationId, v)}
              options={[
                { value: 'achieved', label: 'Đạt' },
                { value: 'not_achieved', label: 'Không đạt' },
              ]}
            />
          ),
        })),
      ]}
    />
  );
}

/** "Hội đồng": create the council, record meetings (quorum shown live, checked by the server), opinions. */
export function CouncilTab({ periodId, results }: { periodId: string; results: PeriodResult[] }) {
  const client = useQueryClient();
  const { data: me } = useMe();
  const key = ['periods', periodId, 'council'];
  const {
    data: council,
    isLoading,
    error,
  } = useQuery({
    queryKey: key,
    queryFn: async () => {
      try {
        return await api.get<Council>(`/api/periods/${periodId}/council`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404 && e.message.includes('chưa có Hội đồng')) return null;
        throw e;
      }
    },
  });
  const [meetingId, setMeetingId] = useState<string | undefined>();
  const canManage = hasPermission(me, 'council.manage');
  const canOpine = hasPermission(me, 'council.opinion');
  const set = (c: Council) => client.setQueryData(key, c);

  if (isLoading) return <Typography.Text type="secondary">Đang tải Hội đồng…</Typography.Text>;
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error instanceof ApiError ? error.message : 'Không tải được Hội đồng.'}
      />
    );
  if (!council)
    return canManage ? (
      <Card title="Thành lập Hội đồng đánh giá" size="small">
        <CreateCouncilForm periodId={periodId} onCreated={set} />
      </Card>
    ) : (
      <Empty description="Kỳ đánh giá chưa có Hội đồng." />
    );

  const quorateMeetings = council.meetings.filter((m) => m.quorumMet);
  const selectedMeeting = meetingId ?? quorateMeetings.at(-1)?.id;
  const appraised = results.filter((r) => r.state === 'appraised');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Card size="small" title={council.name}>
        <List
          size="small"
          dataSource={council.members}
          renderItem={(m) => (
            <List.Item>
              <Flex wrap gap={8} align="center">
                <Typography.Text strong>{m.fullName}</Typography.Text>
                <Tag
                  color={
                    m.councilRole === 'chair' ? 'red' : m.councilRole === 'secretary' ? 'blue' : 'default'
                  }
                >
                  {COUNCIL_ROLE_LABELS[m.councilRole]}
                </Tag>
                <Typography.Text type="secondary">{m.position}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        <Typography.Text type="secondary">
          {council.members.length} thành viên; họp hợp lệ khi có tối thiểu {council.quorum} thành viên (2/3).
        </Typography.Text>
      </Card>
      <Card size="small" title="Các cuộc họp">
        <List
          size="small"
          dataSource={council.meetings}
          locale={{ emptyText: 'Chưa có cuộc họp nào.' }}
          renderItem={(m) => (
            <List.Item>
              <Space direction="vertical" size={2}>
                <Flex wrap gap={8} align="center">
                  <Typography.Text strong>
                    {m.mode === 'meeting' ? 'Họp Hội đồng' : 'Lấy ý kiến bằng văn bản'} ngày{' '}
                    {dateOrDash(m.heldOn)}
                  </Typography.Text>
                  {m.mode === 'meeting' && (
                    <Tag color={m.quorumMet ? 'green' : 'red'}>
                      Có mặt {m.presentMemberIds.length}/{council.members.length}
                    </Tag>
                  )}
                </Flex>
                {m.location && <Typography.Text type="secondary">Địa điểm: {m.location}</Typography.Text>}
                {m.conclusions && <Typography.Text>{m.conclusions}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      </Card>
      {canManage && (
        <Card size="small" title="Ghi nhận cuộc họp">
          <MeetingForm periodId={periodId} council={council} onDone={set} />
        </Card>
      )}
      {canOpine && quorateMeetings.length > 0 && (
        <Card
          size="small"
          title="Ý kiến của thành viên về từng xã"
          extra={
            quorateMeetings.length > 1 && (
              <Select
                size="small"
                value={selectedMeeting}
                onChange={setMeetingId}
                aria-label="Cuộc họp"
                options={quorateMeetings.map((m) => ({ value: m.id, label: `Ngày ${dateOrDash(m.heldOn)}` }))}
              />
            )
          }
        >
          <OpinionsGrid
            key={selectedMeeting}
            periodId={periodId}
            council={council}
            meetingId={selectedMeeting!}
            appraised={appraised}
          />
        </Card>
      )}
    </Space>
  );
}
