import type { Framework } from '@shared/frameworks/model.ts';
import { canonicalJson, contentHash } from '@shared/frameworks/index.ts';
import { listBuiltinFrameworks, getBuiltinFramework } from '@shared/frameworks/registry.ts';
import type { Db } from '@server/db/client.ts';
import type { Executor } from '@server/db/executor.ts';
import { NotFoundError } from '@server/platform/http/errors.ts';

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
    const existing = await db
      .selectFrom('framework_versions')
      .select(['id', 'content_hash'])
      .where('code', '=', framework.code)
      .where('version', '=', framework.version)
      .executeTakeFirst();
    if (existing) continue;
    await db
      .insertInto('framework_versions')
      .values({
        code: framework.code,
        version: framework.version,
        name: framework.name,
        family: framework.family,
        content: canonicalJson(framework),
        content_hash: hash,
      })
      .onConflict((oc) => oc.columns(['code', 'version']).doNothing())
      .execute();
    added++;
  }
  return added;
}

const cache = new Map<string, Framework>();

/** A stored framework version by id. Versions never change, so they are cached in memory. */
export async function getFrameworkVersion(db: Executor, id: string): Promise<Framework & { id: string }> {
  const hit = cache.get(id);
  if (hit) return { ...hit, id };
  const row = await db
    .selectFrom('framework_versions')
    .select(['content'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new NotFoundError('Không tìm thấy bộ tiêu chí.');
  const framework = row.content as Framework;
  cache.set(id, framework);
  return { ...framework, id };
}

/** Latest stored version of a framework code. */
export async function findLatestFrameworkVersion(db: Executor, code: string) {
  return db
    .selectFrom('framework_versions')
    .select(['id', 'code', 'version', 'name', 'family', 'content_hash'])
    .where('code', '=', code)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}
