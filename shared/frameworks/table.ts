/**
 * A framework as a table, for spreadsheets (server/features/frameworks/framework-xlsx.ts reads and
 * writes the XLSX): one row per node, in tree order, the parent given by the code ("2.5" under "2"),
 * and the framework-level fields on a second sheet as key → JSON. The scoring rule is written in a
 * short notation (docs/framework-table.md):
 *
 *   fixed(in; expected=false)          yes(in)                 ratio(in; emptyFull=true)
 *   tiers(in; 0..50=0; 50..90=1; 90..=2; emptyFull=true)      threshold(in; min=80; emptyPasses=true)
 *   choice(in; co=2; khong=0)          deadline(in; due)       deadlinePass(in; due)
 *   deductions(in=0.5 "Nhãn"; in2=1 "Nhãn")                    manual("Hướng dẫn")   manualPass()
 *   adjustment(bonusCap=5; penaltyCap=5; +in=1 "Thưởng"; -in2=2 "Phạt")
 *   …and "; provenance=S" on any rule whose tag differs from its node's.
 *
 * Reading is all-or-nothing: every problem names its row and column, and then the structure and
 * semantics are checked with parseFramework, its issues mapped back to the node's row.
 */
import { canonicalJson } from './canonical.ts';
import type { DecimalValue, Framework, FrameworkNode, PassAggregate, Rule, Tier } from './model.ts';
import { parseFramework } from './validate.ts';

export const TABLE_COLUMNS = [
  { key: 'code', header: 'Mã', width: 10 },
  { key: 'kind', header: 'Loại mục', width: 14 },
  { key: 'title', header: 'Tên', width: 60 },
  { key: 'max', header: 'Điểm tối đa', width: 10 },
  { key: 'rule', header: 'Quy tắc chấm', width: 50 },
  { key: 'inputs', header: 'Dữ liệu (JSON)', width: 50 },
  { key: 'provenance', header: 'Nguồn (L/S/I/?/U)', width: 10 },
  { key: 'legalBasis', header: 'Căn cứ pháp lý', width: 40 },
  { key: 'note', header: 'Ghi chú', width: 40 },
  { key: 'description', header: 'Mô tả', width: 30 },
  { key: 'evidence', header: 'Tài liệu kiểm chứng (mỗi dòng một tài liệu)', width: 30 },
  { key: 'aggregate', header: 'Quy tắc nhóm', width: 12 },
] as const;
export type TableColumnKey = (typeof TABLE_COLUMNS)[number]['key'];
export type TableRow = Record<TableColumnKey, string>;

export const META_SHEET = 'Khung';
export const NODES_SHEET = 'Tiêu chí';
const META_KEYS = [
  'code',
  'name',
  'family',
  'model',
  'provenance',
  'note',
  'maxTotal',
  'effectiveYears',
  'unitTypes',
  'legalBasis',
  'rounding',
  'workflow',
  'facts',
  'recognition',
  'conditions',
] as const;

export interface TableIssue {
  /** Sheet name, 1-based row number in that sheet (the header is row 1), and the column's header. */
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

const header = (key: TableColumnKey) => TABLE_COLUMNS.find((c) => c.key === key)!.header;

// ---------------------------------------------------------------- rule notation

const str = (v: DecimalValue) => String(v);
const quote = (s: string) => JSON.stringify(s);

/** The short notation of a rule. */
export function formatRule(rule: Rule): string {
  const args: string[] = [];
  const flag = (name: string, value: boolean | undefined) => {
    if (value !== undefined) args.push(`${name}=${value}`);
  };
  switch (rule.type) {
    case 'fixed':
    case 'yes':
      args.push(rule.input);
      flag('expected', rule.expected);
      break;
    case 'ratio':
      args.push(rule.input);
      flag('emptyFull', rule.emptyFull);
      break;
    case 'tiers':
      args.push(
        rule.input,
        ...rule.tiers.map(
          (t) => `${str(t.min)}..${t.below === undefined ? '' : str(t.below)}=${str(t.points)}`,
        ),
      );
      flag('emptyFull', rule.emptyFull);
      break;
    case 'threshold':
      args.push(rule.input, `min=${str(rule.min)}`);
      flag('emptyPasses', rule.emptyPasses);
      break;
    case 'choice':
      args.push(rule.input, ...Object.entries(rule.points).map(([k, v]) => `${k}=${str(v)}`));
      break;
    case 'deadline':
    case 'deadlinePass':
      args.push(rule.input, rule.dueInput);
      break;
    case 'deductions':
      args.push(...rule.items.map((i) => `${i.input}=${str(i.points)} ${quote(i.label)}`));
      break;
    case 'adjustment':
      args.push(
        `bonusCap=${str(rule.bonusCap)}`,
        `penaltyCap=${str(rule.penaltyCap)}`,
        ...rule.items.map(
          (i) => `${i.effect === 'bonus' ? '+' : '-'}${i.input}=${str(i.points)} ${quote(i.label)}`,
        ),
      );
      break;
    case 'manual':
    case 'manualPass':
      if (rule.guidance !== undefined) args.push(quote(rule.guidance));
      break;
  }
  if (rule.provenance !== undefined) args.push(`provenance=${rule.provenance}`);
  return `${rule.type}(${args.join('; ')})`;
}

/** Splits on ";" outside double-quoted strings (which use JSON escapes). */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inQuote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuote) {
      current += ch;
      if (ch === '\\') current += text[++i] ?? '';
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') {
      inQuote = true;
      current += ch;
    } else if (ch === ';') {
      out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (inQuote) throw new Error('thiếu dấu " đóng chuỗi');
  if (current.trim() || out.length) out.push(current.trim());
  return out;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;
function decimal(text: string, what: string): string {
  const t = text.trim().replace(',', '.');
  if (!DECIMAL.test(t)) throw new Error(`${what} "${text}" không phải số (ví dụ 2.5)`);
  return t;
}
function bool(text: string, what: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new Error(`${what} phải là true hoặc false`);
}
function unquote(text: string): string {
  if (!/^".*"$/s.test(text)) throw new Error(`cần chuỗi trong dấu ngoặc kép, gặp: ${text}`);
  return JSON.parse(text) as string;
}

const RULE_TYPES = [
  'fixed',
  'ratio',
  'tiers',
  'choice',
  'deadline',
  'deductions',
  'manual',
  'adjustment',
  'threshold',
  'yes',
  'deadlinePass',
  'manualPass',
] as const;

/** Parses the short notation; throws an Error with a Vietnamese message. */
export function parseRule(text: string): Rule {
  const m = /^\s*([A-Za-z]+)\s*\((.*)\)\s*$/s.exec(text);
  if (!m) throw new Error('quy tắc phải có dạng loại(tham số; …), ví dụ ratio(2.2.tyLe)');
  const type = m[1] as Rule['type'];
  if (!(RULE_TYPES as readonly string[]).includes(type))
    throw new Error(`loại quy tắc "${m[1]}" không có; các loại: ${RULE_TYPES.join(', ')}`);
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (const arg of splitArgs(m[2]!)) {
    if (arg === '') continue;
    const kv = /^([A-Za-z]+)=(.*)$/s.exec(arg);
    if (
      kv &&
      ['expected', 'emptyFull', 'emptyPasses', 'min', 'provenance', 'bonusCap', 'penaltyCap'].includes(kv[1]!)
    )
      named.set(kv[1]!, kv[2]!.trim());
    else positional.push(arg);
  }
  const provenance = named.get('provenance');
  if (provenance !== undefined && !['L', 'S', 'I', '?', 'U'].includes(provenance))
    throw new Error('provenance phải là L, S, I, ? hoặc U');
  const p = provenance !== undefined ? { provenance: provenance as Rule['provenance'] } : {};
  const input = () => {
    const id = positional[0];
    if (!id) throw new Error('thiếu mã dữ liệu (tham số đầu tiên)');
    return id;
  };
  const optBool = (name: string) => (named.has(name) ? { [name]: bool(named.get(name)!, name) } : {});
  const item = (arg: string) => {
    const im = /^([+-]?)([A-Za-z0-9_.-]+)=(\S+)\s+(".*")$/s.exec(arg);
    if (!im) throw new Error(`mục trừ/thưởng phải có dạng ma=điểm "nhãn", gặp: ${arg}`);
    return { sign: im[1]!, input: im[2]!, points: decimal(im[3]!, 'điểm'), label: unquote(im[4]!) };
  };
  switch (type) {
    case 'fixed':
    case 'yes':
      return { type, input: input(), ...optBool('expected'), ...p } as Rule;
    case 'ratio':
      return { type, input: input(), ...optBool('emptyFull'), ...p } as Rule;
    case 'tiers': {
      const tiers: Tier[] = positional.slice(1).map((arg) => {
        const tm = /^(-?\d+(?:[.,]\d+)?)\.\.(-?\d+(?:[.,]\d+)?)?=(.+)$/.exec(arg);
        if (!tm) throw new Error(`bậc phải có dạng từ..dưới=điểm (bậc cao nhất: từ..=điểm), gặp: ${arg}`);
        return {
          min: decimal(tm[1]!, 'cận dưới'),
          ...(tm[2] ? { below: decimal(tm[2]!, 'cận trên') } : {}),
          points: decimal(tm[3]!, 'điểm'),
        };
      });
      return { type, input: input(), tiers, ...optBool('emptyFull'), ...p } as Rule;
    }
    case 'threshold': {
      if (!named.has('min')) throw new Error('thiếu min=… (ngưỡng)');
      return {
        type,
        input: input(),
        min: decimal(named.get('min')!, 'ngưỡng'),
        ...optBool('emptyPasses'),
        ...p,
      } as Rule;
    }
    case 'choice': {
      const points: Record<string, string> = {};
      for (const arg of positional.slice(1)) {
        const cm = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(arg);
        if (!cm) throw new Error(`phương án phải có dạng giaTri=điểm, gặp: ${arg}`);
        points[cm[1]!] = decimal(cm[2]!, 'điểm');
      }
      return { type, input: input(), points, ...p };
    }
    case 'deadline':
    case 'deadlinePass':
      if (!positional[1]) throw new Error('thiếu mã dữ liệu hạn (tham số thứ hai)');
      return { type, input: input(), dueInput: positional[1], ...p };
    case 'deductions':
      if (!positional.length) throw new Error('cần ít nhất một mục trừ điểm');
      return {
        type,
        items: positional.map((a) => {
          const { input: i, points, label } = item(a);
          return { input: i, points, label };
        }),
        ...p,
      };
    case 'adjustment':
      if (!named.has('bonusCap') || !named.has('penaltyCap'))
        throw new Error('thiếu bonusCap=… hoặc penaltyCap=…');
      return {
        type,
        bonusCap: decimal(named.get('bonusCap')!, 'bonusCap'),
        penaltyCap: decimal(named.get('penaltyCap')!, 'penaltyCap'),
        items: positional.map((a) => {
          const { sign, input: i, points, label } = item(a);
          if (!sign) throw new Error(`mục thưởng/phạt phải bắt đầu bằng + hoặc -, gặp: ${a}`);
          return {
            input: i,
            points,
            label,
            effect: sign === '+' ? ('bonus' as const) : ('penalty' as const),
          };
        }),
        ...p,
      };
    case 'manual':
    case 'manualPass':
      return { type, ...(positional[0] !== undefined ? { guidance: unquote(positional[0]) } : {}), ...p };
  }
}

// ---------------------------------------------------------------- framework ↔ table

function formatAggregate(a: PassAggregate | undefined): string {
  if (!a) return '';
  return a.type === 'all' ? 'all' : `atLeast=${a.n}`;
}

/** The framework as rows (tree order) and meta entries (key, JSON text). */
export function frameworkToTable(fw: Framework): { rows: TableRow[]; meta: [string, string][] } {
  const rows: TableRow[] = [];
  const walk = (nodes: FrameworkNode[]) => {
    for (const node of nodes) {
      rows.push({
        code: node.code,
        kind: node.kind,
        title: node.title,
        max: node.max === undefined ? '' : String(node.max),
        rule: node.rule ? formatRule(node.rule) : '',
        inputs: node.inputs ? canonicalJson(node.inputs) : '',
        provenance: node.provenance,
        legalBasis: node.legalBasis ?? '',
        note: node.note ?? '',
        description: node.description ?? '',
        evidence: node.evidence ? node.evidence.join('\n') : '',
        aggregate: formatAggregate(node.aggregate),
      });
      walk(node.children ?? []);
    }
  };
  walk(fw.nodes);
  const record = fw as unknown as Record<string, unknown>;
  const meta = META_KEYS.filter((k) => record[k] !== undefined).map(
    (k) => [k, canonicalJson(record[k])] as [string, string],
  );
  return { rows, meta };
}

export type TableReadResult = { ok: true; framework: Framework } | { ok: false; issues: TableIssue[] };

/**
 * Builds a framework from table rows (row numbers as in the sheet) and meta entries; the version is 1
 * (the server numbers versions). Every problem is reported, none is stored.
 */
export function frameworkFromTable(
  rows: { row: number; cells: Partial<TableRow> }[],
  meta: { row: number; key: string; value: string }[],
): TableReadResult {
  const issues: TableIssue[] = [];
  const data: Record<string, unknown> = { version: 1 };
  for (const m of meta) {
    if (!(META_KEYS as readonly string[]).includes(m.key)) {
      issues.push({
        sheet: META_SHEET,
        row: m.row,
        column: 'Khoá',
        message: `khoá "${m.key}" không có trong khung đánh giá`,
      });
      continue;
    }
    try {
      data[m.key] = JSON.parse(m.value);
    } catch {
      issues.push({
        sheet: META_SHEET,
        row: m.row,
        column: 'Giá trị (JSON)',
        message: `giá trị của "${m.key}" không phải JSON hợp lệ`,
      });
    }
  }
  const rowOf = new Map<string, number>();
  const byCode = new Map<string, FrameworkNode>();
  const top: FrameworkNode[] = [];
  for (const { row, cells } of rows) {
    const at = (key: TableColumnKey, message: string) =>
      issues.push({ sheet: NODES_SHEET, row, column: header(key), message });
    const code = (cells.code ?? '').trim();
    if (!code) {
      at('code', 'thiếu mã');
      continue;
    }
    if (rowOf.has(code)) {
      at('code', `mã "${code}" đã có ở dòng ${rowOf.get(code)}`);
      continue;
    }
    rowOf.set(code, row);
    const node: Record<string, unknown> = {
      code,
      title: (cells.title ?? '').trim(),
      kind: (cells.kind ?? '').trim(),
      provenance: (cells.provenance ?? '').trim(),
    };
    const max = (cells.max ?? '').trim();
    if (max) {
      try {
        node.max = decimal(max, 'điểm tối đa');
      } catch (e) {
        at('max', (e as Error).message);
      }
    }
    const rule = (cells.rule ?? '').trim();
    if (rule) {
      try {
        node.rule = parseRule(rule);
      } catch (e) {
        at('rule', (e as Error).message);
      }
    }
    const inputs = (cells.inputs ?? '').trim();
    if (inputs) {
      try {
        node.inputs = JSON.parse(inputs);
      } catch {
        at('inputs', 'không phải JSON hợp lệ (danh sách dữ liệu như trong tệp khung)');
      }
    }
    for (const key of ['legalBasis', 'note', 'description'] as const) {
      const v = cells[key];
      if (v !== undefined && v !== '') node[key] = v;
    }
    const evidence = (cells.evidence ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (evidence.length) node.evidence = evidence;
    const aggregate = (cells.aggregate ?? '').trim();
    if (aggregate === 'all') node.aggregate = { type: 'all' };
    else if (/^atLeast=\d+$/.test(aggregate))
      node.aggregate = { type: 'atLeast', n: Number(aggregate.slice(8)) };
    else if (aggregate) at('aggregate', 'quy tắc nhóm phải là "all" hoặc "atLeast=n"');
    const parentCode = code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null;
    if (parentCode === null) top.push(node as unknown as FrameworkNode);
    else {
      const parent = byCode.get(parentCode);
      if (!parent) {
        at('code', `mục cha "${parentCode}" phải đứng ở một dòng phía trên`);
        continue;
      }
      parent.children = [...(parent.children ?? []), node as unknown as FrameworkNode];
    }
    byCode.set(code, node as unknown as FrameworkNode);
  }
  data.nodes = top;
  if (issues.length) return { ok: false, issues };
  const parsed = parseFramework(data);
  if (parsed.ok) return parsed;
  return {
    ok: false,
    issues: parsed.issues.map((i) => {
      if (i.nodeCode === null || !rowOf.has(i.nodeCode)) {
        const key = i.field.split(/[.[]/)[0]!;
        const metaRow = meta.find((m) => m.key === key)?.row ?? null;
        return {
          sheet: META_SHEET,
          row: metaRow,
          column: metaRow ? 'Giá trị (JSON)' : null,
          message: i.message,
        };
      }
      return {
        sheet: NODES_SHEET,
        row: rowOf.get(i.nodeCode)!,
        column: columnOfField(i.field),
        message: i.message,
      };
    }),
  };
}

function columnOfField(field: string): string | null {
  const key = field.split(/[.[]/)[0]!;
  const map: Record<string, TableColumnKey> = {
    code: 'code',
    kind: 'kind',
    title: 'title',
    max: 'max',
    rule: 'rule',
    inputs: 'inputs',
    provenance: 'provenance',
    legalBasis: 'legalBasis',
    note: 'note',
    description: 'description',
    evidence: 'evidence',
    aggregate: 'aggregate',
    children: 'code',
  };
  return map[key] ? header(map[key]) : null;
}

/** "Dòng 5, cột "Quy tắc chấm" (sheet Tiêu chí): …". */
export function formatTableIssue(issue: TableIssue): string {
  const where = [
    issue.row !== null ? `dòng ${issue.row}` : null,
    issue.column ? `cột "${issue.column}"` : null,
  ]
    .filter(Boolean)
    .join(', ');
  return `Trang "${issue.sheet}"${where ? `, ${where}` : ''}: ${issue.message}`;
}
