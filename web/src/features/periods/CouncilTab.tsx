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
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  TimePicker,
  Tooltip,
  Typography,
  App,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  COUNCIL_MAX_MEMBERS,
  COUNCIL_ROLE_LABELS,
  PROXY_NOTE_PREFIX,
} from '@shared/evaluations/evaluations.schemas.ts';
import { foldVietnamese } from '@shared/format/vi.ts';
import { isQuorate, quorumOf } from '@shared/evaluations/council.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';
import {
  problemsByField,
  type Council,
  type CouncilCandidate,
  type CouncilRole,
  type Opinion,
  type PeriodResult,
} from './periods.api.ts';

const ROLE_OPTIONS = (Object.keys(COUNCIL_ROLE_LABELS) as CouncilRole[]).map((value) => ({
  value,
  label: COUNCIL_ROLE_LABELS[value],
}));

/** Accounts of the organiser's province holding a council or province role (the server checks again). */
function useCandidates(periodId: string) {
  return useQuery({
    queryKey: ['periods', periodId, 'council', 'candidates'],
    queryFn: () => api.get<CouncilCandidate[]>(`/api/periods/${periodId}/council/candidates`),
    staleTime: 60_000,
  });
}

/** A searchable select of the accounts a member may be linked to (search ignores diacritics). */
function AccountSelect({
  periodId,
  value,
  onChange,
  ariaLabel,
  loading,
}: {
  periodId: string;
  value?: string | null;
  onChange?: (userId: string | null) => void;
  ariaLabel: string;
  loading?: boolean;
}) {
  const { data, isLoading } = useCandidates(periodId);
  return (
    <Select
      allowClear
      showSearch={{
        filterOption: (input, option) =>
          foldVietnamese(String(option?.label ?? '')).includes(foldVietnamese(input)),
      }}
      placeholder="Liên kết tài khoản (tìm theo tên)"
      loading={isLoading || loading}
      value={value ?? undefined}
      onChange={(v?: string) => onChange?.(v ?? null)}
      aria-label={ariaLabel}
      notFoundContent="Không có tài khoản Hội đồng, Sở Tư pháp phù hợp"
      options={(data ?? []).map((c) => ({
        value: c.id,
        label: `${c.fullName} (${c.username})`,
        title: c.roles.join('; '),
      }))}
      style={{ width: '100%' }}
    />
  );
}

type MemberInput = { fullName: string; position: string; councilRole: CouncilRole; userId?: string | null };

function CreateCouncilForm({ periodId, onCreated }: { periodId: string; onCreated: (c: Council) => void }) {
  const [form] = Form.useForm<{ name: string; members: MemberInput[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(values: { name: string; members: MemberInput[] }) {
    setError(null);
    setSaving(true);
    try {
      onCreated(
        await api.post<Council>(`/api/periods/${periodId}/council`, {
          ...values,
          members: values.members.map(({ userId, ...m }) => (userId ? { ...m, userId } : m)),
        }),
      );
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
                <Form.Item name={[field.name, 'userId']} style={{ flex: '1 1 220px', marginBottom: 8 }}>
                  <AccountSelect periodId={periodId} ariaLabel={`Tài khoản thành viên ${index + 1}`} />
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
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  chairMemberId?: string;
  secretaryMemberId?: string;
};

/** Who signs by default among those present: the chair (else a vice-chair) and the secretary. */
function defaultSigners(council: Council, present: string[]) {
  const here = (role: CouncilRole) =>
    council.members.find((m) => m.councilRole === role && present.includes(m.id))?.id;
  return { chairMemberId: here('chair') ?? here('vice_chair'), secretaryMemberId: here('secretary') };
}

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
  const presentOptions = council.members
    .filter((m) => present.includes(m.id))
    .map((m) => ({ value: m.id, label: `${m.fullName} — ${COUNCIL_ROLE_LABELS[m.councilRole]}` }));
  async function submit(values: MeetingInput) {
    setError(null);
    setSaving(true);
    try {
      const { startTime, endTime, chairMemberId, secretaryMemberId, ...rest } = values;
      const next = await api.post<Council>(`/api/periods/${periodId}/council/meetings`, {
        ...rest,
        heldOn: values.heldOn.format('YYYY-MM-DD'),
        presentMemberIds: values.presentMemberIds ?? [],
        ...(startTime ? { startTime: startTime.format('HH:mm') } : {}),
        ...(endTime ? { endTime: endTime.format('HH:mm') } : {}),
        ...(values.mode === 'meeting' && chairMemberId ? { chairMemberId } : {}),
        ...(values.mode === 'meeting' && secretaryMemberId ? { secretaryMemberId } : {}),
      });
      form.resetFields();
      onDone(next);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const byField = problemsByField(e.details?.problems);
        form.setFields(
          (['presentMemberIds', 'startTime', 'endTime', 'chairMemberId', 'secretaryMemberId'] as const)
            .filter((f) => byField.has(f))
            .map((name) => ({ name, errors: byField.get(name)! })),
        );
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
      onValuesChange={(changed: Partial<MeetingInput>, all) => {
        // Signers must be present: keep a pick still present, else default to the chair/secretary present.
        if (!changed.presentMemberIds) return;
        const present = all.presentMemberIds ?? [];
        const defaults = defaultSigners(council, present);
        form.setFieldsValue({
          chairMemberId:
            all.chairMemberId && present.includes(all.chairMemberId)
              ? all.chairMemberId
              : defaults.chairMemberId,
          secretaryMemberId:
            all.secretaryMemberId && present.includes(all.secretaryMemberId)
              ? all.secretaryMemberId
              : defaults.secretaryMemberId,
        });
      }}
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
      <Flex wrap gap={16}>
        <Form.Item
          name="startTime"
          label="Giờ bắt đầu"
          extra="Để trống nếu không ghi: biên bản để chỗ trống"
          style={{ flex: '0 1 200px' }}
        >
          <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} aria-label="Giờ bắt đầu" />
        </Form.Item>
        <Form.Item name="endTime" label="Giờ kết thúc" style={{ flex: '0 1 200px' }}>
          <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} aria-label="Giờ kết thúc" />
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
      {mode === 'meeting' && (
        <Flex wrap gap={16}>
          <Form.Item name="chairMemberId" label="Người chủ trì (ký biên bản)" style={{ flex: '1 1 240px' }}>
            <Select
              aria-label="Người chủ trì"
              placeholder="Chọn trong số thành viên có mặt"
              options={presentOptions}
            />
          </Form.Item>
          <Form.Item
            name="secretaryMemberId"
            label="Thư ký cuộc họp (ký biên bản)"
            style={{ flex: '1 1 240px' }}
          >
            <Select
              aria-label="Thư ký cuộc họp"
              placeholder="Chọn trong số thành viên có mặt"
              options={presentOptions}
            />
          </Form.Item>
        </Flex>
      )}
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

type PendingProxy = {
  memberId: string;
  memberName: string;
  evaluationId: string;
  opinion: Opinion['opinion'];
};

/**
 * Opinions at one meeting: one row per member who may speak there (those present; everyone in a
 * written consultation), one column per appraised commune. A member edits only his own row; the
 * secretary may write another member's opinion with a note "Ghi thay theo …" (asked in a dialog).
 * Absent members are listed without a form: they send a written opinion (Mẫu 06).
 */
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
  const meeting = council.meetings.find((m) => m.id === meetingId);
  const [opinions, setOpinions] = useState<Opinion[]>(() => meeting?.opinions ?? []);
  const [pending, setPending] = useState<PendingProxy | null>(null);
  const [note, setNote] = useState('');
  const isSecretary = hasPermission(me, 'council.manage');
  const mine = council.members.find((m) => me && m.userId === me.user.id);
  if (appraised.length === 0)
    return <Empty description="Chưa có xã nào đã thẩm định xong để Hội đồng cho ý kiến." />;
  if (!meeting) return null;
  const speaks = (id: string) => meeting.mode === 'written' || meeting.presentMemberIds.includes(id);
  const speakers = council.members.filter((m) => speaks(m.id));
  const absent = council.members.filter((m) => !speaks(m.id));
  async function record(
    memberId: string,
    evaluationId: string,
    opinion: Opinion['opinion'],
    proxyNote?: string,
  ) {
    try {
      setOpinions(
        await api.put<Opinion[]>(`/api/periods/${periodId}/council/meetings/${meetingId}/opinions`, {
          memberId,
          evaluationId,
          opinion,
          ...(proxyNote ? { proxyNote } : {}),
        }),
      );
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Không ghi được ý kiến.');
      return false;
    }
  }
  const find = (memberId: string, evaluationId: string) =>
    opinions.find((o) => o.memberId === memberId && o.evaluationId === evaluationId);
  const label = (o: Opinion['opinion']) => (o === 'achieved' ? 'Đạt' : 'Không đạt');
  const noteOk =
    note.trim().toLocaleLowerCase('vi').startsWith(PROXY_NOTE_PREFIX.toLocaleLowerCase('vi')) &&
    note.trim().length >= PROXY_NOTE_PREFIX.length + 3;
  type Row = Council['members'][number];
  return (
    <Space direction="vertical" style={{ width: '100%', minWidth: 0 }}>
      {!mine && !isSecretary && (
        <Alert
          type="info"
          showIcon
          title="Bạn không phải thành viên Hội đồng có tài khoản liên kết."
          description="Đề nghị Thư ký Hội đồng liên kết tài khoản của bạn với tên của bạn trong danh sách thành viên."
        />
      )}
      {mine && !speaks(mine.id) && (
        <Alert
          type="warning"
          showIcon
          title="Bạn vắng mặt tại cuộc họp này nên không có ý kiến tại cuộc họp; hãy gửi ý kiến bằng văn bản (Mẫu 06)."
        />
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={speakers}
        rowClassName={(m) => (m.id === mine?.id ? 'council-own-row' : '')}
        columns={[
          {
            title: 'Thành viên',
            fixed: 'left',
            render: (_, m) => (
              <Space direction="vertical" size={0}>
                <Typography.Text strong={m.id === mine?.id}>
                  {m.fullName}
                  {m.id === mine?.id && ' (bạn)'}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {COUNCIL_ROLE_LABELS[m.councilRole]}
                </Typography.Text>
              </Space>
            ),
          },
          ...appraised.map((r) => ({
            title: r.unit.name,
            key: r.evaluationId,
            render: (_: unknown, m: Row) => {
              const current = find(m.id, r.evaluationId);
              const own = m.id === mine?.id;
              const proxyInfo = current?.proxyNote && (
                <Tooltip title={current.recordedBy ? `Người ghi: ${current.recordedBy}` : undefined}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="proxy-note">
                    {current.proxyNote}
                  </Typography.Text>
                </Tooltip>
              );
              if (!own && !isSecretary)
                return (
                  <Space direction="vertical" size={0}>
                    <Typography.Text type={current ? undefined : 'secondary'}>
                      {current ? label(current.opinion) : 'Chưa có ý kiến'}
                    </Typography.Text>
                    {proxyInfo}
                  </Space>
                );
              return (
                <Space direction="vertical" size={0}>
                  <Select
                    size="small"
                    style={{ width: 130 }}
                    placeholder={own ? 'Ý kiến của bạn' : 'Ghi thay'}
                    aria-label={`Ý kiến của ${m.fullName} về ${r.unit.name}`}
                    value={current?.opinion}
                    onChange={(v) => {
                      if (own) void record(m.id, r.evaluationId, v);
                      else {
                        setNote(`${PROXY_NOTE_PREFIX} `);
                        setPending({
                          memberId: m.id,
                          memberName: m.fullName,
                          evaluationId: r.evaluationId,
                          opinion: v,
                        });
                      }
                    }}
                    options={[
                      { value: 'achieved', label: 'Đạt' },
                      { value: 'not_achieved', label: 'Không đạt' },
                    ]}
                  />
                  {proxyInfo}
                </Space>
              );
            },
          })),
        ]}
      />
      {absent.length > 0 && (
        <Typography.Text type="secondary" data-testid="absent-members">
          Vắng mặt (không có ý kiến tại cuộc họp, gửi ý kiến bằng văn bản – Mẫu 06):{' '}
          {absent.map((m) => m.fullName).join(', ')}.
        </Typography.Text>
      )}
      <Modal
        open={pending !== null}
        title={pending ? `Ghi thay ý kiến của ${pending.memberName}` : ''}
        okText="Ghi ý kiến"
        cancelText="Hủy"
        okButtonProps={{ disabled: !noteOk }}
        onCancel={() => setPending(null)}
        onOk={async () => {
          if (pending && (await record(pending.memberId, pending.evaluationId, pending.opinion, note.trim())))
            setPending(null);
        }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          Ý kiến: <b>{pending && label(pending.opinion)}</b>. Ghi rõ căn cứ ghi thay; ghi chú được lưu cùng ý
          kiến và nhật ký.
        </Typography.Paragraph>
        <Input.TextArea
          aria-label="Ghi chú ghi thay"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={1000}
          placeholder={`${PROXY_NOTE_PREFIX} ý kiến phát biểu tại cuộc họp`}
        />
        {!noteOk && (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            Ghi chú bắt đầu bằng &quot;{PROXY_NOTE_PREFIX} …&quot; và nêu căn cứ.
          </Typography.Text>
        )}
      </Modal>
    </Space>
  );
}

/** Links a member to an account right from the members list (secretary, province administrator). */
function MemberAccount({
  periodId,
  member,
  canManage,
  onDone,
}: {
  periodId: string;
  member: Council['members'][number];
  canManage: boolean;
  onDone: (c: Council) => void;
}) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  if (!canManage)
    return member.username ? (
      <Tag color="green">Tài khoản: {member.username}</Tag>
    ) : (
      <Tag>Chưa liên kết tài khoản</Tag>
    );
  return (
    <div style={{ minWidth: 240, flex: '0 1 300px' }}>
      <AccountSelect
        periodId={periodId}
        value={member.userId}
        loading={saving}
        ariaLabel={`Tài khoản của ${member.fullName}`}
        onChange={async (userId) => {
          setSaving(true);
          try {
            onDone(
              await api.put<Council>(`/api/periods/${periodId}/council/members/${member.id}/user`, {
                userId,
              }),
            );
            message.success(userId ? `Đã liên kết tài khoản cho ${member.fullName}.` : 'Đã bỏ liên kết.');
          } catch (e) {
            message.error(e instanceof ApiError ? e.message : 'Không liên kết được tài khoản.');
          } finally {
            setSaving(false);
          }
        }}
      />
    </div>
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
  const nameOf = (id: string | null) => council.members.find((m) => m.id === id)?.fullName ?? '—';
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
                <MemberAccount periodId={periodId} member={m} canManage={canManage} onDone={set} />
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
                {m.mode === 'meeting' && (
                  <Typography.Text type="secondary">
                    Thời gian: {m.startTime ? m.startTime.replace(':', ' giờ ') + ' phút' : '… giờ … phút'}{' '}
                    đến {m.endTime ? m.endTime.replace(':', ' giờ ') + ' phút' : '… giờ … phút'}
                    {' · '}Chủ trì: {nameOf(m.chairMemberId)} · Thư ký: {nameOf(m.secretaryMemberId)}
                  </Typography.Text>
                )}
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
