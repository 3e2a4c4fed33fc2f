/**
 * Inputs bound to a register measure (ADR 0013) on the evaluation page: the value computed from the
 * register with the link to the rows it counted, the officer's reason when another value is scored,
 * and the page's "Tính lại từ sổ" action.
 */
import { Button, Card, Flex, Input, Popconfirm, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import {
  formatMeasureValue,
  isComputedValue,
  OVERRIDE_REASON_MIN,
} from '@shared/evaluations/bound-inputs.ts';
import { formatDateTime, formatDecimal } from '@shared/format/vi.ts';
import { MEASURES, isMeasureId } from '@shared/registers/measures.ts';
import type { EvaluationDetail } from './types.ts';

export type Binding = EvaluationDetail['boundInputs'][string];

/** What the bound inputs of the tree need: their bindings and the reasons typed on this page. */
export type BoundContext = {
  bindings: Record<string, Binding>;
  reasons: Record<string, string>;
  onReason: (inputId: string, reason: string) => void;
};

/** "1.707/1.757 hồ sơ giải quyết trước hạn hoặc đúng hạn": the figure and what its numerator counts. */
export function computedText(binding: Binding): string {
  const computed = binding.computed?.value;
  // Yes/no reads as the question answered; money as the sum; documents as "1/2 báo cáo gửi đúng hạn".
  if (typeof computed === 'boolean') return `${binding.measureLabel}: ${formatMeasureValue(computed)}`;
  if (
    typeof computed === 'number' &&
    isMeasureId(binding.measure) &&
    MEASURES[binding.measure].type === 'money'
  )
    return `${formatDecimal(computed)} đồng (${binding.measureLabel.toLowerCase()})`;
  const value = computed === undefined ? '' : formatMeasureValue(computed).replace(/ đúng hạn$/, '');
  const counts = isMeasureId(binding.measure) ? MEASURES[binding.measure].counts : binding.measureLabel;
  const noun = binding.rowsNoun;
  // "Hồ sơ giải quyết…" after the figure reads "1.707/1.757 hồ sơ giải quyết…".
  const rest = counts.toLowerCase().startsWith(noun.toLowerCase())
    ? counts.slice(noun.length).trim()
    : counts.charAt(0).toLowerCase() + counts.slice(1);
  return `${value} ${noun} ${rest}`;
}

/** "tính từ 1.757 hồ sơ", a link to exactly those rows of the register. */
export function RowsLink({ binding }: { binding: Binding }) {
  if (!binding.computed) return null;
  return (
    <Link to={binding.link} data-testid={`rows-link-${binding.measure}`}>
      tính từ {formatDecimal(binding.computed.rows)} {binding.rowsNoun}
    </Link>
  );
}

/** Whether the value on the page is another value than the one computed from the register. */
export function differsFromComputed(binding: Binding | undefined, value: unknown): boolean {
  return !!binding?.computed && value !== undefined && !isComputedValue(value, binding.computed.value);
}

/** Under a bound input: the computed value, the rows link, and the reason when the value differs. */
export function BoundInputNote({
  inputId,
  binding,
  value,
  editable,
  reason,
  onReason,
}: {
  inputId: string;
  binding: Binding;
  value: unknown;
  editable: boolean;
  reason: string;
  onReason: (reason: string) => void;
}) {
  const differs = differsFromComputed(binding, value);
  const reasonId = `ly-do-${inputId}`;
  const tooShort = differs && reason.trim().length < OVERRIDE_REASON_MIN;
  return (
    <Flex
      vertical
      gap={4}
      data-testid={`bound-${inputId}`}
      style={{ background: 'rgba(22, 119, 255, 0.06)', padding: '6px 8px', borderRadius: 6 }}
    >
      {binding.computed ? (
        <Typography.Text>
          <Tag color="blue">Tính từ sổ</Tag>
          {computedText(binding)} (<RowsLink binding={binding} />, tính lúc{' '}
          {formatDateTime(new Date(binding.computed.computedAt))})
        </Typography.Text>
      ) : (
        <Typography.Text type="secondary">
          <Tag>Gắn với sổ</Tag>
          {binding.measureLabel}: chưa tính từ sổ. Bấm “Tính lại từ sổ” để lấy số liệu.
        </Typography.Text>
      )}
      {differs && !editable && (
        <Typography.Text data-testid={`override-${inputId}`}>
          <Tag color="orange">Đã điều chỉnh</Tag>
          Chấm theo {formatMeasureValue(value)} thay vì {formatMeasureValue(binding.computed!.value)}.
          {binding.override && (
            <>
              {' '}
              Lý do: {binding.override.reason} ({binding.override.byName},{' '}
              {formatDateTime(new Date(binding.override.at))})
            </>
          )}
        </Typography.Text>
      )}
      {differs && editable && (
        <Flex vertical gap={2}>
          <Typography.Text strong>
            <label htmlFor={reasonId}>
              Lý do điều chỉnh (bắt buộc): giá trị chấm {formatMeasureValue(value)} khác số tính từ sổ{' '}
              {formatMeasureValue(binding.computed!.value)}
            </label>
          </Typography.Text>
          <Input.TextArea
            id={reasonId}
            aria-required
            aria-invalid={tooShort || undefined}
            status={tooShort ? 'warning' : undefined}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            value={reason}
            onChange={(e) => onReason(e.target.value)}
          />
          {tooShort && (
            <Typography.Text type="warning" role="status">
              Ghi lý do ít nhất {OVERRIDE_REASON_MIN} ký tự; giá trị mới chỉ được lưu khi có lý do.
            </Typography.Text>
          )}
          {binding.override && !tooShort && (
            <Typography.Text type="secondary">
              Lý do đã lưu bởi {binding.override.byName}, {formatDateTime(new Date(binding.override.at))}
            </Typography.Text>
          )}
        </Flex>
      )}
    </Flex>
  );
}

/** When the bound inputs were last computed (the latest of them), or null when never. */
export function lastComputedAt(bindings: Record<string, Binding>): string | null {
  let last: string | null = null;
  for (const b of Object.values(bindings))
    if (b.computed && (!last || b.computed.computedAt > last)) last = b.computed.computedAt;
  return last;
}

/** The page's recompute action with its confirmation and the time of the last computation. */
export function RecomputeCard({
  evaluation,
  busy,
  onRecompute,
}: {
  evaluation: EvaluationDetail;
  busy: boolean;
  onRecompute: () => void;
}) {
  const bindings = evaluation.boundInputs;
  const count = Object.keys(bindings).length;
  if (count === 0) return null;
  const last = lastComputedAt(bindings);
  return (
    <Card size="small" title="Số liệu tính từ sổ" data-testid="recompute-card">
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Text>
          {count} số liệu của bộ tiêu chí được tính từ sổ sách (hồ sơ TTHC, kế hoạch, sổ sách của xã, phiếu
          lấy ý kiến) năm {evaluation.period.year}.{' '}
          {last ? <>Tính lần gần nhất lúc {formatDateTime(new Date(last))}.</> : <>Chưa tính lần nào.</>}
        </Typography.Text>
        {evaluation.abilities.canEdit && (
          <Popconfirm
            title="Tính lại từ sổ?"
            description={
              <div style={{ maxWidth: 320 }}>
                Các số liệu gắn với sổ sẽ lấy theo dữ liệu sổ hiện tại và điểm được tính lại. Số liệu đã điều
                chỉnh có lý do được giữ nguyên.
              </div>
            }
            okText="Tính lại"
            cancelText="Hủy"
            onConfirm={onRecompute}
          >
            <Button loading={busy}>Tính lại từ sổ</Button>
          </Popconfirm>
        )}
      </Flex>
    </Card>
  );
}
