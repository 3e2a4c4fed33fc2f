import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers } from './check-layers.ts';

const roots: string[] = [];

/** A throwaway repository holding `files` (path → content). */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(tmpdir(), 'layers-'));
  roots.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.join(root, path.dirname(file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const GOOD = {
  'server/features/things/things.routes.ts': [
    "import { defineRoute } from '@server/platform/http/route.ts';",
    "import { getThing } from './things.service.ts';",
    'export const routes = [defineRoute({ handler: (_i, ctx) => getThing(ctx) })];',
  ].join('\n'),
  'server/features/things/things.service.ts': [
    "import type { Transaction } from 'kysely';",
    "import { NotFoundError } from '@server/platform/http/errors.ts';",
    "import { findThing } from './things.repo.ts';",
    'export const getThing = (ctx) => findThing(ctx.app.db); // selectFrom in a comment is fine',
  ].join('\n'),
  'server/features/things/things.repo.ts': [
    "import { sql } from 'kysely';",
    "export const findThing = (db) => db.selectFrom('things').where(sql`true`).execute();",
  ].join('\n'),
  'server/features/things/things.int.test.ts': "const rows = db.selectFrom('things');",
  'server/db/ready.ts':
    "import { sql } from 'kysely';\nexport const ready = (db) => sql`select 1`.execute(db);",
  'server/platform/jobs/queue.ts': "import { insertJob } from './jobs.repo.ts';\nexport const q = insertJob;",
  'shared/format/vi.ts': "import { z } from 'zod';\nimport { LIMITS } from '@shared/limits.ts';",
};

describe('checkLayers', () => {
  it('passes a repository that keeps its layers', () => {
    expect(checkLayers(fixture(GOOD))).toEqual([]);
  });

  it('reports each kind of violation with its file and line', () => {
    const root = fixture({
      ...GOOD,
      'server/features/bad/bad.routes.ts': [
        "import { defineRoute } from '@server/platform/http/route.ts';",
        "import { sql } from 'kysely';",
        "import type { Db } from '../../db/client.ts';",
      ].join('\n'),
      'server/features/bad/bad.service.ts': [
        "import type { FastifyReply } from 'fastify';",
        "import cookie from '@fastify/cookie';",
        "import { defineRoute } from '@server/platform/http/route.ts';",
        "export const load = (db) => db.selectFrom('things').execute();",
        'export const raw = (db) => sql`delete from things`.execute(db);',
      ].join('\n'),
      'server/platform/audit/audit.ts': [
        "import { findUnitById } from '@server/features/units/units.repo.ts';",
        "export const lazy = () => import('../../features/users/users.service.ts');",
      ].join('\n'),
      'server/cli/units.command.ts': "export const n = (db) => db.updateTable('units').set({}).execute();",
      'shared/bad.ts': [
        "import { readFileSync } from 'node:fs';",
        "import path from 'path';",
        "import type { Db } from '@server/db/client.ts';",
        "import { api } from '../web/src/lib/api.ts';",
      ].join('\n'),
    });
    const found = checkLayers(root).map((v) => `${v.file}:${v.line} ${v.rule}`);
    expect(found).toEqual([
      'server/cli/units.command.ts:1 sql-in-repo',
      'server/features/bad/bad.routes.ts:2 routes-no-db',
      'server/features/bad/bad.routes.ts:3 routes-no-db',
      'server/features/bad/bad.service.ts:1 service-no-http',
      'server/features/bad/bad.service.ts:2 service-no-http',
      'server/features/bad/bad.service.ts:3 service-no-http',
      'server/features/bad/bad.service.ts:4 sql-in-repo',
      'server/features/bad/bad.service.ts:5 sql-in-repo',
      'server/platform/audit/audit.ts:1 platform-no-features',
      'server/platform/audit/audit.ts:2 platform-no-features',
      'shared/bad.ts:1 shared-pure',
      'shared/bad.ts:2 shared-pure',
      'shared/bad.ts:3 shared-pure',
      'shared/bad.ts:4 shared-pure',
    ]);
    expect(checkLayers(root).find((v) => v.rule === 'platform-no-features')?.message).toContain(
      'server/platform/ không được import từ server/features/',
    );
  });
});
