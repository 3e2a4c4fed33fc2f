/**
 * "Mở lại để sửa" (ADR 0019): a province reviewer reopens a closed dossier (submitted … appraised, not
 * decided) with a reason the commune reads and a new deadline. Used on the evaluation page and in the
 * re-score report for the dossiers it lists as locked.
 */
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useToday } from '@web/lib/auth.tsx';
import { api, ApiError } from '@web/lib/api.ts';
import type { EvaluationData } from './types.ts';

export function ReopenCorrectionModal(props: {
  evaluationId: string;
  unitName: string;
  stateLabel: string;
  /** The version the reviewer read; the evaluation is fetched first when unknown (re-score report). */
  version?: number;
  onClose(): void;
  onDone(next: EvaluationData): void;
}) {
  const { message } = App.useApp();
  const today = useToday();
  const [form] = Form.useForm<{ until: Dayjs; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(values: { until: Dayjs; reason: string }) {
    setError(null);
    setBusy(true);
    try {
      const version =
        props.version ?? (await api.get<EvaluationData>(`/api/evaluations/${props.evaluationId}`)).version;
      const next = await api.post<EvaluationData>(
        `/api/evaluations/${props.evaluationId}/reopen-correction`,
        {
          expectedVersion: version,
          until: values.until.format('YYYY-MM-DD'),
          reason: values.reason,
        },
      );
      message.success(`Đã mở lại hồ sơ của ${props.unitName} để sửa.`);
      props.onDone(next);
      props.onClose();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Không mở lại được.');
    } finally {
      setBusy(false);
    }
  }
  return (
    <Modal
      open
      onCancel={props.onClose}
      title={`Mở lại hồ sơ để sửa — ${props.unitName}`}
      footer={null}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        Hồ sơ đang ở trạng thái “{props.stateLabel}” sẽ trở về bước tự đánh giá. Kết quả thẩm định và các kết
        luận theo chỉ tiêu (nếu có) được lưu vào nhật ký rồi bỏ ra; xã sửa, chốt và gửi lại hồ sơ. Xã đọc được
        lý do dưới đây.
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ until: dayjs(today).add(3, 'day') }}
      >
        <Form.Item name="until" label="Xã sửa đến ngày" rules={[{ required: true, message: 'Chọn ngày' }]}>
          <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} aria-label="Xã sửa đến ngày" />
        </Form.Item>
        <Form.Item
          name="reason"
          label="Lý do (xã sẽ đọc)"
          rules={[{ required: true, min: 10, message: 'Ghi rõ lý do mở lại để xã biết cần sửa gì' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} aria-label="Lý do mở lại" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={busy}>
          Mở lại để sửa
        </Button>
      </Form>
    </Modal>
  );
}
