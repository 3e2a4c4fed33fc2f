/**
 * Loading a framework: the zod schema for structure, then semantic checks. Every issue names the
 * node code and the field in Vietnamese, so a provincial administrator can fix a file by hand.
 */
import type { z } from 'zod';
import { Dec, isDecimalValue, toDec } from './decimal.ts';
import { INPUT_TYPE_LABELS, NODE_KIND_LABELS } from './labels.ts';
import type { Framework, FrameworkNode, InputDef, InputType, Rule, Tier } from './model.ts';
import { frameworkSchema } from './schema.ts';
import { isMeasureId, MEASURE_IDS, MEASURES } from '../registers/measures.ts';

export interface FrameworkIssue {
  /** Code of the node concerned, or null for framework-level fields. */
  nodeCode: string | null;
  /** Field inside the node (or the framework), e.g. "rule.tiers[1].min". */
  field: string;
  /** Full Vietnamese message naming the node and the field. */
  message: string;
}

export type ParseFrameworkResult =
  { ok: true; framework: Framework } | { ok: false; issues: FrameworkIssue[] };

/** Validates unknown data (a parsed JSON file) as a framework: structure first, then semantics. */
export function parseFramework(data: unknown): ParseFrameworkResult {
  const parsed = frameworkSchema.safeParse(data);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => zodIssue(data, i)) };
  const framework = parsed.data as Framework;
  const issues = checkFramework(framework);
  return issues.length ? { ok: false, issues } : { ok: true, framework };
}

/** Like parseFramework but throws an Error listing every issue. */
export function loadFramework(data: unknown): Framework {
  const result = parseFramework(data);
  if (!result.ok) throw new FrameworkInvalidError(result.issues);
  return result.framework;
}

export class FrameworkInvalidError extends Error {
  constructor(readonly issues: FrameworkIssue[]) {
    super(`Khung đánh giá không hợp lệ:\n${issues.map((i) => `- ${i.message}`).join('\n')}`);
    this.name = 'FrameworkInvalidError';
  }
}

/** A bound input names a measure the product knows, of the input's own type. */
function checkSource(node: FrameworkNode, def: InputDef, field: string, issues: FrameworkIssue[]): void {
  const id = def.source!.measure;
  if (!isMeasureId(id)) {
    issues.push(issue(node, field, `không có phép đo sổ "${id}"; các phép đo: ${MEASURE_IDS.join(', ')}`));
    return;
  }
  const measure = MEASURES[id];
  if (measure.type !== def.type)
    issues.push(
      issue(
        node,
        field,
        `phép đo "${id}" cho ra ${INPUT_TYPE_LABELS[measure.type]}, dữ liệu "${def.id}" là ${INPUT_TYPE_LABELS[def.type]}`,
      ),
    );
}

function describeNode(
  node: { code: string; kind: FrameworkNode['kind'] } | null,
  code: string | null,
): string {
  if (node) return `${NODE_KIND_LABELS[node.kind]} ${node.code}`;
  return code ? `Mục ${code}` : 'Khung đánh giá';
}

function issue(node: FrameworkNode | null, field: string, message: string): FrameworkIssue {
  return {
    nodeCode: node?.code ?? null,
    field,
    message: `${describeNode(node, null)}, trường "${field}": ${message}`,
  };
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
  return out;
}

function zodIssue(data: unknown, zi: z.core.$ZodIssue): FrameworkIssue {
  // Walk the raw data along the path to find the innermost node (an object with "code" under nodes/children).
  let cursor: unknown = data;
  let nodeCode: string | null = null;
  let nodeKind: FrameworkNode['kind'] | null = null;
  let fieldStart = 0;
  const path = zi.path;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    cursor = cursor && typeof cursor === 'object' ? (cursor as Record<PropertyKey, unknown>)[key] : undefined;
    const parentKey = path[i - 1];
    if (
      typeof key === 'number' &&
      (parentKey === 'nodes' || parentKey === 'children') &&
      cursor &&
      typeof cursor === 'object'
    ) {
      const c = (cursor as Record<string, unknown>).code;
      const k = (cursor as Record<string, unknown>).kind;
      nodeCode = typeof c === 'string' ? c : `${formatPath(path.slice(0, i + 1))}`;
      nodeKind = typeof k === 'string' && k in NODE_KIND_LABELS ? (k as FrameworkNode['kind']) : null;
      fieldStart = i + 1;
    }
  }
  const field = formatPath(path.slice(fieldStart)) || '(toàn bộ)';
  const where = nodeCode
    ? nodeKind
      ? `${NODE_KIND_LABELS[nodeKind]} ${nodeCode}`
      : `Mục ${nodeCode}`
    : 'Khung đánh giá';
  return { nodeCode, field, message: `${where}, trường "${field}": ${zodMessage(zi)}` };
}

function zodMessage(zi: z.core.$ZodIssue): string {
  switch (zi.code) {
    case 'invalid_type':
      return zi.input === undefined ? 'thiếu (bắt buộc)' : `sai kiểu, cần ${typeName(zi.expected)}`;
    case 'unrecognized_keys':
      return `có trường không được phép: ${zi.keys.join(', ')}`;
    case 'invalid_value':
      return `giá trị không hợp lệ, phải là một trong: ${zi.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return (zi as { note?: string }).note === 'No matching discriminator'
        ? 'loại quy tắc không hợp lệ'
        : 'giá trị không hợp lệ';
    case 'too_small':
      return zi.origin === 'array'
        ? `phải có ít nhất ${String(zi.minimum)} phần tử`
        : `phải ≥ ${String(zi.minimum)}`;
    case 'too_big':
      return `phải ≤ ${String(zi.maximum)}`;
    default:
      // Custom messages from the schema are already Vietnamese.
      return zi.message;
  }
}

function typeName(expected: string): string {
  const names: Record<string, string> = {
    string: 'chuỗi ký tự',
    number: 'số',
    boolean: 'true/false',
    object: 'đối tượng',
    array: 'danh sách',
    int: 'số nguyên',
  };
  return names[expected] ?? expected;
}

const POINTS_RULES = new Set<Rule['type']>([
  'fixed',
  'ratio',
  'tiers',
  'choice',
  'deadline',
  'deductions',
  'manual',
]);
const PASS_RULES = new Set<Rule['type']>(['threshold', 'yes', 'deadlinePass', 'manualPass']);
const MEASURABLE: InputType[] = ['ratio', 'documents', 'number', 'count', 'money', 'choice'];

/** Semantic checks on a structurally valid framework; returns every issue found (empty = valid). */
export function checkFramework(fw: Framework): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const codes = new Map<string, FrameworkNode>();
  const inputs = new Map<string, { def: InputDef; node: FrameworkNode }>();
  const isPoints = fw.model === 'points';

  // Pass 1: collect codes and inputs.
  const visit = (node: FrameworkNode, parent: FrameworkNode | null, depth: number): void => {
    if (codes.has(node.code)) issues.push(issue(node, 'code', `mã "${node.code}" bị trùng`));
    else codes.set(node.code, node);
    if (parent && !node.code.startsWith(parent.code + '.'))
      issues.push(issue(node, 'code', `mã con phải bắt đầu bằng mã cha "${parent.code}."`));
    if (node.kind === 'adjustment' && depth > 0)
      issues.push(issue(node, 'kind', 'mục thưởng/phạt chỉ được đặt ở cấp cao nhất'));
    (node.inputs ?? []).forEach((def, i) => {
      const field = `inputs[${i}].id`;
      if (inputs.has(def.id)) issues.push(issue(node, field, `mã dữ liệu "${def.id}" bị trùng`));
      else inputs.set(def.id, { def, node });
      if (def.type === 'choice') {
        if (!def.options?.length)
          issues.push(issue(node, `inputs[${i}].options`, 'dữ liệu lựa chọn phải có danh sách phương án'));
        const values = new Set<string>();
        for (const o of def.options ?? []) {
          if (values.has(o.value))
            issues.push(issue(node, `inputs[${i}].options`, `phương án "${o.value}" bị trùng`));
          values.add(o.value);
        }
      } else if (def.options || def.multiple !== undefined) {
        issues.push(issue(node, `inputs[${i}].options`, 'chỉ dữ liệu loại lựa chọn mới có phương án'));
      }
      if (def.source) checkSource(node, def, `inputs[${i}].source.measure`, issues);
    });
    for (const child of node.children ?? []) visit(child, node, depth + 1);
  };
  fw.nodes.forEach((n) => visit(n, null, 0));

  const inputOf = (node: FrameworkNode, field: string, id: string, allowed: InputType[]): InputDef | null => {
    const found = inputs.get(id);
    if (!found) {
      issues.push(issue(node, field, `tham chiếu dữ liệu không tồn tại "${id}"`));
      return null;
    }
    if (!allowed.includes(found.def.type)) {
      issues.push(
        issue(
          node,
          field,
          `dữ liệu "${id}" có loại ${INPUT_TYPE_LABELS[found.def.type]}, quy tắc này cần loại ${allowed
            .map((t) => INPUT_TYPE_LABELS[t])
            .join(' hoặc ')}`,
        ),
      );
      return null;
    }
    return found.def;
  };

  // Pass 2: maxima, rules, aggregates.
  const check = (node: FrameworkNode): void => {
    const children = node.children ?? [];
    const max = node.max !== undefined ? toDec(node.max) : null;
    if (isPoints && node.kind !== 'adjustment') {
      if (!max) issues.push(issue(node, 'max', 'thiếu điểm tối đa'));
      else if (max.lte(0)) issues.push(issue(node, 'max', 'điểm tối đa phải lớn hơn 0'));
    }
    if (!isPoints && node.max !== undefined)
      issues.push(issue(node, 'max', 'khung chấm theo mức đạt không dùng điểm tối đa'));
    if (children.length && node.rule)
      issues.push(
        issue(
          node,
          'rule',
          'mục có mục con thì không có quy tắc chấm riêng (điểm/kết quả tổng hợp từ mục con)',
        ),
      );
    if (node.aggregate && (isPoints || !children.length))
      issues.push(
        issue(node, 'aggregate', 'quy tắc nhóm chỉ dùng cho mục có mục con trong khung chấm theo mức đạt'),
      );
    if (node.aggregate?.type === 'atLeast' && node.aggregate.n > children.length)
      issues.push(
        issue(
          node,
          'aggregate.n',
          `yêu cầu ${node.aggregate.n} mục con đạt nhưng chỉ có ${children.length} mục con`,
        ),
      );
    if (node.kind === 'adjustment') {
      if (!isPoints) issues.push(issue(node, 'kind', 'mục thưởng/phạt chỉ dùng trong khung chấm điểm'));
      if (node.rule?.type !== 'adjustment')
        issues.push(issue(node, 'rule', 'mục thưởng/phạt phải có quy tắc "adjustment"'));
      if (children.length) issues.push(issue(node, 'children', 'mục thưởng/phạt không có mục con'));
    }
    if (isPoints && max && children.length) {
      const sum = children
        .filter((c) => c.kind !== 'adjustment')
        .reduce((s, c) => s.plus(c.max !== undefined ? toDec(c.max) : 0), new Dec(0));
      if (!sum.eq(max))
        issues.push(
          issue(
            node,
            'max',
            `tổng điểm tối đa của các mục con (${sum.toFixed()}) không bằng điểm tối đa của mục (${max.toFixed()})`,
          ),
        );
    }
    if (node.rule) checkRule(node, node.rule, max);
    children.forEach(check);
  };

  const checkRule = (node: FrameworkNode, rule: Rule, max: Dec | null): void => {
    if (rule.type === 'adjustment' && node.kind !== 'adjustment')
      issues.push(issue(node, 'rule.type', 'quy tắc "adjustment" chỉ dùng cho mục thưởng/phạt'));
    else if (
      rule.type !== 'adjustment' &&
      (isPoints ? !POINTS_RULES.has(rule.type) : !PASS_RULES.has(rule.type))
    )
      issues.push(
        issue(
          node,
          'rule.type',
          `quy tắc "${rule.type}" không dùng được trong khung chấm ${isPoints ? 'điểm' : 'theo mức đạt'}`,
        ),
      );
    const overMax = (field: string, value: Dec): void => {
      if (max && value.gt(max))
        issues.push(issue(node, field, `số điểm ${value.toFixed()} vượt điểm tối đa ${max.toFixed()}`));
      if (value.lt(0)) issues.push(issue(node, field, 'số điểm không được âm'));
    };
    switch (rule.type) {
      case 'fixed':
      case 'yes':
        inputOf(node, 'rule.input', rule.input, ['boolean']);
        break;
      case 'ratio':
        inputOf(node, 'rule.input', rule.input, ['ratio', 'documents']);
        break;
      case 'tiers': {
        const def = inputOf(node, 'rule.input', rule.input, MEASURABLE);
        if (def?.type === 'choice' && !def.multiple)
          issues.push(
            issue(node, 'rule.input', 'bảng bậc trên dữ liệu lựa chọn cần lựa chọn nhiều phương án'),
          );
        checkTiers(node, rule.tiers, def ? def.type === 'ratio' || def.type === 'documents' : false, overMax);
        break;
      }
      case 'threshold': {
        const def = inputOf(node, 'rule.input', rule.input, MEASURABLE);
        if (def?.type === 'choice' && !def.multiple)
          issues.push(issue(node, 'rule.input', 'ngưỡng trên dữ liệu lựa chọn cần lựa chọn nhiều phương án'));
        const min = toDec(rule.min);
        if (min.lt(0)) issues.push(issue(node, 'rule.min', 'ngưỡng không được âm'));
        if (def && (def.type === 'ratio' || def.type === 'documents') && min.gt(100))
          issues.push(issue(node, 'rule.min', 'ngưỡng tỷ lệ không được vượt 100%'));
        break;
      }
      case 'choice': {
        const def = inputOf(node, 'rule.input', rule.input, ['choice']);
        const options = new Set((def?.options ?? []).map((o) => o.value));
        for (const [key, value] of Object.entries(rule.points)) {
          if (def && !options.has(key))
            issues.push(
              issue(node, `rule.points.${key}`, `phương án "${key}" không có trong dữ liệu "${def.id}"`),
            );
          overMax(`rule.points.${key}`, toDec(value));
        }
        break;
      }
      case 'deadline':
      case 'deadlinePass':
        inputOf(node, 'rule.input', rule.input, ['date']);
        inputOf(node, 'rule.dueInput', rule.dueInput, ['date']);
        break;
      case 'deductions':
      case 'adjustment':
        rule.items.forEach((item, i) => {
          inputOf(node, `rule.items[${i}].input`, item.input, ['boolean', 'count']);
          if (toDec(item.points).lte(0))
            issues.push(issue(node, `rule.items[${i}].points`, 'số điểm phải lớn hơn 0'));
        });
        if (rule.type === 'adjustment') {
          if (toDec(rule.bonusCap).lt(0)) issues.push(issue(node, 'rule.bonusCap', 'mức trần không được âm'));
          if (toDec(rule.penaltyCap).lt(0))
            issues.push(issue(node, 'rule.penaltyCap', 'mức trần không được âm'));
        }
        break;
      case 'manual':
      case 'manualPass':
        break;
    }
  };

  const checkTiers = (
    node: FrameworkNode,
    tiers: Tier[],
    isPercent: boolean,
    overMax: (field: string, value: Dec) => void,
  ): void => {
    tiers.forEach((tier, i) => {
      const field = `rule.tiers[${i}]`;
      const min = toDec(tier.min);
      overMax(`${field}.points`, toDec(tier.points));
      if (i === 0 && !min.eq(0))
        issues.push(
          issue(node, `${field}.min`, `bậc đầu tiên phải bắt đầu từ 0 (hở khoảng 0–${min.toFixed()})`),
        );
      if (isPercent && min.gt(100))
        issues.push(issue(node, `${field}.min`, 'mức tỷ lệ không được vượt 100%'));
      if (tier.below !== undefined && !toDec(tier.below).gt(min))
        issues.push(
          issue(
            node,
            `${field}.below`,
            `cận trên (${toDec(tier.below).toFixed()}) phải lớn hơn cận dưới (${min.toFixed()})`,
          ),
        );
      if (i === tiers.length - 1 && tier.below !== undefined)
        issues.push(
          issue(
            node,
            `${field}.below`,
            `bậc cao nhất không có cận trên (hở khoảng từ ${toDec(tier.below).toFixed()} trở lên)`,
          ),
        );
      if (i < tiers.length - 1 && tier.below === undefined)
        issues.push(issue(node, `${field}.below`, 'chỉ bậc cao nhất mới được bỏ trống cận trên'));
      const prev = tiers[i - 1];
      if (prev) {
        const prevMin = toDec(prev.min);
        if (min.lt(prevMin)) {
          issues.push(issue(node, `${field}.min`, 'các bậc phải xếp theo thứ tự tăng dần của cận dưới'));
          return;
        }
        if (prev.below !== undefined) {
          const prevBelow = toDec(prev.below);
          if (min.gt(prevBelow))
            issues.push(
              issue(
                node,
                `${field}.min`,
                `hở khoảng giữa hai bậc: từ ${prevBelow.toFixed()} đến dưới ${min.toFixed()}`,
              ),
            );
          if (min.lt(prevBelow))
            issues.push(
              issue(
                node,
                `${field}.min`,
                `chồng lấn với bậc trước: bậc trước đến dưới ${prevBelow.toFixed()}, bậc này từ ${min.toFixed()}`,
              ),
            );
        }
        if (toDec(tier.points).lt(toDec(prev.points)))
          issues.push(issue(node, `${field}.points`, 'điểm của bậc cao hơn không được thấp hơn bậc trước'));
      }
    });
  };

  fw.nodes.forEach(check);

  // Framework level.
  if (isPoints) {
    const sum = fw.nodes
      .filter((n) => n.kind !== 'adjustment')
      .reduce((s, n) => s.plus(n.max !== undefined ? toDec(n.max) : 0), new Dec(0));
    if (fw.maxTotal === undefined) issues.push(issue(null, 'maxTotal', 'thiếu tổng điểm tối đa'));
    else if (!sum.eq(toDec(fw.maxTotal)))
      issues.push(
        issue(
          null,
          'maxTotal',
          `tổng điểm tối đa của các tiêu chí (${sum.toFixed()}) không bằng ${toDec(fw.maxTotal).toFixed()}`,
        ),
      );
  } else if (fw.maxTotal !== undefined) {
    issues.push(issue(null, 'maxTotal', 'khung chấm theo mức đạt không có tổng điểm'));
  }
  if (fw.effectiveYears.to !== null && fw.effectiveYears.to < fw.effectiveYears.from)
    issues.push(issue(null, 'effectiveYears.to', 'năm kết thúc trước năm bắt đầu'));
  const factKeys = new Set<string>();
  fw.facts.forEach((f, i) => {
    if (factKeys.has(f.key)) issues.push(issue(null, `facts[${i}].key`, `sự kiện "${f.key}" bị trùng`));
    factKeys.add(f.key);
  });
  const conditionCodes = new Set<string>();
  fw.conditions.forEach((c, i) => {
    const field = `conditions[${i}]`;
    if (conditionCodes.has(c.code))
      issues.push(issue(null, `${field}.code`, `điều kiện "${c.code}" bị trùng`));
    conditionCodes.add(c.code);
    if (c.type === 'totalAtLeast') {
      if (!isPoints)
        issues.push(issue(null, `${field}.type`, 'điều kiện tổng điểm chỉ dùng trong khung chấm điểm'));
      else if (fw.maxTotal !== undefined && toDec(c.value).gt(toDec(fw.maxTotal)))
        issues.push(issue(null, `${field}.value`, 'ngưỡng tổng điểm vượt tổng điểm tối đa'));
    }
    if (c.type === 'everyCriterionAtLeastPercent') {
      if (!isPoints)
        issues.push(issue(null, `${field}.type`, 'điều kiện tỷ lệ điểm chỉ dùng trong khung chấm điểm'));
      const pct = toDec(c.percent);
      if (pct.lt(0) || pct.gt(100)) issues.push(issue(null, `${field}.percent`, 'phải trong khoảng 0–100'));
    }
    if (
      c.type === 'everyCriterionPasses' &&
      isPoints &&
      !fw.conditions.some((x) => x.type === 'everyCriterionAtLeastPercent')
    )
      issues.push(
        issue(null, `${field}.type`, 'khung chấm điểm cần điều kiện tỷ lệ để xác định tiêu chí đạt'),
      );
    if (c.type === 'noVeto' && !factKeys.has(c.fact))
      issues.push(issue(null, `${field}.fact`, `sự kiện "${c.fact}" chưa được khai báo trong "facts"`));
  });
  if (fw.recognition === 'all-conditions' && fw.conditions.length === 0)
    issues.push(issue(null, 'conditions', 'khung xét công nhận cần ít nhất một điều kiện'));
  return issues;
}

export { isDecimalValue };
