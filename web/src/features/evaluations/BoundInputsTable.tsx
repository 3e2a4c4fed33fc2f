/**
 * For the appraiser: each input computed from a register, beside the value the commune scored and
 * the commune's reason when they differ, with the link to the rows the register counted.
 */
import { Card, Table, Tag, Typography } from 'antd';
import { boundInputsOf, formatMeasureValue, nodeName } from '@shared/evaluations/bound-inputs.ts';
import { formatDateTime } from '@shared/format/vi.ts';
import { RowsLink, computedText, differsFromComputed } from './BoundInput.tsx';
import type { EvaluationDetail } from './types.ts';

export function BoundInputsTable({ evaluation }: { evaluation: EvaluationDetail }) {
  const rows = boundInputsOf(evaluation.framework)
    .filter((b) => evaluation.boundInputs[b.inputId])
    .map((b) => {
      const binding = evaluation.boundInputs[b.inputId]!;
      const value = evaluation.selfInput?.values?.[b.inputId];
      return { key: b.inputId, b, binding, value, differs: differsFromComputed(binding, value) };
    });
  if (rows.length === 0) return null;
  return (
    <Card size="small" title="Số liệu tính từ sổ và số liệu xã chấm" data-testid="bound-inputs-table">
      <Table
        size="small"
        pagination={false}
        scroll={{ x: 720 }}
        dataSource={rows}
        columns={[
          {
            title: 'Chỉ tiêu',
            key: 'node',
            width: 220,
            render: (_, r) => (
              <>
                <Typography.Text strong>{nodeName(r.b.node)}</Typography.Text>
                <div>{r.b.def.label}</div>
              </>
            ),
          },
          {
            title: 'Tính từ sổ',
            key: 'computed',
            render: (_, r) =>
              r.binding.computed ? (
                <>
                  {computedText(r.binding)}
                  <div>
                    <RowsLink binding={r.binding} />
                  </div>
                </>
              ) : (
                <Typography.Text type="secondary">Xã chưa tính từ sổ</Typography.Text>
              ),
          },
          {
            title: 'Xã chấm',
            key: 'value',
            width: 140,
            render: (_, r) => (
              <>
                {r.value === undefined ? '—' : formatMeasureValue(r.value)}
                {r.differs && (
                  <div>
                    <Tag color="orange">Đã điều chỉnh</Tag>
                  </div>
                )}
              </>
            ),
          },
          {
            title: 'Lý do điều chỉnh',
            key: 'reason',
            render: (_, r) =>
              r.binding.override && r.differs ? (
                <>
                  {r.binding.override.reason}
                  <div>
                    <Typography.Text type="secondary">
                      {r.binding.override.byName}, {formatDateTime(new Date(r.binding.override.at))}
                    </Typography.Text>
                  </div>
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </Card>
  );
}
