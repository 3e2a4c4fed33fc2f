import type { Framework } from '@shared/frameworks/model.ts';
import { canonicalJson, contentHash } from '@shared/frameworks/index.ts';
import { listBuiltinFrameworks, getBuiltinFramework } from '@shared/frameworks/registry.ts';
import type { Db } from '@server/db/client.ts';
import type { Executor } from '@server/db/executor.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';
import {
  findLatestFrameworkVersion,
  findStoredVersion,
  findVersionContent,
  insertBuiltinVersion,
} from './frameworks.repo.ts';

/**
 * Stores each built-in framework of the product as an immutable version row (idempotent: a
 * version already stored with the same content is left alone). Product reference data, loaded at
 * boot on every engine — not a migration and not demo data.
 */
export async function syncBuiltinFrameworks(db: Db): Promise<number> {
  let added = 0;
  for (const entry of listBuiltinFrameworks()) {
    const framework = getBuiltinFramework(entry.code);
    const hash = contentHash(framework);
    const existing = await findStoredVersion(db, framework.code, framework.version);
    if (existing) continue;
    await insertBuiltinVersion(db, {
      code: framework.code,
      version: framework.version,
      name: framework.name,
      family: framework.family,
      content: canonicalJson(framework),
      contentHash: hash,
    });
    added++;
  }
  return added;
}

export type StoredFramework = Framework & { id: string; contentHash: string };

const cache = new Map<string, StoredFramework>();
const byHash = new Map<string, StoredFramework>();

/** A stored framework version by id. Versions never change, so they are cached in memory. */
export async function getFrameworkVersion(db: Executor, id: string): Promise<StoredFramework> {
  const hit = cache.get(id);
  if (hit) return hit;
  const row = await findVersionContent(db, id);
  if (!row) throw new NotFoundError('Không tìm thấy bộ tiêu chí.');
  const framework = { ...(row.content as Framework), id, contentHash: row.content_hash };
  cache.set(id, framework);
  byHash.set(row.content_hash, framework);
  return framework;
}

/** A version's content by its hash, once the caller has checked it may see it. */
export async function getFrameworkByHash(db: Executor, id: string, hash: string): Promise<Framework> {
  const { id: _id, contentHash: _hash, ...content } = byHash.get(hash) ?? (await getFrameworkVersion(db, id));
  return content;
}

// Kept here for the features that import it with getFrameworkVersion.
export { findLatestFrameworkVersion };
