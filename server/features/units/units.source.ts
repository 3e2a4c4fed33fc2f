import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ValidationError, type FieldProblem } from '@server/platform/http/errors.ts';

/** The official unit list shipped with the product (resources/admin-units-2025, MIT). */
export const UNITS_DATA_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../resources/admin-units-2025',
);
export const DEFAULT_MERGES_FILE = path.join(UNITS_DATA_DIR, 'merges.json');
export const DEFAULT_SPLITS_FILE = path.join(UNITS_DATA_DIR, 'splits.json');

/** A required text field: "thiếu …" when absent or blank, "phải là chuỗi ký tự" when of another type. */
function text(missing: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : 'phải là chuỗi ký tự') })
    .trim()
    .min(1, missing);
}
/** A unit code: digits only ("01", "00004"). */
function code(missing: string) {
  return text(missing).regex(/^\d+$/, 'mã đơn vị chỉ gồm chữ số');
}
function list<T extends z.ZodType>(item: T, missing: string) {
  return z.array(item, {
    error: (issue) => (issue.input === undefined ? missing : 'phải là một danh sách'),
  });
}
const object = <S extends z.ZodRawShape>(shape: S) =>
  z.object(shape, {
    error: (issue) => (issue.input === undefined ? 'thiếu dữ liệu' : 'phải là một đối tượng { … }'),
  });

const mergeSchema = object({
  old_id: code('thiếu mã đơn vị cũ'),
  name: text('thiếu tên đơn vị cũ'),
  type: z.enum(['full', 'partial'], { error: 'kiểu sáp nhập phải là "full" hoặc "partial"' }),
});

const mergesFileSchema = object({
  data: list(
    object({
      level1_id: code('thiếu mã tỉnh'),
      name: text('thiếu tên tỉnh'),
      merges: list(mergeSchema, 'thiếu danh sách tỉnh cũ (merges)'),
      level2s: list(
        object({
          level2_id: code('thiếu mã đơn vị'),
          name: text('thiếu tên đơn vị'),
          merges: list(mergeSchema, 'thiếu danh sách xã cũ (merges)'),
        }),
        'thiếu danh sách đơn vị cấp xã (level2s)',
      ),
    }),
    'thiếu danh sách tỉnh (data)',
  ),
});

const splitsFileSchema = object({
  data: list(
    object({
      level1_id: code('thiếu mã tỉnh'),
      name: text('thiếu tên tỉnh'),
      level3s: list(
        object({ level3_id: code('thiếu mã đơn vị'), name: text('thiếu tên đơn vị') }),
        'thiếu danh sách đơn vị cấp xã (level3s)',
      ),
    }),
    'thiếu danh sách tỉnh (data)',
  ),
});

/** The NEW units (from 1 July 2025): 34 provinces, their communes and the old units each was formed from. */
export type MergesFile = z.output<typeof mergesFileSchema>;
/** The OLD units (before 1 July 2025): 63 provinces and their 10,047 communes (no districts). */
export type SplitsFile = z.output<typeof splitsFileSchema>;

/** "data[3].level2s[12].level2_id" */
function pathText(parts: readonly PropertyKey[]): string {
  let out = '';
  for (const part of parts)
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
  return out || '(toàn tệp)';
}

/** Refuses the source, naming every problem (first ones first) in the message. */
function refuse(fileName: string, problems: FieldProblem[]): never {
  const shown = problems.slice(0, 20).map((p) => `  - ${p.field}: ${p.message}`);
  if (problems.length > shown.length) shown.push(`  - … và ${problems.length - shown.length} lỗi khác`);
  throw new ValidationError(
    `Tệp ${fileName} không hợp lệ, không có dữ liệu nào được ghi:\n${shown.join('\n')}`,
    problems,
  );
}

/** Parses a file's text as JSON, refusing an empty file or broken JSON in Vietnamese. */
function parseJson(textContent: string, fileName: string): unknown {
  if (!textContent.trim()) refuse(fileName, [{ field: '(toàn tệp)', message: 'tệp trống' }]);
  try {
    return JSON.parse(textContent);
  } catch (error) {
    // Node names the offset for most syntax errors ("… in JSON at position 31").
    const detail = /position (\d+)/.exec((error as Error).message);
    let where = '';
    if (detail) {
      const before = textContent.slice(0, Number(detail[1])).split('\n');
      where = ` (lỗi ở dòng ${before.length}, cột ${before.at(-1)!.length + 1})`;
    }
    return refuse(fileName, [{ field: '(toàn tệp)', message: `không phải JSON hợp lệ${where}` }]);
  }
}

function schemaProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ field: pathText(i.path), message: i.message }));
}

/** A code used by two units: both places are named. */
function duplicateProblems(entries: { code: string; where: string; label: string }[]): FieldProblem[] {
  const first = new Map<string, string>();
  const problems: FieldProblem[] = [];
  for (const e of entries) {
    const earlier = first.get(e.code);
    if (earlier === undefined) first.set(e.code, e.where);
    else problems.push({ field: e.where, message: `${e.label} "${e.code}" trùng với ${earlier}` });
  }
  return problems;
}

/** The province codes and commune codes of a file, each of which must be unique. */
function uniqueCodeProblems(
  provinces: { level1_id: string; name: string }[],
  communesOf: (p: number) => { code: string; where: string }[],
) {
  return [
    ...duplicateProblems(
      provinces.map((p, i) => ({ code: p.level1_id, where: `data[${i}].level1_id`, label: 'mã tỉnh' })),
    ),
    ...duplicateProblems(
      provinces.flatMap((p, i) =>
        communesOf(i).map((c) => ({ ...c, where: `${c.where} (${p.name})`, label: 'mã đơn vị cấp xã' })),
      ),
    ),
  ];
}

/** Checks a merges file's content: schema, then unique province codes and unique commune codes. */
export function checkMergesFile(value: unknown, fileName = 'merges.json'): MergesFile {
  const parsed = mergesFileSchema.safeParse(value);
  if (!parsed.success) refuse(fileName, schemaProblems(parsed.error));
  const provinces = parsed.data.data;
  const problems = uniqueCodeProblems(provinces, (i) =>
    provinces[i]!.level2s.map((c, j) => ({ code: c.level2_id, where: `data[${i}].level2s[${j}].level2_id` })),
  );
  if (problems.length) refuse(fileName, problems);
  return parsed.data;
}

/** Checks a splits file's content: schema, then unique province codes and unique commune codes. */
export function checkSplitsFile(value: unknown, fileName = 'splits.json'): SplitsFile {
  const parsed = splitsFileSchema.safeParse(value);
  if (!parsed.success) refuse(fileName, schemaProblems(parsed.error));
  const provinces = parsed.data.data;
  const problems = uniqueCodeProblems(provinces, (i) =>
    provinces[i]!.level3s.map((c, j) => ({ code: c.level3_id, where: `data[${i}].level3s[${j}].level3_id` })),
  );
  if (problems.length) refuse(fileName, problems);
  return parsed.data;
}

/** Reads and checks a merges file; a ValidationError names every problem (nothing is imported). */
export function readMergesFile(file = DEFAULT_MERGES_FILE): MergesFile {
  return checkMergesFile(parseJson(readFileSync(file, 'utf8'), path.basename(file)), path.basename(file));
}

/** Reads and checks a splits file; a ValidationError names every problem (nothing is imported). */
export function readSplitsFile(file = DEFAULT_SPLITS_FILE): SplitsFile {
  return checkSplitsFile(parseJson(readFileSync(file, 'utf8'), path.basename(file)), path.basename(file));
}
