import { memo } from 'react';
import { Checkbox, Collapse, Flex, Radio, Space, Tag, Typography } from 'antd';
import type { FrameworkNode, InputDef } from '@shared/frameworks/model.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { PROVISIONAL_LABEL, nodeValue } from './display.tsx';
import { EvidenceList, type EvidenceContext } from './EvidenceList.tsx';
import { DateText, DecimalInput, DocumentsInput, TriStateInput, type DocumentRow } from './inputs.tsx';
import { ReviewerScoredNote, isReviewerScored } from './ReviewerScoredNote.tsx';
import { BoundInputNote, type BoundContext } from './BoundInput.tsx';
import type { ResultNode } from './types.ts';

type Values = Record<string, unknown>;

type TreeProps = {
  nodes: FrameworkNode[];
  results: Map<string, ResultNode>;
  /** Omitted for a read-only tree (no input controls). */
  values?: Values;
  editable?: boolean;
  onChange?: (inputId: string, value: unknown) => void;
  /** The server's message for each value it could not read, by input id. */
  issues?: Map<string, string>;
  /** Evidence files per indicator; omitted where files are not shown (e.g. the report). */
  evidence?: EvidenceContext;
  /** Inputs computed from a register: their figures and the reasons for other values. */
  bound?: BoundContext;
};

/** The framework as nested collapsible panels, each node with the server's result and explanation. */
export function NodeTree({
  nodes,
  results,
  values,
  editable = false,
  onChange,
  issues,
  evidence,
  bound,
}: TreeProps) {
  return (
    <Collapse
      size="small"
      items={nodes.map((node) => {
        const result = results.get(node.code);
        return {
          key: node.code,
          styles: { body: { padding: '8px 8px 8px 12px' } },
          label: (
            <NodeLabel
              node={node}
              result={result}
              evidenceCount={evidenceCountOf(node, evidence)}
              invalid={hasIssue(node, issues)}
            />
          ),
          children: (
            <NodeBody
              node={node}
              result={result}
              results={results}
              values={values}
              editable={editable}
              onChange={onChange}
              issues={issues}
              evidence={evidence}
              bound={bound}
            />
          ),
        };
      })}
    />
  );
}

/** Whether a value of this node or of a node below it could not be read (its score would be stale). */
function hasIssue(node: FrameworkNode, issues: Map<string, string> | undefined): boolean {
  if (!issues?.size) return false;
  return (
    (node.inputs ?? []).some((d) => issues.has(d.id)) ||
    (node.children ?? []).some((c) => hasIssue(c, issues))
  );
}

/** Evidence files attached to a node and everything below it. */
function evidenceCountOf(node: FrameworkNode, evidence: EvidenceContext | undefined): number {
  if (!evidence) return 0;
  const own = evidence.byNode[node.code]?.length ?? 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + evidenceCountOf(child, evidence), 0);
}

type NodeLabelProps = {
  node: FrameworkNode;
  result: ResultNode | undefined;
  evidenceCount: number;
  invalid: boolean;
};

const NodeLabel = memo(
  function NodeLabel({ node, result, evidenceCount, invalid }: NodeLabelProps) {
    return (
      <Flex wrap gap={8} align="center" justify="space-between" data-testid={`node-${node.code}`}>
        <span style={{ flex: '1 1 220px', minWidth: 0, overflowWrap: 'anywhere' }}>
          <Typography.Text strong>{node.code}.</Typography.Text> {node.title}
        </span>
        <Space size={4} wrap>
          {result?.provisional && <Tag color="gold">{PROVISIONAL_LABEL}</Tag>}
          {!invalid && result?.source === 'missing' && (
            <Tag color="default">{isReviewerScored(node) ? 'Cơ quan đánh giá chấm' : 'Chưa nhập'}</Tag>
          )}
          {evidenceCount > 0 && <Tag color="purple">{evidenceCount} tài liệu</Tag>}
          {invalid ? (
            <Tag color="red">Số liệu chưa hợp lệ</Tag>
          ) : (
            <Tag color={result?.passed === true ? 'green' : result?.passed === false ? 'red' : 'blue'}>
              {result
                ? nodeValue(result)
                : node.max !== undefined
                  ? `Tối đa ${formatDecimal(String(node.max))} điểm`
                  : '—'}
            </Tag>
          )}
        </Space>
      </Flex>
    );
  },
  (a, b) =>
    a.node === b.node &&
    sameResult(a.result, b.result) &&
    a.evidenceCount === b.evidenceCount &&
    a.invalid === b.invalid,
);

type NodeBodyProps = {
  node: FrameworkNode;
  result: ResultNode | undefined;
  results: Map<string, ResultNode>;
  values?: Values;
  editable: boolean;
  onChange?: (inputId: string, value: unknown) => void;
  issues?: Map<string, string>;
  evidence?: EvidenceContext;
  bound?: BoundContext;
};

/**
 * A node's panel body. Memoised on what its own subtree shows: a keystroke re-renders the page, and
 * re-rendering every open panel of the framework made typing slow (≈ 2 ms of script per panel per
 * keystroke), while only the panels on the path to the changed input have anything new to show.
 * The server's answer after a save re-renders only the panels whose results changed.
 */
const NodeBody = memo(function NodeBody({
  node,
  result,
  results,
  values,
  editable,
  onChange,
  issues,
  evidence,
  bound,
}: NodeBodyProps) {
  const isIndicator = !node.children || node.children.length === 0;
  const invalid = hasIssue(node, issues);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      {node.max !== undefined && (
        <Typography.Text type="secondary">Điểm tối đa: {formatDecimal(String(node.max))}</Typography.Text>
      )}
      {!invalid && result?.explanation && (
        <Typography.Paragraph style={{ margin: 0 }}>{result.explanation}</Typography.Paragraph>
      )}
      {result?.legalBasis && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Căn cứ: {result.legalBasis}
        </Typography.Text>
      )}
      {values && <ReviewerScoredNote node={node} />}
      {values && node.inputs && node.inputs.length > 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {node.inputs.map((def) => {
            const binding = bound?.bindings[def.id];
            return (
              <Flex key={def.id} vertical gap={4}>
                <InputControl
                  def={def}
                  value={values[def.id]}
                  disabled={!editable}
                  issue={issues?.get(def.id)}
                  onChange={onChange}
                />
                {binding && (
                  <BoundInputNote
                    inputId={def.id}
                    binding={binding}
                    value={values[def.id]}
                    editable={editable}
                    reason={bound.reasons[def.id] ?? ''}
                    onReason={(r) => bound.onReason(def.id, r)}
                  />
                )}
              </Flex>
            );
          })}
        </Space>
      )}
      {node.children && node.children.length > 0 && (
        <NodeTree
          nodes={node.children}
          results={results}
          values={values}
          editable={editable}
          onChange={onChange}
          issues={issues}
          evidence={evidence}
          bound={bound}
        />
      )}
      {evidence && isIndicator && <EvidenceList nodeCode={node.code} context={evidence} />}
    </Space>
  );
}, sameBody);

/** The node codes and input ids of a node and everything below it (the framework is immutable). */
const subtrees = new WeakMap<FrameworkNode, { codes: string[]; inputIds: string[] }>();
function subtreeOf(node: FrameworkNode) {
  let found = subtrees.get(node);
  if (!found) {
    found = { codes: [node.code], inputIds: (node.inputs ?? []).map((d) => d.id) };
    for (const child of node.children ?? []) {
      const below = subtreeOf(child);
      found.codes.push(...below.codes);
      found.inputIds.push(...below.inputIds);
    }
    subtrees.set(node, found);
  }
  return found;
}

/** Results equal in every field a panel shows (the server sends a new object after every save). */
function sameResult(a: ResultNode | undefined, b: ResultNode | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a) as (keyof ResultNode)[];
  if (keys.length !== Object.keys(b).length) return false;
  // The children are compared node by node by the panels below.
  return keys.every(
    (k) => k === 'children' || a[k] === b[k] || JSON.stringify(a[k]) === JSON.stringify(b[k]),
  );
}

const sameJson = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Whether a panel body would show the same with these props: everything of its own subtree. */
function sameBody(a: NodeBodyProps, b: NodeBodyProps): boolean {
  if (
    a.node !== b.node ||
    a.editable !== b.editable ||
    a.onChange !== b.onChange ||
    !a.issues !== !b.issues ||
    !a.values !== !b.values ||
    !a.evidence !== !b.evidence ||
    !a.bound !== !b.bound
  )
    return false;
  const { codes, inputIds } = subtreeOf(a.node);
  if (!codes.every((c) => sameResult(a.results.get(c), b.results.get(c)))) return false;
  if (a.values && !inputIds.every((id) => a.values![id] === b.values![id])) return false;
  if (a.issues !== b.issues && !inputIds.every((id) => a.issues?.get(id) === b.issues?.get(id))) return false;
  if (a.evidence && a.evidence !== b.evidence) {
    const [x, y] = [a.evidence, b.evidence!];
    if (x.evaluationId !== y.evaluationId || x.canUpload !== y.canUpload || x.onChanged !== y.onChanged)
      return false;
    if (!codes.every((c) => sameJson(x.byNode[c], y.byNode[c]))) return false;
  }
  if (a.bound && a.bound !== b.bound) {
    const [x, y] = [a.bound, b.bound!];
    if (x.onReason !== y.onReason) return false;
    if (!inputIds.every((id) => sameJson(x.bindings[id], y.bindings[id]) && x.reasons[id] === y.reasons[id]))
      return false;
  }
  return true;
}

/** "VBQPPL được giao ban hành (ngày ký, hạn ban hành)" → "Ngày ký". */
function issuedLabelOf(def: InputDef): string {
  const match = /\((ngày [^,)]+),/i.exec(def.label);
  const text = match?.[1] ?? 'ngày ban hành';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * One input's control. Memoised: typing in one field re-renders the page, and without it every other
 * control of the framework re-rendered too (≈ 60–90 antd controls), which made each keystroke slow.
 * It therefore takes the page's stable `onChange(inputId, value)` rather than a closure per render.
 */
const InputControl = memo(function InputControl({
  def,
  value,
  disabled,
  issue,
  onChange: onInput,
}: {
  def: InputDef;
  value: unknown;
  disabled: boolean;
  /** The server's reason for not taking this value, shown once, here. */
  issue?: string;
  onChange?: (inputId: string, value: unknown) => void;
}) {
  const onChange = (v: unknown) => onInput?.(def.id, v);
  const errorId = `loi-${def.id}`;
  const label = (
    <Typography.Text>
      {def.label}
      {def.unit ? ` (${def.unit})` : ''}
    </Typography.Text>
  );
  const error = issue ? (
    <Typography.Text type="danger" id={errorId} role="alert" data-testid={`issue-${def.id}`}>
      {issue}
    </Typography.Text>
  ) : null;
  const describedBy = issue ? errorId : undefined;
  const control = ((): React.ReactNode => {
    switch (def.type) {
      case 'number':
      case 'count':
      case 'money':
        return (
          <DecimalInput
            label={def.label}
            disabled={disabled}
            invalid={!!issue}
            describedBy={describedBy}
            suffix={def.unit}
            value={value}
            onChange={onChange}
          />
        );
      case 'ratio': {
        const ratio = (value && typeof value === 'object' ? value : {}) as {
          numerator?: unknown;
          denominator?: unknown;
        };
        return (
          <Flex wrap gap={8}>
            {(['numerator', 'denominator'] as const).map((part) => {
              const partLabel =
                part === 'numerator' ? (def.numeratorLabel ?? 'Tử số') : (def.denominatorLabel ?? 'Mẫu số');
              return (
                <Flex key={part} vertical gap={2} style={{ flex: '1 1 150px' }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {partLabel}
                  </Typography.Text>
                  <DecimalInput
                    label={partLabel}
                    disabled={disabled}
                    invalid={!!issue}
                    describedBy={describedBy}
                    value={ratio[part]}
                    onChange={(v) => onChange({ ...ratio, [part]: v })}
                  />
                </Flex>
              );
            })}
          </Flex>
        );
      }
      case 'boolean':
        return <TriStateInput label={def.label} disabled={disabled} value={value} onChange={onChange} />;
      case 'choice':
        // A handful of options each: shown all at once (boxes to tick, or one to choose), no dropdown.
        return def.multiple ? (
          <Checkbox.Group
            aria-label={def.label}
            aria-invalid={issue ? true : undefined}
            aria-describedby={describedBy}
            disabled={disabled}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={(def.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
            value={Array.isArray(value) ? (value as string[]) : []}
            onChange={(v) => onChange(v.length > 0 ? v : undefined)}
          />
        ) : (
          <Radio.Group
            aria-label={def.label}
            aria-invalid={issue ? true : undefined}
            aria-describedby={describedBy}
            disabled={disabled}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={[
              { value: '', label: 'Chưa khai báo' },
              ...(def.options ?? []).map((o) => ({ value: o.value, label: o.label })),
            ]}
            value={typeof value === 'string' ? value : ''}
            onChange={(ev) => onChange(ev.target.value === '' ? undefined : ev.target.value)}
          />
        );
      case 'date':
        return (
          <div style={{ maxWidth: 240 }}>
            <DateText
              label={def.label}
              placeholder="dd/mm/yyyy"
              disabled={disabled}
              invalid={!!issue}
              describedBy={describedBy}
              value={typeof value === 'string' && value ? value : undefined}
              onChange={onChange}
            />
          </div>
        );
      case 'documents':
        return (
          <DocumentsInput
            label={def.label}
            issuedLabel={issuedLabelOf(def)}
            disabled={disabled}
            value={value}
            onChange={onChange}
          />
        );
    }
  })();
  return (
    <Flex vertical gap={4} data-testid={`input-${def.id}`}>
      {label}
      {control}
      {error}
    </Flex>
  );
});

/** Values worth sending: drops cleared fields and ratios with a missing part (the server would refuse them). */
export function cleanValues(values: Values): Values {
  const out: Values = {};
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v) && ('numerator' in v || 'denominator' in v)) {
      const r = v as { numerator?: unknown; denominator?: unknown };
      if (r.numerator == null || r.denominator == null) continue;
    }
    if (Array.isArray(v) && v.length > 0 && v.every(isObject)) {
      // Rows just added and still blank are not documents yet.
      const rows = (v as DocumentRow[]).filter(
        (r) => typeof r.onTime === 'boolean' || r.title?.trim() || r.dueOn || r.issuedOn,
      );
      if (rows.length > 0) out[key] = rows;
      continue;
    }
    out[key] = v;
  }
  return out;
}

const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
