/**
 * Surveys (issue #17): a Mẫu 04 poll answered on the public page — one answer per device (signed
 * ticket) or per printed slip, honeypot, rate limit per address, closing on the business calendar;
 * paper answers; results; TCPL 2.4 bound to the poll at its boundaries; anonymity of the answers
 * table; scope; invited officials answering signed in; the summary documents carry no code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { addDays, daysBetween } from '@shared/dates.ts';
import type { ResultNode } from '@shared/scoring/types.ts';
import { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { findSoffice } from '@server/platform/documents/pdf.ts';
import { setClockOffsetDays, todayInVietnam } from '@server/platform/clock/clock.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

/** A fresh comment limit after each case (its counts are rows in the database). */
let limiterRound = 0;
let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let officerA: TestClient;
let officerB: TestClient;
let viewer: TestClient;
let invitedUser: { id: string; username: string };
let invited: TestClient;
let notInvited: TestClient;

const today = todayInVietnam();
const YEAR = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  officerA = await make('commune_officer', 'communeA');
  officerB = await make('commune_officer', 'communeB');
  viewer = await make('viewer', 'province');
  invitedUser = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
  invited = await t.signIn(invitedUser.username);
  notInvited = await make('commune_officer', 'communeA');
});
afterEach(() => {
  setClockOffsetDays(0);
  t.ctx.commentLimiter = new AttemptLimiter(t.ctx.db, `comment-${++limiterRound}`, 5, 600_000);
});
afterAll(() => t?.close());

type Survey = {
  id: string;
  code: string;
  status: string;
  publicPath: string | null;
  results: {
    total: number;
    bySource: Record<string, number>;
    figure: { numerator: number; denominator: number; percent: string | null } | null;
    questions: { id: string; answered: number; options?: { id: string; count: number }[] }[];
  };
  abilities: Record<string, boolean>;
};

function ok<T = Survey>(response: LightMyRequestResponse, status = 200): T {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as T;
}

async function createSurvey(body: Record<string, unknown> = {}, client = officerA) {
  return ok(
    await client.request('POST', '/api/surveys', {
      unitId: units.communeA.id,
      kind: 'mau04',
      opensOn: addDays(today, -3),
      closesOn: addDays(today, 10),
      ...body,
    }),
  );
}

async function openSurvey(body: Record<string, unknown> = {}) {
  const s = await createSurvey(body);
  return ok(await officerA.request('POST', `/api/surveys/${s.id}/open`));
}

/** A resident's answer through the public route, with an optional device cookie; returns the new one. */
async function answer(code: string, body: Record<string, unknown>, ticket?: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/public/surveys/${code}/answers`,
    payload: body,
    headers: ticket ? { cookie: `dg_ks_${code}=${ticket}` } : {},
  });
  const cookie = response.cookies.find((c) => c.name === `dg_ks_${code}`);
  return { response, ticket: cookie?.value };
}

const effective = { answers: { hieuQua: 'hieu_qua', hinhThuc: ['loa', 'cuoc_thi'] } };
const notEffective = { answers: { hieuQua: 'chua_hieu_qua', kienNghi: 'Cần thêm buổi nói chuyện' } };

describe('answering a Mẫu 04 poll on the public page', () => {
  it('a draft is not public; an open poll shows its questions, not its secret', async () => {
    const draft = await createSurvey();
    expect((await t.app.inject({ method: 'GET', url: `/api/public/surveys/${draft.code}` })).statusCode).toBe(
      404,
    );
    const s = ok(await officerA.request('POST', `/api/surveys/${draft.id}/open`));
    expect(s.publicPath).toBe(`/khao-sat/${s.code}`);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/surveys/${s.code}` });
    expect(page.statusCode).toBe(200);
    expect(page.json()).toMatchObject({ title: expect.stringContaining('Phiếu lấy ý kiến'), refusal: null });
    expect(page.body).not.toMatch(/ticket|secret/i);
  });

  it('one answer per device: the signed ticket refuses the second; a forged ticket counts as none', async () => {
    const s = await openSurvey();
    const first = await answer(s.code, effective);
    expect(first.response.statusCode, first.response.body).toBe(200);
    expect(first.ticket).toBeTruthy();
    const again = await answer(s.code, effective, first.ticket);
    expect(again.response.statusCode).toBe(409);
    expect(again.response.json().error.message).toContain('đã gửi ý kiến');
    // A lowered count with the same signature is no ticket at all: a fresh device (the stated limit).
    const forged = `0${first.ticket!.slice(1)}`;
    expect((await answer(s.code, notEffective, forged)).response.statusCode).toBe(200);
    const after = ok(await officerA.request('GET', `/api/surveys/${s.id}`));
    expect(after.results.total).toBe(2);
    expect(after.results.figure).toMatchObject({ numerator: 1, denominator: 2, percent: '50.00' });
  });

  it('a device limit above one lets a shared phone send that many', async () => {
    const s = await openSurvey({ deviceLimit: 2 });
    const a = await answer(s.code, effective);
    const b = await answer(s.code, effective, a.ticket);
    expect(b.response.statusCode).toBe(200);
    expect((await answer(s.code, effective, b.ticket)).response.statusCode).toBe(409);
  });

  it('printed slips: each code answers once; unknown and reused codes are refused', async () => {
    const s = await openSurvey({ requireSlip: true });
    const { codes } = ok<{ codes: string[] }>(
      await officerA.request('POST', `/api/surveys/${s.id}/slips`, { count: 3 }),
    );
    expect(codes).toHaveLength(3);
    // No slip: refused. A slip: accepted, whatever the device's cookie says.
    expect((await answer(s.code, effective)).response.statusCode).toBe(400);
    expect((await answer(s.code, { ...effective, slipCode: codes[0] })).response.statusCode).toBe(200);
    expect(
      (await answer(s.code, { ...effective, slipCode: codes[1]!.toLowerCase() })).response.statusCode,
    ).toBe(200);
    const reused = await answer(s.code, { ...notEffective, slipCode: codes[0] });
    expect(reused.response.statusCode).toBe(409);
    expect(reused.response.json().error.message).toContain('đã được dùng');
    expect((await answer(s.code, { ...effective, slipCode: 'ABCDE-FGHJK' })).response.statusCode).toBe(400);
    const after = ok(await officerA.request('GET', `/api/surveys/${s.id}`));
    expect(after.results.total).toBe(2);
    expect(ok<{ slips: unknown }>(await officerA.request('GET', `/api/surveys/${s.id}`)).slips).toEqual({
      printed: 3,
      used: 2,
    });
  });

  it('stuffing: the honeypot is thanked and dropped; an address is limited to 5 attempts in 10 minutes', async () => {
    const s = await openSurvey({ requireSlip: true });
    const bot = await answer(s.code, { ...effective, website: 'http://spam.example' });
    expect(bot.response.statusCode).toBe(200);
    expect(ok(await officerA.request('GET', `/api/surveys/${s.id}`)).results.total).toBe(0);
    for (let i = 0; i < 4; i++) await answer(s.code, { ...effective, slipCode: 'ABCDE-FGHJK' });
    const limited = await answer(s.code, effective);
    expect(limited.response.statusCode).toBe(429);
    expect(limited.response.headers['retry-after']).toBeDefined();
  });

  it('invalid answers are refused, naming the question', async () => {
    const s = await openSurvey();
    const r = await answer(s.code, { answers: { hieuQua: 'tuyet_voi' } });
    expect(r.response.statusCode).toBe(400);
    expect(JSON.stringify(r.response.json())).toContain('answers.hieuQua');
    expect((await answer(s.code, { answers: { kienNghi: 'chỉ góp ý' } })).response.statusCode).toBe(400);
  });
});

describe('closing dates on the business calendar', () => {
  // A Saturday whose Monday is a working day (no holiday in the test database's calendar).
  const saturday = '2027-03-06';
  const at = (date: string) => setClockOffsetDays(daysBetween(todayInVietnam(new Date()), date));

  it('a poll closing on a Saturday takes answers until the Monday, not after; not before it opens', async () => {
    const s = await openSurvey({ opensOn: '2027-03-01', closesOn: saturday });
    at('2027-02-28');
    const early = await answer(s.code, effective);
    expect(early.response.statusCode).toBe(409);
    expect(early.response.json().error.message).toContain('01/03/2027');
    at('2027-03-08');
    expect((await answer(s.code, effective)).response.statusCode).toBe(200);
    expect(ok<{ lastDay: string }>(await officerA.request('GET', `/api/surveys/${s.id}`)).lastDay).toBe(
      '2027-03-08',
    );
    at('2027-03-09');
    const late = await answer(s.code, effective);
    expect(late.response.statusCode).toBe(409);
    expect(late.response.json().error.message).toContain('08/03/2027');
  });

  it('a closed poll takes no answer; paper answers can still be typed, marked as paper', async () => {
    const s = await openSurvey();
    ok(await officerA.request('POST', `/api/surveys/${s.id}/close`));
    expect((await answer(s.code, effective)).response.statusCode).toBe(409);
    const after = ok(await officerA.request('POST', `/api/surveys/${s.id}/paper-answers`, effective));
    expect(after.results.bySource).toMatchObject({ paper: 1, online: 0 });
  });
});

async function openPeriod(frameworkCode = 'TCPL-2021') {
  const response = await admin.request('POST', '/api/periods', {
    unitId: units.province.id,
    year: YEAR,
    name: `Đánh giá năm ${YEAR} ${Math.random()}`,
    evaluatingLevel: 'province',
    frameworkCode,
    selfAssessmentDue: addDays(today, 10),
    submissionDue: addDays(today, 20),
    appraisalDue: addDays(today, 30),
    decisionDue: addDays(today, 40),
    unitIds: [units.communeA.id, units.communeB.id],
  });
  expect(response.statusCode, response.body).toBe(200);
  const list = await admin.request('GET', `/api/evaluations?periodId=${response.json().id}`);
  return list.json().find((e: { unit: { id: string } }) => e.unit.id === units.communeB.id).id as string;
}

function node(criteria: ResultNode[], code: string): ResultNode {
  const stack = [...criteria];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.code === code) return n;
    stack.push(...n.children);
  }
  throw new Error(`no node ${code}`);
}

async function recompute(evaluationId: string, inputId = '2.4.hieuQua', nodeCode = '2.4') {
  const e = (await officerB.request('GET', `/api/evaluations/${evaluationId}`)).json();
  type Bound = { computed: { value: unknown } & Record<string, unknown>; link: string };
  const after = ok<{ boundInputs: Record<string, Bound>; selfResult: { criteria: ResultNode[] } }>(
    await officerB.request('POST', `/api/evaluations/${evaluationId}/computed-inputs`, {
      expectedVersion: e.version,
    }),
  );
  return {
    bound: after.boundInputs[inputId]!,
    points: node(after.selfResult.criteria, nodeCode).points as string,
  };
}

describe('TCPL-2021 2.4 bound to the Mẫu 04 poll', () => {
  it('no poll: 0/0 (0 points); all effective: full marks; 3 of 4: 75 % → 3,6; the link opens the poll', async () => {
    const evaluationId = await openPeriod();
    let r = await recompute(evaluationId);
    expect(r.bound.computed).toMatchObject({
      measure: 'surveys.mau04Effective',
      value: { numerator: 0, denominator: 0 },
      rows: 0,
    });
    expect(r.bound.link).toBe(
      `/lay-y-kien?unitId=${units.communeB.id}&measure=surveys.mau04Effective&year=${YEAR}`,
    );
    expect(r.points).toBe('0');

    // A draft poll does not count.
    const s = ok(
      await officerB.request('POST', '/api/surveys', {
        unitId: units.communeB.id,
        kind: 'mau04',
        opensOn: addDays(today, -3),
        closesOn: today,
      }),
    );
    r = await recompute(evaluationId);
    expect(r.bound.computed.value).toEqual({ numerator: 0, denominator: 0 });

    ok(await officerB.request('POST', `/api/surveys/${s.id}/open`));
    for (let i = 0; i < 3; i++)
      ok(await officerB.request('POST', `/api/surveys/${s.id}/paper-answers`, effective));
    r = await recompute(evaluationId);
    expect(r.bound.computed).toMatchObject({ value: { numerator: 3, denominator: 3 }, rows: 3, ref: s.id });
    expect(r.points).toBe('6');
    expect(r.bound.link).toBe(`/lay-y-kien/${s.id}?measure=surveys.mau04Effective`);

    ok(await officerB.request('POST', `/api/surveys/${s.id}/paper-answers`, notEffective));
    r = await recompute(evaluationId);
    expect(r.bound.computed.value).toEqual({ numerator: 3, denominator: 4 });
    expect(r.points).toBe('3.6');
  });
});

describe('CCHC 8.1 bound to the satisfaction survey', () => {
  it('no survey: 0 points; 3 of 4 satisfied (75 %) → 6; 4 of 5 (80 %) → 8; a 3 is not satisfied', async () => {
    const evaluationId = await openPeriod('CCHC-XA-MAU');
    const recompute81 = () => recompute(evaluationId, '8.1.haiLong', '8.1');
    let r = await recompute81();
    expect(r.bound.computed).toMatchObject({
      measure: 'surveys.satisfied',
      value: { numerator: 0, denominator: 0 },
    });
    expect(r.points).toBe('0');
    const s = ok(
      await officerB.request('POST', '/api/surveys', {
        unitId: units.communeB.id,
        kind: 'satisfaction',
        opensOn: addDays(today, -3),
        closesOn: today,
      }),
    );
    ok(await officerB.request('POST', `/api/surveys/${s.id}/open`));
    const paper = (haiLong: number) =>
      officerB.request('POST', `/api/surveys/${s.id}/paper-answers`, { answers: { haiLong } });
    for (const score of [5, 4, 4, 3]) ok(await paper(score));
    r = await recompute81();
    expect(r.bound.computed).toMatchObject({ value: { numerator: 3, denominator: 4 }, ref: s.id });
    expect(r.points).toBe('6');
    ok(await paper(5));
    r = await recompute81();
    expect(r.bound.computed.value).toEqual({ numerator: 4, denominator: 5 });
    expect(r.points).toBe('8');
  });
});

describe('privacy and scope', () => {
  it('the answers table has no identifying column, and no address, slip code or ticket in its values', async () => {
    const s = await openSurvey();
    const { codes } = ok<{ codes: string[] }>(
      await officerA.request('POST', `/api/surveys/${s.id}/slips`, { count: 1 }),
    );
    const first = await answer(s.code, effective);
    await answer(s.code, { ...notEffective, slipCode: codes[0] });
    const { rows: columns } = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'survey_answers' order by column_name`.execute(
      t.ctx.db,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'answers',
      'id',
      'received_on',
      'source',
      'survey_id',
      'unit_id',
    ]);
    const stored = JSON.stringify(
      await t.ctx.db.selectFrom('survey_answers').selectAll().where('survey_id', '=', s.id).execute(),
    );
    for (const secret of ['127.0.0.1', codes[0]!.replace('-', ''), first.ticket!.split('.')[1]!])
      expect(stored).not.toContain(secret);
    // The audit rows of residents' answers keep no address and name no one.
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['ip', 'actor_id', 'actor_name', 'diff'])
      .where('action', '=', 'survey.answered')
      .where('object_id', '=', s.id)
      .execute();
    expect(audit).toHaveLength(2);
    for (const row of audit)
      expect(row).toMatchObject({ ip: null, actor_id: null, actor_name: 'Người trả lời ẩn danh' });
  });

  it('the documents hold counts and texts, never a code; DOCX, XLSX, PDF', async () => {
    const s = await openSurvey({ requireSlip: true });
    const { codes } = ok<{ codes: string[] }>(
      await officerA.request('POST', `/api/surveys/${s.id}/slips`, { count: 2 }),
    );
    await answer(s.code, { ...effective, slipCode: codes[0] });
    await answer(s.code, { ...notEffective, slipCode: codes[1] });
    const docx = await officerA.request('GET', `/api/surveys/${s.id}/document?format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(docx.headers['content-disposition']).toContain('mau-04-');
    const lines = (await docxParagraphs(docx.rawPayload)).join('\n');
    expect(lines).toContain('kết quả lấy ý kiến về hình thức, mô hình thông tin, phổ biến');
    expect(lines).toContain('Tổng số phiếu thu về: 2 phiếu');
    expect(lines).toContain('1/2 (50%)');
    expect(lines).toContain('Cần thêm buổi nói chuyện');
    for (const code of codes) expect(lines).not.toContain(code.replace('-', ''));
    const xlsx = await officerA.request('GET', `/api/surveys/${s.id}/document?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    if (findSoffice()) {
      const pdf = await officerA.request('GET', `/api/surveys/${s.id}/document?format=pdf`);
      expect(pdf.statusCode, pdf.body).toBe(200);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
  }, 120_000);

  it('a commune sees only its own surveys; the province reads them; others get 404', async () => {
    const s = await createSurvey();
    expect((await officerB.request('GET', `/api/surveys/${s.id}`)).statusCode).toBe(404);
    expect((await officerB.request('POST', `/api/surveys/${s.id}/open`)).statusCode).toBe(404);
    const listB = ok<{ items: { unit: { id: string } }[] }>(await officerB.request('GET', '/api/surveys'));
    expect(listB.items.every((i) => i.unit.id === units.communeB.id)).toBe(true);
    expect(ok(await viewer.request('GET', `/api/surveys/${s.id}`)).abilities.canEdit).toBe(false);
    expect((await viewer.request('POST', `/api/surveys/${s.id}/open`)).statusCode).toBe(403);
    expect(
      (
        await officerB.request('POST', '/api/surveys', {
          unitId: units.communeA.id,
          kind: 'mau04',
          opensOn: today,
          closesOn: today,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('invited officials answer signed in', () => {
  it('once each; the answer is stored apart from who gave it; others are not asked', async () => {
    const s = ok(
      await officerA.request('POST', '/api/surveys', {
        unitId: units.communeA.id,
        kind: 'satisfaction',
        audience: 'officials',
        opensOn: today,
        closesOn: addDays(today, 5),
        inviteeIds: [invitedUser.id],
      }),
    );
    ok(await officerA.request('POST', `/api/surveys/${s.id}/open`));
    const mine = ok<{ items: { id: string; answered: boolean }[] }>(
      await invited.request('GET', '/api/surveys/invited'),
    );
    expect(mine.items).toEqual([expect.objectContaining({ id: s.id, answered: false })]);
    expect(ok<{ items: unknown[] }>(await notInvited.request('GET', '/api/surveys/invited')).items).toEqual(
      [],
    );
    const body = { answers: { haiLong: 5, gopY: 'Tốt' } };
    ok(await invited.request('POST', `/api/surveys/${s.id}/answers`, body), 200);
    expect((await invited.request('POST', `/api/surveys/${s.id}/answers`, body)).statusCode).toBe(409);
    expect((await notInvited.request('POST', `/api/surveys/${s.id}/answers`, body)).statusCode).toBe(404);
    // The public page does not serve it.
    expect((await t.app.inject({ method: 'GET', url: `/api/public/surveys/${s.code}` })).statusCode).toBe(
      404,
    );
    const after = ok(await officerA.request('GET', `/api/surveys/${s.id}`));
    expect(after.results.figure).toMatchObject({ numerator: 1, denominator: 1 });
    expect(
      ok<{ items: { answered: boolean }[] }>(await invited.request('GET', '/api/surveys/invited')).items[0]!
        .answered,
    ).toBe(true);
  });
});
