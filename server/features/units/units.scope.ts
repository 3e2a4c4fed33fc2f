import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '@server/db/schema.ts';

/**
 * SQL scoping by unit path: a row is in scope when its unit's materialised path starts with one of
 * the actor's scope paths (scopePaths in shared/access/actor.ts). No path → nothing (fail-closed).
 * `column` names a unit path column of the query, e.g. 'units.path'.
 */
export function pathInScope<DB extends Database, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: string,
  paths: string[],
): Expression<SqlBool> {
  if (paths.length === 0) return eb.lit(false);
  // Paths hold only uuids and slashes: no LIKE wildcard to escape.
  return eb.or(paths.map((p) => eb(sql.ref(column), 'like', `${p}%`)));
}

/** Whether a scope covers the whole country (a grant at a top-level unit): then rows with no unit count too. */
export function isNationwide(paths: string[]): boolean {
  return paths.some((p) => p.split('/').filter(Boolean).length === 1);
}

/** Escapes %, _ and \ for a LIKE pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
