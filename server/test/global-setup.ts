/** Vitest global setup of the integration tests: one migrated PGlite template for the whole run. */
import { buildPgliteTemplate, TEMPLATE_ENV } from './pglite-template.ts';

export default async function setup(): Promise<() => void> {
  if (process.env.TEST_DATABASE_URL) return () => {};
  const template = await buildPgliteTemplate();
  process.env[TEMPLATE_ENV] = template.file;
  return () => template.remove();
}
