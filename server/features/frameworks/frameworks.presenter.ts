import type { Actor } from '@shared/access/actor.ts';
import type { Framework, Provenance, ScoringModel } from '@shared/frameworks/model.ts';
import type { FrameworkDetailDto, FrameworkSummaryDto } from '@shared/frameworks/frameworks.schemas.ts';
import { canCopyFramework, canImportVersion } from './frameworks.policy.ts';
import type { FrameworkVersionRow } from './frameworks.repo.ts';

/** The fields of a stored framework version that leave the server in lists. */
export function presentFrameworkSummary(row: FrameworkVersionRow): FrameworkSummaryDto {
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    name: row.name,
    family: row.family,
    model: row.model as ScoringModel,
    provenance: row.provenance as Provenance,
    provisional: row.provenance !== 'L' || row.has_provisional === true,
    hash: row.content_hash,
    owner: row.owner_unit_id ? { id: row.owner_unit_id, name: row.owner_name ?? '' } : null,
    builtin: row.owner_unit_id === null,
    usedByPeriods: Number(row.used_by_periods ?? 0),
    isLatest: Number(row.latest_version) === row.version,
    effectiveYears: row.effective_years ?? null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** One framework version in full, its other versions, and what the actor may do with it. */
export function presentFrameworkDetail(
  actor: Actor,
  row: FrameworkVersionRow & { content: unknown },
  versions: FrameworkVersionRow[],
  ownerChoices: { id: string; name: string }[],
): FrameworkDetailDto {
  const summary = presentFrameworkSummary(row);
  return {
    ...summary,
    content: row.content as Framework,
    inUse: summary.usedByPeriods > 0,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      hash: v.content_hash,
      createdAt: new Date(v.created_at).toISOString(),
      usedByPeriods: Number(v.used_by_periods ?? 0),
    })),
    ownerChoices,
    abilities: {
      canExport: true,
      canCopy: canCopyFramework(actor) && ownerChoices.length > 0,
      canImportVersion: canImportVersion(actor, { ownerPath: row.owner_path }),
    },
  };
}
