import { Alert, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { FrameworkNode } from '@shared/frameworks/model.ts';
import { parseDecimalInput } from '@shared/format/vi.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { PROVISIONAL_LABEL, decimalOrDash, indexResult, nodeValue } from './display.tsx';
import { DecimalInput } from './inputs.tsx';
import { BoundInputsTable } from './BoundInputsTable.tsx';
import type { AppliedVerdict, Difference, EvaluationDetail, Verdict } from './types.ts';

/** Indicators (or leaves without an indicator above them): what an appraiser concludes on. */
function appraisableNodes(nodes: FrameworkNode[]): FrameworkNode[] {
  const out: FrameworkNode[] = [];
  const walk = (list: FrameworkNode[]) => {
    for (const n of list) {
      if (n.kind === 'indicator' || !n.children?.length) out.push(n);
      else walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

const VERDICT_OPTIONS = [
  { value: 'accept', label: 'Chấp nhận' },
  { value: 'adjust', label: 'Điều chỉnh' },
  { value: 'explain', label: 'Yêu cầu giải trình' },
];

export function AppraisalPanel({
  evaluation,
  onDone,
  onTransition,
}: {
  evaluation: EvaluationDetail;
  onDone: () => void;
  onTransition: (action: 'return' | 'appraise') => Promise<void>;
}) {
  const results = indexResult(evaluation.selfResult?.criteria);
  const latest = new Map<string, Verdict>();
  for (const v of evaluation.verdicts) if (v.round === evaluation.appraisalRound) latest.set(v.nodeCode, v);
  const applied = new Map((evaluation.appliedVerdicts ?? []).map((v) => [v.nodeCode, v]));
  return (
    <Card size="small" title="Kết luận thẩm định từng chỉ tiêu">
      <Space direction="vertical" style={{ width: '100%' }}>
        <BoundInputsTable evaluation={evaluation} />
        {appraisableNodes(evaluation.framework.nodes).map((node) => (
          <VerdictRow
            // A new round starts each row again from the verdict then in force.
            key={`${node.code}-${evaluation.appraisalRound}`}
            evaluationId={evaluation.id}
            node={node}
            selfValue={nodeValue(results.get(node.code))}
            pointsModel={evaluation.framework.model === 'points'}
            current={latest.get(node.code)}
            applied={applied.get(node.code)}
            earlier={evaluation.verdicts.filter(
              (v) => v.nodeCode === node.code && v.round < evaluation.appraisalRound,
            )}
            disabled={!evaluation.abilities.canAppraise && !evaluation.abilities.canReturn}
            onDone={onDone}
          />
        ))}
        <Flex wrap gap={8}>
          {evaluation.abilities.canReturn && (
            <Popconfirm
              title="Trả hồ sơ để xã giải trình?"
              okText="Trả lại"
              cancelText="Hủy"
              onConfirm={() => onTransition('return')}
            >
              <Button>Trả lại để giải trình</Button>
            </Popconfirm>
          )}
          {evaluation.abilities.canAppraise && (
            <Popconfirm
              title="Hoàn tất thẩm định?"
              description="Điểm thẩm định sẽ được máy chủ tính theo bộ tiêu chí."
              okText="Hoàn tất"
              cancelText="Hủy"
              onConfirm={() => onTransition('appraise')}
            >
              <Button type="primary">Hoàn tất thẩm định</Button>
            </Popconfirm>
          )}
        </Flex>
      </Space>
    </Card>
  );
}

function VerdictRow({
  evaluationId,
  node,
  selfValue,
  pointsModel,
  current,
  applied,
  earlier,
  disabled,
  onDone,
}: {
  evaluationId: string;
  node: FrameworkNode;
  selfValue: string;
  pointsModel: boolean;
  current: Verdict | undefined;
  /** The verdict in force (the server's rule): this round's, or one carried from an earlier round. */
  applied: AppliedVerdict | undefined;
  /** This indicator's verdicts of earlier rounds, with the commune's explanations. */
  earlier: Verdict[];
  disabled: boolean;
  onDone: () => void;
}) {
  // The selector starts at the verdict in force, e.g. round 1's "Điều chỉnh 5,6" in round 2, so the
  // reviewer sees what will be scored unless they change it.
  const start = current ?? applied;
  const [verdict, setVerdict] = useState<string>(start?.verdict ?? 'accept');
  const [points, setPoints] = useState<string | null>(start?.points ?? null);
  const [passed, setPassed] = useState<boolean | undefined>(start?.passed ?? undefined);
  const [reason, setReason] = useState(start?.reason ?? '');
  const [touched, setTouched] = useState(false);
  const carried = !current && applied?.carriedForward ? applied : undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pointsError, setPointsError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function submit() {
    setPointsError(null);
    if (verdict === 'adjust' && pointsModel && points !== null && parseDecimalInput(points) === null) {
      setPointsError(`Điểm điều chỉnh của ${node.code} phải là một số, ví dụ 2,5.`);
      return;
    }
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await api.put(`/api/evaluations/${evaluationId}/verdicts`, {
        nodeCode: node.code,
        verdict,
        ...(verdict === 'adjust' && pointsModel && points !== null ? { points } : {}),
        ...(verdict === 'adjust' && !pointsModel && passed !== undefined ? { passed } : {}),
        ...(verdict !== 'accept' ? { reason } : {}),
      });
      setSaved(true);
      onDone();
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details?.problems ?? []) : [];
      // The server refuses points out of range or unreadable: say so at the points box, in plain words.
      const pointsProblem = problems.find((p) => p.field === 'points');
      if (e instanceof ApiError && pointsProblem) {
        setPointsError(
          points?.startsWith('-')
            ? `Điểm điều chỉnh của ${node.code} không được âm.`
            : e.message.startsWith('Dữ liệu không hợp lệ')
              ? `Điểm điều chỉnh của ${node.code}: ${pointsProblem.message}`
              : e.message,
        );
        return;
      }
      setError(
        [
          e instanceof ApiError ? e.message : 'Không lưu được kết luận.',
          ...problems.map((p) => p.message),
        ].join(' '),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
      <Typography.Text strong>{node.code}.</Typography.Text>{' '}
      <span style={{ overflowWrap: 'anywhere' }}>{node.title}</span>
      <div>
        <Typography.Text type="secondary">Tự đánh giá: {selfValue}</Typography.Text>
        {current && (
          <Typography.Text type="secondary">
            {' '}
            · Đã kết luận: {VERDICT_OPTIONS.find((o) => o.value === current.verdict)?.label}
            {current.points !== null ? ` (${decimalOrDash(current.points)} điểm)` : ''}
          </Typography.Text>
        )}
        {carried && (
          <Typography.Text type="secondary">
            {' '}
            · Đang áp dụng kết luận vòng {carried.round}:{' '}
            {VERDICT_OPTIONS.find((o) => o.value === carried.verdict)?.label}
            {carried.points !== null ? ` (${decimalOrDash(carried.points)} điểm)` : ''}
          </Typography.Text>
        )}
      </div>
      {earlier.map((v) => (
        <div key={v.round} style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">
            Vòng {v.round}: {VERDICT_OPTIONS.find((o) => o.value === v.verdict)?.label}
            {v.points !== null ? ` (${decimalOrDash(v.points)} điểm)` : ''}
            {v.reason ? ` — ${v.reason}` : ''}
          </Typography.Text>
          {v.explanation && (
            <div>
              <Typography.Text>Giải trình của xã: {v.explanation}</Typography.Text>
            </div>
          )}
        </div>
      ))}
      <Flex wrap gap={8} style={{ marginTop: 6 }} align="flex-start">
        <Select
          aria-label={`Kết luận ${node.code}`}
          style={{ width: 190 }}
          disabled={disabled}
          options={VERDICT_OPTIONS}
          value={verdict}
          onChange={(v) => {
            setVerdict(v);
            setTouched(true);
          }}
        />
        {carried && !touched && (
          <Tag color="blue" style={{ alignSelf: 'center' }} data-testid={`tu-vong-${node.code}`}>
            từ vòng {carried.round}
          </Tag>
        )}
        {verdict === 'adjust' &&
          (pointsModel ? (
            <div style={{ width: 160 }}>
              <DecimalInput
                label={`Điểm điều chỉnh ${node.code}`}
                placeholder={node.max !== undefined ? `0 – ${decimalOrDash(String(node.max))}` : 'Điểm'}
                disabled={disabled}
                invalid={!!pointsError}
                describedBy={pointsError ? `loi-diem-${node.code}` : undefined}
                value={points ?? undefined}
                onChange={(v) => {
                  setPointsError(null);
                  setPoints(v ?? null);
                  setTouched(true);
                }}
              />
            </div>
          ) : (
            <Select
              style={{ width: 140 }}
              placeholder="Kết quả"
              disabled={disabled}
              options={[
                { value: 'true', label: 'Đạt' },
                { value: 'false', label: 'Không đạt' },
              ]}
              value={passed === undefined ? undefined : String(passed)}
              onChange={(v) => {
                setPassed(v === 'true');
                setTouched(true);
              }}
            />
          ))}
        {verdict !== 'accept' && (
          <Input.TextArea
            aria-label={`Lý do ${node.code}`}
            placeholder="Lý do"
            autoSize={{ minRows: 1, maxRows: 6 }}
            style={{ flex: '1 1 220px' }}
            disabled={disabled}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setTouched(true);
            }}
          />
        )}
        <Button loading={busy} disabled={disabled} onClick={() => void submit()}>
          Lưu kết luận
        </Button>
      </Flex>
      {pointsError && (
        <div>
          <Typography.Text type="danger" role="alert" id={`loi-diem-${node.code}`}>
            {pointsError}
          </Typography.Text>
        </div>
      )}
      {saved && <Typography.Text type="success">Đã lưu kết luận.</Typography.Text>}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 6 }} />}
    </div>
  );
}

export function ExplanationPanel({
  evaluation,
  onDone,
}: {
  evaluation: EvaluationDetail;
  onDone: () => void;
}) {
  const requested = evaluation.verdicts.filter(
    (v) => v.verdict === 'explain' && v.round === evaluation.appraisalRound,
  );
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(requested.map((v) => [v.nodeCode, v.explanation ?? ''])),
  );
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/evaluations/${evaluation.id}/explanations`, {
        expectedVersion: evaluation.version,
        explanations: texts,
      });
      onDone();
    } catch (e) {
      const problems = e instanceof ApiError ? (e.details?.problems ?? []) : [];
      setError(
        [
          e instanceof ApiError ? e.message : 'Không gửi được giải trình.',
          ...problems.map((p) => p.message),
        ].join(' '),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card size="small" title="Giải trình theo yêu cầu của cơ quan thẩm định">
      <Space direction="vertical" style={{ width: '100%' }}>
        {requested.length === 0 && <Typography.Text>Không có chỉ tiêu nào cần giải trình.</Typography.Text>}
        {requested.map((v) => (
          <div key={v.nodeCode}>
            <Typography.Text strong>Chỉ tiêu {v.nodeCode}</Typography.Text>
            {v.reason && (
              <div>
                <Typography.Text type="secondary">Yêu cầu: {v.reason}</Typography.Text>
              </div>
            )}
            <Input.TextArea
              aria-label={`Giải trình ${v.nodeCode}`}
              autoSize={{ minRows: 3, maxRows: 10 }}
              value={texts[v.nodeCode] ?? ''}
              onChange={(e) => setTexts((prev) => ({ ...prev, [v.nodeCode]: e.target.value }))}
            />
          </div>
        ))}
        {error && <Alert type="error" showIcon title={error} />}
        {requested.length > 0 && (
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            Gửi giải trình
          </Button>
        )}
      </Space>
    </Card>
  );
}

function show(value: string | null, passed: boolean | null): string {
  if (value !== null) return decimalOrDash(value);
  if (passed !== null) return passed ? 'Đạt' : 'Không đạt';
  return '—';
}

/** Tự đánh giá | Thẩm định | Lý do, for every node whose value changed. */
export function DifferencesTable({ evaluation }: { evaluation: EvaluationDetail }) {
  if (evaluation.differences.length === 0)
    return <Typography.Text>Kết quả thẩm định trùng với kết quả tự đánh giá.</Typography.Text>;
  // A value resting on an unconfirmed rule or maximum is shown as provisional here too (ADR 0015).
  const nodes = indexResult(evaluation.appraisedResult?.criteria ?? evaluation.selfResult?.criteria);
  return (
    <Table<Difference>
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={evaluation.differences}
      columns={[
        {
          title: 'Chỉ tiêu',
          render: (_, d) => (
            <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>
              <b>{d.code}</b> {d.title}{' '}
              {nodes.get(d.code)?.provisional && <Tag color="gold">{PROVISIONAL_LABEL}</Tag>}
            </span>
          ),
        },
        { title: 'Tự đánh giá', align: 'right', render: (_, d) => show(d.self, d.selfPassed) },
        { title: 'Thẩm định', align: 'right', render: (_, d) => show(d.appraised, d.appraisedPassed) },
        {
          title: 'Lý do',
          render: (_, d) => (
            <span style={{ display: 'inline-block', maxWidth: 260, whiteSpace: 'normal' }}>
              {d.reason ?? '—'}
            </span>
          ),
        },
      ]}
    />
  );
}
