import { scopePaths } from '@shared/access/actor.ts';
import {
  BUILTIN_FRAMEWORK_CODES,
  canonicalJson,
  contentHash,
  copyFramework as copyFrameworkContent,
  exportFrameworkJson,
  getBuiltinFramework,
  listBuiltinMappings,
  parseFramework,
} from '@shared/frameworks/index.ts';
import type { Framework, FrameworkNode } from '@shared/frameworks/model.ts';
import type {
  CopyFrameworkInput,
  FrameworkDetailDto,
  FrameworkListDto,
  ImportFrameworkInput,
  VersionMappingDto,
} from '@shared/frameworks/frameworks.schemas.ts';
import { compareVietnamese } from '@shared/format/vi.ts';
import type { Executor } from '@server/db/executor.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import type { SignedInContext } from '@server/platform/context.ts';
import { canCopyFramework, canOwnFrameworksAt } from './frameworks.policy.ts';
import { presentFrameworkDetail, presentFrameworkSummary } from './frameworks.presenter.ts';
import {
  findFrameworkVersionInScope,
  findFrameworkVersionsInScope,
  findLatestOfCode,
  findProvincesUnder,
  findUnit,
  findVersionIdByHashInScope,
  findVersionIds,
  insertFrameworkVersion,
} from './frameworks.repo.ts';
import { getFrameworkByHash } from './frameworks.catalog.ts';

const NOT_FOUND = 'Không tìm thấy bộ tiêu chí.';

// There is deliberately no delete: a version referenced by an evaluation period must stay (the
// foreign key refuses it too), and an unused one costs nothing to keep.

/** Built-ins and the copies of provinces in (or above) the actor's units, newest version first. */
export async function listFrameworks(ctx: SignedInContext): Promise<FrameworkListDto> {
  const rows = await findFrameworkVersionsInScope(ctx.app.db, scopePaths(ctx.actor, 'frameworks.read'));
  return {
    items: rows.map(presentFrameworkSummary),
    ownerChoices: await ownerChoices(ctx),
    abilities: { canManage: canCopyFramework(ctx.actor) },
  };
}

/** One stored version in full (the framework JSON), whether a period uses it, and its siblings. */
export async function getFramework(ctx: SignedInContext, id: string): Promise<FrameworkDetailDto> {
  const paths = scopePaths(ctx.actor, 'frameworks.read');
  const row = await findFrameworkVersionInScope(ctx.app.db, paths, id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  const versions = await findFrameworkVersionsInScope(ctx.app.db, paths, { code: row.code });
  return presentFrameworkDetail(ctx.actor, row, versions, await ownerChoices(ctx));
}

/** A version's content by its hash, for the evaluation page (which receives only the reference). */
export async function getFrameworkContent(ctx: SignedInContext, hash: string): Promise<Framework> {
  const row = await findVersionIdByHashInScope(ctx.app.db, scopePaths(ctx.actor, 'frameworks.read'), hash);
  if (!row) throw new NotFoundError(NOT_FOUND);
  return getFrameworkByHash(ctx.app.db, row.id, hash);
}

/** The stored JSON of a version as a file: re-importing it unchanged gives the same content hash. */
export async function exportFramework(
  ctx: SignedInContext,
  id: string,
): Promise<{ fileName: string; text: string }> {
  const row = await findFrameworkVersionInScope(ctx.app.db, scopePaths(ctx.actor, 'frameworks.read'), id);
  if (!row) throw new NotFoundError(NOT_FOUND);
  return {
    fileName: `${row.code}-v${row.version}.json`,
    text: exportFrameworkJson(row.content as Framework),
  };
}

/**
 * Imports a framework file for a province. A new code is stored as version 1; an existing code of
 * the same province as the next version (editing = importing the modified JSON). Refused: an
 * invalid file (400, every issue with node and field), a built-in's or another unit's code, and a
 * file identical to the latest version (409). Nothing is ever updated in place.
 */
export async function importFramework(
  ctx: SignedInContext,
  input: ImportFrameworkInput,
): Promise<FrameworkDetailDto> {
  const owner = await loadOwner(ctx, input.ownerUnitId);
  const framework = validateFile(input.framework);
  const latest = await findLatestOfCode(ctx.app.db, framework.code);
  if (BUILTIN_FRAMEWORK_CODES.includes(framework.code) || (latest && latest.owner_unit_id === null)) {
    throw new ConflictError(
      `${framework.code} là bộ tiêu chí dựng sẵn của phần mềm, không sửa trực tiếp được. ` +
        'Hãy dùng "Sao chép thành bộ của tỉnh" rồi nhập phiên bản mới cho bản sao.',
    );
  }
  if (latest && latest.owner_unit_id !== owner.id) {
    throw new ConflictError(
      `Mã ${framework.code} đã được dùng cho bộ tiêu chí của đơn vị khác. Vui lòng đổi mã trong tệp.`,
    );
  }
  if (latest && contentHash({ ...framework, version: latest.version }) === latest.content_hash) {
    throw new ConflictError(
      `Nội dung tệp giống hệt phiên bản ${latest.version} đang lưu của ${framework.code}: không có thay đổi để tạo phiên bản mới.`,
      { reason: 'unchanged', versionId: latest.id },
    );
  }
  const stored: Framework = { ...framework, version: (latest?.version ?? 0) + 1 };
  const id = await storeVersion(ctx, stored, owner.id, {
    action: 'framework.imported',
    diff: {
      code: stored.code,
      version: stored.version,
      hash: contentHash(stored),
      previousVersion: latest?.version ?? null,
      previousHash: latest?.content_hash ?? null,
    },
  });
  return getFramework(ctx, id);
}

/** Copies a visible framework (e.g. the CCHC template) under a new code, as version 1 owned by a province. */
export async function copyFramework(
  ctx: SignedInContext,
  sourceId: string,
  input: CopyFrameworkInput,
): Promise<FrameworkDetailDto> {
  const source = await findFrameworkVersionInScope(
    ctx.app.db,
    scopePaths(ctx.actor, 'frameworks.read'),
    sourceId,
  );
  if (!source) throw new NotFoundError(NOT_FOUND);
  const owner = await loadOwner(ctx, input.ownerUnitId);
  if (BUILTIN_FRAMEWORK_CODES.includes(input.code) || (await findLatestOfCode(ctx.app.db, input.code))) {
    throw new ConflictError(`Mã ${input.code} đã có bộ tiêu chí. Vui lòng chọn mã khác cho bản sao.`, {
      problems: [{ field: 'code', message: 'Mã đã được dùng' }],
    });
  }
  const copy = copyFrameworkContent(source.content as Framework, { code: input.code, name: input.name });
  const id = await storeVersion(ctx, copy, owner.id, {
    action: 'framework.copied',
    diff: {
      from: { id: source.id, code: source.code, version: source.version, hash: source.content_hash },
      code: copy.code,
      version: copy.version,
      hash: contentHash(copy),
    },
  });
  return getFramework(ctx, id);
}

/** The built-in mappings between versions, with node titles on both sides and stored version ids. */
export async function listMappings(db: Executor): Promise<VersionMappingDto[]> {
  const mappings = listBuiltinMappings();
  const stored = await findVersionIds(
    db,
    mappings.flatMap((m) => [m.from, m.to]),
  );
  const idOf = (ref: { code: string; version: number }) =>
    stored.find((s) => s.code === ref.code && s.version === ref.version)?.id ?? null;
  return mappings.map((m) => {
    const from = getBuiltinFramework(m.from.code);
    const to = getBuiltinFramework(m.to.code);
    const fromTitles = titlesOf(from.nodes);
    const toTitles = titlesOf(to.nodes);
    return {
      from: { ...m.from, name: from.name, id: idOf(m.from) },
      to: { ...m.to, name: to.name, id: idOf(m.to) },
      provenance: m.provenance,
      note: m.note ?? null,
      entries: m.entries.map((e) => ({
        from: { code: e.from, title: fromTitles.get(e.from) ?? null },
        to: e.to.map((code) => ({ code, title: toTitles.get(code) ?? null })),
        provenance: e.provenance,
        note: e.note ?? null,
      })),
    };
  });
}

function titlesOf(nodes: FrameworkNode[], out = new Map<string, string>()): Map<string, string> {
  for (const n of nodes) {
    out.set(n.code, n.title);
    titlesOf(n.children ?? [], out);
  }
  return out;
}

/** The owning province: 404 outside the actor's units, 403 where it may not manage frameworks. */
async function loadOwner(ctx: SignedInContext, unitId: string) {
  const unit = await findUnit(ctx.app.db, unitId);
  const readable = scopePaths(ctx.actor, 'frameworks.read');
  if (!unit || !readable.some((p) => unit.path.startsWith(p)))
    throw new NotFoundError('Không tìm thấy đơn vị sở hữu bộ tiêu chí.');
  if (!canOwnFrameworksAt(ctx.actor, unit)) {
    if (unit.level !== 'province')
      throw new ValidationError('Bộ tiêu chí riêng thuộc về một tỉnh, thành phố: hãy chọn đơn vị cấp tỉnh.', [
        { field: 'ownerUnitId', message: 'Đơn vị sở hữu phải là cấp tỉnh' },
      ]);
    throw new ForbiddenError('Bạn không có quyền quản lý bộ tiêu chí của đơn vị này.');
  }
  return unit;
}

/** Validates an uploaded framework; the version is the server's to number, so the file's is ignored. */
function validateFile(data: unknown): Framework {
  const numbered = data && typeof data === 'object' && !Array.isArray(data) ? { ...data, version: 1 } : data;
  const result = parseFramework(numbered);
  if (!result.ok) {
    const lines = result.issues.slice(0, 20).map((i) => i.message);
    const more = result.issues.length > 20 ? ` (và ${result.issues.length - 20} lỗi khác)` : '';
    throw new ValidationError(`Tệp bộ tiêu chí có ${result.issues.length} lỗi: ${lines.join('; ')}${more}`, [
      ...result.issues.map((i) => ({
        field: i.nodeCode ? `${i.nodeCode}: ${i.field}` : i.field,
        message: i.message,
      })),
    ]);
  }
  return result.framework;
}

/** One transaction: the new immutable row and its audit row. A concurrent import of the same code loses cleanly. */
async function storeVersion(
  ctx: SignedInContext,
  framework: Framework,
  ownerUnitId: string,
  audit: { action: string; diff: Record<string, unknown> },
): Promise<string> {
  try {
    return await ctx.app.db.transaction().execute(async (trx) => {
      const { id } = await insertFrameworkVersion(trx, {
        code: framework.code,
        version: framework.version,
        name: framework.name,
        family: framework.family,
        content: canonicalJson(framework),
        contentHash: contentHash(framework),
        ownerUnitId,
        createdBy: ctx.actor.userId,
      });
      await writeAudit(trx, {
        action: audit.action,
        objectType: 'framework_version',
        objectId: id,
        unitId: ownerUnitId,
        diff: audit.diff,
        actor: ctx.actor,
        ip: ctx.ip,
      });
      return id;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505')
      throw new ConflictError(
        `Vừa có người lưu một phiên bản khác của ${framework.code}. Vui lòng tải lại trang rồi thử lại.`,
      );
    throw error;
  }
}

/** Provinces where the actor may own frameworks, by Vietnamese name. */
async function ownerChoices(ctx: SignedInContext) {
  const provinces = await findProvincesUnder(ctx.app.db, scopePaths(ctx.actor, 'frameworks.manage'));
  return provinces.sort((a, b) => compareVietnamese(a.name, b.name));
}
