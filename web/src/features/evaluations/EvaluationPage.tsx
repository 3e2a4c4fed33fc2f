import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  Popconfirm,
  Result,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { NARRATIVE_SECTIONS } from '@shared/evaluations/narrative.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { PROVISIONAL_LABEL, StateTag, dateOrDash, indexResult } from './display.tsx';
import { NodeTree, cleanValues } from './NodeTree.tsx';
import { TriStateInput } from './inputs.tsx';
import type { EvidenceOfEvaluation } from './EvidenceList.tsx';
import { RecomputeCard, differsFromComputed } from './BoundInput.tsx';
import { RemediationAction } from '@web/features/plans/RemediationAction.tsx';
import { FactFromBook } from '@web/features/books/FactFromBook.tsx';
import { OVERRIDE_REASON_MIN } from '@shared/evaluations/bound-inputs.ts';
import { postingNoticePath, postingPath } from '@web/components/public-links.ts';

// The QR code is drawn only once the evaluation is posted: not part of the page's first download.
const PublicLinkCard = lazy(async () => ({
  default: (await import('@web/components/PublicLinkCard.tsx')).PublicLinkCard,
}));
import type { EvaluationData, EvaluationDetail as EvaluationBase } from './types.ts';
import { useFrameworkContent, withFramework } from './framework-content.ts';

/** The evaluation with its evidence files (recommended, not required for submission). */
type EvaluationDetail = EvaluationBase & {
  evidence: EvidenceOfEvaluation;
  abilities: EvaluationBase['abilities'] & { canUploadEvidence: boolean };
};

type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date; leftOut: number; held: number }
  | { kind: 'conflict'; message: string }
  | { kind: 'invalid'; message: string; problems: { field: string; message: string }[] }
  | { kind: 'error'; message: string };

const AUTOSAVE_MS = 1500;

/*
 * Parts not needed to show the criteria are loaded when they appear (page-weight budget in `npm run bench`):
 * the appraisal (tables, selects), citizens' comments, the chairman's and organiser's dialogs (date picker,
 * selects) and the documents menu.
 */
const AppraisalPanel = lazy(async () => ({ default: (await import('./AppraisalPanel.tsx')).AppraisalPanel }));
const ExplanationPanel = lazy(async () => ({
  default: (await import('./AppraisalPanel.tsx')).ExplanationPanel,
}));
const DifferencesTable = lazy(async () => ({
  default: (await import('./AppraisalPanel.tsx')).DifferencesTable,
}));
const CommentsPanel = lazy(async () => ({ default: (await import('./CommentsPanel.tsx')).CommentsPanel }));
const EvaluationAdminActions = lazy(async () => ({
  default: (await import('./EvaluationAdminActions.tsx')).EvaluationAdminActions,
}));
const EvaluationDocumentsMenu = lazy(async () => ({
  default: (await import('./EvaluationDocumentsMenu.tsx')).EvaluationDocumentsMenu,
}));
const loading = <Spin size="small" />;

/** The disqualifying facts asked as plain questions (the framework's title states the fact). */
const FACT_QUESTIONS: Record<string, string> = {
  headDisciplined:
    'Trong năm, người đứng đầu cấp ủy hoặc chính quyền xã có bị kỷ luật hoặc truy cứu trách nhiệm hình sự không?',
  staffDisciplinedWarningOrHeavier:
    'Trong năm, có cán bộ, công chức cấp xã bị kỷ luật từ hình thức cảnh cáo trở lên do vi phạm trong thi hành công vụ không?',
};
const factQuestion = (f: { key: string; title: string }) =>
  FACT_QUESTIONS[f.key] ?? `Trong năm, có trường hợp sau không: ${f.title.replace(/\.$/, '')}?`;

export function EvaluationPage() {
  const { id = '' } = useParams();
  // ?tab=y-kien opens a tab directly (the home page's "ý kiến người dân chờ tiếp thu" task links there).
  const [searchParams] = useSearchParams();
  const [activeTab, setActiveTab] = useState(() => searchParams.get('tab') ?? 'tieu-chi');
  const client = useQueryClient();
  const key = useMemo(() => ['evaluations', id], [id]);
  const {
    data,
    isLoading: loadingData,
    error: dataError,
    refetch,
  } = useQuery({
    queryKey: key,
    queryFn: () => api.get<EvaluationData>(`/api/evaluations/${id}`),
  });
  const content = useFrameworkContent(data?.framework.contentHash);
  const evaluation = useMemo(
    () => withFramework(data, content.data) as EvaluationDetail | undefined,
    [data, content.data],
  );
  const isLoading = loadingData || content.isLoading;
  const error = dataError ?? content.error;

  // The user's draft: raw values, facts and narrative. Scores always come from the server.
  const [values, setValues] = useState<Record<string, unknown>>({});
  const [facts, setFacts] = useState<Record<string, boolean | undefined>>({});
  // The server's reason for each value it could not read (kept here, with the officer's text, until fixed).
  const [issues, setIssues] = useState<Map<string, string>>(new Map());
  const [narrative, setNarrative] = useState<Record<string, string>>({});
  // Reasons for scoring a bound input with another value than the register's (sent with every save).
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [recomputing, setRecomputing] = useState(false);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [actionError, setActionError] = useState<string | null>(null);
  const loadedFor = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const again = useRef(false);
  const draft = useRef({ values, facts, narrative, reasons });
  draft.current = { values, facts, narrative, reasons };

  const applyServer = useCallback((ev: EvaluationData) => {
    setValues({ ...(ev.selfInput?.values ?? {}) });
    setFacts({ ...(ev.selfInput?.facts ?? {}) });
    setNarrative({ ...(ev.narrative ?? {}) });
    setReasons(
      Object.fromEntries(
        Object.entries(ev.boundInputs).flatMap(([id, b]) => (b.override ? [[id, b.override.reason]] : [])),
      ),
    );
  }, []);

  // Take the server's data when the evaluation is first opened (later saves keep the user's draft).
  useEffect(() => {
    if (!evaluation || loadedFor.current === evaluation.id) return;
    loadedFor.current = evaluation.id;
    applyServer(evaluation);
  }, [evaluation, applyServer]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  // Values the server could not read live only in this page: warn before they are lost.
  useEffect(() => {
    if (issues.size === 0 && save.kind !== 'pending' && save.kind !== 'saving') return;
    const warn = (ev: BeforeUnloadEvent) => ev.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [issues, save.kind]);

  const runSave = useCallback(async () => {
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const current = client.getQueryData<EvaluationData>(key);
    if (!current) return;
    inFlight.current = true;
    setSave({ kind: 'saving' });
    const { values: v, facts: f, narrative: n, reasons: r } = draft.current;
    const { values: toSend, overrides, held } = withReasons(current, cleanValues(v), r);
    try {
      const saved = await api.put<EvaluationData>(`/api/evaluations/${id}/self-assessment`, {
        expectedVersion: current.version,
        input: { ...(current.selfInput ?? {}), values: toSend, facts: definedFacts(f) },
        narrative: n,
        overrides,
        invalidValues: 'report',
      });
      const leftOut = saved.inputIssues ?? [];
      setIssues(new Map(leftOut.map((i) => [i.inputId, i.message])));
      client.setQueryData(key, { ...saved, inputIssues: undefined });
      // Typing during the save: what is on screen is not all saved yet.
      setSave(
        timer.current
          ? { kind: 'pending' }
          : { kind: 'saved', at: new Date(), leftOut: leftOut.length, held },
      );
    } catch (e) {
      again.current = false;
      if (e instanceof ApiError && e.status === 409) setSave({ kind: 'conflict', message: e.message });
      else if (e instanceof ApiError && e.status === 400)
        setSave({ kind: 'invalid', message: e.message, problems: e.details?.problems ?? [] });
      else setSave({ kind: 'error', message: e instanceof ApiError ? e.message : 'Không lưu được.' });
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        void runSave();
      }
    }
  }, [client, id, key]);

  const scheduleSave = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    setSave({ kind: 'pending' });
    timer.current = setTimeout(() => {
      timer.current = null;
      void runSave();
    }, AUTOSAVE_MS);
  }, [runSave]);

  // Stable, so that the memoised input controls of the tree do not re-render on every keystroke.
  const onValue = useCallback(
    (inputId: string, value: unknown) => {
      setValues((prev) => ({ ...prev, [inputId]: value }));
      // The message was about the previous value; the next save judges the new one.
      setIssues((prev) => {
        if (!prev.has(inputId)) return prev;
        const next = new Map(prev);
        next.delete(inputId);
        return next;
      });
      scheduleSave();
    },
    [scheduleSave],
  );

  const onReason = useCallback(
    (inputId: string, reason: string) => {
      setReasons((prev) => ({ ...prev, [inputId]: reason }));
      scheduleSave();
    },
    [scheduleSave],
  );
  const onEvidenceChanged = useCallback(() => void refetch(), [refetch]);

  /** Sends what is typed and not yet saved, and waits for saves under way: an action acts on it. */
  async function flushSave() {
    if (timer.current) {
      clearTimeout(timer.current);
      timer.current = null;
      await runSave();
    }
    while (inFlight.current) await new Promise((resolve) => setTimeout(resolve, 50));
  }

  async function reload() {
    if (timer.current) clearTimeout(timer.current);
    setSave({ kind: 'idle' });
    setIssues(new Map());
    const fresh = await refetch();
    if (fresh.data) applyServer(fresh.data);
  }

  /** Saves what is typed first, then recomputes the bound inputs and shows the server's values. */
  async function recompute() {
    setActionError(null);
    setRecomputing(true);
    try {
      await flushSave();
      const current = client.getQueryData<EvaluationData>(key);
      if (!current) return;
      const next = await api.post<EvaluationData>(`/api/evaluations/${id}/computed-inputs`, {
        expectedVersion: current.version,
      });
      client.setQueryData(key, next);
      applyServer(next);
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : 'Không tính lại được từ sổ.');
    } finally {
      setRecomputing(false);
    }
  }

  async function transition(action: 'register' | 'submit' | 'post' | 'send' | 'return' | 'appraise') {
    if (!evaluation) return;
    setActionError(null);
    try {
      // A figure typed just before "Chốt" is saved first, and the action names the saved version.
      await flushSave();
      const current = client.getQueryData<EvaluationData>(key) ?? evaluation;
      const next = await api.post<EvaluationData>(`/api/evaluations/${id}/${action}`, {
        expectedVersion: current.version,
      });
      if (next && typeof next === 'object' && 'abilities' in next) client.setQueryData(key, next);
      else await refetch();
      void client.invalidateQueries({ queryKey: ['evaluations'], exact: true });
    } catch (e) {
      setActionError(e instanceof ApiError ? e.message : 'Không thực hiện được thao tác.');
    }
  }

  if (isLoading) return <Spin tip="Đang tải hồ sơ…" />;
  if (error || !evaluation)
    return (
      <Result
        status="error"
        title="Không mở được hồ sơ"
        subTitle={error instanceof ApiError ? error.message : 'Vui lòng thử lại.'}
      />
    );

  const e = evaluation;
  const results = indexResult(e.selfResult?.criteria);
  const editable = e.abilities.canEdit;

  const saveIndicator = (
    <div aria-live="polite" style={{ minHeight: 22 }}>
      {save.kind === 'pending' && (
        <Typography.Text type="secondary">Có thay đổi chưa lưu, sẽ tự lưu sau giây lát…</Typography.Text>
      )}
      {save.kind === 'saving' && <Typography.Text type="secondary">Đang lưu…</Typography.Text>}
      {save.kind === 'saved' && (
        <Typography.Text type="success">Đã lưu lúc {dayjs(save.at).format('HH:mm')}</Typography.Text>
      )}
      {save.kind === 'saved' && save.held > 0 && (
        <Typography.Text type="warning">
          {' '}
          · {save.held} số liệu khác số tính từ sổ chưa được lưu: cần ghi lý do điều chỉnh (ít nhất{' '}
          {OVERRIDE_REASON_MIN} ký tự).
        </Typography.Text>
      )}
      {save.kind === 'saved' && save.leftOut > 0 && (
        <Typography.Text type="danger">
          {' '}
          · {save.leftOut} số liệu chưa hợp lệ nên chưa được lưu (xem lý do ngay dưới ô nhập, mục có thẻ “Số
          liệu chưa hợp lệ”).
        </Typography.Text>
      )}
      {save.kind === 'conflict' && (
        <Alert
          type="warning"
          showIcon
          title={save.message}
          action={
            <Button size="small" onClick={() => void reload()}>
              Tải lại
            </Button>
          }
        />
      )}
      {save.kind === 'invalid' && (
        <Alert
          type="error"
          showIcon
          title={save.message}
          description={
            save.problems.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {save.problems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            )
          }
        />
      )}
      {save.kind === 'error' && <Alert type="error" showIcon title={save.message} />}
    </div>
  );

  const actions = (
    <Flex wrap gap={8}>
      <Suspense fallback={null}>
        <EvaluationAdminActions evaluation={e} onChange={(next) => client.setQueryData(key, next)} />
        <EvaluationDocumentsMenu evaluation={e} />
      </Suspense>
      {e.abilities.canSubmit && (
        <Popconfirm
          title="Chốt kết quả tự đánh giá?"
          description="Sau khi chốt, số liệu không sửa được nữa."
          okText="Chốt"
          cancelText="Hủy"
          onConfirm={() => transition('submit')}
        >
          <Button type="primary">Chốt kết quả tự đánh giá</Button>
        </Popconfirm>
      )}
      {e.abilities.canPost && (
        <Popconfirm
          title="Niêm yết công khai kết quả tự đánh giá?"
          okText="Niêm yết"
          cancelText="Hủy"
          onConfirm={() => transition('post')}
        >
          <Button type="primary">Niêm yết công khai</Button>
        </Popconfirm>
      )}
      {e.abilities.canSend && e.abilities.sendWaitsForPosting && (
        <Tooltip title={`Chỉ gửi được sau khi hết thời gian niêm yết (đến ${dateOrDash(e.posting?.until)})`}>
          {/* A disabled button gives no hover events: the span carries the tooltip and the focus. */}
          <span tabIndex={0} style={{ display: 'inline-block' }}>
            <Button type="primary" disabled style={{ pointerEvents: 'none' }}>
              Gửi hồ sơ thẩm định
            </Button>
          </span>
        </Tooltip>
      )}
      {e.abilities.canSend && !e.abilities.sendWaitsForPosting && (
        <Popconfirm
          title="Gửi hồ sơ đề nghị thẩm định?"
          okText="Gửi"
          cancelText="Hủy"
          onConfirm={() => transition('send')}
        >
          <Button type="primary">Gửi hồ sơ thẩm định</Button>
        </Popconfirm>
      )}
    </Flex>
  );

  const result = e.selfResult;
  const tabs = [
    {
      key: 'tieu-chi',
      label: 'Tiêu chí',
      children: (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {editable && saveIndicator}
          <Typography.Text type="secondary" data-testid="evidence-count">
            Tài liệu kiểm chứng: {e.evidence.count > 0 ? `${e.evidence.count} tệp` : 'chưa có'} (nên đính kèm
            cho từng chỉ tiêu; không bắt buộc để chốt hồ sơ).
          </Typography.Text>
          <RecomputeCard evaluation={e} busy={recomputing} onRecompute={() => void recompute()} />
          {e.framework.facts.length > 0 && (
            <Card size="small" title="Điều kiện loại trừ">
              <Space direction="vertical" style={{ width: '100%' }}>
                {e.framework.facts.map((f) => (
                  <Flex key={f.key} vertical gap={4} data-testid={`fact-${f.key}`}>
                    <Typography.Text style={{ overflowWrap: 'anywhere' }}>{factQuestion(f)}</Typography.Text>
                    <FactFromBook factKey={f.key} unitId={e.unit.id} year={e.period.year} />
                    <TriStateInput
                      label={factQuestion(f)}
                      disabled={!editable}
                      value={facts[f.key]}
                      onChange={(v) => {
                        setFacts((prev) => ({ ...prev, [f.key]: v }));
                        scheduleSave();
                      }}
                    />
                  </Flex>
                ))}
              </Space>
            </Card>
          )}
          <div data-testid="evaluation-tree">
            <NodeTree
              nodes={e.framework.nodes}
              results={results}
              values={values}
              editable={editable}
              onChange={onValue}
              issues={issues}
              bound={{ bindings: e.boundInputs, reasons, onReason }}
              evidence={{
                evaluationId: e.id,
                byNode: e.evidence.byNode,
                canUpload: e.abilities.canUploadEvidence,
                onChanged: onEvidenceChanged,
              }}
            />
          </div>
        </Space>
      ),
    },
    {
      key: 'bao-cao',
      label: 'Báo cáo',
      children: (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {editable && saveIndicator}
          {Object.entries(NARRATIVE_SECTIONS).map(([section, label]) => (
            <div key={section}>
              <Typography.Text strong>{label}</Typography.Text>
              <Input.TextArea
                aria-label={label}
                disabled={!editable}
                autoSize={{ minRows: 3, maxRows: 12 }}
                maxLength={20_000}
                value={narrative[section] ?? ''}
                onChange={(ev) => {
                  const text = ev.target.value;
                  setNarrative((prev) => ({ ...prev, [section]: text }));
                  scheduleSave();
                }}
              />
            </div>
          ))}
        </Space>
      ),
    },
    ...(e.abilities.canAppraise || e.abilities.canReturn || e.abilities.canExplain || e.verdicts.length > 0
      ? [
          {
            key: 'tham-dinh',
            label: 'Thẩm định',
            children: (
              <Suspense fallback={loading}>
                <Space direction="vertical" size="middle" style={{ width: '100%' }}>
                  {(e.abilities.canAppraise || e.abilities.canReturn) && (
                    <AppraisalPanel evaluation={e} onDone={() => void refetch()} onTransition={transition} />
                  )}
                  {e.abilities.canExplain && (
                    <ExplanationPanel evaluation={e} onDone={() => void refetch()} />
                  )}
                </Space>
              </Suspense>
            ),
          },
        ]
      : []),
    {
      key: 'y-kien',
      label: 'Ý kiến người dân',
      children: (
        <Suspense fallback={loading}>
          <CommentsPanel evaluationId={e.id} canRespond={e.abilities.canRespondToComments} />
        </Suspense>
      ),
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', minWidth: 0 }}>
      <div>
        <Link to={(e.framework as { family?: string }).family === 'cchc' ? '/chi-so-cchc' : '/danh-gia'}>
          ← Danh sách hồ sơ
        </Link>
        <Typography.Title level={3} style={{ marginTop: 8, overflowWrap: 'anywhere' }}>
          {e.unit.name}
        </Typography.Title>
        <Flex wrap gap={8} align="center">
          <StateTag state={e.state} label={e.stateLabel} />
          <Link to={`/ky-danh-gia/${e.period.id}`}>{e.period.name}</Link>
        </Flex>
      </div>
      {e.lockedReason && (
        <Alert
          type="info"
          showIcon
          title={e.lockedReason}
          action={
            e.abilities.canRegister ? (
              <Button type="primary" onClick={() => void transition('register')}>
                Đăng ký tham gia
              </Button>
            ) : undefined
          }
        />
      )}
      {e.correction && e.state === 'draft' && (
        <Alert
          type="warning"
          showIcon
          data-testid="correction-reason"
          title={`Sở Tư pháp đã mở lại hồ sơ để sửa (trước đó: ${e.correction.fromStateLabel}, ngày ${dateOrDash(e.correction.at)})`}
          description={`Lý do: ${e.correction.reason.replace(/[.\s]+$/, '')}. Sửa số liệu rồi chốt và gửi lại hồ sơ.`}
        />
      )}
      {e.registration?.registeredAt && (
        <Typography.Text type="secondary">
          Đã đăng ký tham gia ngày {dateOrDash(e.registration.registeredAt)}
        </Typography.Text>
      )}
      <Card size="small">
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">Bộ tiêu chí: </Typography.Text>
          {e.framework.name}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, xl: 4 }}
          items={[
            { key: 'sa', label: 'Hạn tự đánh giá', children: dateOrDash(e.period.deadlines.selfAssessment) },
            { key: 'sub', label: 'Hạn gửi hồ sơ', children: dateOrDash(e.period.deadlines.submission) },
            { key: 'ap', label: 'Hạn thẩm định', children: dateOrDash(e.period.deadlines.appraisal) },
            { key: 'dc', label: 'Hạn quyết định', children: dateOrDash(e.period.deadlines.decision) },
            ...(e.reopenedUntil
              ? [{ key: 'ro', label: 'Được mở lại đến', children: dateOrDash(e.reopenedUntil) }]
              : []),
          ]}
        />
      </Card>
      {result && (
        <Card size="small" title="Kết quả tự đánh giá (máy chủ tính)">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="self-total">
              {result.totalDisplay}
            </Typography.Title>
            <Typography.Text type="secondary">{result.totalExplanation}</Typography.Text>
            <Flex wrap gap={8} align="center">
              {result.recognised !== null && (
                <Tag color={result.recognised ? 'green' : 'red'}>
                  {result.recognised ? 'Đủ điều kiện công nhận' : 'Chưa đủ điều kiện công nhận'}
                </Tag>
              )}
              {result.provisional && <Tag color="gold">{PROVISIONAL_LABEL}</Tag>}
            </Flex>
            <Typography.Text>{result.recognitionExplanation}</Typography.Text>
            {result.conditions.length > 0 && (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {result.conditions.map((c) => (
                  <li key={c.code}>
                    <Tag color={c.met ? 'green' : 'red'}>{c.met ? 'Đạt' : 'Chưa đạt'}</Tag>
                    {c.title}
                    {c.provisional && (
                      <Tag color="gold" style={{ marginLeft: 4 }}>
                        {PROVISIONAL_LABEL}
                      </Tag>
                    )}
                    <div>
                      <Typography.Text type="secondary">{c.explanation}</Typography.Text>
                    </div>
                  </li>
                ))}
              </ul>
            )}
            <RemediationAction evaluationId={e.id} appraised={e.appraisedResult !== null} />
          </Space>
        </Card>
      )}
      {e.posting && (
        <>
          <Alert
            type="success"
            showIcon
            title={`Niêm yết công khai từ ${dateOrDash(e.posting.from)} đến ${dateOrDash(e.posting.until)}`}
          />
          <Suspense fallback={null}>
            <PublicLinkCard
              title="Trang niêm yết công khai"
              path={postingPath(e.id)}
              noticePath={postingNoticePath(e.id)}
            />
          </Suspense>
        </>
      )}
      {actionError && (
        <Alert type="error" showIcon closable title={actionError} onClose={() => setActionError(null)} />
      )}
      {actions}
      {e.appraisedResult && (
        <Card size="small" title="So sánh kết quả">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>Điểm thẩm định: {e.appraisedResult.totalDisplay}</Typography.Text>
            <Suspense fallback={loading}>
              <DifferencesTable evaluation={e} />
            </Suspense>
          </Space>
        </Card>
      )}
      <Tabs
        items={tabs}
        activeKey={tabs.some((t) => t.key === activeTab) ? activeTab : 'tieu-chi'}
        onChange={setActiveTab}
      />
    </Space>
  );
}

/**
 * The values to save and the reasons sent with them: a bound input scored with another value than the
 * register's goes with its reason; without a reason long enough, its stored value is kept (the rest is
 * saved) until the officer writes one.
 */
function withReasons(
  current: Pick<EvaluationData, 'boundInputs' | 'selfInput'>,
  values: Record<string, unknown>,
  reasons: Record<string, string>,
): { values: Record<string, unknown>; overrides: Record<string, string>; held: number } {
  const out = { ...values };
  const overrides: Record<string, string> = {};
  let held = 0;
  for (const [inputId, binding] of Object.entries(current.boundInputs)) {
    if (!differsFromComputed(binding, out[inputId])) continue;
    const reason = reasons[inputId]?.trim() ?? '';
    if (reason.length >= OVERRIDE_REASON_MIN) {
      overrides[inputId] = reason;
      continue;
    }
    const stored = current.selfInput?.values?.[inputId];
    if (JSON.stringify(stored) === JSON.stringify(out[inputId])) continue;
    held++;
    if (stored === undefined) delete out[inputId];
    else out[inputId] = stored;
  }
  return { values: out, overrides, held };
}

/** Facts answered "Có" or "Không"; an unanswered fact is left out (the server then counts it as not declared). */
function definedFacts(facts: Record<string, boolean | undefined>): Record<string, boolean> {
  return Object.fromEntries(Object.entries(facts).filter(([, v]) => v !== undefined)) as Record<
    string,
    boolean
  >;
}
