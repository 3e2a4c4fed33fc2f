/**
 * The framework editor (ADR 0015): a province edits a draft of its own framework (stored as JSON,
 * valid or not), sees the engine's own validation and the changes in words, and publishes it as a
 * new immutable version. XLSX import fills the draft, all or nothing; export works for any version.
 */
import { scopePaths } from '@shared/access/actor.ts';
import { canonicalJson, contentHash, diffFrameworks, parseFramework } from '@shared/frameworks/index.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type {
  FrameworkDetailDto,
  FrameworkDraftDto,
  FrameworkPreviewDto,
  ImportFrameworkTableInput,
  PreviewFrameworkDraftInput,
  PublishFrameworkDraftInput,
  SaveFrameworkDraftInput,
} from '@shared/frameworks/frameworks.schemas.ts';
import { formatTableIssue, frameworkFromTable } from '@shared/frameworks/table.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import { EvaluationInputError } from '@shared/scoring/input.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { getFrameworkVersion } from './frameworks.catalog.ts';
import { canImportVersion } from './frameworks.policy.ts';
import { findFrameworkVersionInScope, findLatestOfCode, insertFrameworkVersion } from './frameworks.repo.ts';
import { getFramework } from './frameworks.service.ts';
import { deleteDraft, findDraftOfCode, insertDraft, updateDraftVersioned } from './framework-drafts.repo.ts';
import { readFrameworkXlsx, writeFrameworkXlsx } from './framework-xlsx.ts';

const NOT_FOUND = 'Không tìm thấy bộ tiêu chí.';
const STALE = 'Bản nháp vừa được người khác lưu. Vui lòng tải lại trang để xem bản mới nhất rồi sửa tiếp.';

/** The framework behind `id` (any version of its code) when the actor may edit it: a province's own copy. */
async function loadEditable(ctx: SignedInContext, id: string) {
  const row = await findFrameworkVersionInScope(ctx.app.db, scopePaths(ctx.actor, 'frameworks.read'), id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  if (row.owner_unit_id === null)
    throw new ConflictError(
      `${row.code} là bộ tiêu chí dựng sẵn của phần mềm, không sửa trực tiếp được. Hãy "Sao chép thành bộ của tỉnh" rồi sửa bản sao.`,
    );
  if (!canImportVersion(ctx.actor, { ownerPath: row.owner_path }))
    throw new ForbiddenError('Bạn không có quyền sửa bộ tiêu chí của đơn vị này.');
  const latest = (await findLatestOfCode(ctx.app.db, row.code))!;
  const latestFw = await getFrameworkVersion(ctx.app.db, latest.id);
  return {
    code: row.code,
    owner: { id: row.owner_unit_id, name: row.owner_name ?? '' },
    latest,
    latestFw: stripId(latestFw),
  };
}

function stripId(fw: Framework & { id?: string; contentHash?: string }): Framework {
  const { id: _id, contentHash: _hash, ...rest } = fw;
  return rest;
}

type Editable = Awaited<ReturnType<typeof loadEditable>>;

/** The content as the draft holds it: the code is the framework's, the version the next one. */
function normalise(content: Record<string, unknown>, e: Editable): Record<string, unknown> {
  return { ...content, code: e.code, version: e.latest.version + 1 };
}

function present(
  e: Editable,
  draft: Awaited<ReturnType<typeof findDraftOfCode>> | undefined,
): FrameworkDraftDto {
  const content = normalise((draft?.content as Record<string, unknown> | undefined) ?? { ...e.latestFw }, e);
  const parsed = parseFramework(content);
  return {
    code: e.code,
    owner: e.owner,
    latest: { id: e.latest.id, version: e.latest.version, hash: e.latest.content_hash },
    stored: !!draft,
    version: draft?.version ?? 0,
    content,
    updatedAt: draft ? new Date(draft.updated_at).toISOString() : null,
    updatedBy: draft?.updated_by_name ?? null,
    issues: parsed.ok ? [] : parsed.issues,
    changes: parsed.ok ? diffFrameworks(e.latestFw, parsed.framework) : [],
  };
}

/** The draft of the framework's code, or (not stored yet) its latest version to start from. */
export async function getDraft(ctx: SignedInContext, id: string): Promise<FrameworkDraftDto> {
  const e = await loadEditable(ctx, id);
  return present(e, await findDraftOfCode(ctx.app.db, e.code));
}

/** Stores the draft as edited (valid or not: the answer lists the issues); audited with the counts. */
export async function saveDraft(
  ctx: SignedInContext,
  id: string,
  body: SaveFrameworkDraftInput,
  action: 'framework.draft-saved' | 'framework.draft-imported' = 'framework.draft-saved',
): Promise<FrameworkDraftDto> {
  const e = await loadEditable(ctx, id);
  const content = normalise(body.content, e);
  const parsed = parseFramework(content);
  try {
    await ctx.app.db.transaction().execute(async (trx) => {
      const existing = await findDraftOfCode(trx, e.code);
      const text = canonicalJson(content);
      let draftId: string;
      if (body.expectedVersion === 0) {
        if (existing) throw new ConflictError(STALE, { reason: 'stale' });
        draftId = (
          await insertDraft(trx, {
            code: e.code,
            ownerUnitId: e.owner.id,
            baseVersionId: e.latest.id,
            content: text,
            userId: ctx.actor.userId,
          })
        ).id;
      } else {
        const updated = await updateDraftVersioned(trx, e.code, body.expectedVersion, {
          baseVersionId: existing?.base_version_id ?? e.latest.id,
          content: text,
          userId: ctx.actor.userId,
        });
        if (!updated) throw new ConflictError(STALE, { reason: 'stale' });
        draftId = updated.id;
      }
      await writeAudit(trx, {
        action,
        objectType: 'framework_draft',
        objectId: draftId,
        unitId: e.owner.id,
        diff: {
          code: e.code,
          basedOn: e.latest.version,
          valid: parsed.ok,
          issues: parsed.ok ? 0 : parsed.issues.length,
          changes: parsed.ok ? diffFrameworks(e.latestFw, parsed.framework).length : null,
        },
        actor: ctx.actor,
        ip: ctx.ip,
      });
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new ConflictError(STALE, { reason: 'stale' });
    throw error;
  }
  return present(e, await findDraftOfCode(ctx.app.db, e.code));
}

/** Throws the draft away (the published versions stay as they are). */
export async function discardDraft(ctx: SignedInContext, id: string): Promise<FrameworkDraftDto> {
  const e = await loadEditable(ctx, id);
  await ctx.app.db.transaction().execute(async (trx) => {
    const deleted = await deleteDraft(trx, e.code, null);
    if (!deleted) throw new NotFoundError('Không có bản nháp để huỷ.');
    await writeAudit(trx, {
      action: 'framework.draft-discarded',
      objectType: 'framework_draft',
      objectId: deleted.id,
      unitId: e.owner.id,
      diff: { code: e.code },
      actor: ctx.actor,
      ip: ctx.ip,
    });
  });
  return present(e, undefined);
}

/**
 * Publishes the draft as the next immutable version, with its changes in words and who published it
 * in the audit row. Refused: an invalid draft (400, every issue), a draft saved since the page read
 * it or based on a version that is no longer the latest (409), no change at all (409).
 */
export async function publishDraft(
  ctx: SignedInContext,
  id: string,
  body: PublishFrameworkDraftInput,
): Promise<FrameworkDetailDto> {
  const e = await loadEditable(ctx, id);
  const draft = await findDraftOfCode(ctx.app.db, e.code);
  if (!draft) throw new NotFoundError('Chưa có bản nháp để ban hành.');
  if (draft.version !== body.expectedVersion) throw new ConflictError(STALE, { reason: 'stale' });
  if (draft.base_version_id !== e.latest.id)
    throw new ConflictError(
      `Bản nháp được lập từ một phiên bản cũ; ${e.code} đã có phiên bản ${e.latest.version}. Hãy huỷ bản nháp và sửa lại từ phiên bản mới nhất.`,
    );
  const parsed = parseFramework(normalise(draft.content as Record<string, unknown>, e));
  if (!parsed.ok) {
    throw new ValidationError(
      `Bản nháp còn ${parsed.issues.length} lỗi, chưa ban hành được: ${parsed.issues
        .slice(0, 10)
        .map((i) => i.message)
        .join('; ')}`,
      parsed.issues.map((i) => ({
        field: i.nodeCode ? `${i.nodeCode}: ${i.field}` : i.field,
        message: i.message,
      })),
    );
  }
  const framework = parsed.framework;
  const changes = diffFrameworks(e.latestFw, framework);
  if (contentHash({ ...framework, version: e.latest.version }) === e.latest.content_hash)
    throw new ConflictError(
      `Bản nháp giống hệt phiên bản ${e.latest.version}: không có thay đổi để ban hành.`,
      { reason: 'unchanged' },
    );
  let newId: string;
  try {
    newId = await ctx.app.db.transaction().execute(async (trx) => {
      const { id: versionId } = await insertFrameworkVersion(trx, {
        code: framework.code,
        version: framework.version,
        name: framework.name,
        family: framework.family,
        content: canonicalJson(framework),
        contentHash: contentHash(framework),
        ownerUnitId: e.owner.id,
        createdBy: ctx.actor.userId,
      });
      if (!(await deleteDraft(trx, e.code, body.expectedVersion)))
        throw new ConflictError(STALE, { reason: 'stale' });
      await writeAudit(trx, {
        action: 'framework.published',
        objectType: 'framework_version',
        objectId: versionId,
        unitId: e.owner.id,
        diff: {
          code: framework.code,
          version: framework.version,
          hash: contentHash(framework),
          previousVersion: e.latest.version,
          previousHash: e.latest.content_hash,
          changes: changes.map((c) => c.text),
        },
        actor: ctx.actor,
        ip: ctx.ip,
      });
      return versionId;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new ConflictError(
        `Vừa có người ban hành một phiên bản khác của ${e.code}. Vui lòng tải lại trang.`,
      );
    throw error;
  }
  return getFramework(ctx, newId);
}

/** Any visible version (built-ins too) as the XLSX table. */
export async function exportFrameworkXlsx(
  ctx: SignedInContext,
  id: string,
): Promise<{ fileName: string; buffer: Buffer }> {
  const row = await findFrameworkVersionInScope(ctx.app.db, scopePaths(ctx.actor, 'frameworks.read'), id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  return {
    fileName: `${row.code}-v${row.version}.xlsx`,
    buffer: await writeFrameworkXlsx(row.content as Framework),
  };
}

/** Replaces the draft's content with an XLSX table, all or nothing: every problem names sheet, row and column. */
export async function importFrameworkXlsx(
  ctx: SignedInContext,
  id: string,
  body: ImportFrameworkTableInput,
): Promise<FrameworkDraftDto> {
  await loadEditable(ctx, id);
  const read = await readFrameworkXlsx(Buffer.from(body.fileBase64, 'base64'));
  const result = read.ok ? frameworkFromTable(read.rows, read.meta) : read;
  if (!result.ok) {
    const lines = result.issues.map(formatTableIssue);
    throw new ValidationError(
      `Bảng tính có ${lines.length} lỗi, không nhập gì: ${lines.slice(0, 10).join('; ')}${lines.length > 10 ? ` (và ${lines.length - 10} lỗi khác)` : ''}`,
      result.issues.map((i, k) => ({
        field: [i.sheet, i.row !== null ? `dòng ${i.row}` : null, i.column].filter(Boolean).join(', '),
        message: lines[k]!,
      })),
    );
  }
  return saveDraft(
    ctx,
    id,
    {
      content: result.framework as unknown as Record<string, unknown>,
      expectedVersion: body.expectedVersion,
    },
    'framework.draft-imported',
  );
}

/**
 * Scores an input (or a generated sample) with the draft as edited, stores nothing: the editor's
 * preview of what a commune would see. The scoring is the engine's, on the server, like every score.
 */
export async function previewDraft(
  ctx: SignedInContext,
  id: string,
  body: PreviewFrameworkDraftInput,
): Promise<FrameworkPreviewDto> {
  const e = await loadEditable(ctx, id);
  const parsed = parseFramework(normalise(body.content, e));
  if (!parsed.ok)
    return {
      input: body.input ?? {},
      result: null,
      issues: parsed.issues.map((i) => ({ field: i.field, message: i.message })),
    };
  const input =
    body.input ?? (sampleEvaluationInput(parsed.framework, seededRandom(7), 0.8) as Record<string, unknown>);
  try {
    return { input, result: scoreEvaluation(parsed.framework, input), issues: [] };
  } catch (error) {
    if (error instanceof EvaluationInputError)
      return {
        input,
        result: null,
        issues: error.issues.map((i) => ({ field: i.field, message: i.message })),
      };
    throw error;
  }
}
