import { formatDecimal } from './format/vi.ts';
import { LIMITS } from './limits.ts';

export type JsonProblem = { field: string; message: string };

// A lone UTF-16 surrogate cannot be stored as text in PostgreSQL nor hashed into the audit chain.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * The first reason a parsed JSON body is unacceptable whatever its schema, or null: nesting deeper than
 * LIMITS.jsonMaxDepth, more than jsonMaxEntries keys and items in all (or `maxEntries`, for the few
 * routes that take a large batch), a string longer than
 * jsonMaxStringLength, a NUL character or a lone surrogate. Checked before validation so that
 * no schema, audit diff or JSON.stringify ever walks a hostile shape.
 */
export function findJsonProblem(
  value: unknown,
  root = 'body',
  maxEntries: number = LIMITS.jsonMaxEntries,
): JsonProblem | null {
  let entries = 0;
  // Iterative walk: a recursive one is exactly what a 5,000-deep body would overflow.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop()!;
    const v = item.value;
    if (typeof v === 'string') {
      const problem = stringProblem(v);
      if (problem) return { field: item.path, message: problem };
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (item.depth >= LIMITS.jsonMaxDepth)
      return { field: item.path, message: `Dữ liệu lồng nhau quá sâu (tối đa ${LIMITS.jsonMaxDepth} cấp)` };
    const children = Array.isArray(v) ? v.map((c, i) => [String(i), c] as const) : Object.entries(v);
    entries += children.length;
    if (entries > maxEntries)
      return {
        field: item.path,
        message: `Dữ liệu có quá nhiều mục (tối đa ${formatDecimal(maxEntries)} trường và phần tử)`,
      };
    for (const [key, child] of children) {
      const keyProblem = Array.isArray(v) ? null : stringProblem(key);
      if (keyProblem)
        return { field: `${item.path}.${key.slice(0, 40)}`, message: `Tên trường ${keyProblem}` };
      stack.push({ value: child, path: `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return null;
}

function stringProblem(text: string): string | null {
  if (text.length > LIMITS.jsonMaxStringLength)
    return `quá dài (tối đa ${formatDecimal(LIMITS.jsonMaxStringLength)} ký tự)`;
  if (text.includes('\u0000')) return 'chứa ký tự NUL (\\u0000) không hợp lệ';
  if (LONE_SURROGATE.test(text)) return 'chứa ký tự Unicode không hợp lệ (nửa cặp thay thế)';
  return null;
}
