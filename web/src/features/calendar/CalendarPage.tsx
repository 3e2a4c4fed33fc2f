import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  CALENDAR_YEARS,
  deadlineQuery,
  holidayInput,
  MAX_DEADLINE_WORKING_DAYS,
  type CalendarYearDto,
  type DeadlineDto,
  type HolidayDto,
} from '@shared/calendar/calendar.schemas.ts';
import { dayOfWeek } from '@shared/calendar/working-days.ts';
import { DATE_INPUT_FORMAT, formatDate } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { useToday } from '@web/lib/auth.tsx';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const KIND_LABELS = { holiday: 'Nghỉ lễ', working_day: 'Làm bù' } as const;

type HolidayForm = { day?: Dayjs; name?: string; kind?: 'holiday' | 'working_day'; source?: string };

function errorText(error: unknown, fallback: string) {
  return error instanceof ApiError ? error.message : fallback;
}

/** "Lịch ngày nghỉ": the holidays and make-up days of a year, and the deadline calculator. */
export function CalendarPage() {
  const today = useToday();
  const [year, setYear] = useState(() => Number(today.slice(0, 4)));
  const { message } = App.useApp();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['calendar', year],
    queryFn: () => api.get<CalendarYearDto>(`/api/calendar/${year}`),
  });
  const [editing, setEditing] = useState<HolidayDto | 'new' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: ['calendar'] });

  const load = useMutation({
    mutationFn: () => api.post<CalendarYearDto>(`/api/calendar/${year}/builtin`),
    onSuccess: () => {
      message.success(`Đã nạp ngày nghỉ năm ${year}. Vui lòng đối chiếu với thông báo lịch nghỉ chính thức.`);
      return refresh();
    },
    onError: (e) => message.error(errorText(e, 'Không nạp được ngày nghỉ.')),
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/calendar/holidays/${id}`),
    onSuccess: () => {
      message.success('Đã xoá ngày khỏi lịch.');
      return refresh();
    },
    onError: (e) => message.error(errorText(e, 'Không xoá được.')),
  });

  const data = query.data;
  const canManage = data?.abilities.canManage ?? false;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%', maxWidth: 960 }}>
      <Typography.Title level={3}>Lịch ngày nghỉ</Typography.Title>
      <Alert
        type="info"
        showIcon
        title="Hạn theo ngày làm việc bỏ qua thứ Bảy, Chủ nhật và các ngày nghỉ lễ dưới đây, tính cả ngày làm bù."
        description={
          'Chính phủ công bố lịch nghỉ lễ, Tết và ngày làm bù của khu vực nhà nước hằng năm. ' +
          'Quản trị viên nạp bảng dựng sẵn rồi đối chiếu, xác nhận lịch của từng năm theo thông báo chính thức.'
        }
      />
      <Card
        title={
          <Space>
            <span>Năm</span>
            <InputNumber
              aria-label="Năm"
              min={CALENDAR_YEARS.min}
              max={CALENDAR_YEARS.max}
              value={year}
              onChange={(value) => value && setYear(value)}
            />
          </Space>
        }
        extra={
          canManage && (
            <Space wrap>
              {data?.builtin.available && data.builtin.missing > 0 && (
                <Button loading={load.isPending} onClick={() => load.mutate()}>
                  Nạp ngày nghỉ năm {year}
                </Button>
              )}
              <Button type="primary" onClick={() => setEditing('new')}>
                Thêm ngày
              </Button>
            </Space>
          )
        }
      >
        {query.error && (
          <Alert type="error" showIcon title={errorText(query.error, 'Không tải được lịch.')} />
        )}
        {data && !data.loaded && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`Năm ${year} chưa có lịch ngày nghỉ: hạn trong năm này chỉ bỏ qua thứ Bảy, Chủ nhật.`}
            description={
              data.builtin.available
                ? canManage
                  ? `Bấm "Nạp ngày nghỉ năm ${year}" để nạp bảng dựng sẵn, rồi đối chiếu thông báo chính thức.`
                  : 'Vui lòng đề nghị quản trị viên nạp lịch của năm này.'
                : 'Chưa có bảng dựng sẵn cho năm này: quản trị viên nhập từng ngày theo thông báo.'
            }
          />
        )}
        {data?.builtin.status === 'provisional' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={`Bảng dựng sẵn năm ${year} là tạm tính theo Bộ luật Lao động (chưa có thông báo lịch nghỉ chính thức).`}
          />
        )}
        <Table<HolidayDto>
          rowKey="id"
          size="small"
          loading={query.isLoading}
          dataSource={data?.days ?? []}
          pagination={false}
          locale={{ emptyText: 'Chưa có ngày nào' }}
          columns={[
            {
              title: 'Ngày',
              dataIndex: 'day',
              render: (day: string) => `${WEEKDAYS[dayOfWeek(day)]}, ${formatDate(day)}`,
            },
            { title: 'Tên', dataIndex: 'name' },
            {
              title: 'Loại',
              dataIndex: 'kind',
              render: (kind: HolidayDto['kind']) => (
                <Tag color={kind === 'holiday' ? 'red' : 'blue'}>{KIND_LABELS[kind]}</Tag>
              ),
            },
            { title: 'Căn cứ', dataIndex: 'source', ellipsis: true },
            ...(canManage
              ? [
                  {
                    title: '',
                    key: 'actions',
                    render: (_: unknown, row: HolidayDto) => (
                      <Space>
                        <Button size="small" onClick={() => setEditing(row)}>
                          Sửa
                        </Button>
                        <Popconfirm
                          title={`Xoá ngày ${formatDate(row.day)} khỏi lịch?`}
                          okText="Xoá"
                          cancelText="Huỷ"
                          onConfirm={() => remove.mutate(row.id)}
                        >
                          <Button size="small" danger>
                            Xoá
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <DeadlineCalculator />
      {editing && (
        <HolidayModal
          holiday={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(day) => {
            setEditing(null);
            setYear(Number(day.slice(0, 4)));
            message.success('Đã lưu.');
            return refresh();
          }}
        />
      )}
    </Space>
  );
}

/** Add or edit one day; the shared zod schema checks the form as the server does. */
function HolidayModal(props: { holiday: HolidayDto | null; onClose(): void; onSaved(day: string): void }) {
  const [form] = Form.useForm<HolidayForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const h = props.holiday;

  async function save(values: HolidayForm) {
    setError(null);
    const parsed = holidayInput.safeParse({
      day: values.day?.format('YYYY-MM-DD') ?? '',
      name: values.name ?? '',
      kind: values.kind,
      source: values.source ?? '',
    });
    if (!parsed.success) {
      form.setFields(
        parsed.error.issues.map((issue) => ({
          name: String(issue.path[0] ?? 'day') as keyof HolidayForm,
          errors: [issue.message],
        })),
      );
      return;
    }
    setSaving(true);
    try {
      if (h)
        await api.put(`/api/calendar/holidays/${h.id}`, { ...parsed.data, expectedUpdatedAt: h.updatedAt });
      else await api.post('/api/calendar/holidays', parsed.data);
      props.onSaved(parsed.data.day);
    } catch (e) {
      setError(errorText(e, 'Không lưu được.'));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={h ? `Sửa ngày ${formatDate(h.day)}` : 'Thêm ngày vào lịch'}
      okText="Lưu"
      cancelText="Huỷ"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={props.onClose}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<HolidayForm>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          h
            ? { day: dayjs(h.day), name: h.name, kind: h.kind, source: h.source }
            : { kind: 'holiday', source: '' }
        }
      >
        <Form.Item label="Ngày" name="day" rules={[{ required: true, message: 'Vui lòng chọn ngày' }]}>
          <DatePicker format={DATE_INPUT_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item label="Loại" name="kind">
          <Radio.Group
            options={[
              { value: 'holiday', label: 'Ngày nghỉ (lễ, Tết, nghỉ bù, hoán đổi)' },
              { value: 'working_day', label: 'Ngày làm bù (thứ Bảy/Chủ nhật đi làm)' },
            ]}
          />
        </Form.Item>
        <Form.Item
          label="Tên"
          name="name"
          rules={[{ required: true, message: 'Vui lòng nhập tên ngày nghỉ' }]}
        >
          <Input maxLength={200} placeholder="Ví dụ: Tết Dương lịch" />
        </Form.Item>
        <Form.Item label="Căn cứ (văn bản thông báo)" name="source">
          <Input maxLength={500} placeholder="Ví dụ: Thông báo số …/TB-BNV ngày …" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** "Tính hạn": N working days from a date, with the server's explanation. */
function DeadlineCalculator() {
  const [form] = Form.useForm<{ from?: Dayjs; workingDays?: number }>();
  const [result, setResult] = useState<DeadlineDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function compute(values: { from?: Dayjs; workingDays?: number }) {
    setError(null);
    const parsed = deadlineQuery.safeParse({
      from: values.from?.format('YYYY-MM-DD') ?? '',
      workingDays: values.workingDays,
    });
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message).join('; '));
      return;
    }
    try {
      const params = new URLSearchParams({
        from: parsed.data.from,
        workingDays: String(parsed.data.workingDays),
      });
      setResult(await api.get<DeadlineDto>(`/api/calendar/deadline?${params}`));
    } catch (e) {
      setResult(null);
      setError(errorText(e, 'Không tính được hạn.'));
    }
  }

  return (
    <Card title="Tính hạn theo ngày làm việc">
      <Typography.Paragraph type="secondary">
        Thời hạn bắt đầu từ ngày tiếp theo ngày xảy ra sự việc (Bộ luật Dân sự 2015, Điều 147); chỉ đếm ngày
        làm việc.
      </Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={compute} initialValues={{ workingDays: 15 }}>
        <Form.Item label="Kể từ ngày" name="from" rules={[{ required: true, message: 'Vui lòng chọn ngày' }]}>
          <DatePicker format={DATE_INPUT_FORMAT} />
        </Form.Item>
        <Form.Item label="Số ngày làm việc" name="workingDays">
          <InputNumber min={1} max={MAX_DEADLINE_WORKING_DAYS} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          Tính hạn
        </Button>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {result && (
        <Space direction="vertical" style={{ marginTop: 16, width: '100%' }}>
          <Alert
            type="success"
            showIcon
            title={`Hạn: ${formatDate(result.deadline)}`}
            description={result.explanation}
          />
          {result.unloadedYears.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={`Năm ${result.unloadedYears.join(', ')} chưa có lịch ngày nghỉ: chỉ bỏ qua thứ Bảy, Chủ nhật. Hạn có thể còn thay đổi.`}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
