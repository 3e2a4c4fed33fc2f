import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { z } from 'zod';
import type { AppContext } from '@server/app-context.ts';
import { buildApp } from '@server/app.ts';
import { loadConfig } from '@server/config.ts';
import { anchorFileIn, writeAuditCheckpoint } from '@server/platform/audit/audit-anchor.ts';
import { createAttemptLimiters } from '@server/platform/auth/attempt-limiter.ts';
import { createFileStore } from '@server/platform/storage/file-store.ts';
import { SESSION_COOKIE } from '@server/platform/auth/tokens.ts';
import { syncBuiltinFrameworks } from '@server/features/frameworks/frameworks.catalog.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';
import { TEST_PASSWORD } from './factories.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

z.config(z.locales.vi());

export type TestApp = {
  app: FastifyInstance;
  ctx: AppContext;
  database: TestDatabase;
  /** Signs in through the real endpoint; returns a client that sends the cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<TestClient>;
  close(): Promise<void>;
};

export type TestClient = {
  request(method: string, url: string, body?: unknown): Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
};

/** The real application on a fresh database, driven through fastify.inject (no network).
 * `rollback: true`: the database can roll each case back (server/test/rollback-dialect.ts). */
export async function createTestApp(options: { rollback?: boolean } = {}): Promise<TestApp> {
  const database = await createTestDatabase({ rollback: options.rollback });
  await syncBuiltinFrameworks(database.db);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'danhgia-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const ctx: AppContext = {
    config,
    db: database.db,
    engine: database.engine,
    log: pino({ level: 'silent' }),
    ...createAttemptLimiters(database.db),
    files: createFileStore(config.storage),
  };
  // As boot does: the first checkpoint of the audit chain, outside the database.
  await writeAuditCheckpoint(database.db, anchorFileIn(dataDir));
  const app = await buildApp(ctx);
  await app.ready();
  return {
    app,
    ctx,
    database,
    async signIn(username, password = TEST_PASSWORD) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username, password },
      });
      if (response.statusCode !== 200)
        throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
      const csrfToken = response.json().csrfToken as string;
      const header = `${SESSION_COOKIE}=${cookie.value}`;
      return {
        cookie: header,
        csrfToken,
        request: (method, url, body) =>
          app.inject({
            method: method as 'GET',
            url,
            headers: { cookie: header, 'x-csrf-token': csrfToken },
            ...(body === undefined ? {} : { payload: body as object }),
          }),
      };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
