/**
 * Validation and normalisation of an EvaluationInput against a framework. Every issue names the
 * field and the node in Vietnamese ("Chỉ tiêu 2.5, dữ liệu "2.5.tapHuan": tử số lớn hơn mẫu số").
 */
import { Dec, decimalProblem, isDecimalValue, toDec } from '../frameworks/decimal.ts';
import { isIsoDate } from '../dates.ts';
import { formatDecimal } from '../format/vi.ts';
import { LIMITS } from '../limits.ts';
import { INPUT_TYPE_LABELS, NODE_KIND_LABELS } from '../frameworks/labels.ts';
import type { Framework, FrameworkNode, InputDef } from '../frameworks/model.ts';
import { indexFramework } from './index-framework.ts';
import type { EvaluationInput, InputIssue } from './types.ts';

export type NormalValue =
  | { type: 'decimal'; value: Dec; text: string }
  | { type: 'ratio'; numerator: Dec; denominator: Dec; numeratorText: string; denominatorText: string }
  | { type: 'boolean'; value: boolean }
  | { type: 'choice'; selected: string[] }
  | { type: 'date'; value: string }
  | { type: 'documents'; onTime: number; total: number };

export interface NormalInput {
  values: Map<string, NormalValue>;
  points: Map<string, Dec>;
  passed: Map<string, boolean>;
  manual: Map<string, { points?: Dec; passed?: boolean; reason: string }>;
  facts: Map<string, boolean>;
}

export class EvaluationInputError extends Error {
  constructor(readonly issues: InputIssue[]) {
    super(`Dữ liệu chấm điểm không hợp lệ:\n${issues.map((i) => `- ${i.message}`).join('\n')}`);
    this.name = 'EvaluationInputError';
  }
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ALLOWED_SECTIONS = new Set(['values', 'points', 'passed', 'manual', 'facts']);
const EMPTY: Record<string, unknown> = Object.freeze({});

function sectionOf(
  raw: Record<string, unknown>,
  key: keyof EvaluationInput,
  issues: InputIssue[],
): Record<string, unknown> {
  const v = raw[key];
  if (v === undefined) return EMPTY;
  if (!isPlainObject(v)) {
    issues.push({
      field: key,
      nodeCode: null,
      message: `Trường "${key}" phải là một đối tượng JSON (mã → giá trị)`,
    });
    return EMPTY;
  }
  return v;
}

const nodeName = (node: FrameworkNode): string => `${NODE_KIND_LABELS[node.kind]} ${node.code}`;

/** Validates and normalises an input; returns the issues (empty when valid) and the normalised input. */
export function normaliseEvaluationInput(
  fw: Framework,
  raw: unknown,
): { issues: InputIssue[]; input: NormalInput } {
  const index = indexFramework(fw);
  const issues: InputIssue[] = [];
  const input: NormalInput = {
    values: new Map(),
    points: new Map(),
    passed: new Map(),
    manual: new Map(),
    facts: new Map(),
  };
  if (!isPlainObject(raw)) {
    issues.push({
      field: '(toàn bộ)',
      nodeCode: null,
      message: 'Dữ liệu chấm điểm phải là một đối tượng JSON, ví dụ {"values": {…}}',
    });
    return { issues, input };
  }
  for (const key in raw)
    if (!ALLOWED_SECTIONS.has(key))
      issues.push({
        field: key,
        nodeCode: null,
        message: `Trường "${key}" không được hỗ trợ (chỉ dùng: values, points, passed, manual, facts)`,
      });
  const section = (key: keyof EvaluationInput): Record<string, unknown> => sectionOf(raw, key, issues);

  // Raw values.
  for (const [id, value] of Object.entries(section('values'))) {
    const entry = index.inputs.get(id);
    const field = `values.${id}`;
    if (!entry) {
      issues.push({
        field,
        nodeCode: null,
        message: `Trường "${field}": không có dữ liệu mã "${id}" trong khung ${fw.code}`,
      });
      continue;
    }
    const normal = normaliseValue(entry.def, value);
    if ('fail' in normal) {
      issues.push({
        field: field + normal.sub,
        nodeCode: entry.node.code,
        message: `${nodeName(entry.node)}, dữ liệu "${id}" (trường "${field}${normal.sub}"): ${normal.fail}`,
        inputId: id,
        detail: normal.fail,
      });
      continue;
    }
    input.values.set(id, normal);
  }

  // Historical points / passes and manual scores.
  const isPoints = fw.model === 'points';
  const nodeOf = (field: string, code: string): FrameworkNode | null => {
    const entry = index.nodes.get(code);
    if (!entry) {
      issues.push({
        field,
        nodeCode: code,
        message: `Trường "${field}": không có tiêu chí/chỉ tiêu mã "${code}" trong khung ${fw.code}`,
      });
      return null;
    }
    return entry.node;
  };
  const checkPoints = (field: string, node: FrameworkNode, value: unknown): Dec | null => {
    if (!isPoints) {
      issues.push({
        field,
        nodeCode: node.code,
        message: `${nodeName(node)}, trường "${field}": khung ${fw.code} chấm theo mức đạt, không nhập điểm (dùng "passed")`,
      });
      return null;
    }
    if (node.kind === 'adjustment') {
      if (!isDecimalValue(value)) {
        issues.push({
          field,
          nodeCode: node.code,
          message: `${nodeName(node)}, trường "${field}": điểm phải là một số`,
        });
        return null;
      }
      return toDec(value);
    }
    if (!isDecimalValue(value)) {
      issues.push({
        field,
        nodeCode: node.code,
        message: `${nodeName(node)}, trường "${field}": điểm phải là một số, ví dụ 2.5`,
      });
      return null;
    }
    const points = toDec(value);
    const max = toDec(node.max ?? 0);
    if (points.lt(0) || points.gt(max)) {
      issues.push({
        field,
        nodeCode: node.code,
        message: `${nodeName(node)}, trường "${field}": điểm ${points.toFixed()} ngoài khoảng 0–${max.toFixed()}`,
      });
      return null;
    }
    return points;
  };
  for (const [code, value] of Object.entries(section('points'))) {
    const node = nodeOf(`points.${code}`, code);
    if (!node) continue;
    const points = checkPoints(`points.${code}`, node, value);
    if (points) input.points.set(code, points);
  }
  for (const [code, value] of Object.entries(section('passed'))) {
    const field = `passed.${code}`;
    const node = nodeOf(field, code);
    if (!node) continue;
    if (isPoints)
      issues.push({
        field,
        nodeCode: code,
        message: `${nodeName(node)}, trường "${field}": khung ${fw.code} chấm điểm, nhập điểm trong "points"`,
      });
    else if (typeof value !== 'boolean')
      issues.push({
        field,
        nodeCode: code,
        message: `${nodeName(node)}, trường "${field}": phải là true (đạt) hoặc false (không đạt)`,
      });
    else input.passed.set(code, value);
  }
  for (const [code, value] of Object.entries(section('manual'))) {
    const field = `manual.${code}`;
    const node = nodeOf(field, code);
    if (!node) continue;
    if (node.children?.length) {
      issues.push({
        field,
        nodeCode: code,
        message: `${nodeName(node)}, trường "${field}": chỉ chấm thủ công mục không có mục con (nhập điểm lịch sử cho mục có mục con trong "points")`,
      });
      continue;
    }
    if (!isPlainObject(value)) {
      issues.push({
        field,
        nodeCode: code,
        message: `${nodeName(node)}, trường "${field}": phải có dạng {"points": 2, "reason": "…"}`,
      });
      continue;
    }
    const reason = typeof value.reason === 'string' ? value.reason.trim() : '';
    if (!reason)
      issues.push({
        field: `${field}.reason`,
        nodeCode: code,
        message: `${nodeName(node)}, trường "${field}.reason": chấm thủ công bắt buộc ghi lý do`,
      });
    if (isPoints) {
      if (value.points === undefined) {
        issues.push({
          field: `${field}.points`,
          nodeCode: code,
          message: `${nodeName(node)}, trường "${field}.points": thiếu điểm chấm thủ công`,
        });
        continue;
      }
      const points = checkPoints(`${field}.points`, node, value.points);
      if (points && reason) input.manual.set(code, { points, reason });
    } else {
      if (typeof value.passed !== 'boolean') {
        issues.push({
          field: `${field}.passed`,
          nodeCode: code,
          message: `${nodeName(node)}, trường "${field}.passed": phải là true hoặc false`,
        });
        continue;
      }
      if (reason) input.manual.set(code, { passed: value.passed, reason });
    }
  }
  // An entry for a node and for one of its ancestors is ambiguous.
  for (const code of [...input.points.keys(), ...input.passed.keys()]) {
    let parent = index.nodes.get(code)?.parent ?? null;
    while (parent) {
      if (input.points.has(parent.code) || input.passed.has(parent.code))
        issues.push({
          field: `points.${code}`,
          nodeCode: code,
          message: `Mục ${code}: đã nhập kết quả cho mục cha ${parent.code}, không nhập thêm cho mục con`,
        });
      parent = index.nodes.get(parent.code)?.parent ?? null;
    }
  }

  for (const [key, value] of Object.entries(section('facts'))) {
    const field = `facts.${key}`;
    if (!index.facts.has(key))
      issues.push({
        field,
        nodeCode: null,
        message: `Trường "${field}": khung ${fw.code} không có sự kiện "${key}"${index.facts.size ? ` (có: ${[...index.facts].join(', ')})` : ''}`,
      });
    else if (typeof value !== 'boolean')
      issues.push({ field, nodeCode: null, message: `Trường "${field}": phải là true hoặc false` });
    else input.facts.set(key, value);
  }
  return { issues, input };
}

/** Longest title of one document in a list (the title is for people; scoring ignores it). */
export const DOCUMENT_TITLE_MAX = 500;

/** One document with a deadline: due date, issue (or sending) date, null/absent while not issued. */
export interface DocumentItem {
  title?: string;
  dueOn: string;
  issuedOn?: string | null;
}

/** On time when issued on or before the due date; a document not issued yet is not on time. */
export function isDocumentOnTime(doc: DocumentItem): boolean {
  return typeof doc.issuedOn === 'string' && doc.issuedOn <= doc.dueOn;
}

interface Failure {
  fail: string;
  sub: string;
}

function failure(detail: string, sub = ''): Failure {
  return { fail: detail, sub };
}

function nonNegative(v: unknown, sub: string, integer: boolean): Dec | Failure {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return new Dec(v); // the common case, checked in JS
  if (v === undefined) return failure('phải là một số (đang thiếu)', sub);
  const problem = decimalProblem(v);
  if (problem) return failure(problem, sub);
  const d = fastDec(v as string | number);
  if (d.lt(0)) return failure('không được âm', sub);
  if (integer && !d.isInteger()) return failure('phải là số nguyên', sub);
  return d;
}

function normaliseValue(def: InputDef, value: unknown): NormalValue | Failure {
  switch (def.type) {
    case 'number': {
      const problem = decimalProblem(value);
      if (problem)
        return failure(problem === 'phải là một số' ? `cần ${INPUT_TYPE_LABELS[def.type]}` : problem);
      const d = fastDec(value as string | number);
      if (def.min !== undefined && d.lt(toDec(def.min)))
        return failure(`phải ≥ ${formatDecimal(toDec(def.min).toFixed())}`);
      if (def.max !== undefined && d.gt(toDec(def.max)))
        return failure(`phải ≤ ${formatDecimal(toDec(def.max).toFixed())}`);
      return { type: 'decimal', value: d, text: textOf(value, d) };
    }
    case 'count':
    case 'money': {
      const d = nonNegative(value, '', def.type === 'count');
      return 'fail' in d ? d : { type: 'decimal', value: d, text: textOf(value, d) };
    }
    case 'ratio': {
      if (!isPlainObject(value))
        return failure(`cần ${INPUT_TYPE_LABELS.ratio}, dạng {"numerator": 45, "denominator": 50}`);
      for (const k in value)
        if (k !== 'numerator' && k !== 'denominator') return failure(`có trường không được phép: ${k}`);
      const numerator = nonNegative(value.numerator, '.numerator', false);
      if ('fail' in numerator) return numerator;
      const denominator = nonNegative(value.denominator, '.denominator', false);
      if ('fail' in denominator) return denominator;
      if (numerator.gt(denominator))
        return failure(
          `tử số (${formatDecimal(numerator.toFixed())}) lớn hơn mẫu số (${formatDecimal(denominator.toFixed())})`,
          '.numerator',
        );
      return {
        type: 'ratio',
        numerator,
        denominator,
        numeratorText: textOf(value.numerator, numerator),
        denominatorText: textOf(value.denominator, denominator),
      };
    }
    case 'boolean':
      if (typeof value !== 'boolean') return failure(`cần ${INPUT_TYPE_LABELS.boolean}: true hoặc false`);
      return { type: 'boolean', value };
    case 'date':
      if (!isIsoDate(value)) return failure(`cần ${INPUT_TYPE_LABELS.date} hợp lệ dạng YYYY-MM-DD`);
      return { type: 'date', value };
    case 'choice': {
      const options = (def.options ?? []).map((o) => o.value);
      if (def.multiple ? !Array.isArray(value) : typeof value !== 'string')
        return failure(
          def.multiple ? 'cần danh sách phương án, ví dụ ["a", "b"]' : 'cần một phương án (chuỗi)',
        );
      const list: unknown[] = def.multiple ? (value as unknown[]) : [value];
      const selected: string[] = [];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        const sub = def.multiple ? `[${i}]` : '';
        if (typeof item !== 'string' || !options.includes(item))
          return failure(`phương án ${JSON.stringify(item)} không có (có: ${options.join(', ')})`, sub);
        if (selected.includes(item)) return failure(`phương án "${item}" bị chọn trùng`, sub);
        selected.push(item);
      }
      return { type: 'choice', selected };
    }
    case 'documents': {
      if (!Array.isArray(value))
        return failure(
          `cần ${INPUT_TYPE_LABELS.documents}: [{"issuedOn": "2023-01-10", "dueOn": "2023-01-15"}, …] hoặc [{"onTime": true}, …]`,
        );
      if (value.length > LIMITS.documentsPerInput)
        return failure(`tối đa ${formatDecimal(LIMITS.documentsPerInput)} văn bản`);
      let onTime = 0;
      for (let i = 0; i < value.length; i++) {
        const doc: unknown = value[i];
        const sub = `[${i}]`;
        const which = `văn bản thứ ${i + 1}`;
        if (!isPlainObject(doc)) return failure(`${which} phải là một đối tượng`, sub);
        // A title helps the commune recognise the row; the engine ignores it.
        if (
          doc.title !== undefined &&
          (typeof doc.title !== 'string' || doc.title.length > DOCUMENT_TITLE_MAX)
        )
          return failure(
            `${which}: tên văn bản phải là chữ, tối đa ${DOCUMENT_TITLE_MAX} ký tự`,
            `${sub}.title`,
          );
        if ('onTime' in doc) {
          if (typeof doc.onTime !== 'boolean')
            return failure(`${which}: "onTime" phải là true hoặc false`, `${sub}.onTime`);
          if (doc.onTime) onTime++;
          continue;
        }
        if (!isIsoDate(doc.dueOn))
          return failure(`${which}: chưa có hạn, hoặc hạn không phải một ngày có thật`, `${sub}.dueOn`);
        if (doc.issuedOn !== null && doc.issuedOn !== undefined && !isIsoDate(doc.issuedOn))
          return failure(
            `${which}: ngày ban hành không phải một ngày có thật (để trống nếu chưa ban hành)`,
            `${sub}.issuedOn`,
          );
        if (isDocumentOnTime({ dueOn: doc.dueOn, issuedOn: doc.issuedOn as string | null | undefined }))
          onTime++;
      }
      return { type: 'documents', onTime, total: value.length };
    }
  }
}

/** Integers given as JS numbers take decimal.js's fast path; everything else is read through its string form. */
function fastDec(v: string | number): Dec {
  return typeof v === 'number' && Number.isSafeInteger(v) ? new Dec(v) : toDec(v);
}

/** Plain text of a decimal, without an extra decimal.js operation when the input was a JS integer. */
function textOf(raw: unknown, d: Dec): string {
  return typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : d.toFixed();
}

/** Validates an input against a framework; returns every issue (empty = valid). */
export function validateEvaluationInput(fw: Framework, raw: unknown): InputIssue[] {
  return normaliseEvaluationInput(fw, raw).issues;
}

export { Dec };
