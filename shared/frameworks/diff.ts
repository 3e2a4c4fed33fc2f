/**
 * The difference between two versions of a framework, in words a Department reads before it
 * publishes: "2.5: bậc ≥ 90 % → 2 điểm (trước: …) — nguồn: …". Pure: no I/O; the same text is
 * shown before publishing and stored in the publication's audit row.
 */
import { canonicalJson } from './canonical.ts';
import { PROVENANCE_LABELS } from './labels.ts';
import type { Condition, Framework, FrameworkNode, InputDef, Provenance, Rule } from './model.ts';
import { formatDecimal } from '../format/vi.ts';

export type FrameworkChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'framework';

export interface FrameworkChange {
  /** Node code, or null for a framework-level change (name, conditions, workflow…). */
  code: string | null;
  kind: FrameworkChangeKind;
  /** One Vietnamese sentence. */
  text: string;
}

const n = (v: string | number | undefined): string => (v === undefined ? '—' : formatDecimal(String(v)));
const pts = (v: string | number): string => `${n(v)} điểm`;
const tag = (p: Provenance): string => `${p} (${PROVENANCE_LABELS[p]})`;

function flatten(
  nodes: FrameworkNode[],
  parent: string | null = null,
  out = new Map<string, { node: FrameworkNode; parent: string | null }>(),
) {
  nodes.forEach((node) => {
    out.set(node.code, { node, parent });
    flatten(node.children ?? [], node.code, out);
  });
  return out;
}

function inputsOf(fw: Framework): Map<string, InputDef> {
  const out = new Map<string, InputDef>();
  const walk = (nodes: FrameworkNode[]) => {
    for (const node of nodes) {
      for (const def of node.inputs ?? []) out.set(def.id, def);
      walk(node.children ?? []);
    }
  };
  walk(fw.nodes);
  return out;
}

/** A scoring rule in words, e.g. "bậc: dưới 50 % → 0 điểm; từ 90 % → 2 điểm". */
export function describeRule(rule: Rule, inputs: Map<string, InputDef> = new Map()): string {
  const isPercent = (id: string) => ['ratio', 'documents'].includes(inputs.get(id)?.type ?? '');
  switch (rule.type) {
    case 'fixed':
      return rule.expected === false ? 'không xảy ra → đủ điểm' : 'có → đủ điểm';
    case 'yes':
      return rule.expected === false ? 'đạt khi không xảy ra' : 'đạt khi có';
    case 'ratio':
      return `điểm = tỷ lệ × điểm tối đa${rule.emptyFull ? ' (không phát sinh → đủ điểm)' : ''}`;
    case 'tiers': {
      const u = isPercent(rule.input) ? ' %' : '';
      const bands = rule.tiers.map((t) =>
        t.below === undefined
          ? `mức ≥ ${n(t.min)}${u} → ${pts(t.points)}`
          : `${n(t.min)}–dưới ${n(t.below)}${u} → ${pts(t.points)}`,
      );
      return `bậc: ${bands.join('; ')}${rule.emptyFull ? ' (không phát sinh → đủ điểm)' : ''}`;
    }
    case 'choice':
      return `lựa chọn: ${Object.entries(rule.points)
        .map(
          ([k, v]) =>
            `${inputs.get(rule.input)?.options?.find((o) => o.value === k)?.label ?? k} → ${pts(v)}`,
        )
        .join('; ')}`;
    case 'deadline':
      return 'đúng hạn → đủ điểm';
    case 'deadlinePass':
      return 'đạt khi đúng hạn';
    case 'deductions':
      return `trừ điểm: ${rule.items.map((i) => `${i.label} −${n(i.points)}`).join('; ')}`;
    case 'adjustment':
      return `thưởng tối đa ${pts(rule.bonusCap)}, trừ tối đa ${pts(rule.penaltyCap)}: ${rule.items
        .map((i) => `${i.label} ${i.effect === 'bonus' ? '+' : '−'}${n(i.points)}`)
        .join('; ')}`;
    case 'threshold':
      return `đạt khi ≥ ${n(rule.min)}${isPercent(rule.input) ? ' %' : ''}`;
    case 'manual':
      return 'chấm thủ công, có lý do';
    case 'manualPass':
      return 'đánh giá thủ công, có lý do';
  }
}

function describeCondition(c: Condition): string {
  switch (c.type) {
    case 'totalAtLeast':
      return `tổng điểm ≥ ${n(c.value)}`;
    case 'everyCriterionAtLeastPercent':
      return `mỗi tiêu chí ≥ ${n(c.percent)} % điểm tối đa`;
    case 'everyCriterionPasses':
      return 'mọi tiêu chí đạt';
    case 'noVeto':
      return `không có sự kiện "${c.fact}"`;
  }
}

const withoutProvenance = (rule: Rule | undefined): string =>
  rule ? canonicalJson({ ...rule, provenance: undefined }) : '';

const sourceOf = (node: FrameworkNode): string =>
  ` — nguồn: ${tag(node.rule?.provenance ?? node.provenance)}${node.legalBasis ? `; ${node.legalBasis}` : ''}`;

/**
 * Every change from `before` to `after`, framework fields first, then nodes in the new order
 * (removed nodes last). An empty list means the two versions score the same way.
 */
export function diffFrameworks(before: Framework, after: Framework): FrameworkChange[] {
  const changes: FrameworkChange[] = [];
  const fw = (text: string) => changes.push({ code: null, kind: 'framework', text });
  if (before.name !== after.name) fw(`Tên bộ tiêu chí: "${after.name}" (trước: "${before.name}")`);
  if (String(before.maxTotal ?? '') !== String(after.maxTotal ?? ''))
    fw(`Tổng điểm tối đa: ${n(after.maxTotal)} (trước: ${n(before.maxTotal)})`);
  if (before.provenance !== after.provenance)
    fw(`Nguồn của bộ tiêu chí: ${tag(after.provenance)} (trước: ${tag(before.provenance)})`);
  const wf = (key: keyof Framework['workflow'], label: string) => {
    if (before.workflow[key] !== after.workflow[key])
      fw(`${label}: ${String(after.workflow[key])} (trước: ${String(before.workflow[key])})`);
  };
  wf('explanationRounds', 'Số lần trả lại để bổ sung, giải trình');
  wf('publicPosting', 'Niêm yết công khai');
  wf('council', 'Hội đồng đánh giá');
  wf('ranking', 'Xếp hạng');
  if (canonicalJson(before.rounding) !== canonicalJson(after.rounding))
    fw(
      `Làm tròn điểm: ${after.rounding.points.decimals} chữ số (trước: ${before.rounding.points.decimals} chữ số)`,
    );
  if (canonicalJson(before.legalBasis) !== canonicalJson(after.legalBasis))
    fw(
      `Căn cứ pháp lý: ${after.legalBasis.map((l) => l.code).join(', ') || '—'} (trước: ${before.legalBasis.map((l) => l.code).join(', ') || '—'})`,
    );
  const plain = (
    key: 'effectiveYears' | 'unitTypes' | 'recognition' | 'facts' | 'note' | 'family' | 'model',
    label: string,
  ) => {
    if (canonicalJson(before[key] ?? null) !== canonicalJson(after[key] ?? null)) fw(`${label} thay đổi`);
  };
  plain('effectiveYears', 'Năm áp dụng');
  plain('unitTypes', 'Loại đơn vị áp dụng');
  plain('recognition', 'Cách xét công nhận');
  plain('facts', 'Danh sách sự kiện loại trừ');
  plain('note', 'Ghi chú của bộ tiêu chí');
  plain('family', 'Nhóm bộ tiêu chí');
  plain('model', 'Cách chấm (điểm / mức đạt)');
  const oldConditions = new Map(before.conditions.map((c) => [c.code, c]));
  for (const c of after.conditions) {
    const old = oldConditions.get(c.code);
    if (!old) fw(`Thêm điều kiện ${c.code}: ${c.title} (${describeCondition(c)})`);
    else if (canonicalJson(old) !== canonicalJson(c)) {
      const words =
        describeCondition(c) !== describeCondition(old)
          ? `${describeCondition(c)} (trước: ${describeCondition(old)})`
          : c.title;
      const prov =
        old.provenance !== c.provenance
          ? `; nguồn: ${tag(c.provenance)} (trước: ${tag(old.provenance)})`
          : '';
      fw(`Điều kiện ${c.code}: ${words}${prov}`);
    }
    oldConditions.delete(c.code);
  }
  for (const c of oldConditions.values()) fw(`Bỏ điều kiện ${c.code}: ${c.title}`);

  const oldNodes = flatten(before.nodes);
  const newNodes = flatten(after.nodes);
  const oldInputs = inputsOf(before);
  const newInputs = inputsOf(after);
  for (const [code, { node, parent }] of newNodes) {
    const old = oldNodes.get(code);
    const push = (kind: FrameworkChangeKind, text: string) =>
      changes.push({ code, kind, text: `${code}: ${text}` });
    if (!old) {
      const max = node.max !== undefined ? `, tối đa ${pts(node.max)}` : '';
      const rule = node.rule ? `; ${describeRule(node.rule, newInputs)}` : '';
      push('added', `thêm "${node.title}"${max}${rule}${sourceOf(node)}`);
      continue;
    }
    const o = old.node;
    if (o.title !== node.title) push('changed', `tên "${node.title}" (trước: "${o.title}")`);
    if (o.kind !== node.kind) push('changed', `loại mục ${node.kind} (trước: ${o.kind})`);
    if (String(o.max ?? '') !== String(node.max ?? ''))
      push(
        'changed',
        `điểm tối đa ${node.max !== undefined ? pts(node.max) : '—'} (trước: ${o.max !== undefined ? pts(o.max) : '—'})${sourceOf(node)}`,
      );
    if (withoutProvenance(o.rule) !== withoutProvenance(node.rule)) {
      const now = node.rule ? describeRule(node.rule, newInputs) : 'không có quy tắc riêng';
      const was = o.rule ? describeRule(o.rule, oldInputs) : 'không có quy tắc riêng';
      push(
        'changed',
        `${now} (trước: ${now === was ? 'cùng cách tính, khác tham số' : was})${sourceOf(node)}`,
      );
    }
    const oldProv = o.rule?.provenance ?? o.provenance;
    const newProv = node.rule?.provenance ?? node.provenance;
    if (oldProv !== newProv || o.provenance !== node.provenance)
      push(
        'changed',
        `nguồn ${tag(newProv)} (trước: ${tag(oldProv)})${node.legalBasis ? `; ${node.legalBasis}` : ''}`,
      );
    if ((o.legalBasis ?? '') !== (node.legalBasis ?? ''))
      push('changed', `căn cứ pháp lý "${node.legalBasis ?? '—'}" (trước: "${o.legalBasis ?? '—'}")`);
    if ((o.note ?? '') !== (node.note ?? ''))
      push('changed', `ghi chú "${node.note ?? '—'}" (trước: "${o.note ?? '—'}")`);
    if ((o.description ?? '') !== (node.description ?? '')) push('changed', 'mô tả thay đổi');
    if (canonicalJson(o.evidence ?? []) !== canonicalJson(node.evidence ?? []))
      push('changed', `tài liệu kiểm chứng: ${(node.evidence ?? []).join('; ') || '—'}`);
    if (canonicalJson(o.aggregate ?? null) !== canonicalJson(node.aggregate ?? null))
      push('changed', 'quy tắc nhóm thay đổi');
    const oldIds = new Map((o.inputs ?? []).map((d) => [d.id, d]));
    for (const def of node.inputs ?? []) {
      const od = oldIds.get(def.id);
      if (!od) push('changed', `thêm dữ liệu "${def.label}" (${def.id})`);
      else {
        if (od.source?.measure !== def.source?.measure)
          push(
            'changed',
            `dữ liệu "${def.label}" lấy từ sổ: ${def.source?.measure ?? 'nhập tay'} (trước: ${od.source?.measure ?? 'nhập tay'})`,
          );
        if (canonicalJson({ ...od, source: undefined }) !== canonicalJson({ ...def, source: undefined }))
          push('changed', `dữ liệu "${def.label}" (${def.id}) thay đổi`);
      }
      oldIds.delete(def.id);
    }
    for (const def of oldIds.values()) push('changed', `bỏ dữ liệu "${def.label}" (${def.id})`);
    if (old.parent !== parent)
      push(
        'moved',
        `chuyển sang ${parent ? `mục ${parent}` : 'cấp cao nhất'} (trước: ${old.parent ? `mục ${old.parent}` : 'cấp cao nhất'})`,
      );
  }
  // Order: only a change of relative order among the siblings both versions have (an insertion is not a move).
  const siblings = (map: ReturnType<typeof flatten>, other: ReturnType<typeof flatten>) => {
    const out = new Map<string | null, string[]>();
    for (const [code, { parent }] of map)
      if (other.get(code)?.parent === parent) out.set(parent, [...(out.get(parent) ?? []), code]);
    return out;
  };
  const oldOrder = siblings(oldNodes, newNodes);
  for (const [parent, codes] of siblings(newNodes, oldNodes)) {
    const was = oldOrder.get(parent) ?? [];
    if (codes.join(' ') !== was.join(' '))
      changes.push({
        code: parent,
        kind: 'moved',
        text: `${parent ? `Các mục con của ${parent}` : 'Các tiêu chí'} xếp lại: ${codes.join(', ')} (trước: ${was.join(', ')})`,
      });
  }
  for (const [code, { node }] of oldNodes)
    if (!newNodes.has(code)) changes.push({ code, kind: 'removed', text: `${code}: bỏ "${node.title}"` });
  return changes;
}
