/**
 * The framework editor (ADR 0015): a province edits the draft of its own framework — tree, node form,
 * rule and its parameters, inputs and their measure binding, provenance — validated as it types by
 * the engine's own validator (shared/frameworks), previews scores on the server, and publishes a new
 * immutable version after reading the changes in words.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type {
  FrameworkDetailDto,
  FrameworkDraftDto,
  FrameworkPreviewDto,
} from '@shared/frameworks/frameworks.schemas.ts';
import { INPUT_TYPE_LABELS, NODE_KIND_LABELS, PROVENANCE_LABELS } from '@shared/frameworks/labels.ts';
import type {
  Framework,
  FrameworkNode,
  InputDef,
  InputType,
  NodeKind,
  Provenance,
  Rule,
  Tier,
} from '@shared/frameworks/model.ts';
import {
  addNode,
  findNode,
  listNodes,
  moveNode,
  nextChildCode,
  removeNode,
  updateNode,
} from '@shared/frameworks/tree.ts';
import { parseFramework, type FrameworkIssue } from '@shared/frameworks/validate.ts';
import { MEASURE_IDS, MEASURES, type MeasureDef } from '@shared/registers/measures.ts';
import type { ResultNode } from '@shared/scoring/types.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { api } from '@web/lib/api.ts';
import { ProvenanceTag, errorText } from './frameworks.display.tsx';

const PROVENANCES: Provenance[] = ['L', 'S', 'I', '?', 'U'];
const provenanceOptions = PROVENANCES.map((p) => ({ value: p, label: `${p} — ${PROVENANCE_LABELS[p]}` }));
const RULE_LABELS: Record<Rule['type'], string> = {
  fixed: 'Có/không → đủ điểm (fixed)',
  ratio: 'Tỷ lệ × điểm tối đa (ratio)',
  tiers: 'Bảng bậc (tiers)',
  choice: 'Điểm theo phương án (choice)',
  deadline: 'Đúng hạn → đủ điểm (deadline)',
  deductions: 'Trừ điểm (deductions)',
  manual: 'Chấm thủ công có lý do (manual)',
  adjustment: 'Thưởng/phạt (adjustment)',
  threshold: 'Đạt khi ≥ ngưỡng (threshold)',
  yes: 'Đạt khi có (yes)',
  deadlinePass: 'Đạt khi đúng hạn (deadlinePass)',
  manualPass: 'Đánh giá thủ công có lý do (manualPass)',
};
const POINTS_RULES: Rule['type'][] = [
  'fixed',
  'ratio',
  'tiers',
  'choice',
  'deadline',
  'deductions',
  'manual',
];
const PASS_RULES: Rule['type'][] = ['threshold', 'yes', 'deadlinePass', 'manualPass'];

/** A rule of `type` with the parameters it needs, reusing what can be kept from `old`. */
function newRule(type: Rule['type'], node: FrameworkNode, old?: Rule): Rule {
  const input = (old && 'input' in old ? old.input : node.inputs?.[0]?.id) ?? '';
  const provenance = old?.provenance !== undefined ? { provenance: old.provenance } : {};
  switch (type) {
    case 'fixed':
    case 'yes':
    case 'ratio':
      return { type, input, ...provenance } as Rule;
    case 'tiers':
      return { type, input, tiers: [{ min: '0', points: String(node.max ?? '0') }], ...provenance };
    case 'threshold':
      return { type, input, min: '0', ...provenance };
    case 'choice':
      return { type, input, points: {}, ...provenance };
    case 'deadline':
    case 'deadlinePass':
      return { type, input, dueInput: node.inputs?.[1]?.id ?? input, ...provenance };
    case 'deductions':
      return { type, items: [{ input, points: '1', label: 'Mục trừ điểm' }], ...provenance };
    case 'adjustment':
      return {
        type,
        bonusCap: '0',
        penaltyCap: '0',
        items: [{ input, points: '1', label: 'Mục thưởng', effect: 'bonus' }],
        ...provenance,
      };
    case 'manual':
    case 'manualPass':
      return { type, ...provenance };
  }
}

/** The issues of one node (or the framework when code is null) whose field starts with `prefix`. */
function issuesAt(issues: FrameworkIssue[], code: string | null, prefix: string): FrameworkIssue[] {
  return issues.filter((i) => i.nodeCode === code && (i.field === prefix || i.field.startsWith(prefix)));
}

/** A form row showing the validator's messages for its field, in place. */
function Field(props: { label: string; issues: FrameworkIssue[]; children: ReactNode }) {
  const { issues } = props;
  return (
    <Form.Item
      label={props.label}
      validateStatus={issues.length ? 'error' : undefined}
      help={issues.length ? issues.map((i) => i.message).join(' ') : undefined}
      style={{ marginBottom: 12 }}
    >
      {props.children}
    </Form.Item>
  );
}

export function FrameworkEditorPage() {
  const { id } = useParams();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['framework-draft', id],
    queryFn: () => api.get<FrameworkDraftDto>(`/api/frameworks/${id}/draft`),
  });
  const [fw, setFw] = useState<Framework | null>(null);
  const [version, setVersion] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [review, setReview] = useState<FrameworkDraftDto | null>(null);

  useEffect(() => {
    if (query.data && fw === null) {
      setFw(query.data.content as unknown as Framework);
      setVersion(query.data.version);
    }
  }, [query.data, fw]);

  const issues = useMemo(() => {
    if (!fw) return [];
    const parsed = parseFramework(fw);
    return parsed.ok ? [] : parsed.issues;
  }, [fw]);

  const edit = (next: Framework) => {
    setFw(next);
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: () =>
      api.put<FrameworkDraftDto>(`/api/frameworks/${id}/draft`, { content: fw, expectedVersion: version }),
    onSuccess: (draft) => {
      setVersion(draft.version);
      setDirty(false);
      client.setQueryData(['framework-draft', id], draft);
      message.success('Đã lưu bản nháp.');
    },
  });
  const discard = useMutation({
    mutationFn: () => api.delete<FrameworkDraftDto>(`/api/frameworks/${id}/draft`),
    onSuccess: (draft) => {
      setFw(draft.content as unknown as Framework);
      setVersion(0);
      setDirty(false);
      message.success('Đã huỷ bản nháp.');
    },
  });
  const publish = useMutation({
    mutationFn: () =>
      api.post<FrameworkDetailDto>(`/api/frameworks/${id}/draft/publish`, { expectedVersion: version }),
    onSuccess: async (created) => {
      message.success(`Đã ban hành ${created.code} phiên bản ${created.version}.`);
      await client.invalidateQueries({ queryKey: ['frameworks'] });
      navigate(`/bo-tieu-chi/${created.id}`);
    },
  });
  const importXlsx = useMutation({
    mutationFn: (fileBase64: string) =>
      api.post<FrameworkDraftDto>(`/api/frameworks/${id}/draft/xlsx`, {
        fileBase64,
        expectedVersion: version,
      }),
    onSuccess: (draft) => {
      setFw(draft.content as unknown as Framework);
      setVersion(draft.version);
      setDirty(false);
      message.success('Đã nhập bảng tính vào bản nháp.');
    },
  });

  if (query.error)
    return <Alert type="error" showIcon title={errorText(query.error, 'Không mở được bản nháp.')} />;
  if (!fw || !query.data) return <Typography.Text type="secondary">Đang tải…</Typography.Text>;
  const draft = query.data;
  const node = selected ? findNode(fw, selected) : undefined;
  const mutationError = save.error ?? publish.error ?? importXlsx.error ?? discard.error;

  const openReview = async () => {
    const saved = dirty || version === 0 ? await save.mutateAsync() : draft;
    setReview(saved);
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Link to={`/bo-tieu-chi/${draft.latest.id}`}>← {draft.code}</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        Sửa bộ tiêu chí {draft.code} (bản nháp cho phiên bản {draft.latest.version + 1})
      </Typography.Title>
      <Typography.Text type="secondary">
        {version === 0
          ? `Chưa lưu bản nháp; đang sửa từ phiên bản ${draft.latest.version}.`
          : `Bản nháp lần lưu ${version}${draft.updatedBy ? `, ${draft.updatedBy}` : ''}.`}
        {dirty ? ' Có thay đổi chưa lưu.' : ''}
      </Typography.Text>
      <Space wrap>
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!dirty}>
          Lưu bản nháp
        </Button>
        <Button type="primary" onClick={() => void openReview()} disabled={issues.length > 0}>
          Xem thay đổi và ban hành
        </Button>
        <Button href={`/api/frameworks/${draft.latest.id}/xlsx`} download>
          Tải bảng tính (XLSX)
        </Button>
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void file.arrayBuffer().then((buf) => {
              let binary = '';
              const bytes = new Uint8Array(buf);
              for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
              importXlsx.mutate(btoa(binary));
            });
            return false;
          }}
        >
          <Button loading={importXlsx.isPending}>Nhập bảng tính (XLSX)</Button>
        </Upload>
        {version > 0 && (
          <Button danger onClick={() => discard.mutate()} loading={discard.isPending}>
            Huỷ bản nháp
          </Button>
        )}
      </Space>
      {mutationError && (
        <Alert type="error" showIcon title={errorText(mutationError, 'Không thực hiện được.')} />
      )}
      {issues.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={`Bản nháp còn ${issues.length} lỗi, chưa ban hành được`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {issues.slice(0, 12).map((i, k) => (
                <li key={k}>
                  {i.nodeCode ? (
                    <Typography.Link onClick={() => setSelected(i.nodeCode)}>{i.message}</Typography.Link>
                  ) : (
                    i.message
                  )}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title="Bản nháp hợp lệ theo bộ kiểm tra của phần mềm." />
      )}
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <TreePanel fw={fw} issues={issues} selected={selected} onSelect={setSelected} onChange={edit} />
        </Col>
        <Col xs={24} lg={14}>
          {node ? (
            <NodeForm
              key={node.code}
              fw={fw}
              node={node}
              issues={issues}
              onChange={(next) => edit(updateNode(fw, node.code, () => next))}
            />
          ) : (
            <FrameworkForm fw={fw} issues={issues} onChange={edit} />
          )}
          <PreviewCard id={id!} fw={fw} selected={selected} disabled={issues.length > 0} />
        </Col>
      </Row>
      <Modal
        open={review !== null}
        title={`Ban hành ${draft.code} phiên bản ${draft.latest.version + 1}`}
        okText="Ban hành"
        cancelText="Đóng"
        okButtonProps={{ disabled: !review || review.changes.length === 0, loading: publish.isPending }}
        onOk={() => publish.mutate()}
        onCancel={() => setReview(null)}
        width={800}
      >
        {review && review.changes.length === 0 ? (
          <Alert
            type="info"
            showIcon
            title="Bản nháp giống hệt phiên bản đang dùng: không có gì để ban hành."
          />
        ) : (
          <>
            <Typography.Paragraph>
              Các thay đổi so với phiên bản {draft.latest.version} (phiên bản cũ vẫn được giữ nguyên; kỳ đánh
              giá chỉ dùng phiên bản mới khi được áp dụng):
            </Typography.Paragraph>
            <List
              size="small"
              bordered
              dataSource={review?.changes ?? []}
              renderItem={(c) => <List.Item>{c.text}</List.Item>}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}

/** The tree as an indented list: select, move up/down, add a child, remove. */
const REGISTER_NAMES: Record<MeasureDef['register'], string> = {
  tthc: 'Sổ hồ sơ TTHC',
  plans: 'Kế hoạch',
  surveys: 'Lấy ý kiến, khảo sát',
  books: 'Sổ sách của xã',
};

/**
 * The register measure an input takes its value from: the Vietnamese name first, the measure's id beneath
 * it (what the JSON and the XLSX table carry). Only measures producing the input's type are offered (the
 * validator refuses any other), plus the one bound now whatever its type, so a wrong binding stays visible.
 */
function MeasurePicker(props: { inputType: InputType; value?: string; onChange(m?: string): void }) {
  const ids = MEASURE_IDS.filter((m) => MEASURES[m].type === props.inputType || m === props.value);
  const groups = (Object.keys(REGISTER_NAMES) as MeasureDef['register'][])
    .map((register) => ({
      label: REGISTER_NAMES[register],
      title: REGISTER_NAMES[register],
      options: ids
        .filter((m) => MEASURES[m].register === register)
        .map((m) => ({ value: m, label: MEASURES[m].label, search: `${MEASURES[m].label} ${m}` })),
    }))
    .filter((g) => g.options.length > 0);
  return (
    <Select
      style={{ width: 320 }}
      allowClear
      aria-label="Lấy số liệu từ sổ"
      placeholder={ids.length ? 'Nhập tay (không lấy từ sổ)' : 'Nhập tay (không có số liệu sổ cùng loại)'}
      disabled={ids.length === 0}
      value={props.value}
      showSearch={{ optionFilterProp: 'search' }}
      popupMatchSelectWidth={440}
      options={groups}
      optionRender={(o) => (
        <div style={{ whiteSpace: 'normal', lineHeight: 1.35 }}>
          <div>{o.label}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {String(o.value)}
          </Typography.Text>
        </div>
      )}
      onChange={(m?: string) => props.onChange(m)}
    />
  );
}

function TreePanel(props: {
  fw: Framework;
  issues: FrameworkIssue[];
  selected: string | null;
  onSelect(code: string | null): void;
  onChange(fw: Framework): void;
}) {
  const { fw, issues } = props;
  const add = (parent: string | null) => {
    const code = nextChildCode(fw, parent);
    const parentNode = parent ? findNode(fw, parent) : undefined;
    const kind: NodeKind =
      parent === null ? 'criterion' : parentNode?.kind === 'criterion' ? 'indicator' : 'sub-item';
    const node: FrameworkNode = {
      code,
      title: 'Mục mới',
      kind,
      provenance: '?',
      ...(fw.model === 'points' ? { max: '1' } : {}),
      inputs: [{ id: `${code}.duLieu`, type: 'boolean', label: 'Dữ liệu' }],
      rule:
        fw.model === 'points'
          ? { type: 'fixed', input: `${code}.duLieu` }
          : { type: 'yes', input: `${code}.duLieu` },
    };
    // A node with children has no rule of its own: adding a child to a leaf turns it into a group.
    let next = parent
      ? updateNode(fw, parent, (p) => {
          const { rule: _rule, inputs: _inputs, ...rest } = p;
          return p.children?.length ? p : rest;
        })
      : fw;
    next = addNode(next, parent, node);
    props.onChange(next);
    props.onSelect(code);
  };
  return (
    <Card
      size="small"
      title="Cây tiêu chí"
      extra={
        <Space>
          <Button size="small" onClick={() => props.onSelect(null)}>
            Thông tin chung
          </Button>
          <Button size="small" onClick={() => add(null)}>
            Thêm tiêu chí
          </Button>
        </Space>
      }
    >
      <div style={{ maxHeight: 640, overflow: 'auto' }}>
        {listNodes(fw).map(({ node, depth }) => {
          const bad = issues.some((i) => i.nodeCode === node.code);
          return (
            <div
              key={node.code}
              style={{
                display: 'grid',
                gridTemplateColumns: 'minmax(0, 1fr) auto',
                alignItems: 'start',
                gap: 4,
                padding: `2px 4px 2px ${4 + depth * 16}px`,
                borderRadius: 4,
                background: props.selected === node.code ? '#e6f4ff' : undefined,
              }}
            >
              <button
                type="button"
                title={`${node.code} ${node.title}`}
                onClick={() => props.onSelect(node.code)}
                aria-label={`Chọn mục ${node.code}`}
                style={{
                  background: 'none',
                  border: 0,
                  font: 'inherit',
                  textAlign: 'left',
                  cursor: 'pointer',
                  minWidth: 0,
                  padding: '2px 0',
                  lineHeight: 1.4,
                  color: bad ? '#cf1322' : undefined,
                }}
              >
                <span
                  style={{
                    display: '-webkit-box',
                    WebkitLineClamp: 2,
                    WebkitBoxOrient: 'vertical',
                    overflow: 'hidden',
                    overflowWrap: 'anywhere',
                  }}
                >
                  <strong>{node.code}</strong> {node.title}
                </span>
                <span style={{ display: 'flex', gap: 4, marginTop: 2 }}>
                  {node.max !== undefined && (
                    <Tag style={{ margin: 0 }}>{formatDecimal(String(node.max))} điểm</Tag>
                  )}
                  {(node.rule?.provenance ?? node.provenance) !== 'L' && (
                    <Tag color="orange" style={{ margin: 0 }}>
                      Tạm tính
                    </Tag>
                  )}
                </span>
              </button>
              <Space.Compact size="small">
                <Button
                  size="small"
                  aria-label={`Lên ${node.code}`}
                  onClick={() => props.onChange(moveNode(fw, node.code, -1))}
                >
                  ↑
                </Button>
                <Button
                  size="small"
                  aria-label={`Xuống ${node.code}`}
                  onClick={() => props.onChange(moveNode(fw, node.code, 1))}
                >
                  ↓
                </Button>
                <Button
                  size="small"
                  aria-label={`Thêm mục con của ${node.code}`}
                  onClick={() => add(node.code)}
                >
                  +
                </Button>
                <Button
                  size="small"
                  danger
                  aria-label={`Xoá ${node.code}`}
                  onClick={() => {
                    props.onChange(removeNode(fw, node.code));
                    if (props.selected === node.code) props.onSelect(null);
                  }}
                >
                  ×
                </Button>
              </Space.Compact>
            </div>
          );
        })}
      </div>
    </Card>
  );
}

/** Framework-level fields: name, completion rounds, rounding, conditions. */
function FrameworkForm(props: { fw: Framework; issues: FrameworkIssue[]; onChange(fw: Framework): void }) {
  const { fw, issues, onChange } = props;
  const at = (prefix: string) => issuesAt(issues, null, prefix);
  return (
    <Card size="small" title="Thông tin chung của bộ tiêu chí">
      <Form layout="vertical">
        <Field label="Tên bộ tiêu chí" issues={at('name')}>
          <Input value={fw.name} onChange={(e) => onChange({ ...fw, name: e.target.value })} />
        </Field>
        <Field label="Số lần trả lại để bổ sung, giải trình (TT 09/2021: 1 lần)" issues={at('workflow')}>
          <InputNumber
            min={0}
            max={5}
            value={fw.workflow.explanationRounds}
            onChange={(v) =>
              onChange({ ...fw, workflow: { ...fw.workflow, explanationRounds: Number(v ?? 0) } })
            }
          />
        </Field>
        <Space wrap>
          <Checkbox
            checked={fw.workflow.publicPosting}
            onChange={(e) =>
              onChange({ ...fw, workflow: { ...fw.workflow, publicPosting: e.target.checked } })
            }
          >
            Niêm yết công khai
          </Checkbox>
          <Checkbox
            checked={fw.workflow.council}
            onChange={(e) => onChange({ ...fw, workflow: { ...fw.workflow, council: e.target.checked } })}
          >
            Hội đồng đánh giá
          </Checkbox>
          <Checkbox
            checked={fw.workflow.ranking}
            onChange={(e) => onChange({ ...fw, workflow: { ...fw.workflow, ranking: e.target.checked } })}
          >
            Xếp hạng
          </Checkbox>
        </Space>
        {fw.model === 'points' && (
          <Field label="Tổng điểm tối đa" issues={at('maxTotal')}>
            <Input
              value={String(fw.maxTotal ?? '')}
              onChange={(e) => onChange({ ...fw, maxTotal: e.target.value })}
            />
          </Field>
        )}
        <Field label="Làm tròn điểm của chỉ tiêu (số chữ số thập phân)" issues={at('rounding')}>
          <InputNumber
            min={0}
            max={6}
            value={fw.rounding.points.decimals}
            onChange={(v) =>
              onChange({
                ...fw,
                rounding: { ...fw.rounding, points: { ...fw.rounding.points, decimals: Number(v ?? 0) } },
              })
            }
          />
        </Field>
        <Typography.Title level={5}>Điều kiện công nhận</Typography.Title>
        {fw.conditions.map((c, i) => {
          const set = (change: Partial<typeof c>) =>
            onChange({
              ...fw,
              conditions: fw.conditions.map((x, k) => (k === i ? ({ ...x, ...change } as typeof c) : x)),
            });
          return (
            <Field key={c.code} label={`${c.code}: ${c.title}`} issues={at(`conditions[${i}]`)}>
              <Space wrap>
                {c.type === 'totalAtLeast' && (
                  <Input
                    addonBefore="Tổng điểm ≥"
                    value={String(c.value)}
                    onChange={(e) => set({ value: e.target.value })}
                  />
                )}
                {c.type === 'everyCriterionAtLeastPercent' && (
                  <Input
                    addonBefore="Mỗi tiêu chí ≥ (%)"
                    value={String(c.percent)}
                    onChange={(e) => set({ percent: e.target.value })}
                  />
                )}
                <Select
                  style={{ width: 260 }}
                  value={c.provenance}
                  options={provenanceOptions}
                  onChange={(p) => set({ provenance: p })}
                />
              </Space>
            </Field>
          );
        })}
      </Form>
    </Card>
  );
}

/** One node: title, kind, maximum, provenance and note, legal basis, inputs and the rule. */
function NodeForm(props: {
  fw: Framework;
  node: FrameworkNode;
  issues: FrameworkIssue[];
  onChange(n: FrameworkNode): void;
}) {
  const { fw, node, issues, onChange } = props;
  const at = (prefix: string) => issuesAt(issues, node.code, prefix);
  const set = (change: Partial<FrameworkNode>) => {
    const next: FrameworkNode = { ...node, ...change };
    for (const key of Object.keys(change) as (keyof FrameworkNode)[])
      if (next[key] === undefined || next[key] === '') delete next[key];
    onChange(next);
  };
  const leaf = !node.children?.length;
  const ruleTypes =
    node.kind === 'adjustment'
      ? (['adjustment'] as Rule['type'][])
      : fw.model === 'points'
        ? POINTS_RULES
        : PASS_RULES;
  return (
    <Card size="small" title={`${NODE_KIND_LABELS[node.kind]} ${node.code}`}>
      <Form layout="vertical">
        <Field label="Tên" issues={at('title')}>
          <Input
            aria-label="Tên mục"
            value={node.title}
            onChange={(e) => onChange({ ...node, title: e.target.value })}
          />
        </Field>
        <Row gutter={8}>
          <Col span={12}>
            <Field label="Loại mục" issues={at('kind')}>
              <Select
                value={node.kind}
                options={Object.entries(NODE_KIND_LABELS).map(([value, label]) => ({ value, label }))}
                onChange={(kind: NodeKind) => set({ kind })}
              />
            </Field>
          </Col>
          {fw.model === 'points' && node.kind !== 'adjustment' && (
            <Col span={12}>
              <Field label="Điểm tối đa" issues={at('max')}>
                <Input
                  aria-label="Điểm tối đa"
                  value={String(node.max ?? '')}
                  onChange={(e) => set({ max: e.target.value.replace(',', '.') })}
                />
              </Field>
            </Col>
          )}
        </Row>
        <Row gutter={8}>
          <Col span={12}>
            <Field label="Nguồn của giá trị (L/S/I/?/U)" issues={at('provenance')}>
              <Select
                aria-label="Nguồn của mục"
                value={node.provenance}
                options={provenanceOptions}
                onChange={(p: Provenance) => set({ provenance: p })}
              />
            </Field>
          </Col>
          <Col span={12}>
            <Field label="Căn cứ pháp lý" issues={at('legalBasis')}>
              <Input value={node.legalBasis ?? ''} onChange={(e) => set({ legalBasis: e.target.value })} />
            </Field>
          </Col>
        </Row>
        <Field label="Ghi chú về nguồn" issues={at('note')}>
          <Input.TextArea autoSize value={node.note ?? ''} onChange={(e) => set({ note: e.target.value })} />
        </Field>
        {node.provenance !== 'L' && <ProvenanceTag provenance={node.provenance} />}
        {leaf && (
          <>
            <Typography.Title level={5}>Dữ liệu nhập</Typography.Title>
            <InputsEditor
              node={node}
              issues={issues}
              onChange={(inputs) => set({ inputs: inputs.length ? inputs : undefined })}
            />
            <Typography.Title level={5}>Quy tắc chấm</Typography.Title>
            <Field label="Cách chấm" issues={at('rule.type')}>
              <Select
                aria-label="Cách chấm"
                value={node.rule?.type}
                placeholder="Chọn cách chấm"
                options={ruleTypes.map((t) => ({ value: t, label: RULE_LABELS[t] }))}
                onChange={(type: Rule['type']) => set({ rule: newRule(type, node, node.rule) })}
              />
            </Field>
            {node.rule && (
              <RuleEditor node={node} rule={node.rule} issues={issues} onChange={(rule) => set({ rule })} />
            )}
          </>
        )}
      </Form>
    </Card>
  );
}

function InputsEditor(props: {
  node: FrameworkNode;
  issues: FrameworkIssue[];
  onChange(inputs: InputDef[]): void;
}) {
  const { node, issues } = props;
  const inputs = node.inputs ?? [];
  const setAt = (i: number, change: Partial<InputDef>) =>
    props.onChange(
      inputs.map((d, k) => {
        if (k !== i) return d;
        const next = { ...d, ...change };
        if (next.source === undefined) delete next.source;
        return next;
      }),
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {inputs.map((d, i) => (
        <Field key={i} label={`Dữ liệu ${i + 1}`} issues={issuesAt(issues, node.code, `inputs[${i}]`)}>
          <Space wrap>
            <Input
              style={{ width: 180 }}
              addonBefore="Mã"
              value={d.id}
              onChange={(e) => setAt(i, { id: e.target.value })}
            />
            <Select
              style={{ width: 200 }}
              value={d.type}
              options={Object.entries(INPUT_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
              onChange={(type: InputType) => setAt(i, { type })}
            />
            <Input
              style={{ width: 280 }}
              placeholder="Nhãn"
              value={d.label}
              onChange={(e) => setAt(i, { label: e.target.value })}
            />
            <MeasurePicker
              inputType={d.type}
              value={d.source?.measure}
              onChange={(m) => setAt(i, { source: m ? { measure: m } : undefined })}
            />
            <Button danger size="small" onClick={() => props.onChange(inputs.filter((_, k) => k !== i))}>
              Bỏ
            </Button>
          </Space>
          {d.type === 'choice' && (
            <Input.TextArea
              autoSize
              placeholder="Mỗi dòng một phương án: giaTri=Nhãn"
              value={(d.options ?? []).map((o) => `${o.value}=${o.label}`).join('\n')}
              onChange={(e) =>
                setAt(i, {
                  options: e.target.value
                    .split('\n')
                    .filter((l) => l.includes('='))
                    .map((l) => ({
                      value: l.slice(0, l.indexOf('=')).trim(),
                      label: l.slice(l.indexOf('=') + 1).trim(),
                    })),
                })
              }
            />
          )}
        </Field>
      ))}
      <Button
        size="small"
        onClick={() =>
          props.onChange([
            ...inputs,
            { id: `${node.code}.moi${inputs.length + 1}`, type: 'boolean', label: 'Dữ liệu mới' },
          ])
        }
      >
        Thêm dữ liệu
      </Button>
    </Space>
  );
}

/** The parameters of each rule kind. */
function RuleEditor(props: {
  node: FrameworkNode;
  rule: Rule;
  issues: FrameworkIssue[];
  onChange(rule: Rule): void;
}) {
  const { node, rule, issues, onChange } = props;
  const at = (prefix: string) => issuesAt(issues, node.code, prefix);
  const inputOptions = (node.inputs ?? []).map((d) => ({ value: d.id, label: `${d.label} (${d.id})` }));
  const set = (change: Record<string, unknown>) => onChange({ ...rule, ...change } as Rule);
  const inputSelect = (key: 'input' | 'dueInput', label: string) => (
    <Field label={label} issues={at(`rule.${key}`)}>
      <Select
        value={(rule as Record<string, unknown>)[key] as string}
        options={inputOptions}
        onChange={(v: string) => set({ [key]: v })}
      />
    </Field>
  );
  return (
    <>
      {'input' in rule && inputSelect('input', 'Dữ liệu dùng để chấm')}
      {(rule.type === 'deadline' || rule.type === 'deadlinePass') && inputSelect('dueInput', 'Dữ liệu hạn')}
      {(rule.type === 'fixed' || rule.type === 'yes') && (
        <Checkbox checked={rule.expected !== false} onChange={(e) => set({ expected: e.target.checked })}>
          Đủ điểm / đạt khi câu trả lời là “có” (bỏ chọn: khi là “không”)
        </Checkbox>
      )}
      {(rule.type === 'ratio' || rule.type === 'tiers') && (
        <Checkbox checked={rule.emptyFull === true} onChange={(e) => set({ emptyFull: e.target.checked })}>
          Không phát sinh (mẫu số 0) → đủ điểm
        </Checkbox>
      )}
      {rule.type === 'threshold' && (
        <Field label="Ngưỡng đạt" issues={at('rule.min')}>
          <Input value={String(rule.min)} onChange={(e) => set({ min: e.target.value.replace(',', '.') })} />
        </Field>
      )}
      {rule.type === 'tiers' && (
        <TiersEditor tiers={rule.tiers} issues={at('rule.tiers')} onChange={(tiers) => set({ tiers })} />
      )}
      {rule.type === 'choice' && (
        <Field label="Điểm của từng phương án" issues={at('rule.points')}>
          <Space direction="vertical">
            {(node.inputs?.find((d) => d.id === rule.input)?.options ?? []).map((o) => (
              <Input
                key={o.value}
                addonBefore={o.label}
                value={String(rule.points[o.value] ?? '')}
                onChange={(e) => {
                  const points = { ...rule.points };
                  if (e.target.value === '') delete points[o.value];
                  else points[o.value] = e.target.value.replace(',', '.');
                  set({ points });
                }}
              />
            ))}
          </Space>
        </Field>
      )}
      {(rule.type === 'deductions' || rule.type === 'adjustment') && (
        <Field label="Các mục" issues={at('rule.items')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {rule.type === 'adjustment' && (
              <Space>
                <Input
                  addonBefore="Thưởng tối đa"
                  value={String(rule.bonusCap)}
                  onChange={(e) => set({ bonusCap: e.target.value })}
                />
                <Input
                  addonBefore="Trừ tối đa"
                  value={String(rule.penaltyCap)}
                  onChange={(e) => set({ penaltyCap: e.target.value })}
                />
              </Space>
            )}
            {rule.items.map((item, i) => {
              const setItem = (change: Record<string, unknown>) =>
                set({ items: rule.items.map((x, k) => (k === i ? { ...x, ...change } : x)) });
              return (
                <Space key={i} wrap>
                  <Select
                    style={{ width: 200 }}
                    value={item.input}
                    options={inputOptions}
                    onChange={(v: string) => setItem({ input: v })}
                  />
                  <Input
                    style={{ width: 90 }}
                    value={String(item.points)}
                    onChange={(e) => setItem({ points: e.target.value })}
                  />
                  <Input
                    style={{ width: 220 }}
                    value={item.label}
                    onChange={(e) => setItem({ label: e.target.value })}
                  />
                  {'effect' in item && (
                    <Select
                      style={{ width: 110 }}
                      value={item.effect}
                      options={[
                        { value: 'bonus', label: 'Thưởng' },
                        { value: 'penalty', label: 'Trừ' },
                      ]}
                      onChange={(v: string) => setItem({ effect: v })}
                    />
                  )}
                  <Button
                    size="small"
                    danger
                    onClick={() => set({ items: rule.items.filter((_, k) => k !== i) })}
                  >
                    Bỏ
                  </Button>
                </Space>
              );
            })}
            <Button
              size="small"
              onClick={() =>
                set({
                  items: [
                    ...rule.items,
                    {
                      input: node.inputs?.[0]?.id ?? '',
                      points: '1',
                      label: 'Mục mới',
                      ...(rule.type === 'adjustment' ? { effect: 'bonus' } : {}),
                    },
                  ],
                })
              }
            >
              Thêm mục
            </Button>
          </Space>
        </Field>
      )}
      {(rule.type === 'manual' || rule.type === 'manualPass') && (
        <Field label="Hướng dẫn chấm" issues={at('rule.guidance')}>
          <Input.TextArea
            autoSize
            value={rule.guidance ?? ''}
            onChange={(e) => set({ guidance: e.target.value || undefined })}
          />
        </Field>
      )}
      <Field label="Nguồn riêng của quy tắc (để trống: theo mục)" issues={at('rule.provenance')}>
        <Select
          allowClear
          value={rule.provenance}
          options={provenanceOptions}
          onChange={(p?: Provenance) => {
            const next = { ...rule } as Rule;
            if (p) next.provenance = p;
            else delete next.provenance;
            onChange(next);
          }}
        />
      </Field>
    </>
  );
}

function TiersEditor(props: { tiers: Tier[]; issues: FrameworkIssue[]; onChange(tiers: Tier[]): void }) {
  const { tiers } = props;
  const setAt = (i: number, key: keyof Tier, value: string) =>
    props.onChange(
      tiers.map((t, k) => {
        if (k !== i) return t;
        const next: Tier = { ...t, [key]: value.replace(',', '.') };
        if (key === 'below' && value === '') delete next.below;
        return next;
      }),
    );
  return (
    <Field label="Bảng bậc (từ … đến dưới …; bậc cao nhất để trống cận trên)" issues={props.issues}>
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={tiers}
        columns={[
          {
            title: 'Từ',
            key: 'min',
            render: (_, t, i) => (
              <Input
                aria-label={`Bậc ${i + 1} từ`}
                value={String(t.min)}
                onChange={(e) => setAt(i, 'min', e.target.value)}
              />
            ),
          },
          {
            title: 'Đến dưới',
            key: 'below',
            render: (_, t, i) => (
              <Input
                aria-label={`Bậc ${i + 1} đến dưới`}
                value={t.below === undefined ? '' : String(t.below)}
                onChange={(e) => setAt(i, 'below', e.target.value)}
              />
            ),
          },
          {
            title: 'Điểm',
            key: 'points',
            render: (_, t, i) => (
              <Input
                aria-label={`Bậc ${i + 1} điểm`}
                value={String(t.points)}
                onChange={(e) => setAt(i, 'points', e.target.value)}
              />
            ),
          },
          {
            title: '',
            key: 'x',
            render: (_, _t, i) => (
              <Button size="small" danger onClick={() => props.onChange(tiers.filter((_, k) => k !== i))}>
                Bỏ
              </Button>
            ),
          },
        ]}
      />
      <Button
        size="small"
        style={{ marginTop: 4 }}
        onClick={() => {
          const last = tiers.at(-1);
          props.onChange([
            ...tiers.slice(0, -1),
            ...(last ? [{ ...last, below: last.below ?? last.min }] : []),
            { min: String(last?.below ?? last?.min ?? '0'), points: String(last?.points ?? '0') },
          ]);
        }}
      >
        Thêm bậc
      </Button>
    </Field>
  );
}

function findResult(nodes: ResultNode[], code: string): ResultNode | undefined {
  for (const n of nodes) {
    if (n.code === code) return n;
    const found = findResult(n.children, code);
    if (found) return found;
  }
  return undefined;
}

/** Scores a sample (editable for the selected node's numbers) on the server with the draft as edited. */
function PreviewCard(props: { id: string; fw: Framework; selected: string | null; disabled: boolean }) {
  const [preview, setPreview] = useState<FrameworkPreviewDto | null>(null);
  const run = useMutation({
    mutationFn: (input?: Record<string, unknown>) =>
      api.post<FrameworkPreviewDto>(`/api/frameworks/${props.id}/draft/preview`, {
        content: props.fw,
        input,
      }),
    onSuccess: setPreview,
  });
  const node = props.selected ? findNode(props.fw, props.selected) : undefined;
  const values = (preview?.input.values ?? {}) as Record<string, unknown>;
  const setValue = (inputId: string, value: unknown) =>
    setPreview(
      preview && { ...preview, input: { ...preview.input, values: { ...values, [inputId]: value } } },
    );
  const result = preview?.result;
  const nodeResult = result && props.selected ? findResult(result.criteria, props.selected) : undefined;
  return (
    <Card size="small" title="Chấm thử" style={{ marginTop: 16 }}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>
          <Button onClick={() => run.mutate(undefined)} loading={run.isPending} disabled={props.disabled}>
            Chấm thử dữ liệu mẫu
          </Button>
          {preview && (
            <Button onClick={() => run.mutate(preview.input)} disabled={props.disabled}>
              Chấm lại với số liệu đã sửa
            </Button>
          )}
        </Space>
        {run.error && <Alert type="error" showIcon title={errorText(run.error, 'Không chấm thử được.')} />}
        {preview &&
          node &&
          (node.inputs ?? []).map((d) => {
            const v = values[d.id];
            if (d.type === 'ratio' && v && typeof v === 'object') {
              const r = v as { numerator: number; denominator: number };
              return (
                <Space key={d.id}>
                  {d.label}:
                  <InputNumber
                    aria-label={`${d.id} tử số`}
                    value={r.numerator}
                    onChange={(n) => setValue(d.id, { ...r, numerator: Number(n ?? 0) })}
                  />
                  /
                  <InputNumber
                    aria-label={`${d.id} mẫu số`}
                    value={r.denominator}
                    onChange={(n) => setValue(d.id, { ...r, denominator: Number(n ?? 0) })}
                  />
                </Space>
              );
            }
            if (d.type === 'boolean')
              return (
                <Space key={d.id}>
                  {d.label}: <Switch checked={v === true} onChange={(c) => setValue(d.id, c)} />
                </Space>
              );
            if (['number', 'count', 'money'].includes(d.type))
              return (
                <Space key={d.id}>
                  {d.label}:{' '}
                  <InputNumber value={Number(v ?? 0)} onChange={(n) => setValue(d.id, Number(n ?? 0))} />
                </Space>
              );
            return null;
          })}
        {preview && preview.issues.length > 0 && (
          <Alert type="warning" showIcon title={preview.issues.map((i) => i.message).join('; ')} />
        )}
        {result && (
          <>
            <Typography.Text strong>
              Tổng: {result.totalDisplay} {result.provisional && <Tag color="gold">Tạm tính</Tag>}
            </Typography.Text>
            <Typography.Text>{result.recognitionExplanation}</Typography.Text>
            {nodeResult && (
              <Alert
                type="info"
                title={`${nodeResult.code}: ${nodeResult.points !== null ? `${formatDecimal(nodeResult.points)} điểm` : nodeResult.passed ? 'Đạt' : 'Không đạt'}`}
                description={nodeResult.explanation}
              />
            )}
          </>
        )}
      </Space>
    </Card>
  );
}
