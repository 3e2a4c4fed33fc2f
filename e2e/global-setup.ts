/**
 * Vitest global setup of the journeys: one data folder started and seeded once per run (the web build
 * included), which every journey's fresh server copies instead of migrating and seeding again (a fresh
 * start took ≈ 13.6 s, a start on a seeded folder ≈ 7 s, on an idle 2-core machine). Not with
 * E2E_DATABASE_URL or TEST_DATABASE_URL (the servers then run on PostgreSQL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DATA_TEMPLATE_ENV, startProcess } from './server-process.ts';

export default async function setup(): Promise<() => void> {
  // On PostgreSQL (the instance runs, CI's kill -9 step) no journey starts from an embedded folder.
  if (process.env.E2E_DATABASE_URL || process.env.TEST_DATABASE_URL) return () => {};
  const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-e2e-template-'));
  const server = await startProcess({ DATA_DIR: dir });
  await server.stop();
  process.env[DATA_TEMPLATE_ENV] = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
