import { Collapse, DatePicker, Flex, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { FrameworkNode, InputDef } from '@shared/frameworks/model.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { PROVISIONAL_LABEL, nodeValue } from './display.tsx';
import { EvidenceList, type EvidenceContext } from './EvidenceList.tsx';
import type { ResultNode } from './types.ts';

type Values = Record<string, unknown>;

type TreeProps = {
  nodes: FrameworkNode[];
  results: Map<string, ResultNode>;
  /** Omitted for a read-only tree (no input controls). */
  values?: Values;
  editable?: boolean;
  onChange?: (inputId: string, value: unknown) => void;
  /** Evidence files per indicator; omitted where files are not shown (e.g. the report). */
  evidence?: EvidenceContext;
};

/** The framework as nested collapsible panels, each node with the server's result and explanation. */
export function NodeTree({ nodes, results, values, editable = false, onChange, evidence }: TreeProps) {
  return (
    <Collapse
      size="small"
      items={nodes.map((node) => {
        const result = results.get(node.code);
        return {
          key: node.code,
          styles: { body: { padding: '8px 8px 8px 12px' } },
          label: <NodeLabel node={node} result={result} evidenceCount={evidenceCountOf(node, evidence)} />,
          children: (
            <NodeBody
              node={node}
              result={result}
              results={results}
              values={values}
              editable={editable}
              onChange={onChange}
              evidence={evidence}
            />
          ),
        };
      })}
    />
  );
}

/** Evidence files attached to a node and everything below it. */
function evidenceCountOf(node: FrameworkNode, evidence: EvidenceContext | undefined): number {
  if (!evidence) return 0;
  const own = evidence.byNode[node.code]?.length ?? 0;
  return own + (node.children ?? []).reduce((sum, child) => sum + evidenceCountOf(child, evidence), 0);
}

function NodeLabel({
  node,
  result,
  evidenceCount,
}: {
  node: FrameworkNode;
  result: ResultNode | undefined;
  evidenceCount: number;
}) {
  return (
    <Flex wrap gap={8} align="center" justify="space-between" data-testid={`node-${node.code}`}>
      <span style={{ flex: '1 1 220px', minWidth: 0, overflowWrap: 'anywhere' }}>
        <Typography.Text strong>{node.code}.</Typography.Text> {node.title}
      </span>
      <Space size={4} wrap>
        {result?.provisional && <Tag color="gold">{PROVISIONAL_LABEL}</Tag>}
        {result?.source === 'missing' && <Tag color="default">Chưa nhập</Tag>}
        {evidenceCount > 0 && <Tag color="purple">{evidenceCount} tài liệu</Tag>}
        <Tag color={result?.passed === true ? 'green' : result?.passed === false ? 'red' : 'blue'}>
          {result
            ? nodeValue(result)
            : node.max !== undefined
              ? `Tối đa ${formatDecimal(String(node.max))} điểm`
              : '—'}
        </Tag>
      </Space>
    </Flex>
  );
}

function NodeBody({
  node,
  result,
  results,
  values,
  editable,
  onChange,
  evidence,
}: {
  node: FrameworkNode;
  result: ResultNode | undefined;
  results: Map<string, ResultNode>;
  values?: Values;
  editable: boolean;
  onChange?: (inputId: string, value: unknown) => void;
  evidence?: EvidenceContext;
}) {
  const isIndicator = !node.children || node.children.length === 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      {node.max !== undefined && (
        <Typography.Text type="secondary">Điểm tối đa: {formatDecimal(String(node.max))}</Typography.Text>
      )}
      {result?.explanation && (
        <Typography.Paragraph style={{ margin: 0 }}>{result.explanation}</Typography.Paragraph>
      )}
      {result?.legalBasis && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Căn cứ: {result.legalBasis}
        </Typography.Text>
      )}
      {values && node.inputs && node.inputs.length > 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          {node.inputs.map((def) => (
            <InputControl
              key={def.id}
              def={def}
              value={values[def.id]}
              disabled={!editable}
              onChange={(v) => onChange?.(def.id, v)}
            />
          ))}
        </Space>
      )}
      {node.children && node.children.length > 0 && (
        <NodeTree
          nodes={node.children}
          results={results}
          values={values}
          editable={editable}
          onChange={onChange}
          evidence={evidence}
        />
      )}
      {evidence && isIndicator && <EvidenceList nodeCode={node.code} context={evidence} />}
    </Space>
  );
}

const numberProps = { decimalSeparator: ',', style: { width: '100%', maxWidth: 240 } } as const;

function InputControl({
  def,
  value,
  disabled,
  onChange,
}: {
  def: InputDef;
  value: unknown;
  disabled: boolean;
  onChange: (value: unknown) => void;
}) {
  const label = (
    <Typography.Text>
      {def.label}
      {def.unit ? ` (${def.unit})` : ''}
    </Typography.Text>
  );
  const asNumber = (v: unknown) =>
    typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : null;
  switch (def.type) {
    case 'number':
    case 'count':
    case 'money':
      return (
        <Flex vertical gap={4}>
          {label}
          <InputNumber
            {...numberProps}
            aria-label={def.label}
            disabled={disabled}
            min={def.type === 'number' ? (def.min !== undefined ? Number(def.min) : undefined) : 0}
            max={def.max !== undefined ? Number(def.max) : undefined}
            precision={def.type === 'count' ? 0 : undefined}
            formatter={
              def.type === 'money' ? (v) => (v === undefined ? '' : formatDecimal(String(v))) : undefined
            }
            parser={
              def.type === 'money' ? (v) => Number((v ?? '').replace(/\./g, '').replace(',', '.')) : undefined
            }
            value={asNumber(value)}
            onChange={(v) => onChange(v ?? undefined)}
          />
        </Flex>
      );
    case 'ratio': {
      const ratio = (value && typeof value === 'object' ? value : {}) as {
        numerator?: number;
        denominator?: number;
      };
      return (
        <Flex vertical gap={4}>
          {label}
          <Flex wrap gap={8}>
            <Flex vertical gap={2} style={{ flex: '1 1 150px' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {def.numeratorLabel ?? 'Tử số'}
              </Typography.Text>
              <InputNumber
                {...numberProps}
                aria-label={def.numeratorLabel ?? `${def.label} (tử số)`}
                disabled={disabled}
                min={0}
                precision={0}
                value={asNumber(ratio.numerator)}
                onChange={(v) => onChange({ ...ratio, numerator: v ?? undefined })}
              />
            </Flex>
            <Flex vertical gap={2} style={{ flex: '1 1 150px' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {def.denominatorLabel ?? 'Mẫu số'}
              </Typography.Text>
              <InputNumber
                {...numberProps}
                aria-label={def.denominatorLabel ?? `${def.label} (mẫu số)`}
                disabled={disabled}
                min={0}
                precision={0}
                value={asNumber(ratio.denominator)}
                onChange={(v) => onChange({ ...ratio, denominator: v ?? undefined })}
              />
            </Flex>
          </Flex>
        </Flex>
      );
    }
    case 'boolean':
      return (
        <Flex gap={8} align="center" wrap>
          <Switch
            style={{ flexShrink: 0 }}
            aria-label={def.label}
            disabled={disabled}
            checked={value === true}
            checkedChildren="Có"
            unCheckedChildren="Không"
            onChange={(v) => onChange(v)}
          />
          {label}
        </Flex>
      );
    case 'choice':
      return (
        <Flex vertical gap={4}>
          {label}
          <Select
            aria-label={def.label}
            disabled={disabled}
            allowClear
            mode={def.multiple ? 'multiple' : undefined}
            style={{ width: '100%' }}
            placeholder="Chọn"
            options={(def.options ?? []).map((o) => ({ value: o.value, label: o.label }))}
            value={value as string | string[] | undefined}
            onChange={(v) => onChange(v ?? undefined)}
          />
        </Flex>
      );
    case 'date':
      return (
        <Flex vertical gap={4}>
          {label}
          <DatePicker
            aria-label={def.label}
            disabled={disabled}
            format="DD/MM/YYYY"
            style={{ width: '100%', maxWidth: 240 }}
            value={typeof value === 'string' && value ? dayjs(value) : null}
            onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
          />
        </Flex>
      );
    case 'documents':
      return (
        <Flex vertical gap={4}>
          {label}
          <Typography.Text type="secondary" italic>
            {Array.isArray(value) ? `Đã nhập ${value.length} văn bản. ` : ''}
            Danh sách văn bản (ngày ban hành, thời hạn) được nhập qua chức năng nhập số liệu; chưa sửa được ở
            đây.
          </Typography.Text>
        </Flex>
      );
  }
}

/** Values worth sending: drops cleared fields and ratios with a missing part (the server would refuse them). */
export function cleanValues(values: Values): Values {
  const out: Values = {};
  for (const [key, v] of Object.entries(values)) {
    if (v === undefined || v === null || v === '') continue;
    if (typeof v === 'object' && !Array.isArray(v) && ('numerator' in v || 'denominator' in v)) {
      const r = v as { numerator?: unknown; denominator?: unknown };
      if (r.numerator == null || r.denominator == null) continue;
    }
    out[key] = v;
  }
  return out;
}
