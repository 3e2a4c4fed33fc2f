/**
 * The world the route-wide tests act in, shared by the access test (server/features/access.int.test.ts)
 * and the fuzz suite (server/features/fuzz.int.test.ts): a unit tree with users, one valid request
 * sample per API route (`samples`), a client per role with a session minted directly, and the
 * fingerprint of every table that proves a refused request wrote nothing.
 *
 * Use: `await seedRouteWorld(await createTestApp({ rollback: true }))` in beforeAll, before
 * `rollback.begin()`. The samples read the seeded app and tree when they are built.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { expect } from 'vitest';
import { ROLES, type Role } from '@shared/access/roles.ts';
import { addDays } from '@shared/dates.ts';
import { insertSession } from '@server/features/auth/sessions.repo.ts';
import { SESSION_COOKIE, newToken, sessionIdOf } from '@server/platform/auth/tokens.ts';
import { apiTokenHash, newApiToken } from '@server/platform/auth/api-tokens.ts';
import type { RouteDef } from '@server/platform/http/route.ts';
import type { TestApp } from '@server/test/test-app.ts';
import { createUnitTree, createUser, TEST_PASSWORD, type TestUnit } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { multipartBody } from '@server/test/multipart.ts';
import { newStorageKey } from '@server/platform/storage/file-store.ts';
import { writeFrameworkXlsx } from '@server/features/frameworks/framework-xlsx.ts';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { canonicalJson, contentHash, copyFramework, getBuiltinFramework } from '@shared/frameworks/index.ts';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import { newSurveyCode } from '@server/features/surveys/surveys.tickets.ts';

export type Tree = Awaited<ReturnType<typeof createUnitTree>>;
/** own: the commune of the commune roles (inside every role's units); sibling: another commune of
 * the same province; otherProvince: a commune of another province. */
export type Target = 'own' | 'sibling' | 'otherProvince';
export const TARGETS: Target[] = ['own', 'sibling', 'otherProvince'];
export type Actor = { id: string; username: string };
/** What to send: a JSON body, or a multipart upload (payload and its content-type header). */
export type Built = {
  url: string;
  body?: unknown;
  multipart?: { payload: Buffer; headers: Record<string, string> };
  /** Headers the request itself needs (an API token: `authorization`). */
  headers?: Record<string, string>;
};

/** The inject options carrying a sample's body, JSON or multipart, and its own headers. */
export const payloadOf = (built: Built, sessionHeaders: Record<string, string> = {}) => {
  const headers = { ...sessionHeaders, ...built.headers };
  return built.multipart
    ? { payload: built.multipart.payload, headers: { ...headers, ...built.multipart.headers } }
    : { headers, ...(built.body === undefined ? {} : { payload: built.body as object }) };
};

export type Sample = {
  /** null: the route acts on no particular unit's object (one case per role). */
  targets: Target[] | null;
  build(target: TestUnit | null, actor: Actor): Promise<Built>;
  /** The sample depends on who acts (built for each role); otherwise it is built once per target,
   * by a bystander, and every role's case starts from it. */
  perRole?: true;
  /** For lists (required when a GET answers an array or `{ items: [...] }`): every returned item
   * lies within the actor's units. `get` sends another GET as the same user. */
  checkScope?(json: unknown, home: TestUnit, get: (url: string) => Promise<unknown>): Promise<void>;
  /** A GET answering a list that is not unit-scoped data, and why (instead of checkScope). */
  unscopedList?: string;
};

let t: TestApp;
let tree: Tree;
let counter = 0;

export const unitOf = (target: Target): TestUnit =>
  target === 'own' ? tree.communeA : target === 'sibling' ? tree.communeB : tree.otherCommune;

/** Where each role is held in this test (as in real life: national, provincial, communal). */
export function homeOf(role: Role): TestUnit {
  if (role === 'system_admin') return tree.nation;
  if (role === 'commune_chairman' || role === 'commune_officer') return tree.communeA;
  return tree.province;
}

export async function someUser(unit: TestUnit, role: Role = 'commune_officer') {
  return createUser(t.ctx.db, { role, unit, username: `u${++counter}-${randomUUID().slice(0, 6)}` });
}

async function pathsOfUnits(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await t.ctx.db.selectFrom('units').select('path').where('id', 'in', ids).execute();
  return rows.map((r) => r.path);
}

export const samples: Record<string, Sample> = {
  'POST /api/auth/sign-in': {
    targets: null,
    perRole: true,
    build: async (_u, actor) => ({
      url: '/api/auth/sign-in',
      body: { username: actor.username, password: TEST_PASSWORD },
    }),
  },
  'GET /api/auth/me': { targets: null, build: async () => ({ url: '/api/auth/me' }) },
  'GET /api/auth/session': { targets: null, build: async () => ({ url: '/api/auth/session' }) },
  'POST /api/auth/sign-out': { targets: null, build: async () => ({ url: '/api/auth/sign-out' }) },
  'POST /api/auth/sign-out-everywhere': {
    targets: null,
    build: async () => ({ url: '/api/auth/sign-out-everywhere' }),
  },
  'POST /api/auth/password': {
    targets: null,
    build: async () => ({
      url: '/api/auth/password',
      body: { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' },
    }),
  },
  'GET /api/jobs/:id': {
    targets: TARGETS,
    async build(unit) {
      const owner = await someUser(unit!);
      const job = await t.ctx.db
        .insertInto('jobs')
        .values({ name: 'test.noop', payload: '{}', created_by: owner.id, unit_id: unit!.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { url: `/api/jobs/${job.id}` };
    },
  },
  'GET /api/units': {
    targets: null,
    build: async () => ({ url: '/api/units?era=all&pageSize=500' }),
    async checkScope(json, home) {
      const items = (json as { items: { id: string }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const path of await pathsOfUnits(items.map((i) => i.id)))
        expect(path.startsWith(home.path)).toBe(true);
    },
  },
  'GET /api/units/:id': { targets: TARGETS, build: async (u) => ({ url: `/api/units/${u!.id}` }) },
  'GET /api/units/:id/history': {
    targets: TARGETS,
    build: async (u) => ({ url: `/api/units/${u!.id}/history` }),
  },
  'PATCH /api/units/:id': {
    targets: TARGETS,
    build: async (u) => ({
      url: `/api/units/${u!.id}`,
      body: { name: `${u!.name} ${++counter}`, expectedUpdatedAt: await updatedAtOf('units', u!.id) },
    }),
  },
  'GET /api/units/import/provinces': {
    targets: null,
    build: async () => ({ url: '/api/units/import/provinces' }),
    unscopedList: 'the official province list shipped in resources/, offered for import',
  },
  // Only queues the job (the import itself is tested in units.jobs.int.test.ts).
  'POST /api/units/import': {
    targets: null,
    build: async () => ({ url: '/api/units/import', body: { provinceCodes: ['04'] } }),
  },
  'GET /api/users': {
    targets: null,
    build: async () => ({ url: '/api/users?pageSize=200' }),
    async checkScope(json, home) {
      const items = (json as { items: { roles: { unitId: string }[] }[] }).items;
      expect(items.length).toBeGreaterThan(0);
      for (const user of items) {
        const paths = await pathsOfUnits(user.roles.map((r) => r.unitId));
        expect(paths.some((p) => p.startsWith(home.path))).toBe(true);
      }
    },
  },
  'GET /api/users/:id': {
    targets: TARGETS,
    build: async (u) => ({ url: `/api/users/${(await someUser(u!)).id}` }),
  },
  'POST /api/users': {
    targets: TARGETS,
    build: async (u) => ({
      url: '/api/users',
      body: {
        username: `moi${++counter}`,
        fullName: 'Người Dùng Mới',
        roles: [{ role: 'commune_officer', unitId: u!.id }],
      },
    }),
  },
  'POST /api/users/:id/reset-password': {
    targets: TARGETS,
    build: async (u) => ({ url: `/api/users/${(await someUser(u!)).id}/reset-password` }),
  },
  'POST /api/users/:id/deactivate': {
    targets: TARGETS,
    build: async (u) => ({ url: `/api/users/${(await someUser(u!)).id}/deactivate` }),
  },
  'POST /api/users/:id/activate': {
    targets: TARGETS,
    async build(u) {
      const user = await someUser(u!);
      await t.ctx.db.updateTable('users').set({ is_active: false }).where('id', '=', user.id).execute();
      return { url: `/api/users/${user.id}/activate` };
    },
  },
  'POST /api/users/:id/roles': {
    targets: TARGETS,
    build: async (u) => ({
      url: `/api/users/${(await someUser(u!)).id}/roles`,
      body: { role: 'viewer', unitId: u!.id },
    }),
  },
  'DELETE /api/users/:id/roles/:assignmentId': {
    targets: TARGETS,
    async build(u) {
      const user = await someUser(u!);
      const grant = await t.ctx.db
        .selectFrom('role_assignments')
        .select('id')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      return { url: `/api/users/${user.id}/roles/${grant.id}` };
    },
  },
  'GET /api/audit': {
    targets: TARGETS,
    build: async (u) => ({ url: `/api/audit?unitId=${u!.id}` }),
    // The filtered answer and the whole trail: rows of units within the actor's units only; rows
    // without a unit (sign-in attempts, imports) only for a nationwide reader.
    async checkScope(json, home, get) {
      const filtered = (json as { items: { unitId: string | null }[] }).items;
      expect(filtered.length).toBeGreaterThan(0);
      const all = ((await get('/api/audit?pageSize=200')) as { items: { unitId: string | null }[] }).items;
      for (const item of [...filtered, ...all]) {
        if (item.unitId === null) expect(home.path).toBe(tree.nation.path);
        else for (const p of await pathsOfUnits([item.unitId])) expect(p.startsWith(home.path)).toBe(true);
      }
    },
  },
  'GET /api/audit/verify': { targets: null, build: async () => ({ url: '/api/audit/verify' }) },
  // The working-day calendar is national: no unit target.
  'GET /api/calendar/deadline': {
    targets: null,
    build: async () => ({ url: '/api/calendar/deadline?from=2026-02-13&workingDays=3' }),
  },
  'GET /api/calendar/:year': { targets: null, build: async () => ({ url: '/api/calendar/2026' }) },
  'POST /api/calendar/:year/builtin': {
    targets: null,
    build: async () => ({ url: '/api/calendar/2027/builtin' }),
  },
  'POST /api/calendar/holidays': {
    targets: null,
    build: async () => ({
      url: '/api/calendar/holidays',
      body: { day: addDays('2035-01-01', ++counter), name: 'Ngày nghỉ thử', kind: 'holiday' },
    }),
  },
  'PUT /api/calendar/holidays/:id': {
    targets: null,
    async build() {
      const id = await someHoliday();
      return {
        url: `/api/calendar/holidays/${id}`,
        body: {
          day: addDays('2035-01-01', ++counter),
          name: 'Ngày nghỉ đã sửa',
          kind: 'holiday',
          expectedUpdatedAt: await updatedAtOf('holidays', id),
        },
      };
    },
  },
  'DELETE /api/calendar/holidays/:id': {
    targets: null,
    build: async () => ({ url: `/api/calendar/holidays/${await someHoliday()}` }),
  },
  ...evaluationSamples(),
  ...frameworkSamples(),
  ...documentSamples(),
  ...planSamples(),
  ...bookSamples(),
  ...tthcRegisterSamples(),
  ...registerSamples(),
  ...surveySamples(),
  ...analyticsSamples(),
};

/** The province that organises evaluations of a target commune. */
export const organiserOf = (unit: TestUnit): TestUnit =>
  unit.id === tree.otherCommune.id ? tree.otherProvince : tree.province;

async function evaluationFor(unit: TestUnit, state: EvaluationState) {
  return createEvaluationInState(t.ctx.db, { organiser: organiserOf(unit), commune: unit, state });
}

const SAMPLE_PDF = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');

/** A draft evaluation of `unit` with one stored evidence file on indicator 1.1. */
async function evidenceFor(unit: TestUnit) {
  const { evaluationId } = await evaluationFor(unit, 'draft');
  const uploader = await someUser(unit);
  const key = newStorageKey('evidence');
  await t.ctx.files.put(key, SAMPLE_PDF);
  const file = await t.ctx.db
    .insertInto('evidence_files')
    .values({
      evaluation_id: evaluationId,
      unit_id: unit.id,
      node_code: '1.1',
      file_name: 'Biên bản.pdf',
      content_type: 'application/pdf',
      size_bytes: SAMPLE_PDF.length,
      sha256: createHash('sha256').update(SAMPLE_PDF).digest('hex'),
      storage_key: key,
      uploaded_by: uploader.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { evaluationId, fileId: file.id };
}

async function verdict(evaluationId: string, unit: TestUnit, kind: 'accept' | 'explain') {
  const reviewer = await someUser(organiserOf(unit), 'province_reviewer');
  await t.ctx.db
    .insertInto('appraisal_verdicts')
    .values({
      evaluation_id: evaluationId,
      unit_id: unit.id,
      round: 1,
      node_code: '1.1',
      verdict: kind,
      reason: kind === 'explain' ? 'Đề nghị giải trình' : null,
      reviewer_id: reviewer.id,
    })
    .execute();
}

const COUNCIL_MEMBERS = [
  { fullName: 'Nguyễn Văn Chủ', position: 'Giám đốc Sở', councilRole: 'chair' },
  { fullName: 'Lê Thị Phó', position: 'Phó Giám đốc Sở', councilRole: 'vice_chair' },
  { fullName: 'Phạm Thị Ký', position: 'Chuyên viên', councilRole: 'secretary' },
] as const;

/** A council for the period, with a quorate meeting; the acting user is one of its members. */
async function councilFor(periodId: string, unit: TestUnit, actor: Actor) {
  const organiser = organiserOf(unit);
  const council = await t.ctx.db
    .insertInto('councils')
    .values({ period_id: periodId, unit_id: organiser.id, name: 'Hội đồng thử' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = await t.ctx.db
    .insertInto('council_members')
    .values(
      COUNCIL_MEMBERS.map((m, i) => ({
        council_id: council.id,
        unit_id: organiser.id,
        full_name: m.fullName,
        position: m.position,
        council_role: m.councilRole,
        user_id: i === 2 ? actor.id : null,
      })),
    )
    .returning('id')
    .execute();
  const meeting = await t.ctx.db
    .insertInto('council_meetings')
    .values({
      council_id: council.id,
      unit_id: organiser.id,
      mode: 'meeting',
      held_on: '2026-11-20',
      present_member_ids: JSON.stringify(members.map((m) => m.id)),
      quorum_met: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { councilId: council.id, meetingId: meeting.id, actorMemberId: members[2]!.id };
}

function evaluationSamples(): Record<string, Sample> {
  const evaluationRoute = (
    state: EvaluationState,
    suffix: string,
    body: (id: string) => unknown = () => ({ expectedVersion: 1 }),
  ): Sample => ({
    targets: TARGETS,
    async build(u) {
      const { evaluationId } = await evaluationFor(u!, state);
      return { url: `/api/evaluations/${evaluationId}${suffix}`, body: body(evaluationId) };
    },
  });
  return {
    'GET /api/periods': {
      targets: null,
      build: async () => ({ url: '/api/periods' }),
      // A period is the actor's when it is organised within their units or one of their communes
      // takes part in it (the seed has periods of both provinces).
      async checkScope(json, home) {
        const items = json as { id: string }[];
        expect(items.length).toBeGreaterThan(0);
        for (const { id } of items) {
          const organiser = await t.ctx.db
            .selectFrom('evaluation_periods')
            .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
            .select('units.path')
            .where('evaluation_periods.id', '=', id)
            .executeTakeFirstOrThrow();
          const communes = await t.ctx.db
            .selectFrom('evaluations')
            .innerJoin('units', 'units.id', 'evaluations.unit_id')
            .select('units.path')
            .where('evaluations.period_id', '=', id)
            .execute();
          const paths = [organiser.path, ...communes.map((c) => c.path)];
          expect(paths.some((p) => p.startsWith(home.path))).toBe(true);
        }
      },
    },
    'POST /api/periods': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/periods',
        body: {
          unitId: organiserOf(u!).id,
          year: 2026,
          name: 'Kỳ đánh giá thử',
          evaluatingLevel: 'province',
          frameworkCode: 'TCPL-2021',
          selfAssessmentDue: '2026-12-01',
          submissionDue: '2026-12-10',
          appraisalDue: '2026-12-20',
          decisionDue: '2026-12-30',
          unitIds: [u!.id],
        },
      }),
    },
    'GET /api/periods/:id/summary': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/periods/${(await evaluationFor(u!, 'appraised')).periodId}/summary`,
      }),
    },
    'GET /api/periods/:id/results': {
      targets: TARGETS,
      async build(u) {
        const { periodId } = await evaluationFor(u!, 'appraised');
        // The own commune's period also has the sibling commune: its row is for the province only.
        if (u!.id === tree.communeA.id)
          await t.ctx.db
            .insertInto('evaluations')
            .values({ period_id: periodId, unit_id: tree.communeB.id })
            .execute();
        return { url: `/api/periods/${periodId}/results` };
      },
      async checkScope(json, home) {
        const items = json as { unit: { id: string } }[];
        expect(items.length).toBeGreaterThan(0);
        for (const path of await pathsOfUnits(items.map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'GET /api/evaluations': {
      targets: null,
      // The seed has an evaluation in each commune.
      build: async () => ({ url: '/api/evaluations' }),
      async checkScope(json, home) {
        const items = json as { unit: { id: string } }[];
        expect(items.length).toBeGreaterThan(0);
        for (const path of await pathsOfUnits(items.map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'GET /api/evaluations/:id': {
      ...evaluationRoute('draft', ''),
      build: async (u) => ({ url: `/api/evaluations/${(await evaluationFor(u!, 'draft')).evaluationId}` }),
    },
    'PUT /api/evaluations/:id/self-assessment': evaluationRoute('draft', '/self-assessment', () => ({
      expectedVersion: 1,
      narrative: { goals: 'Mục tiêu mới' },
    })),
    'POST /api/evaluations/:id/computed-inputs': evaluationRoute('draft', '/computed-inputs'),
    'POST /api/evaluations/:id/assignments': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'draft');
        const officer = await someUser(u!, 'commune_officer');
        return {
          url: `/api/evaluations/${evaluationId}/assignments`,
          body: { nodeCode: '1.1', userId: officer.id },
        };
      },
    },
    'POST /api/evaluations/:id/register': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await createEvaluationInState(t.ctx.db, {
          organiser: organiserOf(u!),
          commune: u!,
          state: 'draft',
          registrationDue: '2099-12-31',
        });
        return { url: `/api/evaluations/${evaluationId}/register`, body: { expectedVersion: 1 } };
      },
    },
    'POST /api/evaluations/:id/submit': evaluationRoute('draft', '/submit'),
    'POST /api/evaluations/:id/post': evaluationRoute('submitted', '/post'),
    'POST /api/evaluations/:id/send': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'posted');
        await t.ctx.db
          .updateTable('evaluations')
          .set({ posted_until: '2026-01-01' })
          .where('id', '=', evaluationId)
          .execute();
        return { url: `/api/evaluations/${evaluationId}/send`, body: { expectedVersion: 1 } };
      },
    },
    'POST /api/evaluations/:id/reopen': evaluationRoute('draft', '/reopen', () => ({
      expectedVersion: 1,
      until: '2099-01-01',
      reason: 'Xã xin gia hạn vì mất điện',
    })),
    'POST /api/evaluations/:id/reopen-correction': evaluationRoute('appraised', '/reopen-correction', () => ({
      expectedVersion: 1,
      until: '2099-01-01',
      reason: 'Sửa theo phiên bản bộ tiêu chí mới',
    })),
    'PUT /api/evaluations/:id/verdicts': evaluationRoute('under_appraisal', '/verdicts', () => ({
      nodeCode: '1.1',
      verdict: 'accept',
    })),
    'POST /api/evaluations/:id/return': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'under_appraisal');
        await verdict(evaluationId, u!, 'explain');
        return { url: `/api/evaluations/${evaluationId}/return`, body: { expectedVersion: 1 } };
      },
    },
    'POST /api/evaluations/:id/explanations': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'returned');
        await verdict(evaluationId, u!, 'explain');
        return {
          url: `/api/evaluations/${evaluationId}/explanations`,
          body: { expectedVersion: 1, explanations: { '1.1': 'Đã bổ sung tài liệu kiểm chứng.' } },
        };
      },
    },
    'POST /api/evaluations/:id/appraise': evaluationRoute('under_appraisal', '/appraise'),
    'GET /api/evaluations/:id/comments': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'posted');
        // A comment on this evaluation, and one on another commune's (which must not show).
        for (const [evaluation, unit] of [
          [evaluationId, u!],
          [(await evaluationFor(tree.otherCommune, 'posted')).evaluationId, tree.otherCommune],
        ] as const)
          await t.ctx.db
            .insertInto('public_comments')
            .values({
              evaluation_id: evaluation,
              unit_id: unit.id,
              author_name: 'Người dân',
              content: 'Ý kiến.',
            })
            .execute();
        return { url: `/api/evaluations/${evaluationId}/comments` };
      },
      async checkScope(json, home) {
        const items = json as { id: string }[];
        expect(items.length).toBe(1);
        const rows = await t.ctx.db
          .selectFrom('public_comments')
          .innerJoin('units', 'units.id', 'public_comments.unit_id')
          .select('units.path')
          .where(
            'public_comments.id',
            'in',
            items.map((i) => i.id),
          )
          .execute();
        for (const row of rows) expect(row.path.startsWith(home.path)).toBe(true);
      },
    },
    'POST /api/evaluations/:id/comments/:commentId/response': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId } = await evaluationFor(u!, 'posted');
        const comment = await t.ctx.db
          .insertInto('public_comments')
          .values({
            evaluation_id: evaluationId,
            unit_id: u!.id,
            author_name: 'Người dân',
            content: 'Đề nghị xem lại chỉ tiêu 1.1.',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          url: `/api/evaluations/${evaluationId}/comments/${comment.id}/response`,
          body: { response: 'Đã tiếp thu và giải trình.', kind: 'accepted' },
        };
      },
    },
    'GET /api/public/evaluations/:id': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/public/evaluations/${(await evaluationFor(u!, 'posted')).evaluationId}`,
      }),
    },
    'POST /api/public/evaluations/:id/comments': {
      targets: TARGETS,
      async build(u) {
        return {
          url: `/api/public/evaluations/${(await evaluationFor(u!, 'posted')).evaluationId}/comments`,
          body: { authorName: 'Trần Thị B', content: 'Ý kiến về kết quả tự đánh giá của xã.' },
        };
      },
    },
    'POST /api/periods/:id/council': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/periods/${(await evaluationFor(u!, 'appraised')).periodId}/council`,
        body: { name: 'Hội đồng đánh giá năm 2026', members: COUNCIL_MEMBERS },
      }),
    },
    'GET /api/periods/:id/council': {
      targets: TARGETS,
      async build(u, actor) {
        const { periodId } = await evaluationFor(u!, 'appraised');
        await councilFor(periodId, u!, actor);
        return { url: `/api/periods/${periodId}/council` };
      },
    },
    'GET /api/periods/:id/council/candidates': {
      targets: TARGETS,
      async build(u, actor) {
        const { periodId } = await evaluationFor(u!, 'appraised');
        await councilFor(periodId, u!, actor);
        return { url: `/api/periods/${periodId}/council/candidates` };
      },
      async checkScope(json, home) {
        const users = json as { id: string }[];
        for (const user of users) {
          const rows = await t.ctx.db
            .selectFrom('role_assignments')
            .innerJoin('units', 'units.id', 'role_assignments.unit_id')
            .select('units.path')
            .where('role_assignments.user_id', '=', user.id)
            .execute();
          expect(rows.some((r) => r.path.startsWith(home.path))).toBe(true);
        }
      },
    },
    'PUT /api/periods/:id/council/members/:memberId/user': {
      targets: TARGETS,
      perRole: true,
      async build(u, actor) {
        const { periodId } = await evaluationFor(u!, 'appraised');
        const { actorMemberId } = await councilFor(periodId, u!, actor);
        return {
          url: `/api/periods/${periodId}/council/members/${actorMemberId}/user`,
          body: { userId: null },
        };
      },
    },
    'POST /api/periods/:id/council/meetings': {
      targets: TARGETS,
      async build(u, actor) {
        const { periodId } = await evaluationFor(u!, 'appraised');
        await councilFor(periodId, u!, actor);
        const members = await t.ctx.db
          .selectFrom('council_members')
          .innerJoin('councils', 'councils.id', 'council_members.council_id')
          .select('council_members.id')
          .where('councils.period_id', '=', periodId)
          .execute();
        return {
          url: `/api/periods/${periodId}/council/meetings`,
          body: { mode: 'meeting', heldOn: '2026-11-21', presentMemberIds: members.map((m) => m.id) },
        };
      },
    },
    'PUT /api/periods/:id/council/meetings/:meetingId/opinions': {
      targets: TARGETS,
      // The acting user is the member giving the opinion.
      perRole: true,
      async build(u, actor) {
        const { periodId, evaluationId } = await evaluationFor(u!, 'appraised');
        const { meetingId, actorMemberId } = await councilFor(periodId, u!, actor);
        return {
          url: `/api/periods/${periodId}/council/meetings/${meetingId}/opinions`,
          body: { memberId: actorMemberId, evaluationId, opinion: 'achieved' },
        };
      },
    },
    'POST /api/periods/:id/decision': {
      targets: TARGETS,
      async build(u, actor) {
        const { periodId, evaluationId } = await evaluationFor(u!, 'appraised');
        await councilFor(periodId, u!, actor);
        return {
          url: `/api/periods/${periodId}/decision`,
          body: {
            number: '01/QĐ-UBND',
            signedOn: '2026-11-22',
            signerName: 'Nguyễn Văn A',
            signerTitle: 'Chủ tịch UBND tỉnh',
            achievedEvaluationIds: [evaluationId],
          },
        };
      },
    },
    'GET /api/evaluations/:id/evidence': {
      targets: TARGETS,
      async build(u) {
        // Another province's commune has a file too: it must not show.
        await evidenceFor(tree.otherCommune);
        return { url: `/api/evaluations/${(await evidenceFor(u!)).evaluationId}/evidence` };
      },
      // Grouped by indicator: { byNode: { '1.1': [file, …] }, count }.
      async checkScope(json, home) {
        const files = Object.values((json as { byNode: Record<string, { id: string }[]> }).byNode).flat();
        expect(files.length).toBe(1);
        const rows = await t.ctx.db
          .selectFrom('evidence_files')
          .innerJoin('units', 'units.id', 'evidence_files.unit_id')
          .select('units.path')
          .where(
            'evidence_files.id',
            'in',
            files.map((f) => f.id),
          )
          .execute();
        expect(rows).toHaveLength(1);
        for (const row of rows) expect(row.path.startsWith(home.path)).toBe(true);
      },
    },
    'POST /api/evaluations/:id/evidence': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/evaluations/${(await evaluationFor(u!, 'draft')).evaluationId}/evidence?nodeCode=1.1`,
        multipart: multipartBody({ data: SAMPLE_PDF, fileName: 'Kế hoạch.pdf' }),
      }),
    },
    'GET /api/evaluations/:id/evidence/:fileId': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId, fileId } = await evidenceFor(u!);
        return { url: `/api/evaluations/${evaluationId}/evidence/${fileId}` };
      },
    },
    'DELETE /api/evaluations/:id/evidence/:fileId': {
      targets: TARGETS,
      async build(u) {
        const { evaluationId, fileId } = await evidenceFor(u!);
        return { url: `/api/evaluations/${evaluationId}/evidence/${fileId}` };
      },
    },
    'GET /api/public/periods/:id/decision': {
      targets: TARGETS,
      async build(u, actor) {
        const { periodId, evaluationId } = await evaluationFor(u!, 'appraised');
        await councilFor(periodId, u!, actor);
        await decide(periodId, evaluationId, u!);
        return { url: `/api/public/periods/${periodId}/decision` };
      },
    },
  };
}

/** Records a published decision for the period, with the evaluation achieving the standard. */
async function decide(periodId: string, evaluationId: string, unit: TestUnit) {
  await t.ctx.db
    .insertInto('recognition_decisions')
    .values({
      period_id: periodId,
      unit_id: organiserOf(unit).id,
      number: `${++counter}/QĐ-UBND`,
      signed_on: '2026-11-22',
      signer_name: 'Nguyễn Văn A',
      signer_title: 'Chủ tịch UBND tỉnh',
    })
    .execute();
  await t.ctx.db
    .updateTable('evaluations')
    .set({ state: 'decided_achieved' })
    .where('id', '=', evaluationId)
    .execute();
}

/** A province's own framework (a copy of the CCHC template), stored directly. */
async function provinceFramework(owner: TestUnit) {
  const framework = copyFramework(getBuiltinFramework('CCHC-XA-MAU'), {
    code: `CCHC-ACC-${++counter}`,
    name: `Bộ chỉ số CCHC thử ${counter}`,
  });
  const row = await t.ctx.db
    .insertInto('framework_versions')
    .values({
      code: framework.code,
      version: 1,
      name: framework.name,
      family: framework.family,
      content: canonicalJson(framework),
      content_hash: contentHash(framework),
      owner_unit_id: owner.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, framework };
}

/** A province's framework with a stored draft (a renamed copy, valid and different): the editor routes. */
async function frameworkWithDraft(owner: TestUnit) {
  const { id, framework } = await provinceFramework(owner);
  const content = { ...framework, name: `${framework.name} (sửa)`, version: 2 };
  await t.ctx.db
    .insertInto('framework_drafts')
    .values({
      code: framework.code,
      owner_unit_id: owner.id,
      base_version_id: id,
      content: canonicalJson(content),
    })
    .execute();
  return { id, framework };
}

/** A period of `organiser` on version 1 of a province framework that has a version 2 (the re-score routes). */
async function periodWithNewerFramework(organiser: TestUnit) {
  const { id: v1, framework } = await provinceFramework(organiser);
  const next = { ...framework, version: 2, name: `${framework.name} (phiên bản 2)` };
  const v2 = await t.ctx.db
    .insertInto('framework_versions')
    .values({
      code: next.code,
      version: 2,
      name: next.name,
      family: next.family,
      content: canonicalJson(next),
      content_hash: contentHash(next),
      owner_unit_id: organiser.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const period = await t.ctx.db
    .insertInto('evaluation_periods')
    .values({
      unit_id: organiser.id,
      year: 2026,
      name: `Kỳ chấm lại ${++counter}`,
      evaluating_level: 'province',
      framework_version_id: v1,
      self_assessment_due: '2099-01-10',
      submission_due: '2099-01-20',
      appraisal_due: '2099-01-30',
      decision_due: '2099-02-10',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { periodId: period.id, to: v2.id, hash: contentHash(next) };
}

/** Documents built from stored data: read like the evaluation or the organised period; the ZIP only by its requester. */
function documentSamples(): Record<string, Sample> {
  return {
    'GET /api/evaluations/:id/documents/:form': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/evaluations/${(await evaluationFor(u!, 'submitted')).evaluationId}/documents/mau-02`,
      }),
    },
    'GET /api/periods/:id/documents/:form': {
      targets: TARGETS,
      async build(u) {
        const { periodId, evaluationId } = await evaluationFor(u!, 'appraised');
        await decide(periodId, evaluationId, u!);
        return { url: `/api/periods/${periodId}/documents/mau-08` };
      },
    },
    'POST /api/periods/:id/documents/bulk': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/periods/${(await evaluationFor(u!, 'appraised')).periodId}/documents/bulk`,
        body: { forms: ['mau-02'], format: 'docx' },
      }),
    },
    'GET /api/registers/tthc/bieu-06': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/registers/tthc/bieu-06?unitId=${u!.id}&from=2026-01-01&to=2026-12-31`,
      }),
    },
    'GET /api/registers/tthc/bieu-06/download': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/registers/tthc/bieu-06/download?unitId=${u!.id}&from=2026-01-01&to=2026-12-31&format=xlsx`,
      }),
    },
    'GET /api/registers/tthc/aggregates': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/registers/tthc/aggregates?unitId=${u!.id}&from=2026-01-01&to=2026-12-31`,
      }),
    },
    'PUT /api/registers/tthc/aggregates': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/registers/tthc/aggregates',
        body: {
          unitId: u!.id,
          from: '2026-01-01',
          to: '2026-12-31',
          rows: [
            {
              field: 'Hộ tịch',
              received: 3,
              online: 1,
              direct: 2,
              carriedOver: 0,
              resolved: 3,
              early: 1,
              onTime: 2,
              late: 0,
              pending: 0,
              pendingWithinDue: 0,
              pendingOverdue: 0,
            },
          ],
        },
      }),
    },
    'POST /api/registers/tthc/aggregates/import': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/registers/tthc/aggregates/import?unitId=${u!.id}&from=2026-01-01&to=2026-12-31`,
        multipart: multipartBody({
          data: Buffer.from(
            'linh_vuc,tong_so_nhan,nhan_truc_tuyen,nhan_truc_tiep_buu_chinh,tu_ky_truoc,da_giai_quyet,' +
              'truoc_han,dung_han,qua_han,dang_giai_quyet,dang_trong_han,dang_qua_han\n' +
              'Hộ tịch,3,1,2,0,3,1,2,0,0,0,0\n',
          ),
          fileName: 'bieu-06.csv',
        }),
      }),
    },
    'GET /api/jobs/:id/download': {
      targets: TARGETS,
      perRole: true,
      async build(u, actor) {
        // "own": the acting user asked for the export; otherwise someone of the target unit did.
        const owner = u!.id === tree.communeA.id ? actor : await someUser(u!);
        const job = await t.ctx.db
          .insertInto('jobs')
          .values({
            name: 'documents.bulk',
            payload: '{}',
            status: 'succeeded',
            created_by: owner.id,
            unit_id: u!.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await t.ctx.files.put(`exports/bulk-${job.id}`, Buffer.from('PK'));
        await t.ctx.db
          .updateTable('jobs')
          .set({ result: JSON.stringify({ file: `exports/bulk-${job.id}`, documents: 0, failures: [] }) })
          .where('id', '=', job.id)
          .execute();
        return { url: `/api/jobs/${job.id}/download` };
      },
    },
  };
}

function frameworkSamples(): Record<string, Sample> {
  return {
    'GET /api/frameworks': {
      targets: null,
      // The seed has a framework of each province.
      build: async () => ({ url: '/api/frameworks' }),
      async checkScope(json, home) {
        const items = (json as { items: { owner: { id: string } | null }[] }).items;
        expect(items.some((i) => i.owner === null)).toBe(true);
        const owned = items.filter((i) => i.owner).map((i) => i.owner!.id);
        for (const path of await pathsOfUnits(owned))
          expect(path.startsWith(home.path) || home.path.startsWith(path)).toBe(true);
      },
    },
    'GET /api/frameworks/mappings': {
      targets: null,
      build: async () => ({ url: '/api/frameworks/mappings' }),
      unscopedList: 'the built-in mappings between national framework versions, the same for everyone',
    },
    'GET /api/frameworks/:id': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}` }),
    },
    'GET /api/frameworks/content/:hash': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/frameworks/content/${contentHash((await provinceFramework(organiserOf(u!))).framework)}`,
      }),
    },
    'GET /api/frameworks/:id/export': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}/export`,
      }),
    },
    'POST /api/frameworks/import': {
      targets: TARGETS,
      async build(u) {
        const framework = { ...getBuiltinFramework('CCHC-XA-MAU'), code: `CCHC-NHAP-${++counter}` };
        return { url: '/api/frameworks/import', body: { ownerUnitId: organiserOf(u!).id, framework } };
      },
    },
    'POST /api/frameworks/:id/copy': {
      targets: TARGETS,
      async build(u) {
        const { id } = await provinceFramework(organiserOf(u!));
        return {
          url: `/api/frameworks/${id}/copy`,
          body: { ownerUnitId: organiserOf(u!).id, code: `CCHC-SAO-${++counter}`, name: 'Bản sao thử' },
        };
      },
    },
    'GET /api/frameworks/:id/draft': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}/draft` }),
    },
    'PUT /api/frameworks/:id/draft': {
      targets: TARGETS,
      async build(u) {
        const { id, framework } = await provinceFramework(organiserOf(u!));
        return {
          url: `/api/frameworks/${id}/draft`,
          body: { content: { ...framework, name: `${framework.name} (sửa)` }, expectedVersion: 0 },
        };
      },
    },
    'DELETE /api/frameworks/:id/draft': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/frameworks/${(await frameworkWithDraft(organiserOf(u!))).id}/draft`,
      }),
    },
    'POST /api/frameworks/:id/draft/publish': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/frameworks/${(await frameworkWithDraft(organiserOf(u!))).id}/draft/publish`,
        body: { expectedVersion: 1 },
      }),
    },
    'POST /api/frameworks/:id/draft/xlsx': {
      targets: TARGETS,
      async build(u) {
        const { id, framework } = await provinceFramework(organiserOf(u!));
        const file = await writeFrameworkXlsx({ ...framework, name: `${framework.name} (bảng tính)` });
        return {
          url: `/api/frameworks/${id}/draft/xlsx`,
          body: { fileBase64: file.toString('base64'), expectedVersion: 0 },
        };
      },
    },
    'POST /api/frameworks/:id/draft/preview': {
      targets: TARGETS,
      async build(u) {
        const { id, framework } = await provinceFramework(organiserOf(u!));
        return { url: `/api/frameworks/${id}/draft/preview`, body: { content: framework } };
      },
    },
    'GET /api/frameworks/:id/xlsx': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}/xlsx` }),
    },
    'GET /api/periods/:id/rescore': {
      targets: TARGETS,
      async build(u) {
        const { periodId, to } = await periodWithNewerFramework(organiserOf(u!));
        return { url: `/api/periods/${periodId}/rescore?frameworkVersionId=${to}` };
      },
    },
    'POST /api/periods/:id/rescore': {
      targets: TARGETS,
      async build(u) {
        const { periodId, to, hash } = await periodWithNewerFramework(organiserOf(u!));
        return {
          url: `/api/periods/${periodId}/rescore`,
          body: { frameworkVersionId: to, expectedHash: hash },
        };
      },
    },
    'GET /api/evaluations/:id/gaps': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/evaluations/${(await evaluationFor(u!, 'draft')).evaluationId}/gaps`,
      }),
    },
  };
}

/** A plan of `unit` (draft or issued) with one task, written directly. */
async function planFor(unit: TestUnit, status: 'draft' | 'issued' = 'draft') {
  const plan = await t.ctx.db
    .insertInto('plans')
    .values({
      unit_id: unit.id,
      kind: 'implementation',
      year: 2026,
      title: `Kế hoạch thử ${++counter}`,
      issuing_body: `Ủy ban nhân dân ${unit.name}`,
      status,
      number: status === 'draft' ? null : `${counter}/KH-UBND`,
      issued_on: status === 'draft' ? null : '2026-01-05',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const task = await t.ctx.db
    .insertInto('plan_tasks')
    .values({ plan_id: plan.id, unit_id: unit.id, position: 0, code: '1', title: 'Nhiệm vụ thử' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: plan.id, taskId: task.id };
}

/** An issued plan of `unit` whose task has one stored evidence file. */
async function planFileFor(unit: TestUnit) {
  const plan = await planFor(unit, 'issued');
  const uploader = await someUser(unit);
  const key = newStorageKey('plan-task');
  await t.ctx.files.put(key, SAMPLE_PDF);
  const file = await t.ctx.db
    .insertInto('plan_task_files')
    .values({
      task_id: plan.taskId,
      plan_id: plan.id,
      unit_id: unit.id,
      file_name: 'Báo cáo kết quả.pdf',
      content_type: 'application/pdf',
      size_bytes: SAMPLE_PDF.length,
      sha256: createHash('sha256').update(SAMPLE_PDF).digest('hex'),
      storage_key: key,
      uploaded_by: uploader.id,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return `/api/plans/${plan.id}/tasks/${plan.taskId}/files/${file.id}`;
}

function planSamples(): Record<string, Sample> {
  return {
    'GET /api/plans': {
      targets: null,
      async build() {
        await planFor(tree.communeA);
        await planFor(tree.otherCommune);
        return { url: '/api/plans' };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unit: { id: string }; assignedOnly: boolean }[] }).items;
        for (const path of await pathsOfUnits(items.filter((i) => !i.assignedOnly).map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'GET /api/plans/templates': {
      targets: null,
      build: async () => ({ url: '/api/plans/templates' }),
      unscopedList: 'the plan templates shipped with the product, the same for everyone',
    },
    'POST /api/plans': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/plans',
        body: {
          unitId: u!.id,
          kind: 'implementation',
          year: 2026,
          title: 'Kế hoạch thử',
          issuingBody: `Ủy ban nhân dân ${u!.name}`,
          template: 'tcpl-implementation',
        },
      }),
    },
    'GET /api/plans/:id': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/plans/${(await planFor(u!)).id}` }),
    },
    'GET /api/plans/:id/document': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/plans/${(await planFor(u!)).id}/document` }),
    },
    'GET /api/plans/:id/progress': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/plans/${(await planFor(u!)).id}/progress?format=xlsx` }),
    },
    'PATCH /api/plans/:id': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/plans/${(await planFor(u!)).id}`,
        body: { funding: `Kinh phí ${++counter}` },
      }),
    },
    'POST /api/plans/:id/issue': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/plans/${(await planFor(u!)).id}/issue`,
        body: { number: `${++counter}/KH-UBND`, issuedOn: '2026-01-05' },
      }),
    },
    'POST /api/plans/:id/close': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/plans/${(await planFor(u!, 'issued')).id}/close` }),
    },
    'POST /api/plans/:id/tasks': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/plans/${(await planFor(u!)).id}/tasks`,
        body: { code: '2', title: 'Nhiệm vụ thêm' },
      }),
    },
    'PATCH /api/plans/:id/tasks/:taskId': {
      targets: TARGETS,
      async build(u) {
        const plan = await planFor(u!, 'issued');
        return { url: `/api/plans/${plan.id}/tasks/${plan.taskId}`, body: { status: 'in_progress' } };
      },
    },
    'POST /api/plans/:id/tasks/:taskId/files': {
      targets: TARGETS,
      async build(u) {
        const plan = await planFor(u!, 'issued');
        return {
          url: `/api/plans/${plan.id}/tasks/${plan.taskId}/files`,
          multipart: multipartBody({ data: SAMPLE_PDF, fileName: 'Báo cáo.pdf' }),
        };
      },
    },
    'GET /api/plans/:id/tasks/:taskId/files/:fileId': {
      targets: TARGETS,
      build: async (u) => ({ url: await planFileFor(u!) }),
    },
    'DELETE /api/plans/:id/tasks/:taskId/files/:fileId': {
      targets: TARGETS,
      build: async (u) => ({ url: await planFileFor(u!) }),
    },
    'GET /api/plans/tasks/due': {
      targets: null,
      async build() {
        for (const unit of [tree.communeA, tree.otherCommune]) {
          const plan = await planFor(unit, 'issued');
          await t.ctx.db
            .updateTable('plan_tasks')
            .set({ due_on: '2026-01-10' })
            .where('id', '=', plan.taskId)
            .execute();
        }
        return { url: '/api/plans/tasks/due' };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unit: { id: string } }[] }).items;
        for (const path of await pathsOfUnits(items.map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'POST /api/plans/remediation': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/plans/remediation',
        body: { evaluationId: (await evaluationFor(u!, 'appraised')).evaluationId },
      }),
    },
  };
}

/** A petition in `unit`'s book, written directly. */
async function bookRecordFor(unit: TestUnit) {
  return t.ctx.db
    .insertInto('book_records')
    .values({
      unit_id: unit.id,
      kind: 'petition',
      record_date: '2026-02-02',
      data: JSON.stringify({ ngayNhan: '2026-02-02', nguoiGui: `Công dân ${++counter}`, loai: 'kienNghi' }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

function bookSamples(): Record<string, Sample> {
  const range = 'from=2026-01-01&to=2026-06-30';
  return {
    'GET /api/books/records': {
      targets: null,
      async build() {
        await bookRecordFor(tree.communeA);
        await bookRecordFor(tree.otherCommune);
        return { url: '/api/books/records?kind=petition' };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unitId: string }[] }).items;
        for (const path of await pathsOfUnits(items.map((i) => i.unitId)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'POST /api/books/records': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/books/records',
        body: {
          unitId: u!.id,
          kind: 'reception',
          data: { ngay: '2026-02-06', hinhThuc: 'dinhKy', nguoiTiep: 'Chủ tịch', soLuot: 2 },
        },
      }),
    },
    'PUT /api/books/records/:id': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/books/records/${(await bookRecordFor(u!)).id}`,
        body: {
          expectedVersion: 1,
          data: { ngayNhan: '2026-02-02', nguoiGui: 'Công dân', loai: 'phanAnh' },
        },
      }),
    },
    'DELETE /api/books/records/:id': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/books/records/${(await bookRecordFor(u!)).id}?expectedVersion=1` }),
    },
    'POST /api/books/records/import': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/books/records/import?unitId=${u!.id}&kind=petition`,
        multipart: multipartBody({
          data: Buffer.from('ngay_nhan,nguoi_gui,loai\n02/02/2026,Công dân,Kiến nghị\n'),
          fileName: 'don.csv',
        }),
      }),
    },
    'GET /api/books/records/export': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/books/records/export?kind=petition&unitId=${u!.id}` }),
    },
    'GET /api/books/reception-summary': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/books/reception-summary?unitId=${u!.id}&${range}` }),
    },
    'GET /api/books/report': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/books/report?unitId=${u!.id}&${range}` }),
    },
  };
}

/** The version an edit form would send back (optimistic check of units and calendar days). */
async function updatedAtOf(table: 'units' | 'holidays', id: string) {
  const row = await t.ctx.db
    .selectFrom(table)
    .select('updated_at')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.updated_at.toISOString();
}

async function someHoliday() {
  const row = await t.ctx.db
    .insertInto('holidays')
    .values({ day: addDays('2035-01-01', ++counter), name: 'Ngày nghỉ thử', kind: 'holiday' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** An API token of the unit's TTHC register, stored directly; returns its id and the token itself. */
export async function someApiToken(unit: TestUnit) {
  const token = newApiToken();
  const row = await t.ctx.db
    .insertInto('register_tokens')
    .values({
      unit_id: unit.id,
      register: 'tthc',
      name: `Hệ thống một cửa ${++counter}`,
      token_hash: apiTokenHash(token),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** Register tokens (administrators of the commune's province) and the push API (whoever holds a token). */
function registerSamples(): Record<string, Sample> {
  return {
    'GET /api/registers/tokens': {
      targets: null,
      async build() {
        for (const unit of [tree.communeA, tree.communeB, tree.otherCommune]) await someApiToken(unit);
        return { url: '/api/registers/tokens' };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unit: { id: string } }[] }).items;
        expect(items.length).toBeGreaterThan(0);
        for (const path of await pathsOfUnits(items.map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'POST /api/registers/tokens': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/registers/tokens',
        body: { unitId: u!.id, register: 'tthc', name: 'Hệ thống một cửa tỉnh thử' },
      }),
    },
    'POST /api/registers/tokens/:id/revoke': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/registers/tokens/${(await someApiToken(u!)).id}/revoke` }),
    },
    // The role does not matter: the token names the commune, and only its register is written.
    'PUT /api/registers/tthc/dossiers': {
      targets: TARGETS,
      async build(u) {
        const { token } = await someApiToken(u!);
        return {
          url: '/api/registers/tthc/dossiers',
          headers: { authorization: `Bearer ${token}` },
          body: {
            dossiers: [
              {
                ma_ho_so: `HS-${++counter}`,
                ma_thu_tuc: '1.001',
                ten_thu_tuc: 'Đăng ký khai sinh',
                linh_vuc: 'Hộ tịch',
                kenh_nop: 'truc_tuyen',
                ngay_tiep_nhan: '2026-03-02',
                han_tra_ket_qua: '2026-03-04',
                ngay_tra_ket_qua: '2026-03-03T09:15:00+07:00',
                trang_thai: 'Đã trả kết quả',
                so_hoa: true,
                ket_qua_dien_tu: 1,
                thanh_toan_truc_tuyen: null,
              },
            ],
          },
        };
      },
    },
  };
}

export const keyOf = (route: RouteDef) => `${route.method} ${route.url}`;

/**
 * A refused request must not write a row anywhere, not even in the audit log. Each table is
 * fingerprinted by the identity of its row versions (`xmin`, `ctid`): PostgreSQL writes a new
 * version for every insert and update (even one that sets the same values) and drops one on
 * delete, so any write shows, while a transaction rolled back leaves them as they were. This
 * is cheap on tables with large JSON (frameworks, evaluations), where digesting the content
 * cost more than the requests themselves.
 * One exception, digested by content instead, without the columns named here: a session's
 * `last_seen_at`/`expires_at` slide when the session is used (session-plugin touches them at most
 * once a minute, on any request, allowed or not); that is the caller's session being used, not
 * the refused write.
 */
const VOLATILE_COLUMNS: Record<string, string[]> = { sessions: ['last_seen_at', 'expires_at'] };
let fingerprintQuery: ReturnType<typeof sql.raw<Record<string, string>>>;

/** Counters of attempts, written on purpose by refused requests too (the limits count them: ADR 0020). */
const ATTEMPT_TABLES = ['attempt_counters', 'sign_in_unknown_names'];

/** Every table of the public schema (read from the catalogue, so a new table is covered) but the attempt counters. */
async function prepareFingerprint() {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and not (table_name = any(${ATTEMPT_TABLES}))
    order by table_name
  `.execute(t.ctx.db);
  expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(['audit_log', 'users', 'evaluations']));
  const columns = rows.map(({ name }) => {
    const ident = `"${name.replaceAll('"', '""')}"`;
    const volatile = VOLATILE_COLUMNS[name];
    const row = volatile
      ? `(to_jsonb(x)${volatile.map((c) => ` - '${c}'`).join('')})::text`
      : `x.xmin::text || x.ctid::text`;
    return `(select count(*)::text || ':' || md5(coalesce(string_agg(r, ',' order by r), ''))
      from (select ${row} as r from ${ident} x) rows) as ${ident}`;
  });
  fingerprintQuery = sql.raw<Record<string, string>>(`select ${columns.join(',\n')}`);
}

/** Row counts and content digests of every table: what a forbidden request must not change. */
export async function fingerprint() {
  const { rows } = await fingerprintQuery.execute(t.ctx.db);
  return rows[0];
}

/**
 * The rows written to each table so far in this transaction (tables not written to are absent), from
 * PostgreSQL's own counters (`pg_stat_xact_user_tables`, kept by both engines), and the sessions'
 * digest as in `fingerprint`. Taken just before and after one request, it shows any write that request
 * made, even one rolled back since (stricter than `fingerprint`), for well under a millisecond where
 * `fingerprint` reads every table. Only inside the rollback dialect's outer transaction: outside one
 * the counters restart with every statement, so the function refuses.
 */
const writeCountersQuery = sql<{ inTransaction: boolean; writes: Record<string, string>; sessions: string }>`
  select
    statement_timestamp() > transaction_timestamp() as "inTransaction",
    (select coalesce(jsonb_object_agg(relname, (n_tup_ins + n_tup_upd + n_tup_del)::text), '{}')
      from pg_stat_xact_user_tables
      where schemaname = 'public' and n_tup_ins + n_tup_upd + n_tup_del > 0
        and relname <> all(${[...ATTEMPT_TABLES, 'sessions']})) as writes,
    (select count(*)::text || ':' || md5(coalesce(string_agg(r, ',' order by r), ''))
      from (select (to_jsonb(x) - 'last_seen_at' - 'expires_at')::text as r from sessions x) rows) as sessions
`;
export async function writeCounters(): Promise<Record<string, string>> {
  const { rows } = await writeCountersQuery.execute(t.ctx.db);
  const { inTransaction, writes, sessions } = rows[0]!;
  if (!inTransaction) throw new Error('writeCounters() needs the outer transaction of the rollback dialect');
  return { ...writes, sessions };
}

export type Client = Awaited<ReturnType<typeof createClient>>;
const clients = new Map<Role, Client>();
/** The seeded user holding `role` at its home unit (their writes are rolled back after each case). */
export const clientFor = (role: Role): Client => clients.get(role)!;

/** A user holding `role` at its home unit, with a session minted directly (no argon2). */
async function createClient(role: Role) {
  const user = await createUser(t.ctx.db, {
    role,
    unit: homeOf(role),
    username: `${role}-${++counter}`,
  });
  const token = newToken();
  const csrfToken = newToken(24);
  await insertSession(t.ctx.db, {
    id: sessionIdOf(token),
    userId: user.id,
    csrfToken,
    expiresAt: new Date(Date.now() + 3_600_000),
    ip: null,
    userAgent: null,
  });
  const headers = { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken };
  return {
    user,
    /** The session cookie and CSRF header, for a request built by hand. */
    headers,
    request: (method: string, built: Built) =>
      t.app.inject({
        method: method as 'GET',
        url: built.url,
        ...payloadOf(built, headers),
      }),
  };
}

/** Seeds the world every route-wide case starts from (call before `rollback.begin()`): the unit
 * tree, someone at every commune, a client per role, an evaluation (so a period) in each commune,
 * a framework of each province, an audit row per commune; prepares the fingerprint. */
export async function seedRouteWorld(app: TestApp) {
  t = app;
  tree = await createUnitTree(t.ctx.db);
  // Someone at every unit, so lists have something to show, and the acting user of each role.
  for (const unit of [tree.communeA, tree.communeB, tree.otherCommune]) await someUser(unit);
  const bystander: Actor = await someUser(tree.communeA);
  for (const role of ROLES) clients.set(role, await createClient(role));
  for (const unit of [tree.communeA, tree.communeB, tree.otherCommune]) await evaluationFor(unit, 'draft');
  for (const owner of [tree.province, tree.otherProvince]) await provinceFramework(owner);
  await t.ctx.db.transaction().execute(async (trx) => {
    const { writeAudit } = await import('@server/platform/audit/audit.ts');
    for (const unit of [tree.communeA, tree.communeB, tree.otherCommune])
      await writeAudit(trx, {
        action: 'unit.updated',
        objectType: 'unit',
        objectId: unit.id,
        unitId: unit.id,
      });
  });
  await prepareFingerprint();
  return { tree, bystander };
}

/** A dossier of `unit`'s TTHC register, its field named after the unit (to tell whose rows a list shows). */
async function dossierOf(unit: TestUnit) {
  await t.ctx.db
    .insertInto('tthc_dossiers')
    .values({
      unit_id: unit.id,
      code: `HS-${++counter}`,
      field: `Lĩnh vực ${unit.name}`,
      channel: 'truc_tiep',
      received_on: '2026-03-02',
      due_on: '2026-03-05',
      source: 'import',
    })
    .execute();
}

/** An upload of a small import file for `unit` made by `actor`, as the upload route leaves it. */
async function tthcUploadFor(unit: TestUnit, actor: Actor) {
  const id = randomUUID();
  const headers = ['ma_ho_so', 'linh_vuc', 'kenh_nop', 'ngay_tiep_nhan', 'han_tra_ket_qua'];
  const put = (key: string, text: string) => t.ctx.files.put(key, Buffer.from(text, 'utf8'));
  await put(`imports/${id}`, `${headers.join(',')}\nHS-1,Hộ tịch,truc_tiep,02/03/2026,05/03/2026\n`);
  await put(`imports/${id}-errors`, 'Dòng,Cột chuẩn,Cột trong tệp,Lỗi\n');
  await put(
    `imports/${id}-meta`,
    JSON.stringify({ unitId: unit.id, userId: actor.id, fileName: 'mot-cua.csv', kind: 'csv', headers }),
  );
  return { id, mapping: Object.fromEntries(headers.map((h) => [h, h])) };
}

function tthcRegisterSamples(): Record<string, Sample> {
  return {
    'POST /api/registers/tthc/imports': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/registers/tthc/imports?unitId=${u!.id}`,
        multipart: multipartBody({
          data: Buffer.from('ma_ho_so,linh_vuc\nHS-1,Hộ tịch\n'),
          fileName: 'mot-cua.csv',
        }),
      }),
    },
    // Only queues the job (the import itself: server/features/tthc/tthc.import.int.test.ts).
    'POST /api/registers/tthc/imports/:uploadId/start': {
      targets: TARGETS,
      perRole: true,
      async build(u, actor) {
        const { id, mapping } = await tthcUploadFor(u!, actor);
        return { url: `/api/registers/tthc/imports/${id}/start`, body: { mapping, sourceName: 'Một cửa' } };
      },
    },
    'GET /api/registers/tthc/imports/:uploadId/errors': {
      targets: TARGETS,
      perRole: true,
      build: async (u, actor) => ({
        url: `/api/registers/tthc/imports/${(await tthcUploadFor(u!, actor)).id}/errors`,
      }),
    },
    'GET /api/registers/tthc/dossiers': {
      targets: TARGETS,
      async build(u) {
        // Another province's commune has a dossier too: it must not show.
        await dossierOf(tree.otherCommune);
        await dossierOf(u!);
        return { url: `/api/registers/tthc/dossiers?unitId=${u!.id}` };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unitId: string }[] }).items;
        expect(items.length).toBeGreaterThan(0);
        for (const path of await pathsOfUnits(items.map((i) => i.unitId)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'GET /api/registers/tthc/fields': {
      targets: TARGETS,
      async build(u) {
        await dossierOf(tree.otherCommune);
        await dossierOf(u!);
        return { url: `/api/registers/tthc/fields?unitId=${u!.id}` };
      },
      async checkScope(json, home) {
        const fields = json as string[];
        expect(fields.length).toBe(1);
        const units = await t.ctx.db
          .selectFrom('units')
          .select('path')
          .where('name', '=', fields[0]!.replace('Lĩnh vực ', ''))
          .execute();
        expect(units.some((unit) => unit.path.startsWith(home.path))).toBe(true);
      },
    },
  };
}

/** A Mẫu 04 poll of `unit` (draft or open), written directly; `invitee`: a signed-in survey for that account. */
async function surveyFor(unit: TestUnit, status: 'draft' | 'open' = 'draft', invitee?: string) {
  const code = newSurveyCode();
  const template = SURVEY_TEMPLATES.mau04;
  const row = await t.ctx.db
    .insertInto('surveys')
    .values({
      unit_id: unit.id,
      kind: 'mau04',
      audience: invitee ? 'officials' : 'public',
      code,
      title: template.title,
      definition: JSON.stringify(template.definition),
      figure: JSON.stringify(template.figure),
      status,
      opens_on: '2020-01-01',
      closes_on: '2099-12-31',
      ticket_secret: 'bi-mat-thu',
      invitee_ids: JSON.stringify(invitee ? [invitee] : []),
    })
    .returning(['id', 'code'])
    .executeTakeFirstOrThrow();
  return row;
}

/** Analytics (issue #15): the area is the target commune; its appraised evaluation gives the figures. */
function analyticsSamples(): Record<string, Sample> {
  const area = (path: string) => ({
    targets: TARGETS,
    async build(u: TestUnit | null) {
      await evaluationFor(u!, 'appraised');
      return { url: `${path}?unitId=${u!.id}&family=tcpl` };
    },
  });
  return {
    'GET /api/analytics/dashboard': area('/api/analytics/dashboard'),
    'GET /api/analytics/dashboard.xlsx': area('/api/analytics/dashboard.xlsx'),
    'GET /api/analytics/indicators/:code/communes': area('/api/analytics/indicators/1.2/communes'),
    'GET /api/analytics/trends': area('/api/analytics/trends'),
    'GET /api/public/provinces/:code/recognition': {
      targets: TARGETS,
      async build(u) {
        await evaluationFor(u!, 'appraised');
        const province = u!.id === tree.otherCommune.id ? tree.otherProvince : tree.province;
        return { url: `/api/public/provinces/${province.code}/recognition` };
      },
    },
  };
}

const SURVEY_ANSWER = { answers: { hieuQua: 'hieu_qua' } };

function surveySamples(): Record<string, Sample> {
  return {
    'GET /api/surveys': {
      targets: null,
      async build() {
        await surveyFor(tree.communeA);
        await surveyFor(tree.otherCommune);
        return { url: '/api/surveys' };
      },
      async checkScope(json, home) {
        const items = (json as { items: { unit: { id: string } }[] }).items;
        for (const path of await pathsOfUnits(items.map((i) => i.unit.id)))
          expect(path.startsWith(home.path)).toBe(true);
      },
    },
    'GET /api/surveys/templates': {
      targets: null,
      build: async () => ({ url: '/api/surveys/templates' }),
      unscopedList: 'the questionnaires shipped with the product, the same for everyone',
    },
    'GET /api/surveys/invited': {
      targets: null,
      perRole: true,
      async build(_u, actor) {
        await surveyFor(tree.communeA, 'open', actor.id);
        return { url: '/api/surveys/invited' };
      },
      unscopedList: 'the open surveys the account itself is invited to answer, whatever their unit',
    },
    'POST /api/surveys': {
      targets: TARGETS,
      build: async (u) => ({
        url: '/api/surveys',
        body: { unitId: u!.id, kind: 'mau04', opensOn: '2026-01-05', closesOn: '2026-01-20' },
      }),
    },
    'GET /api/surveys/:id': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/surveys/${(await surveyFor(u!)).id}` }),
    },
    'GET /api/surveys/:id/document': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/surveys/${(await surveyFor(u!, 'open')).id}/document?format=xlsx` }),
    },
    'POST /api/surveys/:id/open': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/surveys/${(await surveyFor(u!)).id}/open` }),
    },
    'POST /api/surveys/:id/close': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/surveys/${(await surveyFor(u!, 'open')).id}/close` }),
    },
    'POST /api/surveys/:id/slips': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/surveys/${(await surveyFor(u!, 'open')).id}/slips`,
        body: { count: 2 },
      }),
    },
    'POST /api/surveys/:id/paper-answers': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/surveys/${(await surveyFor(u!, 'open')).id}/paper-answers`,
        body: SURVEY_ANSWER,
      }),
    },
    'POST /api/surveys/:id/answers': {
      targets: TARGETS,
      perRole: true,
      build: async (u, actor) => ({
        url: `/api/surveys/${(await surveyFor(u!, 'open', actor.id)).id}/answers`,
        body: SURVEY_ANSWER,
      }),
    },
    'GET /api/public/surveys/:code': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/public/surveys/${(await surveyFor(u!, 'open')).code}` }),
    },
    'POST /api/public/surveys/:code/answers': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/public/surveys/${(await surveyFor(u!, 'open')).code}/answers`,
        body: SURVEY_ANSWER,
      }),
    },
  };
}
