/** Import/export of framework files (JSON text), and copying a template for a province. */
import { canonicalJson, contentHash } from './canonical.ts';
import type { Framework } from './model.ts';
import { parseFramework, type ParseFrameworkResult } from './validate.ts';

/** Parses JSON text into a validated framework; bad JSON is reported in Vietnamese like any other issue. */
export function importFrameworkJson(text: string): ParseFrameworkResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      issues: [
        {
          nodeCode: null,
          field: '(toàn bộ)',
          message: `Tệp khung đánh giá không phải JSON hợp lệ: ${detail}`,
        },
      ],
    };
  }
  return parseFramework(data);
}

/** Human-readable JSON (2-space indent, keys in canonical order) — re-importing it gives the same hash. */
export function exportFrameworkJson(framework: Framework): string {
  return JSON.stringify(JSON.parse(canonicalJson(framework)), null, 2) + '\n';
}

/** Copy of a framework under a new code/name/version (e.g. a province's CCHC index from the template), revalidated. */
export function copyFramework(
  framework: Framework,
  changes: { code: string; name: string; version?: number },
): Framework {
  const copy = JSON.parse(canonicalJson(framework)) as Framework;
  copy.code = changes.code;
  copy.name = changes.name;
  copy.version = changes.version ?? 1;
  const result = parseFramework(copy);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.framework;
}

/** Identity of a stored framework version: code, version and content hash. */
export function frameworkIdentity(framework: Framework): { code: string; version: number; hash: string } {
  return { code: framework.code, version: framework.version, hash: contentHash(framework) };
}
