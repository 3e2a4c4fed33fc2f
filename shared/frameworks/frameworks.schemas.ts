/**
 * Payloads of the frameworks API (one zod schema per payload, shared by the web forms and the
 * server) and the shapes of its answers.
 */
import { z } from 'zod';
import type { Framework, Provenance, ScoringModel } from './model.ts';
import { provenanceSchema } from './schema.ts';
import type { GapReport } from '../scoring/gaps.ts';
import type { EvaluationResult } from '../scoring/types.ts';

const frameworkCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]+(-[A-Z0-9]+)*$/, 'Mã bộ tiêu chí phải viết hoa, không dấu, dạng "CCHC-XA-TN"')
  .max(40, 'Mã bộ tiêu chí tối đa 40 ký tự');

export const frameworkIdParams = z.object({ id: z.uuid('Mã bộ tiêu chí không hợp lệ') });

/**
 * Importing a framework file: the file's JSON as it is (checked node by node on the server with
 * parseFramework, so every issue names the node and the field) and the province that owns it.
 * The server numbers versions: 1 for a new code, the latest version + 1 for an existing one.
 */
export const importFrameworkSchema = z.object({
  ownerUnitId: z.uuid('Chưa chọn đơn vị sở hữu bộ tiêu chí'),
  framework: z.unknown().refine((v) => v !== undefined && v !== null, 'Chưa có nội dung bộ tiêu chí'),
});
export type ImportFrameworkInput = z.infer<typeof importFrameworkSchema>;

/** Copying a framework (e.g. the CCHC template) as a province's own, under a new code. */
export const copyFrameworkSchema = z.object({
  ownerUnitId: z.uuid('Chưa chọn đơn vị sở hữu bộ tiêu chí'),
  code: frameworkCode,
  name: z.string().trim().min(1, 'Chưa nhập tên bộ tiêu chí').max(300, 'Tên tối đa 300 ký tự'),
});
export type CopyFrameworkInput = z.infer<typeof copyFrameworkSchema>;

export const gapsQuery = z.object({ source: z.enum(['self', 'appraised']).default('self') });

/** Short tag shown beside a provenance: a provisional value is never presented as official. */
export function provenanceTag(provenance: Provenance): string {
  return provenance === 'L' ? 'Đã xác nhận' : 'Tạm tính / chưa xác nhận';
}

const scoringModelSchema = z.enum(['points', 'pass']);
const ownerChoices = z.array(z.object({ id: z.string(), name: z.string() }));

/** Responses of /api/frameworks (server/features/frameworks/frameworks.routes.ts). */
export const frameworkSummaryResponse = z.object({
  id: z.string(),
  code: z.string(),
  version: z.number(),
  name: z.string(),
  family: z.enum(['tcpl', 'cchc']),
  model: scoringModelSchema,
  /** The framework's own tag. */
  provenance: provenanceSchema,
  /** True when the framework or anything in it is not confirmed (L): never present it as official. */
  provisional: z.boolean(),
  hash: z.string(),
  /** null: built into the product. */
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  builtin: z.boolean(),
  /** Evaluation periods that use this version (then it can never be deleted). */
  usedByPeriods: z.number(),
  /** Whether a newer version of the same code exists. */
  isLatest: z.boolean(),
  /** Years the framework applies to (null `to`: still in force). */
  effectiveYears: z.object({ from: z.number(), to: z.number().nullable() }).nullable(),
  createdAt: z.string(),
});
export type FrameworkSummaryDto = z.output<typeof frameworkSummaryResponse>;

export const frameworkListResponse = z.object({
  items: z.array(frameworkSummaryResponse),
  /** Provinces the actor may own copies for (empty: no frameworks.manage). */
  ownerChoices,
  abilities: z.object({ canManage: z.boolean() }),
});
export type FrameworkListDto = z.output<typeof frameworkListResponse>;

export const frameworkDetailResponse = frameworkSummaryResponse.extend({
  /**
   * The framework file as stored: its own format, checked by frameworkSchema (schema.ts) when it
   * was imported, not again on every answer.
   */
  content: z.custom<Framework>(),
  inUse: z.boolean(),
  /** Every version of this code the actor can see, newest first. */
  versions: z.array(
    z.object({
      id: z.string(),
      version: z.number(),
      hash: z.string(),
      createdAt: z.string(),
      usedByPeriods: z.number(),
    }),
  ),
  ownerChoices,
  abilities: z.object({ canExport: z.boolean(), canCopy: z.boolean(), canImportVersion: z.boolean() }),
});
export type FrameworkDetailDto = z.output<typeof frameworkDetailResponse>;

/**
 * GET /api/frameworks/content/:hash: one stored version's content (the framework file as stored, checked by
 * frameworkSchema when it was imported). Immutable: the answer carries its hash as ETag.
 */
export const frameworkContentResponse = z.custom<Framework>();
export const frameworkHashParams = z.object({
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'Mã nội dung bộ tiêu chí không hợp lệ'),
});

const mappedCode = z.object({ code: z.string(), title: z.string().nullable() });
export const mappingEntryResponse = z.object({
  from: mappedCode,
  to: z.array(mappedCode),
  provenance: provenanceSchema,
  note: z.string().nullable(),
});
export type MappingEntryDto = z.output<typeof mappingEntryResponse>;

const mappedVersion = z.object({
  code: z.string(),
  version: z.number(),
  name: z.string(),
  id: z.string().nullable(),
});
export const versionMappingResponse = z.object({
  from: mappedVersion,
  to: mappedVersion,
  provenance: provenanceSchema,
  note: z.string().nullable(),
  entries: z.array(mappingEntryResponse),
});
export type VersionMappingDto = z.output<typeof versionMappingResponse>;
export const versionMappingsResponse = z.array(versionMappingResponse);

/** GET /api/evaluations/:id/gaps: where a stored result lost points or passes (server/features/evaluations/gaps.presenter.ts). */
export const evaluationGapsResponse = z.object({
  evaluationId: z.string(),
  source: z.enum(['self', 'appraised']),
  framework: z.object({
    id: z.string(),
    code: z.string(),
    version: z.number(),
    name: z.string(),
    model: z.enum(['points', 'pass']) satisfies z.ZodType<ScoringModel>,
  }),
  total: z.string().nullable(),
  max: z.string().nullable(),
  totalDisplay: z.string(),
  recognised: z.boolean().nullable(),
  provisional: z.boolean(),
  /** Produced by our own scoring engine (analyseGaps), validated there. */
  gaps: z.custom<GapReport>(),
});
export type EvaluationGapsDto = z.input<typeof evaluationGapsResponse>;

/** "2022–2024", "từ 2026". */
export function formatEffectiveYears(years: { from: number; to: number | null }): string {
  return years.to === null ? `từ ${years.from}` : `${years.from}–${years.to}`;
}

/** Whether a framework applies to a year by its own effective years (unknown years: assume it does). */
export function appliesToYear(years: { from: number; to: number | null } | null, year: number): boolean {
  return !years || (year >= years.from && (years.to === null || year <= years.to));
}

/**
 * The framework to suggest for a period of `year` in a family: the latest version in force that year,
 * a province's own copy before the built-in it was copied from.
 */
export function suggestFramework<
  T extends Pick<FrameworkSummaryDto, 'family' | 'isLatest' | 'builtin' | 'effectiveYears'>,
>(items: T[], year: number, family: 'tcpl' | 'cchc' = 'tcpl'): T | undefined {
  const candidates = items.filter(
    (f) => f.isLatest && f.family === family && appliesToYear(f.effectiveYears, year),
  );
  return candidates.find((f) => !f.builtin) ?? candidates[0];
}

// ---------------------------------------------------------------- editor (ADR 0015)

/** Saving the draft: the whole framework JSON as edited (stored even when invalid), optimistic version. */
export const saveFrameworkDraftSchema = z.object({
  content: z
    .record(z.string(), z.unknown())
    .refine((v) => Array.isArray(v.nodes), 'Bản nháp phải là một bộ tiêu chí (có danh sách "nodes")'),
  /** 0 when no draft is stored yet. */
  expectedVersion: z.number().int().min(0),
});
export type SaveFrameworkDraftInput = z.infer<typeof saveFrameworkDraftSchema>;

export const publishFrameworkDraftSchema = z.object({ expectedVersion: z.number().int().min(1) });
export type PublishFrameworkDraftInput = z.infer<typeof publishFrameworkDraftSchema>;

/** An XLSX file of the framework table (one row per node), base64; small by nature. */
export const importFrameworkTableSchema = z.object({
  fileBase64: z.string().min(1, 'Chưa chọn tệp').max(1_000_000, 'Tệp quá lớn (tối đa 700 KB)'),
  expectedVersion: z.number().int().min(0),
});
export type ImportFrameworkTableInput = z.infer<typeof importFrameworkTableSchema>;

const frameworkIssueResponse = z.object({
  nodeCode: z.string().nullable(),
  field: z.string(),
  message: z.string(),
});
export const frameworkChangeResponse = z.object({
  code: z.string().nullable(),
  kind: z.enum(['added', 'removed', 'changed', 'moved', 'framework']),
  text: z.string(),
});

export const frameworkDraftResponse = z.object({
  code: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  /** The latest published version, which the draft will follow. */
  latest: z.object({ id: z.string(), version: z.number(), hash: z.string() }),
  /** False: nothing stored yet, `content` is the latest version as it is. */
  stored: z.boolean(),
  version: z.number(),
  content: z.record(z.string(), z.unknown()),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  /** The engine's own validation of the draft (empty: it can be published). */
  issues: z.array(frameworkIssueResponse),
  /** Against the latest version, in words (empty while the draft is invalid or unchanged). */
  changes: z.array(frameworkChangeResponse),
});
export type FrameworkDraftDto = z.output<typeof frameworkDraftResponse>;

/** Scoring sample inputs with the draft as edited (nothing stored): what a commune would see. */
export const previewFrameworkDraftSchema = z.object({
  content: z.record(z.string(), z.unknown()),
  /** An evaluation input ({ values, facts, … }); absent: a generated sample. */
  input: z.record(z.string(), z.unknown()).optional(),
});
export type PreviewFrameworkDraftInput = z.infer<typeof previewFrameworkDraftSchema>;
export const frameworkPreviewResponse = z.object({
  /** The input scored (the generated sample when none was sent). */
  input: z.record(z.string(), z.unknown()),
  /** Produced by our own scoring engine; null when the draft or the input is invalid. */
  result: z.custom<EvaluationResult>().nullable(),
  issues: z.array(z.object({ field: z.string(), message: z.string() })),
});
export type FrameworkPreviewDto = z.input<typeof frameworkPreviewResponse>;
