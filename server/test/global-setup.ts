/** Vitest global setup of the integration tests: the migrated and empty PGlite templates for the whole run. */
import { buildPgliteTemplates, TEMPLATE_ENV, type TemplateKind } from './pglite-template.ts';

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const templates = await buildPgliteTemplates();
  for (const [kind, file] of Object.entries(templates.files))
    process.env[TEMPLATE_ENV[kind as TemplateKind]] = file;
  return () => templates.remove();
}
