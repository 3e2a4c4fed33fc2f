import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  InputNumber,
  Input,
  Space,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { DATE_INPUT_FORMAT, formatDate } from '@shared/format/vi.ts';
import type { AggregatesDto, Bieu06Report } from '@shared/tthc/bieu06.contract.ts';
import {
  BIEU06_COLUMN,
  BIEU06_IN_PERIOD,
  BIEU06_KEYS,
  BIEU06_LABEL,
  BIEU06_TOTAL_ROW,
  checkFigures,
  formatCount,
  type Bieu06Figures,
  type Bieu06Key,
} from '@shared/tthc/bieu06.ts';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { api, getCsrfToken } from '@web/lib/api.ts';
import { useMe, useToday } from '@web/lib/auth.tsx';

type Row = Bieu06Figures & { field: string; key: string };
const SOURCE_LABEL = {
  dossiers: 'Từng hồ sơ',
  aggregates: 'Số liệu tự tổng hợp',
  none: 'Chưa có số liệu',
} as const;

/** Biểu 06/VPCP/KSTT of a unit for a range: `/so-tthc/bieu-06?unitId=&from=&to=`. */
export function Bieu06Page() {
  const [search, setSearch] = useSearchParams();
  const { data: me } = useMe();
  const today = useToday();
  const unitId = search.get('unitId') ?? me?.grants[0]?.unitId;
  const from = search.get('from') ?? `${today.slice(0, 4)}-01-01`;
  const to = search.get('to') ?? today;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries({ unitId, from, to, ...patch })) if (v) next.set(k, v);
    setSearch(next, { replace: true });
  };
  const query = `unitId=${unitId}&from=${from}&to=${to}`;
  const { data, error, isFetching } = useQuery({
    queryKey: ['bieu06', unitId, from, to],
    queryFn: () => api.get<Bieu06Report>(`/api/registers/tthc/bieu-06?${query}`),
    enabled: Boolean(unitId),
  });

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Biểu 06/VPCP/KSTT — Tình hình, kết quả giải quyết thủ tục hành chính
      </Typography.Title>
      <Space wrap>
        <UnitSelect style={{ width: 320 }} value={unitId} onChange={(v) => set({ unitId: v })} />
        <DatePicker.RangePicker
          format={DATE_INPUT_FORMAT}
          allowClear={false}
          value={[dayjs(from), dayjs(to)]}
          onChange={(v) => {
            const [a, b] = (v ?? []) as [Dayjs | null, Dayjs | null];
            if (a && b) set({ from: a.format('YYYY-MM-DD'), to: b.format('YYYY-MM-DD') });
          }}
        />
        <Link to={`/so-tthc?${query}`}>Sổ theo dõi hồ sơ TTHC</Link>
        {data && (
          <>
            <Button href={`/api/registers/tthc/bieu-06/download?${query}&format=xlsx`}>Tải XLSX</Button>
            <Button href={`/api/registers/tthc/bieu-06/download?${query}&format=docx`}>Tải DOCX</Button>
          </>
        )}
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {data && (
        <>
          <Typography.Text>
            {data.unit.name}, từ ngày {formatDate(data.from)} đến ngày {formatDate(data.to)}. Đơn vị tính: hồ
            sơ.
          </Typography.Text>
          {data.problems.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="Số liệu chưa khớp giữa các cột"
              description={
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {data.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Bieu06Table report={data} loading={isFetching} />
          {data.communes.length > 1 && <CommuneSources report={data} />}
          {data.communes.length === 1 && data.communes[0]!.source !== 'dossiers' && (
            <Typography.Text type="secondary">
              {data.communes[0]!.source === 'aggregates'
                ? 'Số liệu do xã tự tổng hợp (không có dữ liệu từng hồ sơ trong kỳ này).'
                : 'Chưa có hồ sơ nào trong kỳ này; xã không có dữ liệu từng hồ sơ có thể nhập số liệu tổng hợp bên dưới.'}
            </Typography.Text>
          )}
          {data.unit.level === 'commune' &&
            (data.abilities.canEditAggregates || data.communes[0]?.source === 'aggregates') && (
              <AggregateEntry unitId={data.unit.id} from={from} to={to} />
            )}
        </>
      )}
    </Flex>
  );
}

function Bieu06Table({ report, loading }: { report: Bieu06Report; loading: boolean }) {
  const link = (field: string | null, key: Bieu06Key, n: number) => {
    if (!report.abilities.canDrillDown || n === 0) return formatCount(n);
    const params = new URLSearchParams({ unitId: report.unit.id, from: report.from, to: report.to });
    if (field) params.set('field', field);
    if (key === 'late' || key === 'pendingOverdue') params.set('late', '1');
    if (key.startsWith('pending')) params.set('pending', '1');
    return <Link to={`/so-tthc?${params}`}>{formatCount(n)}</Link>;
  };
  const leaf = (key: Bieu06Key) => ({
    title: (
      <>
        {BIEU06_LABEL[key]}
        <br />
        <Typography.Text type="secondary" italic>
          ({BIEU06_COLUMN[key]})
        </Typography.Text>
      </>
    ),
    dataIndex: key,
    key,
    align: 'right' as const,
    width: 96,
    render: (n: number, row: Row) => link(row.key === 'total' ? null : row.field, key, n),
  });
  const columns: ColumnsType<Row> = [
    {
      title: 'STT',
      key: 'stt',
      width: 56,
      align: 'center',
      render: (_, row, i) => (row.key === 'total' ? '' : i + 1),
    },
    {
      title: 'Lĩnh vực',
      dataIndex: 'field',
      key: 'field',
      render: (f: string, row) => (row.key === 'total' ? <b>{f}</b> : f),
    },
    {
      title: 'Số hồ sơ nhận giải quyết',
      children: [
        leaf('received'),
        { title: BIEU06_IN_PERIOD, children: [leaf('online'), leaf('direct')] },
        leaf('carriedOver'),
      ],
    },
    {
      title: 'Số hồ sơ đã giải quyết',
      children: [leaf('resolved'), leaf('early'), leaf('onTime'), leaf('late')],
    },
    {
      title: 'Số hồ sơ đang giải quyết',
      children: [leaf('pending'), leaf('pendingWithinDue'), leaf('pendingOverdue')],
    },
  ];
  const rows: Row[] = [
    ...report.byField.map((r) => ({ ...r, key: r.field })),
    { ...report.total, field: BIEU06_TOTAL_ROW, key: 'total' },
  ];
  return (
    <Table<Row>
      bordered
      size="small"
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 1300 }}
      locale={{ emptyText: 'Chưa có số liệu' }}
    />
  );
}

function CommuneSources({ report }: { report: Bieu06Report }) {
  const aggregated = report.communes.filter((c) => c.source === 'aggregates');
  const none = report.communes.filter((c) => c.source === 'none');
  return (
    <Card size="small" title={`Nguồn số liệu của ${report.communes.length} đơn vị cấp xã`}>
      <Space orientation="vertical">
        <span>
          <Tag color="green">{SOURCE_LABEL.dossiers}</Tag>
          {report.communes.length - aggregated.length - none.length} đơn vị
        </span>
        {aggregated.length > 0 && (
          <span>
            <Tag color="gold">{SOURCE_LABEL.aggregates}</Tag>
            {aggregated.map((c) => (
              <Link
                key={c.id}
                to={`/so-tthc/bieu-06?unitId=${c.id}&from=${report.from}&to=${report.to}`}
                style={{ marginRight: 8 }}
              >
                {c.name}
              </Link>
            ))}
          </span>
        )}
        {none.length > 0 && (
          <span>
            <Tag>{SOURCE_LABEL.none}</Tag>
            {none.map((c) => c.name).join(', ')}
          </span>
        )}
      </Space>
    </Card>
  );
}

type Draft = { key: number; field: string } & Record<Bieu06Key, number | null>;
let nextKey = 1;
const blank = (): Draft => ({
  key: nextKey++,
  field: '',
  ...(Object.fromEntries(BIEU06_KEYS.map((k) => [k, 0])) as Record<Bieu06Key, number>),
});

/** The commune's own totals for exactly this range: one row per field, checked as typed, saved all at once. */
function AggregateEntry({ unitId, from, to }: { unitId: string; from: string; to: string }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const url = `/api/registers/tthc/aggregates?unitId=${unitId}&from=${from}&to=${to}`;
  const { data } = useQuery({
    queryKey: ['bieu06-aggregates', unitId, from, to],
    queryFn: () => api.get<AggregatesDto>(url),
  });
  const [draft, setDraft] = useState<Draft[] | null>(null);
  const [saving, setSaving] = useState(false);
  const rows = draft ?? (data?.rows.map((r) => ({ ...r, key: nextKey++ })) as Draft[] | undefined) ?? [];
  const canEdit = data?.abilities.canEdit ?? false;
  const edit = (key: number, patch: Partial<Draft>) =>
    setDraft(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const live = rows.flatMap((r) =>
    BIEU06_KEYS.every((k) => r[k] !== null) && r.field
      ? checkFigures(r.field, r as unknown as Bieu06Figures)
      : [],
  );
  const refresh = async () => {
    setDraft(null);
    await client.invalidateQueries({ queryKey: ['bieu06-aggregates', unitId, from, to] });
    await client.invalidateQueries({ queryKey: ['bieu06', unitId, from, to] });
  };
  async function save() {
    setSaving(true);
    try {
      await api.put(`/api/registers/tthc/aggregates`, {
        unitId,
        from,
        to,
        rows: rows.map(({ key: _key, ...r }) => ({ ...r, field: r.field.trim() })),
      });
      message.success('Đã lưu số liệu Biểu 06.');
      await refresh();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setSaving(false);
    }
  }
  async function upload(file: File) {
    const body = new FormData();
    body.append('file', file, file.name);
    const response = await fetch(
      `/api/registers/tthc/aggregates/import?unitId=${unitId}&from=${from}&to=${to}`,
      {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'x-csrf-token': getCsrfToken() ?? '' },
        body,
      },
    );
    if (!response.ok) {
      const err = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      message.error({
        content: (
          <span style={{ whiteSpace: 'pre-line' }}>{err?.error?.message ?? 'Không nhập được tệp.'}</span>
        ),
        duration: 10,
      });
      return;
    }
    message.success(`Đã nhập "${file.name}".`);
    await refresh();
  }
  const number = (key: Bieu06Key) => ({
    title: `(${BIEU06_COLUMN[key]})`,
    key,
    width: 92,
    render: (_: unknown, r: Draft) => (
      <InputNumber
        aria-label={`${r.field || 'Dòng mới'}: cột ${BIEU06_COLUMN[key]} ${BIEU06_LABEL[key]}`}
        min={0}
        precision={0}
        disabled={!canEdit}
        value={r[key]}
        onChange={(v) => edit(r.key, { [key]: v } as Partial<Draft>)}
        style={{ width: '100%' }}
      />
    ),
  });
  return (
    <Card
      size="small"
      title={`Số liệu tự tổng hợp từ ${formatDate(from)} đến ${formatDate(to)} (xã không có dữ liệu từng hồ sơ)`}
      extra={
        canEdit && (
          <Upload accept=".csv,.xlsx" showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
            <Button>Nhập từ tệp CSV/XLSX</Button>
          </Upload>
        )
      }
    >
      <Flex vertical gap={8}>
        {data?.hasDossiers && (
          <Alert
            type="info"
            showIcon
            title="Xã đã có dữ liệu từng hồ sơ trong kỳ này: Biểu 06 đếm từ hồ sơ, không dùng số liệu tự tổng hợp."
          />
        )}
        <Typography.Text type="secondary">
          Cột (3) = (4) + (5) + (6); (7) = (8) + (9) + (10); (11) = (12) + (13); (3) = (7) + (11). Tệp nhập có
          các cột linh_vuc, tong_so_nhan, nhan_truc_tuyen, nhan_truc_tiep_buu_chinh, tu_ky_truoc,
          da_giai_quyet, truoc_han, dung_han, qua_han, dang_giai_quyet, dang_trong_han, dang_qua_han.
        </Typography.Text>
        {live.length > 0 && (
          <Alert type="warning" showIcon title="Chưa khớp (vẫn lưu được)" description={live.join('. ')} />
        )}
        <Table<Draft>
          size="small"
          bordered
          pagination={false}
          scroll={{ x: 1300 }}
          dataSource={rows}
          locale={{ emptyText: 'Chưa có dòng nào' }}
          columns={[
            {
              title: 'Lĩnh vực',
              key: 'field',
              width: 200,
              render: (_, r) => (
                <Input
                  aria-label="Lĩnh vực"
                  disabled={!canEdit}
                  value={r.field}
                  onChange={(e) => edit(r.key, { field: e.target.value })}
                />
              ),
            },
            ...BIEU06_KEYS.map(number),
            {
              title: '',
              key: 'remove',
              width: 60,
              render: (_, r) =>
                canEdit && (
                  <Button type="link" danger onClick={() => setDraft(rows.filter((x) => x.key !== r.key))}>
                    Xoá
                  </Button>
                ),
            },
          ]}
        />
        {canEdit && (
          <Space>
            <Button onClick={() => setDraft([...rows, blank()])}>Thêm lĩnh vực</Button>
            <Button type="primary" loading={saving} disabled={!draft} onClick={() => void save()}>
              Lưu số liệu
            </Button>
            {data?.updatedAt && (
              <Typography.Text type="secondary">
                Lưu lần cuối {formatDate(data.updatedAt)} (
                {data.source === 'import' ? 'nhập từ tệp' : 'nhập tay'})
              </Typography.Text>
            )}
          </Space>
        )}
      </Flex>
    </Card>
  );
}
