import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { EChartsCoreOption } from 'echarts/core';
import {
  FAMILY_LABELS,
  type Dashboard,
  type Trends,
  type indicatorCommunesResponse,
} from '@shared/analytics/analytics.contract.ts';
import { barChartOption, binLabel, histogramChartOption } from '@shared/analytics/charts.ts';
import { formatDecimal, formatPercent } from '@shared/format/vi.ts';
import type { z } from 'zod';
import { UnitSelect } from '@web/features/units/UnitSelect.tsx';
import { downloadFile } from '@web/features/evaluations/documents.ts';
import { api } from '@web/lib/api.ts';
import { Chart } from './Chart.tsx';

type Family = 'tcpl' | 'cchc';
type IndicatorCommunes = z.output<typeof indicatorCommunesResponse>;
type Ratio = { numerator: number; denominator: number } | null;

const num = (v: string | number | null | undefined) =>
  v === null || v === undefined ? '—' : formatDecimal(v);
const ratio = (r: Ratio) =>
  r
    ? `${r.numerator}/${r.denominator} — ${formatPercent(((r.numerator / r.denominator) * 100).toFixed(2).replace(/\.?0+$/, ''))}`
    : '—';

/** A register figure, linked to the records it counts. */
const records = (r: Ratio, to: string) => (r ? <Link to={to}>{ratio(r)}</Link> : '—');

/** "92/92 — 100 %". */
export function passRateText(p: Dashboard['passRate']): string {
  return p.total ? `${p.achieved}/${p.total} — ${formatPercent(p.percent!)}` : 'Chưa có kết quả';
}

/** /thong-ke: the dashboard of an area (year, framework family, unit), its charts, tables and XLSX. */
export function AnalyticsPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const unitId = search.get('unitId') ?? undefined;
  const year = search.get('year') ?? undefined;
  const family = (search.get('family') ?? 'tcpl') as Family;
  const indicator = search.get('chiTieu') ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };
  const params = new URLSearchParams({ family });
  if (unitId) params.set('unitId', unitId);
  if (year) params.set('year', year);
  const query = params.toString();
  const { data, error, isFetching } = useQuery({
    queryKey: ['analytics', query],
    queryFn: () => api.get<Dashboard>(`/api/analytics/dashboard?${query}`),
  });
  const trendsQuery = new URLSearchParams({ family, ...(unitId ? { unitId } : {}) }).toString();
  const { data: trends } = useQuery({
    queryKey: ['analytics', 'trends', trendsQuery],
    queryFn: () => api.get<Trends>(`/api/analytics/trends?${trendsQuery}`),
  });
  const shownYear = data?.year ? String(data.year) : undefined;
  const drillQuery = new URLSearchParams({
    family,
    ...(data ? { unitId: data.scope.id } : {}),
    ...(shownYear ? { year: shownYear } : {}),
  });
  const { data: drill } = useQuery({
    queryKey: ['analytics', 'indicator', indicator, drillQuery.toString()],
    queryFn: () =>
      api.get<IndicatorCommunes>(`/api/analytics/indicators/${indicator}/communes?${drillQuery}`),
    enabled: Boolean(indicator && data),
  });

  const download = () =>
    downloadFile(`/api/analytics/dashboard.xlsx?${query}`, 'thong-ke.xlsx').catch((e: unknown) =>
      message.error((e as Error).message),
    );

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Thống kê, phân tích kết quả
      </Typography.Title>
      <Space wrap>
        <UnitSelect
          style={{ width: 320 }}
          value={unitId}
          placeholder={data ? data.scope.name : 'Địa bàn'}
          onChange={(v) => set({ unitId: v, chiTieu: undefined })}
        />
        <Select
          aria-label="Năm"
          style={{ width: 120 }}
          value={shownYear}
          placeholder="Năm"
          options={(data?.years ?? []).map((y) => ({ value: String(y), label: `Năm ${y}` }))}
          onChange={(v) => set({ year: v, chiTieu: undefined })}
        />
        <Segmented
          value={family}
          options={(['tcpl', 'cchc'] as const).map((f) => ({ value: f, label: FAMILY_LABELS[f] }))}
          onChange={(v) => set({ family: v as string, year: undefined, chiTieu: undefined })}
        />
        <Button onClick={download} disabled={!data}>
          Tải XLSX
        </Button>
      </Space>
      {error && <Alert type="error" showIcon title={(error as Error).message} />}
      {data && (
        <Dashboard
          data={data}
          loading={isFetching}
          indicator={indicator}
          drill={drill}
          onIndicator={(code) => set({ chiTieu: code })}
        />
      )}
      {trends && <TrendsCard trends={trends} />}
    </Flex>
  );
}

function Dashboard(props: {
  data: Dashboard;
  loading: boolean;
  indicator?: string;
  drill?: IndicatorCommunes;
  onIndicator: (code: string) => void;
}) {
  const d = props.data;
  const histogram = useMemo(() => histogramChartOption(d.histogram), [d]);
  const weak = useMemo(
    () =>
      barChartOption({
        labels: d.weakPoints.map((w) => `${w.code} ${w.title}`),
        values: d.weakPoints.map((w) => Number(w.pointsLost)),
        name: 'Điểm bị trừ',
        horizontal: true,
      }),
    [d],
  );
  const ranking = useMemo(
    () =>
      barChartOption({
        labels: d.ranking.rows.map((r) => r.unit.name),
        values: d.ranking.rows.map((r) => Number(r.total)),
        name: 'Tổng điểm',
      }),
    [d],
  );
  const range = `from=${d.year}-01-01&to=${d.year}-12-31`;
  const withFigures = (d.registers ?? []).filter(
    (r) => r.tthcOnTime || r.petitionsResolved || r.mediationSuccessful,
  );
  const nodeColumns: ColumnsType<Dashboard['nodes'][number]> = [
    { title: 'Mã', dataIndex: 'code', width: 70 },
    { title: 'Tiêu chí, chỉ tiêu', dataIndex: 'title' },
    { title: 'Tối đa', dataIndex: 'max', render: num, align: 'right' },
    { title: 'Trung bình', dataIndex: 'average', render: num, align: 'right' },
    { title: 'Thấp nhất', dataIndex: 'lowest', render: num, align: 'right' },
    { title: 'Cao nhất', dataIndex: 'highest', render: num, align: 'right' },
    { title: 'Độ lệch chuẩn', dataIndex: 'spread', render: num, align: 'right' },
    { title: 'Số đơn vị chưa đạt tối đa', dataIndex: 'belowMax', align: 'right' },
    { title: 'Điểm bị trừ', dataIndex: 'pointsLost', render: num, align: 'right' },
  ];
  return (
    <Flex vertical gap={16}>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title={`Tỷ lệ đạt chuẩn — ${d.scope.name}${d.year ? `, năm ${d.year}` : ''}`}
              value={passRateText(d.passRate)}
            />
            <Typography.Text type="secondary">
              {d.passRate.basis === 'decided'
                ? 'Theo quyết định công nhận'
                : d.passRate.basis === 'appraised'
                  ? 'Theo kết quả thẩm định (chưa có quyết định)'
                  : ''}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic
              title="Số đơn vị có kết quả"
              value={d.summary.scored}
              suffix={`/ ${d.summary.communes}`}
            />
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card>
            <Statistic title="Kết quả nhập từ báo cáo giấy các năm trước" value={d.historical} />
          </Card>
        </Col>
      </Row>

      <Card title="Chỉ tiêu bị trừ điểm nhiều nhất (bấm vào cột để xem đơn vị)">
        {d.weakPoints.length ? (
          <>
            <Chart
              label="Điểm bị trừ theo chỉ tiêu"
              option={weak}
              height={Math.max(160, d.weakPoints.length * 34)}
              onBarClick={(i) => props.onIndicator(d.weakPoints[i]!.code)}
            />
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={d.weakPoints}
              columns={[
                ...nodeColumns.filter((c) =>
                  ['Mã', 'Tiêu chí, chỉ tiêu', 'Tối đa', 'Trung bình'].includes(c.title as string),
                ),
                { title: 'Số đơn vị chưa đạt tối đa', dataIndex: 'belowMax', align: 'right' },
                {
                  title: 'Điểm bị trừ',
                  dataIndex: 'pointsLost',
                  align: 'right',
                  render: (v: string, w) => (
                    <Button type="link" size="small" onClick={() => props.onIndicator(w.code)}>
                      {num(v)}
                    </Button>
                  ),
                },
              ]}
            />
          </>
        ) : (
          <Typography.Text type="secondary">Không có chỉ tiêu nào bị trừ điểm.</Typography.Text>
        )}
      </Card>

      {props.indicator && props.drill && (
        <Card title={`Đơn vị bị trừ điểm ở chỉ tiêu ${props.drill.code}. ${props.drill.title}`}>
          <Table
            size="small"
            rowKey="evaluationId"
            pagination={false}
            dataSource={props.drill.rows}
            columns={[
              {
                title: 'Đơn vị',
                dataIndex: ['unit', 'name'],
                render: (name: string, r) => <Link to={`/danh-gia/${r.evaluationId}`}>{name}</Link>,
              },
              { title: 'Điểm', dataIndex: 'points', render: num, align: 'right' },
              { title: 'Tối đa', dataIndex: 'max', render: num, align: 'right' },
              { title: 'Điểm bị trừ', dataIndex: 'lost', render: num, align: 'right' },
            ]}
          />
        </Card>
      )}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Phân bố tổng điểm">
            <Chart label="Phân bố tổng điểm" option={histogram} />
            <Table
              size="small"
              rowKey="from"
              pagination={false}
              dataSource={d.histogram}
              columns={[
                { title: 'Khoảng điểm', render: (_, b) => binLabel(b) },
                { title: 'Số đơn vị', dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Đơn vị không đạt chuẩn">
            <Table
              size="small"
              rowKey="evaluationId"
              pagination={false}
              dataSource={d.notRecognised}
              locale={{ emptyText: 'Không có đơn vị nào' }}
              columns={[
                {
                  title: 'Đơn vị',
                  dataIndex: ['unit', 'name'],
                  render: (name: string, r) => <Link to={`/danh-gia/${r.evaluationId}`}>{name}</Link>,
                },
                { title: 'Tổng điểm', dataIndex: 'total', render: num, align: 'right' },
                { title: 'Điều kiện không đạt', dataIndex: 'reasons', render: (r: string[]) => r.join('; ') },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <Card title={`Xếp hạng trong ${d.ranking.area.name}`}>
        {d.ranking.rows.length > 1 && <Chart label="Tổng điểm theo đơn vị" option={ranking} />}
        {d.ranking.quartiles && (
          <Typography.Paragraph>
            Tứ phân vị: Q1 {num(d.ranking.quartiles.q1)} — trung vị {num(d.ranking.quartiles.median)} — Q3{' '}
            {num(d.ranking.quartiles.q3)} điểm.
          </Typography.Paragraph>
        )}
        <Table
          size="small"
          rowKey="evaluationId"
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          dataSource={d.ranking.rows}
          columns={[
            { title: 'Thứ hạng', render: (_, r) => `${r.rank}/${r.of}`, width: 90 },
            { title: 'Đơn vị', dataIndex: ['unit', 'name'] },
            { title: 'Tổng điểm', dataIndex: 'total', render: num, align: 'right' },
            {
              title: 'Năm trước',
              dataIndex: 'previousRank',
              render: (v: number | null) => v ?? '—',
              align: 'right',
            },
            {
              title: 'Thay đổi',
              dataIndex: 'change',
              render: (c: number | null) =>
                c === null ? (
                  '—'
                ) : c > 0 ? (
                  <Tag color="green">▲ {c}</Tag>
                ) : c < 0 ? (
                  <Tag color="red">▼ {-c}</Tag>
                ) : (
                  '='
                ),
            },
            { title: 'Nhóm', dataIndex: 'quartile', render: (q: number) => `Nhóm ${q}` },
          ]}
        />
      </Card>

      <Card title="Điểm trung bình và độ phân tán theo tiêu chí, chỉ tiêu">
        <Table size="small" rowKey="code" pagination={false} dataSource={d.nodes} columns={nodeColumns} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title="Tự đánh giá và thẩm định: chỉ tiêu bị điều chỉnh nhiều nhất">
            <Table
              size="small"
              rowKey="code"
              pagination={false}
              dataSource={d.corrections}
              locale={{ emptyText: 'Không có điều chỉnh' }}
              columns={[
                { title: 'Mã', dataIndex: 'code' },
                { title: 'Chỉ tiêu', dataIndex: 'title' },
                { title: 'Số đơn vị bị điều chỉnh', render: (_, c) => `${c.changed}/${c.compared}` },
                { title: 'Chênh lệch điểm', dataIndex: 'difference', render: num, align: 'right' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title="Tiến độ của kỳ đánh giá">
            <Table
              size="small"
              rowKey="label"
              pagination={false}
              dataSource={[
                ...d.progress.states.map((s) => ({ label: s.label, count: s.count })),
                ...d.progress.overdue.map((o) => ({ label: `Quá ${o.label.toLowerCase()}`, count: o.count })),
              ]}
              columns={[
                { title: 'Bước, thời hạn', dataIndex: 'label' },
                { title: 'Số đơn vị', dataIndex: 'count', align: 'right' },
              ]}
            />
          </Card>
        </Col>
      </Row>

      {d.registers && (
        <Card title="Số liệu từ các sổ theo dõi">
          <Typography.Paragraph type="secondary">
            {withFigures.length}/{d.registers.length} đơn vị có số liệu trong các sổ năm {d.year}.
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => r.unit.id}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={withFigures}
            locale={{ emptyText: 'Chưa có số liệu' }}
            columns={[
              { title: 'Đơn vị', dataIndex: ['unit', 'name'] },
              {
                title: 'Hồ sơ TTHC đúng hạn',
                dataIndex: 'tthcOnTime',
                render: (r: Ratio, row) =>
                  records(r, `/so-tthc?unitId=${row.unit.id}&${range}&measure=tthc.onTime`),
              },
              {
                title: 'Đơn giải quyết đúng quy định, đúng hạn',
                dataIndex: 'petitionsResolved',
                render: (r: Ratio, row) =>
                  records(
                    r,
                    `/so-sach?unitId=${row.unit.id}&kind=petition&${range}&measure=books.petitionsLawful`,
                  ),
              },
              {
                title: 'Hòa giải thành',
                dataIndex: 'mediationSuccessful',
                render: (r: Ratio, row) =>
                  records(
                    r,
                    `/so-sach?unitId=${row.unit.id}&kind=mediation_case&${range}&measure=books.mediationSuccessful`,
                  ),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

function TrendsCard({ trends }: { trends: Trends }) {
  const option = useMemo<EChartsCoreOption>(
    () => ({
      animation: false,
      grid: { left: 40, right: 20, top: 30, bottom: 30 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => formatPercent(v) },
      xAxis: { type: 'category', data: trends.years.map((y) => String(y.year)) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => formatPercent(v) } },
      series: [
        {
          type: 'line',
          name: 'Tỷ lệ đạt chuẩn',
          data: trends.years.map((y) => (y.passRate.percent === null ? null : Number(y.passRate.percent))),
        },
      ],
    }),
    [trends],
  );
  if (!trends.years.length) return null;
  return (
    <Card title="Qua các năm (từ 2022; đơn vị cũ trước sắp xếp tính vào đơn vị mới)">
      <Chart label="Tỷ lệ đạt chuẩn qua các năm" option={option} height={220} />
      <Table
        size="small"
        rowKey="year"
        pagination={false}
        dataSource={trends.years}
        columns={[
          { title: 'Năm', dataIndex: 'year' },
          { title: 'Số đơn vị', dataIndex: 'communes', align: 'right' },
          { title: 'Tỷ lệ đạt chuẩn', dataIndex: 'passRate', render: passRateText },
          { title: 'Điểm trung bình', dataIndex: 'average', render: num, align: 'right' },
          { title: 'Nhập từ báo cáo giấy', dataIndex: 'historical', align: 'right' },
        ]}
      />
      {trends.units.length > 0 && (
        <Table
          style={{ marginTop: 16 }}
          size="small"
          rowKey={(r) => `${r.evaluationId}-${r.current.id}`}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          dataSource={trends.units}
          columns={[
            { title: 'Đơn vị hiện nay', dataIndex: ['current', 'name'] },
            { title: 'Năm', dataIndex: 'year' },
            {
              title: 'Đơn vị được đánh giá',
              render: (_, r) => (
                <Link to={`/danh-gia/${r.evaluationId}`}>
                  {r.evaluated.name}
                  {r.former ? ' (trước sắp xếp)' : ''}
                </Link>
              ),
            },
            { title: 'Tổng điểm', dataIndex: 'total', render: num, align: 'right' },
            {
              title: 'Kết quả',
              dataIndex: 'recognised',
              render: (v: boolean | null) => (v === null ? '—' : v ? 'Đạt chuẩn' : 'Không đạt'),
            },
            {
              title: 'Nguồn',
              dataIndex: 'historical',
              render: (h: boolean) => (h ? <Tag>Nhập từ báo cáo giấy</Tag> : ''),
            },
          ]}
        />
      )}
    </Card>
  );
}
