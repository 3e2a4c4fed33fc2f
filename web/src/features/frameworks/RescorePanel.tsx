/**
 * "Áp dụng cho kỳ đánh giá": for the latest version of a province's framework, the periods that use
 * this code; for each, the re-score report (before/after per commune, who changes result, what is
 * locked) and the confirmation (ADR 0015).
 */
import { Alert, App, Button, Card, List, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FrameworkDetailDto } from '@shared/frameworks/frameworks.schemas.ts';
import type { RescoreOutcomeDto, RescoreReportDto } from '@shared/periods/rescore.contract.ts';
import type { periodListResponse } from '@shared/periods/periods.contract.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import type { z } from 'zod';
import { api } from '@web/lib/api.ts';
import { ReopenCorrectionModal } from '@web/features/evaluations/ReopenCorrectionModal.tsx';
import { errorText } from './frameworks.display.tsx';

type Periods = z.output<typeof periodListResponse>;

const outcomeText = (o: RescoreOutcomeDto | null) =>
  o === null
    ? '—'
    : `${o.total !== null ? formatDecimal(o.total) : '—'}${o.recognised === true ? ' — đạt' : o.recognised === false ? ' — chưa đạt' : ''}`;

export function RescorePanel({ framework }: { framework: FrameworkDetailDto }) {
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => api.get<Periods>('/api/periods') });
  const [periodId, setPeriodId] = useState<string | null>(null);
  const mine = (periods.data ?? []).filter(
    (p) => p.frameworkCode === framework.code && p.abilities.canManage,
  );
  if (!mine.length) return null;
  return (
    <Card size="small" title="Áp dụng phiên bản này cho kỳ đánh giá">
      <List
        size="small"
        dataSource={mine}
        renderItem={(p) => (
          <List.Item
            actions={[
              <Button key="r" onClick={() => setPeriodId(p.id)}>
                Xem báo cáo chấm lại
              </Button>,
            ]}
          >
            {p.name} ({p.unitName})
          </List.Item>
        )}
      />
      {periodId && (
        <RescoreModal periodId={periodId} framework={framework} onClose={() => setPeriodId(null)} />
      )}
    </Card>
  );
}

function conditionsText(o: RescoreOutcomeDto | null) {
  if (!o) return '—';
  return o.conditions.map((c) => `${c.code} ${c.met ? '✓' : '✗'}`).join(' ');
}

function RescoreModal(props: { periodId: string; framework: FrameworkDetailDto; onClose(): void }) {
  const { message } = App.useApp();
  const client = useQueryClient();
  const report = useQuery({
    queryKey: ['rescore', props.periodId, props.framework.id],
    queryFn: () =>
      api.get<RescoreReportDto>(
        `/api/periods/${props.periodId}/rescore?frameworkVersionId=${props.framework.id}`,
      ),
  });
  const apply = useMutation({
    mutationFn: () =>
      api.post<RescoreReportDto>(`/api/periods/${props.periodId}/rescore`, {
        frameworkVersionId: props.framework.id,
        expectedHash: props.framework.hash,
      }),
    onSuccess: async (done) => {
      client.setQueryData(['rescore', props.periodId, props.framework.id], done);
      await client.invalidateQueries({ queryKey: ['evaluations'] });
      message.success(`Đã áp dụng phiên bản ${done.to.version} và chấm lại các hồ sơ đang tự đánh giá.`);
    },
  });
  const r = report.data;
  const [reopening, setReopening] = useState<RescoreReportDto['rows'][number] | null>(null);
  return (
    <Modal
      open
      width={1000}
      title="Báo cáo chấm lại theo phiên bản mới"
      onCancel={props.onClose}
      footer={
        <Space>
          <Button onClick={props.onClose}>Đóng</Button>
          {r && !r.applied && (
            <Button
              type="primary"
              disabled={r.blockers.length > 0}
              loading={apply.isPending}
              onClick={() => apply.mutate()}
            >
              Xác nhận áp dụng
            </Button>
          )}
        </Space>
      }
    >
      {report.error && (
        <Alert type="error" showIcon title={errorText(report.error, 'Không lập được báo cáo.')} />
      )}
      {apply.error && <Alert type="error" showIcon title={errorText(apply.error, 'Không áp dụng được.')} />}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {r.period.name}: {r.from.code} phiên bản {r.from.version} → phiên bản {r.to.version}.{' '}
            <strong>{r.changedCount} đơn vị thay đổi kết quả.</strong>
          </Typography.Text>
          {r.applied && (
            <Alert type="success" showIcon title="Đã áp dụng; mỗi hồ sơ chấm lại được ghi vào nhật ký." />
          )}
          {r.blockers.map((b) => (
            <Alert key={b} type="warning" showIcon title={b} />
          ))}
          <Table
            size="small"
            rowKey="evaluationId"
            pagination={false}
            dataSource={r.rows}
            columns={[
              { title: 'Đơn vị', dataIndex: 'unitName' },
              {
                title: 'Trạng thái',
                key: 'state',
                render: (_, row) => (
                  <Space size={4} wrap>
                    {row.stateLabel}
                    {row.locked && <Tag color="red">Đã khoá — không chấm lại</Tag>}
                    {row.reopenable && !r.applied && (
                      <Button size="small" onClick={() => setReopening(row)}>
                        Mở lại để sửa
                      </Button>
                    )}
                  </Space>
                ),
              },
              { title: 'Trước', key: 'before', render: (_, row) => outcomeText(row.before) },
              { title: 'Sau', key: 'after', render: (_, row) => outcomeText(row.after) },
              {
                title: 'Điều kiện (trước → sau)',
                key: 'conditions',
                render: (_, row) => `${conditionsText(row.before)} → ${conditionsText(row.after)}`,
              },
              {
                title: 'Kết quả',
                key: 'changed',
                render: (_, row) => (row.changed ? <Tag color="orange">Thay đổi</Tag> : <Tag>Không đổi</Tag>),
              },
            ]}
          />
          {r.changes.length > 0 && (
            <List
              size="small"
              header="Các thay đổi của bộ tiêu chí"
              bordered
              dataSource={r.changes}
              renderItem={(c) => <List.Item>{c.text}</List.Item>}
            />
          )}
        </Space>
      )}
      {reopening && (
        <ReopenCorrectionModal
          evaluationId={reopening.evaluationId}
          unitName={reopening.unitName}
          stateLabel={reopening.stateLabel}
          onClose={() => setReopening(null)}
          onDone={() => {
            void report.refetch();
            void client.invalidateQueries({ queryKey: ['evaluations'] });
          }}
        />
      )}
    </Modal>
  );
}
