/**
 * Built-in frameworks, shipped as JSON data files in builtin/ and validated when first loaded.
 * The JSON is the single source of truth; the persistence layer stores it with contentHash().
 */
import cchcXaMau from './builtin/CCHC-XA-MAU.json' with { type: 'json' };
import tcpl2017 from './builtin/TCPL-2017.json' with { type: 'json' };
import tcpl2021 from './builtin/TCPL-2021.json' with { type: 'json' };
import tcpl2025 from './builtin/TCPL-2025.json' with { type: 'json' };
import tcpl2021To2025 from './builtin/TCPL-2021__TCPL-2025.mapping.json' with { type: 'json' };
import { contentHash } from './canonical.ts';
import { parseVersionMapping } from './mapping.ts';
import type { Framework, VersionMapping } from './model.ts';
import { loadFramework } from './validate.ts';

const RAW: Record<string, unknown> = {
  'TCPL-2017': tcpl2017,
  'TCPL-2021': tcpl2021,
  'TCPL-2025': tcpl2025,
  'CCHC-XA-MAU': cchcXaMau,
};

const loaded = new Map<string, Framework>();

/** Codes of the built-in frameworks, oldest TCPL first. */
export const BUILTIN_FRAMEWORK_CODES = Object.keys(RAW);

/** Summary of every built-in framework (validated on first use). */
export function listBuiltinFrameworks(): {
  code: string;
  version: number;
  name: string;
  model: Framework['model'];
  hash: string;
}[] {
  return BUILTIN_FRAMEWORK_CODES.map((code) => {
    const fw = getBuiltinFramework(code);
    return { code: fw.code, version: fw.version, name: fw.name, model: fw.model, hash: contentHash(fw) };
  });
}

/** The built-in framework with this code (validated, cached); throws a Vietnamese error if unknown or invalid. */
export function getBuiltinFramework(code: string): Framework {
  const cached = loaded.get(code);
  if (cached) return cached;
  const raw = RAW[code];
  if (!raw)
    throw new Error(
      `Không có khung đánh giá mã "${code}". Các mã hiện có: ${BUILTIN_FRAMEWORK_CODES.join(', ')}`,
    );
  const fw = loadFramework(raw);
  loaded.set(code, fw);
  return fw;
}

/** Like getBuiltinFramework but returns undefined for an unknown code. */
export function findBuiltinFramework(code: string): Framework | undefined {
  return RAW[code] ? getBuiltinFramework(code) : undefined;
}

/** Built-in mappings between framework versions (validated against both frameworks). */
export function listBuiltinMappings(): VersionMapping[] {
  const result = parseVersionMapping(
    tcpl2021To2025,
    getBuiltinFramework('TCPL-2021'),
    getBuiltinFramework('TCPL-2025'),
  );
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return [result.mapping];
}
