/** Mapping between framework versions: old node code → new code(s), to show a commune's history across regulation changes. */
import type { Framework, FrameworkNode, VersionMapping } from './model.ts';
import { versionMappingSchema } from './schema.ts';

export interface MappingIssue {
  code: string;
  field: string;
  message: string;
}

function allCodes(nodes: FrameworkNode[], out = new Set<string>()): Set<string> {
  for (const n of nodes) {
    out.add(n.code);
    allCodes(n.children ?? [], out);
  }
  return out;
}

/** Parses a mapping file and checks it against both frameworks (codes must exist on each side). */
export function parseVersionMapping(
  data: unknown,
  from: Framework,
  to: Framework,
): { ok: true; mapping: VersionMapping } | { ok: false; issues: MappingIssue[] } {
  const parsed = versionMappingSchema.safeParse(data);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: '',
        field: i.path.join('.'),
        message: `Bảng chuyển đổi, trường "${i.path.join('.')}": ${i.message}`,
      })),
    };
  const mapping = parsed.data;
  const issues: MappingIssue[] = [];
  if (mapping.from.code !== from.code || mapping.from.version !== from.version)
    issues.push({
      code: '',
      field: 'from',
      message: `Bảng chuyển đổi, trường "from": không khớp khung ${from.code} phiên bản ${from.version}`,
    });
  if (mapping.to.code !== to.code || mapping.to.version !== to.version)
    issues.push({
      code: '',
      field: 'to',
      message: `Bảng chuyển đổi, trường "to": không khớp khung ${to.code} phiên bản ${to.version}`,
    });
  const fromCodes = allCodes(from.nodes);
  const toCodes = allCodes(to.nodes);
  const seen = new Set<string>();
  mapping.entries.forEach((e, i) => {
    if (!fromCodes.has(e.from))
      issues.push({
        code: e.from,
        field: `entries[${i}].from`,
        message: `Bảng chuyển đổi, mã ${e.from} (trường "entries[${i}].from"): không có trong ${from.code}`,
      });
    if (seen.has(e.from))
      issues.push({
        code: e.from,
        field: `entries[${i}].from`,
        message: `Bảng chuyển đổi, mã ${e.from} (trường "entries[${i}].from"): bị trùng`,
      });
    seen.add(e.from);
    for (const t of e.to)
      if (!toCodes.has(t))
        issues.push({
          code: e.from,
          field: `entries[${i}].to`,
          message: `Bảng chuyển đổi, mã ${e.from} (trường "entries[${i}].to"): mã mới ${t} không có trong ${to.code}`,
        });
  });
  return issues.length ? { ok: false, issues } : { ok: true, mapping };
}

/** New code(s) for an old code; [] if the content was dropped, undefined if the mapping says nothing. */
export function mapCode(
  mapping: VersionMapping,
  oldCode: string,
): { to: string[]; provenance: VersionMapping['provenance']; note?: string } | undefined {
  const entry = mapping.entries.find((e) => e.from === oldCode);
  return entry
    ? { to: entry.to, provenance: entry.provenance, ...(entry.note ? { note: entry.note } : {}) }
    : undefined;
}

/** Old code(s) that map onto a new code (the reverse direction, for showing history next to a new indicator). */
export function previousCodes(mapping: VersionMapping, newCode: string): string[] {
  return mapping.entries.filter((e) => e.to.includes(newCode)).map((e) => e.from);
}
