/**
 * "Sổ sách của xã" (issue #13): one tab per book, the form of each record kind generated from its
 * fields (shared/books/kinds.ts) — Enter saves and starts the next record —, the list with filters,
 * import and export. Every filter is in the URL, so `?kind=…&measure=…` opens exactly the records
 * behind a figure of an evaluation.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
  Upload,
  type InputRef,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import {
  BOOK_IDS,
  BOOK_KINDS,
  BOOK_LABELS,
  isBookKindId,
  kindsOfBook,
  type BookField,
  type BookKind,
  type BookKindId,
} from '@shared/books/kinds.ts';
import type { BookRecord, BookRecordPage, ReceptionSummary } from '@shared/books/books.contract.ts';
import { compareVietnamese, DATE_INPUT_FORMAT, formatDate, formatDecimal } from '@shared/format/vi.ts';
import { api, getCsrfToken } from '@web/lib/api.ts';
import { hasPermission } from '@web/lib/auth.tsx';
import {
  MeasureBanner,
  UnitAndRange,
  useRegisterFilters,
} from '@web/features/registers/register-filters.tsx';

function showValue(field: BookField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.type === 'date') return formatDate(String(value));
  if (field.type === 'bool') return value ? 'Có' : 'Không';
  if (field.type === 'int') return formatDecimal(Number(value));
  if (field.type === 'choice') return field.options?.find((o) => o.value === value)?.label ?? String(value);
  return String(value);
}

type FormValues = Record<string, string | number | boolean | Dayjs | null | undefined>;

function toForm(kind: BookKind, data: BookRecord['data']): FormValues {
  const out: FormValues = {};
  for (const f of kind.fields) {
    const v = data[f.name];
    out[f.name] = f.type === 'date' && typeof v === 'string' ? dayjs(v) : v;
  }
  return out;
}

function fromForm(kind: BookKind, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of kind.fields) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    if (f.type === 'date') out[f.name] = (v as Dayjs).format('YYYY-MM-DD');
    else if (f.type === 'bool') {
      if (v) out[f.name] = true;
    } else out[f.name] = v;
  }
  return out;
}

/**
 * The control of one field. Form.Item gives its direct child `id`, `value`/`checked` and `onChange`:
 * they are passed on to the control, so the label names it and the form holds its value.
 */
function FieldInput({
  field,
  inputRef,
  ...control
}: {
  field: BookField;
  inputRef?: React.Ref<InputRef>;
  id?: string;
  value?: never;
  checked?: boolean;
  onChange?: (...args: never[]) => void;
}) {
  const props = control as Record<string, unknown>;
  switch (field.type) {
    case 'date':
      return (
        <DatePicker
          {...props}
          format={DATE_INPUT_FORMAT}
          placeholder="dd/mm/yyyy"
          style={{ width: '100%' }}
        />
      );
    case 'int':
      return <InputNumber {...props} min={0} style={{ width: '100%' }} decimalSeparator="," />;
    case 'bool':
      return <Checkbox {...props}>{field.label}</Checkbox>;
    case 'choice':
      return (
        <Select
          {...props}
          showSearch={{ optionFilterProp: 'label' }}
          options={(field.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
        />
      );
    case 'text':
      return field.long ? (
        <Input.TextArea {...props} autoSize={{ minRows: 1, maxRows: 4 }} />
      ) : (
        <Input {...props} ref={inputRef} />
      );
  }
}

/** The entry form of one kind; Enter (or the button) saves and clears it for the next record. */
function RecordForm({
  kind,
  unitId,
  editing,
  onSaved,
  onCancelEdit,
}: {
  kind: BookKind;
  unitId: string;
  editing: BookRecord | null;
  onSaved: () => void;
  onCancelEdit: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const first = useRef<InputRef>(null);
  // A new kind or another record to edit: the form starts from it.
  useEffect(() => {
    form.resetFields();
    if (editing) form.setFieldsValue(toForm(kind, editing.data));
  }, [form, kind, editing]);

  async function save(values: FormValues) {
    setSaving(true);
    try {
      const data = fromForm(kind, values);
      if (editing)
        await api.put(`/api/books/records/${editing.id}`, { expectedVersion: editing.version, data });
      else await api.post('/api/books/records', { unitId, kind: kind.id, data });
      message.success(editing ? 'Đã sửa bản ghi.' : 'Đã ghi vào sổ.');
      form.resetFields();
      onSaved();
      first.current?.focus();
    } catch (e) {
      const details = (e as { details?: { problems?: { field: string; message: string }[] } }).details;
      const problems = details?.problems ?? [];
      form.setFields(
        problems
          .filter((p) => p.field.startsWith('data.'))
          .map((p) => ({ name: p.field.slice(5), errors: [p.message] })),
      );
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Card size="small" title={editing ? `Sửa: ${kind.label}` : `Ghi mới: ${kind.label}`}>
      <div data-testid={`book-form-${kind.id}`}>
        <Form form={form} layout="vertical" onFinish={save}>
          <Flex wrap gap={12}>
            {kind.fields.map((f, i) => (
              <Form.Item
                key={f.name}
                name={f.name}
                label={f.type === 'bool' ? undefined : f.label}
                valuePropName={f.type === 'bool' ? 'checked' : 'value'}
                rules={f.required ? [{ required: true, message: `Nhập "${f.label}"` }] : []}
                style={{
                  minWidth: f.long || f.name === 'trichYeu' || f.name === 'noiDung' ? 320 : 180,
                  margin: 0,
                }}
              >
                <FieldInput field={f} inputRef={i === 0 ? first : undefined} />
              </Form.Item>
            ))}
          </Flex>
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" htmlType="submit" loading={saving}>
              {editing ? 'Lưu thay đổi' : 'Ghi vào sổ (Enter)'}
            </Button>
            {editing && <Button onClick={onCancelEdit}>Hủy sửa</Button>}
          </Space>
        </Form>
      </div>
    </Card>
  );
}

/** 01/TCD and 01/XLD for the chosen range, and the six-month or yearly report. */
function ReceptionSummaryCard({ unitId, from, to }: { unitId: string; from: string; to: string }) {
  const q = `unitId=${unitId}&from=${from}&to=${to}`;
  const summary = useQuery({
    queryKey: ['books', 'reception-summary', q],
    queryFn: () => api.get<ReceptionSummary>(`/api/books/reception-summary?${q}`),
  });
  const s = summary.data;
  const rows = s
    ? ([
        ['Tổng số đơn trong kỳ', s.petitions.inPeriod],
        ['Kỳ trước chuyển sang', s.petitions.carried],
        ['Tiếp nhận mới', s.petitions.fresh],
        ['Đã giải quyết', s.petitions.resolved],
        ['Giải quyết đúng hạn', s.petitions.resolvedOnTime],
        ['Đang giải quyết', s.petitions.pending],
      ] as const)
    : [];
  return (
    <Card
      size="small"
      title={`Tổng hợp 01/TCD, 01/XLD (${formatDate(from)} – ${formatDate(to)})`}
      extra={
        <Button href={`/api/books/report?${q}`} data-testid="books-report-download">
          Tải báo cáo 6 tháng / năm (DOCX)
        </Button>
      }
    >
      {s && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            Tiếp công dân: {formatDecimal(s.reception.sessions)} buổi (lãnh đạo tiếp định kỳ{' '}
            {formatDecimal(s.reception.leaderSessions)}), {formatDecimal(s.reception.visits)} lượt công dân,{' '}
            {formatDecimal(s.reception.groups)} đoàn đông người.
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r[0]}
            dataSource={rows as unknown as (readonly [string, ReceptionSummary['petitions']['inPeriod']])[]}
            columns={[
              { title: 'Đơn', render: (_, r) => r[0] },
              { title: 'Tổng', render: (_, r) => formatDecimal(r[1].total) },
              { title: 'Khiếu nại', render: (_, r) => formatDecimal(r[1].khieuNai) },
              { title: 'Tố cáo', render: (_, r) => formatDecimal(r[1].toCao) },
              { title: 'Kiến nghị', render: (_, r) => formatDecimal(r[1].kienNghi) },
              { title: 'Phản ánh', render: (_, r) => formatDecimal(r[1].phanAnh) },
              { title: 'Tranh chấp đất đai', render: (_, r) => formatDecimal(r[1].datDai) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

export function BooksPage() {
  const register = useRegisterFilters();
  const { me, params, set, unitId, from, to, measure, page, pageSize, setPageSize } = register;
  const { message } = App.useApp();
  const kindParam = params.get('kind') ?? 'document';
  const kindId: BookKindId = isBookKindId(kindParam) ? kindParam : 'document';
  const kind = BOOK_KINDS[kindId];
  const filter = params.get('filter') ?? '';
  const [editing, setEditing] = useState<BookRecord | null>(null);

  // Standing records (propagandists, teams) are listed whatever their start date unless a range is asked.
  const byRange = !kind.standing || params.has('from') || !!measure;
  const query = new URLSearchParams({ kind: kindId, page: String(page), pageSize: String(pageSize) });
  if (byRange) {
    query.set('from', from);
    query.set('to', to);
  }
  if (unitId) query.set('unitId', unitId);
  if (filter) query.set('filter', filter);
  if (measure) query.set('measure', measure);
  const list = useQuery({
    queryKey: ['books', 'records', query.toString()],
    queryFn: () => api.get<BookRecordPage>(`/api/books/records?${query.toString()}`),
  });
  const queryClient = useQueryClient();
  // The list and the 01/TCD–01/XLD figures both change with a record.
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['books'] });
  const canEdit = hasPermission(me, 'registers.edit') && !!unitId;
  const filters = new Map(
    filter
      .split(';')
      .filter(Boolean)
      .map((p) => p.split(':') as [string, string]),
  );
  const setFilter = (name: string, value: string | undefined) => {
    const next = new Map(filters);
    if (value === undefined) next.delete(name);
    else next.set(name, value);
    set({ filter: [...next].map(([k, v]) => `${k}:${v}`).join(';') || undefined });
  };

  async function upload(file: File) {
    const body = new FormData();
    body.append('file', file, file.name);
    const response = await fetch(`/api/books/records/import?unitId=${unitId}&kind=${kindId}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': getCsrfToken() ?? '' },
      body,
    });
    const json = (await response.json().catch(() => null)) as {
      created?: number;
      error?: { message?: string };
    } | null;
    if (!response.ok) {
      message.error({
        content: (
          <span style={{ whiteSpace: 'pre-line' }}>{json?.error?.message ?? 'Không nhập được tệp.'}</span>
        ),
        duration: 15,
      });
      return;
    }
    message.success(`Đã nhập ${formatDecimal(json?.created ?? 0)} bản ghi từ "${file.name}".`);
    await refresh();
  }

  async function remove(r: BookRecord) {
    try {
      await api.delete(`/api/books/records/${r.id}?expectedVersion=${r.version}`);
      message.success('Đã xóa bản ghi.');
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    }
  }

  const book = kind.book;
  const exportQuery = new URLSearchParams(query);
  exportQuery.delete('page');
  exportQuery.delete('pageSize');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Sổ sách của xã
      </Typography.Title>
      <Tabs
        activeKey={book}
        onChange={(b) => {
          setEditing(null);
          set({
            kind: kindsOfBook(b as (typeof BOOK_IDS)[number])[0]!.id,
            measure: undefined,
            filter: undefined,
          });
        }}
        items={BOOK_IDS.map((b) => ({ key: b, label: BOOK_LABELS[b] }))}
      />
      {kindsOfBook(book).length > 1 && (
        <Segmented
          value={kindId}
          onChange={(k) => {
            setEditing(null);
            set({ kind: String(k), measure: undefined, filter: undefined });
          }}
          options={kindsOfBook(book).map((k) => ({ value: k.id, label: k.label }))}
        />
      )}
      <MeasureBanner filters={register} data={list.data} testId="books-measure" />
      <Card size="small">
        <Space wrap>
          <UnitAndRange filters={register} />
          {kind.fields
            .filter((f) => f.filter)
            .map((f) => (
              <Select
                key={f.name}
                allowClear
                placeholder={f.label}
                aria-label={f.label}
                style={{ minWidth: 180 }}
                value={filters.get(f.name)}
                onChange={(v: string | undefined) => setFilter(f.name, v)}
                options={
                  f.type === 'bool'
                    ? [
                        { value: 'true', label: `${f.label}: có` },
                        { value: 'false', label: `${f.label}: không` },
                      ]
                    : (f.options ?? []).map((o) => ({ value: o.value, label: o.label }))
                }
              />
            ))}
          <Button href={`/api/books/records/export?${exportQuery.toString()}`}>Tải XLSX</Button>
          {canEdit && (
            <Upload
              accept=".csv,.xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button>Nhập từ tệp CSV/Excel</Button>
            </Upload>
          )}
        </Space>
      </Card>
      {canEdit && unitId && (
        <RecordForm
          kind={kind}
          unitId={unitId}
          editing={editing}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
          onCancelEdit={() => setEditing(null)}
        />
      )}
      {book === 'tiepCongDan' && unitId && <ReceptionSummaryCard unitId={unitId} from={from} to={to} />}
      {list.error && <Alert type="error" showIcon title={(list.error as Error).message} />}
      <Table<BookRecord>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          pageSizeOptions: [20, 50, 100, 200],
          showTotal: (total) => `${formatDecimal(total)} ${kind.noun}`,
          onChange: (p, size) => {
            setPageSize(size);
            set({ page: String(p) });
          },
        }}
        locale={{ emptyText: 'Chưa có bản ghi nào phù hợp.' }}
        columns={[
          ...(measure && list.data?.counted !== null
            ? [
                {
                  title: 'Được tính',
                  key: 'counted',
                  width: 100,
                  render: (_: unknown, r: BookRecord) =>
                    r.counted ? <Tag color="green">Có</Tag> : <Tag>Không</Tag>,
                },
              ]
            : []),
          ...(!unitId || list.data?.items.some((i) => i.formerUnit)
            ? [
                {
                  title: 'Đơn vị',
                  key: 'unit',
                  sorter: (a: BookRecord, b: BookRecord) => compareVietnamese(a.unitName, b.unitName),
                  render: (_: unknown, r: BookRecord) => (
                    <>
                      {r.unitName} {r.formerUnit && <Tag>Xã cũ (trước sắp xếp)</Tag>}
                    </>
                  ),
                },
              ]
            : []),
          ...kind.fields
            .filter((f) => f.column)
            .map((f) => ({
              title: f.label,
              key: f.name,
              sorter: (a: BookRecord, b: BookRecord) =>
                f.type === 'text'
                  ? compareVietnamese(String(a.data[f.name] ?? ''), String(b.data[f.name] ?? ''))
                  : String(a.data[f.name] ?? '').localeCompare(String(b.data[f.name] ?? '')),
              render: (_: unknown, r: BookRecord) => showValue(f, r.data[f.name]),
            })),
          ...(canEdit
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, r: BookRecord) =>
                    r.formerUnit ? null : (
                      <Space size={4}>
                        <Button size="small" onClick={() => setEditing(r)}>
                          Sửa
                        </Button>
                        <Popconfirm
                          title="Xóa bản ghi này?"
                          okText="Xóa"
                          cancelText="Hủy"
                          onConfirm={() => void remove(r)}
                        >
                          <Button size="small" danger>
                            Xóa
                          </Button>
                        </Popconfirm>
                      </Space>
                    ),
                },
              ]
            : []),
        ]}
      />
    </Space>
  );
}
