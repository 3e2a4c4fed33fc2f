/**
 * Migrated and empty PGlite data directories, built once per test run and loaded by every test database.
 * Creating a PGlite runs initdb (1.7–3.3 s on this machine) and then the migrations; loading a
 * dumped directory takes about 0.6 s, so each integration file starts 1–3 s sooner (issue #9). The
 * empty one (initdb done, no migration) is for the migrator's own tests, which start from nothing.
 */
import { rmSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { openDatabase } from '@server/db/client.ts';
import { PGliteDialect } from '@server/db/pglite-dialect.ts';
import { migrate } from '@server/db/migrator.ts';
import type { Database } from '@server/db/schema.ts';
import { sharedParsers } from '@server/db/types.ts';

export type TemplateKind = 'migrated' | 'empty';

/** The environment variables naming the template files, set by the test run's global setup. */
export const TEMPLATE_ENV: Record<TemplateKind, string> = {
  migrated: 'DANHGIA_PGLITE_TEMPLATE',
  empty: 'DANHGIA_PGLITE_EMPTY_TEMPLATE',
};

/** Builds both templates into temporary files (one initdb); returns the files and their remover. */
export async function buildPgliteTemplates(): Promise<{
  files: Record<TemplateKind, string>;
  remove(): void;
}> {
  const pglite = await PGlite.create({ parsers: sharedParsers });
  const files: Record<TemplateKind, string> = {
    migrated: path.join(os.tmpdir(), `danhgia-pglite-template-${process.pid}.tar`),
    empty: path.join(os.tmpdir(), `danhgia-pglite-empty-${process.pid}.tar`),
  };
  const dump = async (file: string) =>
    writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await dump(files.empty);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  await migrate(db);
  await dump(files.migrated);
  await db.destroy();
  await pglite.close();
  return {
    files,
    remove: () => Object.values(files).forEach((file) => rmSync(file, { force: true })),
  };
}

/** A template of this run, if its global setup built one. */
export function pgliteTemplate(kind: TemplateKind = 'migrated'): Blob | undefined {
  const file = process.env[TEMPLATE_ENV[kind]];
  if (!file) return undefined;
  try {
    return new Blob([readFileSync(file)]);
  } catch {
    return undefined;
  }
}

/**
 * Makes `dataDir` an embedded database folder holding the migrated template, for a process started by the
 * test (the CLI, a job worker): its first start would otherwise run initdb and every migration (≈ 10 s of CPU).
 */
export async function primeDataDir(dataDir: string): Promise<void> {
  const primed = await openDatabase({ engine: 'pglite', dataDir, loadDataDir: pgliteTemplate() });
  await primed.close();
}
