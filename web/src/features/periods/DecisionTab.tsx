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
  Popconfirm,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { STATE_LABELS } from '@shared/evaluations/state-machine.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import { decimalOrDash } from '@web/features/evaluations/display.tsx';
import { PublicLinkCard } from '@web/components/PublicLinkCard.tsx';
import { decisionPath } from '@web/components/public-links.ts';
import { DecisionView } from './DecisionView.tsx';
import { problemsByField, type PeriodResult, type PublicDecision } from './periods.api.ts';

type DecisionInput = { number: string; signedOn: Dayjs; signerName: string; signerTitle: string };

/** The published decision of a period, or null when none was issued yet. */
export function usePeriodDecision(periodId: string) {
  return useQuery({
    queryKey: ['periods', periodId, 'decision'],
    queryFn: async () => {
      try {
        return await api.get<PublicDecision>(`/api/public/periods/${periodId}/decision`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/**
 * The decision form. One decision per period, issued once every unit is appraised (ADR 0008): units
 * still being assessed are listed and the button stays disabled; the confirmation lists every unit
 * left out of the achieved list.
 */
function DecisionForm({
  periodId,
  appraised,
  pending,
}: {
  periodId: string;
  appraised: PeriodResult[];
  pending: PeriodResult[];
}) {
  const client = useQueryClient();
  const [form] = Form.useForm<DecisionInput>();
  const [achieved, setAchieved] = useState<string[]>(
    appraised.filter((r) => r.recognised === true).map((r) => r.evaluationId),
  );
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function issue() {
    let values: DecisionInput;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    setSaving(true);
    try {
      await api.post(`/api/periods/${periodId}/decision`, {
        ...values,
        signedOn: values.signedOn.format('YYYY-MM-DD'),
        achievedEvaluationIds: achieved,
      });
      await client.invalidateQueries({ queryKey: ['periods', periodId] });
      void client.invalidateQueries({ queryKey: ['evaluations'] });
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        const byField = problemsByField(e.details?.problems);
        form.setFields(
          (['number', 'signedOn', 'signerName', 'signerTitle'] as const)
            .filter((f) => byField.has(f))
            .map((name) => ({ name, errors: byField.get(name)! })),
        );
      }
      setError(e instanceof ApiError ? e.message : 'Không ban hành được quyết định.');
    } finally {
      setSaving(false);
    }
  }

  if (appraised.length === 0)
    return <Empty description="Chưa có hồ sơ nào đã thẩm định xong để quyết định công nhận." />;
  const notAchieved = appraised.filter((r) => !achieved.includes(r.evaluationId));
  return (
    <Form<DecisionInput>
      form={form}
      layout="vertical"
      initialValues={{ signedOn: dayjs(), signerTitle: 'Chủ tịch Ủy ban nhân dân tỉnh' }}
    >
      <Flex wrap gap={16}>
        <Form.Item
          name="number"
          label="Số quyết định"
          rules={[{ required: true, min: 3, message: 'Nhập số quyết định, ví dụ 123/QĐ-UBND' }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input placeholder="123/QĐ-UBND" maxLength={60} />
        </Form.Item>
        <Form.Item
          name="signedOn"
          label="Ngày ký"
          rules={[{ required: true, message: 'Chọn ngày ký' }]}
          style={{ flex: '0 1 180px' }}
        >
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} aria-label="Ngày ký" />
        </Form.Item>
      </Flex>
      <Flex wrap gap={16}>
        <Form.Item
          name="signerName"
          label="Người ký"
          rules={[{ required: true, min: 2, message: 'Nhập họ tên người ký' }]}
          style={{ flex: '1 1 200px' }}
        >
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="signerTitle"
          label="Chức vụ người ký"
          rules={[{ required: true, min: 2, message: 'Nhập chức vụ người ký' }]}
          style={{ flex: '1 1 240px' }}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Flex>
      <Typography.Paragraph strong>
        Đánh dấu các xã, phường, đặc khu được công nhận đạt chuẩn ({achieved.length}/{appraised.length}); các
        đơn vị còn lại đã thẩm định sẽ vào danh sách không đạt chuẩn.
      </Typography.Paragraph>
      <Checkbox.Group
        value={achieved}
        onChange={(v) => setAchieved(v as string[])}
        style={{ display: 'flex', flexDirection: 'column', gap: 6, marginBottom: 16 }}
      >
        {appraised.map((r) => (
          <Checkbox key={r.evaluationId} value={r.evaluationId}>
            {r.unit.name} — điểm thẩm định {decimalOrDash(r.appraisedTotal)}
            {r.recognised !== null && (
              <Typography.Text type={r.recognised ? 'success' : 'danger'}>
                {' '}
                ({r.recognised ? 'đủ điều kiện' : 'chưa đủ điều kiện'})
              </Typography.Text>
            )}
          </Checkbox>
        ))}
      </Checkbox.Group>
      {pending.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="decision-pending"
          title={`Chưa thể ban hành: còn ${pending.length}/${pending.length + appraised.length} đơn vị chưa thẩm định xong`}
          description={
            <>
              Quyết định công nhận được ban hành một lần cho tất cả đơn vị của kỳ đánh giá.
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }}>
                {pending.map((r) => (
                  <li key={r.evaluationId}>
                    {r.unit.name} — {STATE_LABELS[r.state]}
                  </li>
                ))}
              </ul>
            </>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Popconfirm
        title="Ban hành quyết định công nhận?"
        description={
          <div style={{ maxWidth: 380 }} data-testid="decision-confirm">
            <div>
              {achieved.length} đơn vị đạt chuẩn, {notAchieved.length} đơn vị không đạt chuẩn.
            </div>
            {notAchieved.length > 0 && (
              <>
                <div>Không có tên trong danh sách đạt chuẩn:</div>
                <ul style={{ margin: '2px 0', paddingLeft: 20, maxHeight: 200, overflowY: 'auto' }}>
                  {notAchieved.map((r) => (
                    <li key={r.evaluationId}>{r.unit.name}</li>
                  ))}
                </ul>
              </>
            )}
            <div>Sau khi ban hành không sửa được.</div>
          </div>
        }
        okText="Ban hành"
        cancelText="Hủy"
        disabled={pending.length > 0}
        onConfirm={() => void issue()}
      >
        <Button type="primary" loading={saving} disabled={pending.length > 0}>
          Ban hành quyết định
        </Button>
      </Popconfirm>
    </Form>
  );
}

/** "Quyết định": the issued decision with both lists and its public link, or the form to issue it. */
export function DecisionTab({ periodId, results }: { periodId: string; results: PeriodResult[] }) {
  const { data: me } = useMe();
  const { data: decision, isLoading, error } = usePeriodDecision(periodId);
  if (isLoading) return <Typography.Text type="secondary">Đang tải…</Typography.Text>;
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error instanceof ApiError ? error.message : 'Không tải được quyết định.'}
      />
    );
  if (decision)
    return (
      <Space direction="vertical" style={{ width: '100%', minWidth: 0 }}>
        <Alert type="success" showIcon title="Quyết định đã công bố" />
        <PublicLinkCard
          title="Trang công bố công khai"
          path={decisionPath(periodId)}
          description="Địa chỉ để người dân xem quyết định (không cần đăng nhập):"
        />
        <DecisionView decision={decision} />
      </Space>
    );
  if (!hasPermission(me, 'decisions.manage')) return <Empty description="Chưa có quyết định công nhận." />;
  const appraised = results.filter((r) => r.state === 'appraised');
  const pending = results.filter((r) => r.state !== 'appraised' && !r.state.startsWith('decided_'));
  return (
    <Card size="small" title="Quyết định công nhận">
      <DecisionForm key={appraised.length} periodId={periodId} appraised={appraised} pending={pending} />
    </Card>
  );
}
