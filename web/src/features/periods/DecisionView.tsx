import { Card, Descriptions, Grid, Space, Table, Typography } from 'antd';
import { formatDate, formatPercent } from '@shared/format/vi.ts';
import { decimalOrDash } from '@web/features/evaluations/display.tsx';
import type { PublicDecision } from './periods.api.ts';

type DecisionUnit = PublicDecision['achieved'][number];

function UnitList({ title, units }: { title: string; units: DecisionUnit[] }) {
  const isPhone = !Grid.useBreakpoint().sm;
  return (
    <Card size="small" title={`${title} (${units.length})`}>
      <Table<DecisionUnit>
        rowKey="code"
        size="small"
        pagination={false}
        dataSource={units}
        locale={{ emptyText: 'Không có đơn vị nào.' }}
        columns={[
          { title: 'STT', width: 56, render: (_, __, i) => i + 1 },
          { title: 'Đơn vị', dataIndex: 'name' },
          ...(isPhone ? [] : [{ title: 'Mã', dataIndex: 'code', width: 90 }]),
          {
            title: 'Điểm thẩm định',
            align: 'right' as const,
            width: 120,
            render: (_: unknown, u: DecisionUnit) => decimalOrDash(u.total),
          },
        ]}
      />
    </Card>
  );
}

/** "1/2 xã, phường đạt chuẩn, tỷ lệ 50%" — the Mẫu 10 summary line, from the server's counts. */
export function decisionSummary(summary: PublicDecision['summary']): string {
  return `${summary.achieved}/${summary.total} xã, phường đạt chuẩn, tỷ lệ ${formatPercent(summary.percent)}`;
}

/** The recognition decision with both lists and the summary; shared by the public page and the period page. */
export function DecisionView({ decision }: { decision: PublicDecision }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'n', label: 'Số quyết định', children: decision.number },
            { key: 'd', label: 'Ngày ký', children: formatDate(decision.signedOn) },
            { key: 's', label: 'Người ký', children: `${decision.signerName} — ${decision.signerTitle}` },
            { key: 'u', label: 'Cơ quan ban hành', children: decision.issuingUnit },
          ]}
        />
        <Typography.Title level={4} style={{ margin: '12px 0 0' }} data-testid="decision-summary">
          {decisionSummary(decision.summary)}
        </Typography.Title>
      </Card>
      <UnitList title="Đạt chuẩn tiếp cận pháp luật" units={decision.achieved} />
      <UnitList title="Không đạt chuẩn tiếp cận pháp luật" units={decision.notAchieved} />
    </Space>
  );
}
