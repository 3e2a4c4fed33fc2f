/**
 * Generated access test: EVERY route in `apiRoutes` × EVERY role × objects inside and outside the
 * role's units (another commune of the same province, another province). Allowed → 2xx; forbidden
 * → 403/404 and, for writes, nothing changed. A route without a sample below fails the suite, so a
 * new route cannot escape it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleHasPermission, type Role } from '@shared/access/roles.ts';
import { addDays } from '@shared/calendar/working-days.ts';
import { apiRoutes } from '@server/app.ts';
import { insertSession } from '@server/features/auth/sessions.repo.ts';
import { SESSION_COOKIE, newToken, sessionIdOf } from '@server/platform/auth/tokens.ts';
import type { RouteDef } from '@server/platform/http/route.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { createUnitTree, createUser, TEST_PASSWORD, type TestUnit } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { multipartBody } from '@server/test/multipart.ts';
import { newStorageKey } from '@server/platform/storage/file-store.ts';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';
import { canonicalJson, contentHash, copyFramework, getBuiltinFramework } from '@shared/frameworks/index.ts';

type Tree = Awaited<ReturnType<typeof createUnitTree>>;
/** own: the commune of the commune roles (inside every role's units); sibling: another commune of
 * the same province; otherProvince: a commune of another province. */
type Target = 'own' | 'sibling' | 'otherProvince';
const TARGETS: Target[] = ['own', 'sibling', 'otherProvince'];
type Actor = { id: string; username: string };
/** What to send: a JSON body, or a multipart upload (payload and its content-type header). */
type Built = {
  url: string;
  body?: unknown;
  multipart?: { payload: Buffer; headers: Record<string, string> };
};

/** The inject options carrying a sample's body, JSON or multipart. */
const payloadOf = (built: Built, headers: Record<string, string> = {}) =>
  built.multipart
    ? { payload: built.multipart.payload, headers: { ...headers, ...built.multipart.headers } }
    : { headers, ...(built.body === undefined ? {} : { payload: built.body as object }) };

type Sample = {
  /** null: the route acts on no particular unit's object (one case per role). */
  targets: Target[] | null;
  build(target: TestUnit | null, actor: Actor): Promise<Built>;
  /** Overrides the rule "holds the permission at a unit above the target". */
  allowed?(role: Role, target: Target | null): boolean;
  /** For lists: every returned item lies within the actor's units. */
  checkScope?(json: unknown, home: TestUnit): Promise<void>;
};

let t: TestApp;
let tree: Tree;
let counter = 0;

const unitOf = (target: Target): TestUnit =>
  target === 'own' ? tree.communeA : target === 'sibling' ? tree.communeB : tree.otherCommune;

/** Where each role is held in this test (as in real life: national, provincial, communal). */
function homeOf(role: Role): TestUnit {
  if (role === 'system_admin') return tree.nation;
  if (role === 'commune_chairman' || role === 'commune_officer') return tree.communeA;
  return tree.province;
}

async function someUser(unit: TestUnit, role: Role = 'commune_officer') {
  return createUser(t.ctx.db, { role, unit, username: `u${++counter}-${randomUUID().slice(0, 6)}` });
}

async function pathsOfUnits(ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await t.ctx.db.selectFrom('units').select('path').where('id', 'in', ids).execute();
  return rows.map((r) => r.path);
}

const samples: Record<string, Sample> = {
  'POST /api/auth/sign-in': {
    targets: null,
    build: async (_u, actor) => ({
      url: '/api/auth/sign-in',
      body: { username: actor.username, password: TEST_PASSWORD },
    }),
  },
  'GET /api/auth/me': { targets: null, build: async () => ({ url: '/api/auth/me' }) },
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
    // Only whoever asked for the work, or a system administrator.
    allowed: (role) => role === 'system_admin',
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
    build: async (u) => ({ url: `/api/units/${u!.id}`, body: { name: `${u!.name} ${++counter}` } }),
  },
  'GET /api/units/import/provinces': {
    targets: null,
    build: async () => ({ url: '/api/units/import/provinces' }),
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
        body: { day: addDays('2035-01-01', ++counter), name: 'Ngày nghỉ đã sửa', kind: 'holiday' },
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
};

/** The province that organises evaluations of a target commune. */
const organiserOf = (unit: TestUnit): TestUnit =>
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
    'GET /api/periods': { targets: null, build: async () => ({ url: '/api/periods' }) },
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
      build: async (u) => ({
        url: `/api/periods/${(await evaluationFor(u!, 'appraised')).periodId}/results`,
      }),
    },
    'GET /api/evaluations': {
      targets: null,
      async build() {
        for (const unit of [tree.communeA, tree.communeB, tree.otherCommune])
          await evaluationFor(unit, 'draft');
        return { url: '/api/evaluations' };
      },
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
      build: async (u) => ({
        url: `/api/evaluations/${(await evaluationFor(u!, 'posted')).evaluationId}/comments`,
      }),
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
        // Every injected request comes from one address: give each case a fresh rate-limit window.
        t.ctx.commentLimiter = new AttemptLimiter(5, 600_000);
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
      build: async (u) => ({ url: `/api/evaluations/${(await evidenceFor(u!)).evaluationId}/evidence` }),
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
      // The period's organiser scope: the organising province's roles, not the communes'.
      allowed: (role, target) =>
        roleHasPermission(role, 'periods.read') &&
        organiserOf(unitOf(target!)).path.startsWith(homeOf(role).path),
    },
    'POST /api/periods/:id/documents/bulk': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/periods/${(await evaluationFor(u!, 'appraised')).periodId}/documents/bulk`,
        body: { forms: ['mau-02'], format: 'docx' },
      }),
    },
    'GET /api/jobs/:id/download': {
      targets: TARGETS,
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
        const dir = path.join(t.ctx.config.dataDir, 'exports');
        await mkdir(dir, { recursive: true });
        await writeFile(path.join(dir, `${job.id}.zip`), 'PK');
        await t.ctx.db
          .updateTable('jobs')
          .set({ result: JSON.stringify({ file: `${job.id}.zip`, documents: 0, failures: [] }) })
          .where('id', '=', job.id)
          .execute();
        return { url: `/api/jobs/${job.id}/download` };
      },
      // Only whoever asked for the export, whatever their role.
      allowed: (_role, target) => target === 'own',
    },
  };
}

function frameworkSamples(): Record<string, Sample> {
  // A province's framework is seen by its own units and those above it (its communes included):
  // only another province is out of reach.
  const readable = (role: Role, target: Target | null) =>
    roleHasPermission(role, 'frameworks.read') && (target !== 'otherProvince' || role === 'system_admin');
  return {
    'GET /api/frameworks': {
      targets: null,
      async build() {
        for (const owner of [tree.province, tree.otherProvince]) await provinceFramework(owner);
        return { url: '/api/frameworks' };
      },
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
    },
    'GET /api/frameworks/:id': {
      targets: TARGETS,
      build: async (u) => ({ url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}` }),
      allowed: readable,
    },
    'GET /api/frameworks/:id/export': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/frameworks/${(await provinceFramework(organiserOf(u!))).id}/export`,
      }),
      allowed: readable,
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
    'GET /api/evaluations/:id/gaps': {
      targets: TARGETS,
      build: async (u) => ({
        url: `/api/evaluations/${(await evaluationFor(u!, 'draft')).evaluationId}/gaps`,
      }),
    },
  };
}

async function someHoliday() {
  const row = await t.ctx.db
    .insertInto('holidays')
    .values({ day: addDays('2035-01-01', ++counter), name: 'Ngày nghỉ thử', kind: 'holiday' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const keyOf = (route: RouteDef) => `${route.method} ${route.url}`;

/** What a forbidden write must not change: row counts and content digests of the guarded tables. */
async function fingerprint() {
  const { rows } = await sql<Record<string, string>>`
    select
      (select count(*) from audit_log)::text as audit,
      (select count(*) from sessions)::text as sessions,
      (select count(*) from jobs)::text as jobs,
      (select count(*) from framework_versions)::text as frameworks,
      (select md5(coalesce(string_agg(id::text || is_active::text || password_hash
         || must_change_password::text || full_name, ',' order by id), '')) from users) as users,
      (select md5(coalesce(string_agg(id::text || role || unit_id::text, ',' order by id), ''))
         from role_assignments) as roles,
      (select md5(coalesce(string_agg(id::text || name || kind || valid_from::text
         || coalesce(valid_to::text, ''), ',' order by id), '')) from units) as units
  `.execute(t.ctx.db);
  return rows[0];
}

/** A fresh user holding `role` at its home unit, with a session minted directly (no argon2 per case). */
async function clientFor(role: Role) {
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
  return {
    user,
    request: (method: string, built: Built) =>
      t.app.inject({
        method: method as 'GET',
        url: built.url,
        ...payloadOf(built, { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': csrfToken }),
      }),
  };
}

function expectedAllowed(route: RouteDef, sample: Sample, role: Role, target: Target | null): boolean {
  if (sample.allowed) return sample.allowed(role, target);
  if (route.access === 'public' || route.access === 'signedIn') return true;
  if (!roleHasPermission(role, route.access.permission)) return false;
  return target === null || unitOf(target).path.startsWith(homeOf(role).path);
}

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  // Someone at every unit, so lists have something to show.
  for (const unit of [tree.communeA, tree.communeB, tree.otherCommune]) await someUser(unit);
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
});
afterAll(() => t?.close());

describe('access matrix over every API route', () => {
  it('has a sample for every route (add one when you add a route)', () => {
    const missing = apiRoutes.map(keyOf).filter((key) => !samples[key]);
    expect(missing, `routes without an access sample: ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(samples).filter((key) => !apiRoutes.some((r) => keyOf(r) === key));
    expect(stale).toEqual([]);
  });

  for (const route of apiRoutes) {
    const sample = samples[keyOf(route)];
    describe(keyOf(route), () => {
      if (route.access !== 'public') {
        it('refuses a request without a session (401)', async () => {
          const built = await sample!.build(
            sample!.targets ? tree.communeA : null,
            await someUser(tree.communeA),
          );
          const before = await fingerprint();
          const response = await t.app.inject({ method: route.method, url: built.url, ...payloadOf(built) });
          expect(response.statusCode).toBe(401);
          expect(await fingerprint()).toEqual(before);
        });
      }
      for (const role of ROLES) {
        for (const target of sample?.targets ?? [null]) {
          it(`${role}${target ? ` → ${target}` : ''}`, async () => {
            expect(sample, 'no access sample for this route').toBeDefined();
            const expected = expectedAllowed(route, sample!, role, target);
            const client = await clientFor(role);
            const built = await sample!.build(target ? unitOf(target) : null, client.user);
            const before = route.method === 'GET' ? undefined : await fingerprint();
            const response = await client.request(route.method, built);
            if (expected) {
              expect(response.statusCode, response.body).toBeGreaterThanOrEqual(200);
              expect(response.statusCode, response.body).toBeLessThan(300);
              if (sample!.checkScope) await sample!.checkScope(response.json(), homeOf(role));
            } else {
              expect([403, 404], response.body).toContain(response.statusCode);
              if (before) expect(await fingerprint()).toEqual(before);
            }
          });
        }
      }
    });
  }
});
