import { Alert, Button, Collapse, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { FrameworkDetailDto } from '@shared/frameworks/frameworks.schemas.ts';
import { INPUT_TYPE_LABELS, NODE_KIND_LABELS } from '@shared/frameworks/labels.ts';
import type { DecimalValue, Framework, FrameworkNode, InputDef, Rule } from '@shared/frameworks/model.ts';
import { formatDate, formatDecimal } from '@shared/format/vi.ts';
import { api } from '@web/lib/api.ts';
import { provenanceSummary } from '@shared/frameworks/tree.ts';
import { MappingView } from './FrameworksPage.tsx';
import { RescorePanel } from './RescorePanel.tsx';
import {
  CopyFrameworkModal,
  FrameworkProvenanceTag,
  ImportFrameworkModal,
  ProvenanceTag,
  ShortHash,
  errorText,
} from './frameworks.display.tsx';

const num = (v: DecimalValue) => formatDecimal(String(v));

/** One framework version: its header facts, the expandable tree of its nodes, its versions, and actions. */
export function FrameworkPage() {
  const { id } = useParams();
  const query = useQuery({
    queryKey: ['frameworks', id],
    queryFn: () => api.get<FrameworkDetailDto>(`/api/frameworks/${id}`),
  });
  const [dialog, setDialog] = useState<'copy' | 'import' | null>(null);
  const f = query.data;
  if (query.error)
    return <Alert type="error" showIcon title={errorText(query.error, 'Không tải được bộ tiêu chí.')} />;
  if (!f) return <Typography.Text type="secondary">Đang tải…</Typography.Text>;
  const fw = f.content;

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Link to="/bo-tieu-chi">← Bộ tiêu chí</Link>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {f.code} — phiên bản {f.version}
      </Typography.Title>
      <Typography.Text>{f.name}</Typography.Text>
      <Space wrap>
        <Button href={`/api/frameworks/${f.id}/export`} download>
          Xuất tệp JSON
        </Button>
        {f.abilities.canCopy && <Button onClick={() => setDialog('copy')}>Sao chép thành bộ của tỉnh</Button>}
        <Button href={`/api/frameworks/${f.id}/xlsx`} download>
          Tải bảng tính (XLSX)
        </Button>
        {f.abilities.canImportVersion && (
          <Link to={`/bo-tieu-chi/${f.id}/sua`}>
            <Button type="primary">Sửa bộ tiêu chí</Button>
          </Link>
        )}
        {f.abilities.canImportVersion && (
          <Button onClick={() => setDialog('import')}>Nhập phiên bản mới (JSON)</Button>
        )}
      </Space>
      {f.provisional && (
        <Alert
          type="warning"
          showIcon
          title="Bộ tiêu chí có giá trị tạm tính"
          description='Các mục gắn nhãn "Tạm tính / chưa xác nhận" chưa được đối chiếu với văn bản gốc; kết quả chấm theo các mục này không phải số liệu chính thức.'
        />
      )}
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="Độ tin cậy">
          <FrameworkProvenanceTag provenance={f.provenance} provisional={f.provisional} />
        </Descriptions.Item>
        <Descriptions.Item label="Giá trị đã xác nhận">
          {(() => {
            const { confirmed, total } = provenanceSummary(fw);
            return `${confirmed}/${total} giá trị (điểm tối đa, quy tắc chấm, điều kiện) đã đối chiếu văn bản pháp luật; ${total - confirmed} tạm tính`;
          })()}
        </Descriptions.Item>
        <Descriptions.Item label="Mã băm nội dung">
          <ShortHash hash={f.hash} />
        </Descriptions.Item>
        <Descriptions.Item label="Đơn vị sở hữu">
          {f.owner?.name ?? 'Dựng sẵn trong phần mềm'}
        </Descriptions.Item>
        <Descriptions.Item label="Sử dụng">
          {f.inUse ? (
            <Tag color="blue">Đang dùng cho {f.usedByPeriods} kỳ đánh giá — không thể xoá</Tag>
          ) : (
            'Chưa dùng cho kỳ đánh giá nào'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Cách đánh giá">
          {fw.model === 'points'
            ? `Chấm điểm${fw.maxTotal !== undefined ? `, tối đa ${num(fw.maxTotal)} điểm` : ''}`
            : 'Đạt/không đạt theo từng chỉ tiêu'}
        </Descriptions.Item>
        <Descriptions.Item label="Năm áp dụng">
          {fw.effectiveYears.from}
          {fw.effectiveYears.to ? ` – ${fw.effectiveYears.to}` : ' trở đi'}
        </Descriptions.Item>
        <Descriptions.Item label="Căn cứ" span={2}>
          <Space direction="vertical" size={0}>
            {fw.legalBasis.map((d) => (
              <span key={d.code}>
                {d.code}: {d.title}
                {d.signedOn ? ` (ký ngày ${formatDate(d.signedOn)})` : ''}{' '}
                {d.provenance !== 'L' && <ProvenanceTag provenance={d.provenance} />}
              </span>
            ))}
          </Space>
        </Descriptions.Item>
        {fw.note && (
          <Descriptions.Item label="Ghi chú" span={2}>
            {fw.note}
          </Descriptions.Item>
        )}
      </Descriptions>
      {f.abilities.canImportVersion && f.isLatest && <RescorePanel framework={f} />}
      <Tabs
        items={[
          { key: 'tree', label: 'Tiêu chí', children: <NodeList nodes={fw.nodes} framework={fw} /> },
          { key: 'conditions', label: 'Điều kiện công nhận', children: <Conditions framework={fw} /> },
          {
            key: 'versions',
            label: `Các phiên bản (${f.versions.length})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                pagination={false}
                dataSource={f.versions}
                columns={[
                  {
                    title: 'Phiên bản',
                    key: 'v',
                    render: (_, v) =>
                      v.id === f.id ? (
                        <strong>{v.version} (đang xem)</strong>
                      ) : (
                        <Link to={`/bo-tieu-chi/${v.id}`}>{v.version}</Link>
                      ),
                  },
                  { title: 'Mã băm', key: 'hash', render: (_, v) => <ShortHash hash={v.hash} /> },
                  { title: 'Ngày lưu', key: 'at', render: (_, v) => formatDate(v.createdAt) },
                  {
                    title: 'Sử dụng',
                    key: 'used',
                    render: (_, v) => (v.usedByPeriods > 0 ? `${v.usedByPeriods} kỳ đánh giá` : 'Chưa dùng'),
                  },
                ]}
              />
            ),
          },
          ...(fw.family === 'tcpl'
            ? [{ key: 'mapping', label: 'Đối chiếu phiên bản', children: <MappingView /> }]
            : []),
        ]}
      />
      {dialog === 'copy' && (
        <CopyFrameworkModal open source={f} ownerChoices={f.ownerChoices} onClose={() => setDialog(null)} />
      )}
      {dialog === 'import' && f.owner && (
        <ImportFrameworkModal
          open
          title={`Nhập phiên bản mới của ${f.code} (JSON)`}
          owner={f.owner}
          onClose={() => setDialog(null)}
        />
      )}
    </Space>
  );
}

/** The nodes as nested expandable panels: criteria → indicators → sub-items, any depth. */
function NodeList({ nodes, framework }: { nodes: FrameworkNode[]; framework: Framework }) {
  return (
    <Collapse
      items={nodes.map((n) => ({
        key: n.code,
        label: <NodeHeader node={n} framework={framework} />,
        children: <NodeBody node={n} framework={framework} />,
      }))}
    />
  );
}

function NodeHeader({ node, framework }: { node: FrameworkNode; framework: Framework }) {
  return (
    <Space wrap size={6}>
      <strong>{node.code}</strong>
      <span>{node.title}</span>
      {framework.model === 'points' && node.max !== undefined && <Tag>{num(node.max)} điểm</Tag>}
      {node.provenance !== 'L' && <ProvenanceTag provenance={node.provenance} />}
    </Space>
  );
}

function NodeBody({ node, framework }: { node: FrameworkNode; framework: Framework }) {
  const inputs = new Map((node.inputs ?? []).map((i) => [i.id, i]));
  const rows: { label: string; value: ReactNode }[] = [{ label: 'Loại', value: NODE_KIND_LABELS[node.kind] }];
  if (node.description) rows.push({ label: 'Mô tả', value: node.description });
  if (node.rule)
    rows.push({ label: 'Cách tính', value: <RuleText rule={node.rule} inputs={inputs} max={node.max} /> });
  if (node.aggregate)
    rows.push({
      label: 'Điều kiện đạt',
      value:
        node.aggregate.type === 'all'
          ? 'Mọi nội dung con đều đạt'
          : `Ít nhất ${node.aggregate.n} nội dung con đạt`,
    });
  else if (framework.model === 'pass' && node.children?.length)
    rows.push({ label: 'Điều kiện đạt', value: 'Mọi nội dung con đều đạt' });
  if (node.inputs?.length)
    rows.push({
      label: 'Số liệu cần nhập',
      value: (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {node.inputs.map((i) => (
            <li key={i.id}>
              {i.label}{' '}
              <Typography.Text type="secondary">
                ({INPUT_TYPE_LABELS[i.type]}
                {i.unit ? `, ${i.unit}` : ''})
              </Typography.Text>
              {i.type === 'ratio' && i.numeratorLabel && (
                <Typography.Text type="secondary">
                  {' '}
                  — tử số: {i.numeratorLabel}; mẫu số: {i.denominatorLabel}
                </Typography.Text>
              )}
              {i.options && (
                <Typography.Text type="secondary">
                  {' '}
                  — {i.options.map((o) => o.label).join('; ')}
                </Typography.Text>
              )}
            </li>
          ))}
        </ul>
      ),
    });
  if (node.evidence?.length)
    rows.push({
      label: 'Tài liệu kiểm chứng',
      value: (
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {node.evidence.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ),
    });
  if (node.legalBasis) rows.push({ label: 'Căn cứ', value: node.legalBasis });
  if (node.note) rows.push({ label: 'Ghi chú', value: node.note });
  rows.push({ label: 'Độ tin cậy', value: <ProvenanceTag provenance={node.provenance} /> });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Descriptions
        size="small"
        column={1}
        bordered
        items={rows.map((r, i) => ({ key: i, label: r.label, children: r.value }))}
      />
      {node.children?.length ? <NodeList nodes={node.children} framework={framework} /> : null}
    </Space>
  );
}

function RuleText({ rule, inputs, max }: { rule: Rule; inputs: Map<string, InputDef>; max?: DecimalValue }) {
  const label = (id: string) => `“${inputs.get(id)?.label ?? id}”`;
  const provisional =
    rule.provenance && rule.provenance !== 'L' ? <ProvenanceTag provenance={rule.provenance} /> : null;
  const text = ((): ReactNode => {
    switch (rule.type) {
      case 'fixed':
        return `Đủ ${max !== undefined ? num(max) : ''} điểm nếu ${label(rule.input)} là ${rule.expected === false ? 'không' : 'có'}; ngược lại 0 điểm`;
      case 'ratio':
        return `Điểm = tỷ lệ ${label(rule.input)} × điểm tối đa${rule.emptyFull ? ' (không phát sinh: đủ điểm)' : ''}`;
      case 'tiers': {
        const percent = inputs.get(rule.input)?.type === 'ratio' ? '%' : '';
        return (
          <Space direction="vertical" size={0}>
            <span>
              Theo bậc của {label(rule.input)}
              {rule.emptyFull ? ' (không phát sinh: đủ điểm)' : ''}:
            </span>
            {[...rule.tiers].reverse().map((t, i) => (
              <span key={i}>
                • Từ {num(t.min)}
                {percent}
                {t.below !== undefined ? ` đến dưới ${num(t.below)}${percent}` : ' trở lên'}: {num(t.points)}{' '}
                điểm
              </span>
            ))}
          </Space>
        );
      }
      case 'choice':
        return `Theo lựa chọn ${label(rule.input)}: ${Object.entries(rule.points)
          .map(
            ([k, v]) =>
              `${inputs.get(rule.input)?.options?.find((o) => o.value === k)?.label ?? k} → ${num(v)} điểm`,
          )
          .join('; ')}`;
      case 'deadline':
        return `Theo số văn bản ban hành đúng hạn trong ${label(rule.input)} (hạn: ${label(rule.dueInput)})`;
      case 'deductions':
        return `Trừ điểm: ${rule.items.map((d) => `${d.label} (−${num(d.points)})`).join('; ')}`;
      case 'manual':
        return `Chấm trực tiếp trong khoảng 0–${max !== undefined ? num(max) : '…'} điểm, bắt buộc ghi lý do${rule.guidance ? `. ${rule.guidance}` : ''}`;
      case 'adjustment':
        return `Thưởng tối đa ${num(rule.bonusCap)}, trừ tối đa ${num(rule.penaltyCap)} điểm: ${rule.items
          .map((d) => `${d.label} (${d.effect === 'bonus' ? '+' : '−'}${num(d.points)})`)
          .join('; ')}`;
      case 'threshold':
        return `Đạt khi ${label(rule.input)} từ ${num(rule.min)}${inputs.get(rule.input)?.type === 'ratio' ? '%' : ''} trở lên${rule.emptyPasses ? ' (không phát sinh: đạt)' : ''}`;
      case 'yes':
        return `Đạt khi ${label(rule.input)} là ${rule.expected === false ? 'không' : 'có'}`;
      case 'deadlinePass':
        return `Đạt khi mọi văn bản trong ${label(rule.input)} được ban hành đúng hạn`;
      case 'manualPass':
        return `Đánh giá trực tiếp đạt/không đạt, bắt buộc ghi lý do${rule.guidance ? `. ${rule.guidance}` : ''}`;
    }
  })();
  return (
    <Space direction="vertical" size={2}>
      {text}
      {provisional}
    </Space>
  );
}

function Conditions({ framework }: { framework: Framework }) {
  if (framework.conditions.length === 0)
    return (
      <Typography.Text type="secondary">Bộ tiêu chí này không quy định điều kiện công nhận.</Typography.Text>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {framework.conditions.map((c) => (
        <Space key={c.code} wrap>
          <strong>{c.code}</strong>
          <span>{c.title}</span>
          {c.legalBasis && <Typography.Text type="secondary">({c.legalBasis})</Typography.Text>}
          {c.provenance !== 'L' && <ProvenanceTag provenance={c.provenance} />}
        </Space>
      ))}
      {framework.facts.length > 0 && (
        <>
          <Typography.Title level={5}>Sự kiện cần khai báo</Typography.Title>
          {framework.facts.map((fact) => (
            <Space key={fact.key} wrap>
              <span>{fact.title}</span>
              {fact.provenance !== 'L' && <ProvenanceTag provenance={fact.provenance} />}
            </Space>
          ))}
        </>
      )}
    </Space>
  );
}
