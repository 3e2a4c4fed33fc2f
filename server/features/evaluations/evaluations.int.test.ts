import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let reviewer: TestClient;
let officerA: TestClient;
let chairmanA: TestClient;
let chairmanB: TestClient;
let otherReviewer: TestClient;

const today = todayInVietnam();
const narrative = {
  organisation: 'UBND xã ban hành kế hoạch, phân công công chức Tư pháp - Hộ tịch tham mưu.',
  advantages: 'Được sự quan tâm của lãnh đạo Đảng ủy, UBND.',
  difficulties: 'Công chức kiêm nhiệm nhiều việc.',
  goals: 'Đẩy mạnh tuyên truyền, phổ biến giáo dục pháp luật.',
};

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  reviewer = await make('province_reviewer', 'province');
  officerA = await make('commune_officer', 'communeA');
  chairmanA = await make('commune_chairman', 'communeA');
  chairmanB = await make('commune_chairman', 'communeB');
  otherReviewer = await make('province_reviewer', 'otherProvince');
});
afterAll(() => t?.close());

async function openPeriod(frameworkCode: string, overrides: Record<string, unknown> = {}) {
  const response = await admin.request('POST', '/api/periods', {
    unitId: units.province.id,
    year: 2026,
    name: `Đánh giá ${frameworkCode} năm 2026`,
    evaluatingLevel: 'province',
    frameworkCode,
    selfAssessmentDue: addDays(today, 10),
    submissionDue: addDays(today, 20),
    appraisalDue: addDays(today, 30),
    decisionDue: addDays(today, 40),
    unitIds: [units.communeA.id, units.communeB.id],
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(200);
  const list = await admin.request('GET', `/api/evaluations?periodId=${response.json().id}`);
  const byUnit = Object.fromEntries(
    list.json().map((e: { unit: { id: string }; id: string }) => [e.unit.id, e.id]),
  );
  return {
    periodId: response.json().id as string,
    a: byUnit[units.communeA.id] as string,
    b: byUnit[units.communeB.id] as string,
  };
}

async function get(client: TestClient, id: string) {
  const response = await client.request('GET', `/api/evaluations/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function fullInput(code: string, seed = 7) {
  return sampleEvaluationInput(getBuiltinFramework(code), seededRandom(seed), 1);
}

async function auditActions(id: string) {
  const rows = await t.ctx.db
    .selectFrom('audit_log')
    .select('action')
    .where('object_id', '=', id)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

describe('the legal-access cycle (TCPL-2021)', () => {
  it('goes from self-assessment through posting, comments, appraisal with an explanation round, to appraised', async () => {
    const { a } = await openPeriod('TCPL-2021');
    let e = await get(officerA, a);
    expect(e.state).toBe('draft');
    expect(e.abilities).toMatchObject({ canEdit: true, canSubmit: false });

    // The officer enters the data; the server scores it.
    const saved = await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      input: fullInput('TCPL-2021'),
      narrative,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    e = saved.json();
    expect(e.selfResult.total).toMatch(/^\d+(\.\d+)?$/);
    expect(e.selfResult.criteria).toHaveLength(5);
    expect(e.selfResult.criteria[0].explanation).toBeTruthy();

    // The officer cannot close the self-assessment; the chairman can.
    expect(
      (await officerA.request('POST', `/api/evaluations/${a}/submit`, { expectedVersion: e.version }))
        .statusCode,
    ).toBe(403);
    const submitted = await chairmanA.request('POST', `/api/evaluations/${a}/submit`, {
      expectedVersion: e.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json().state).toBe('submitted');
    const locked = await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: submitted.json().version,
      narrative: { goals: 'sửa' },
    });
    expect(locked.statusCode).toBe(409);

    // Public posting and a citizen's comment (no sign-in).
    expect((await t.app.inject(`/api/public/evaluations/${a}`)).statusCode).toBe(404);
    const posted = await chairmanA.request('POST', `/api/evaluations/${a}/post`, {
      expectedVersion: submitted.json().version,
    });
    expect(posted.json().state).toBe('posted');
    expect(posted.json().posting).toEqual({ from: today, until: addDays(today, 4) });
    const publicPage = await t.app.inject(`/api/public/evaluations/${a}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.json()).toMatchObject({ unitName: 'Phường Phan Đình Phùng', acceptingComments: true });
    expect(publicPage.json().result.total).toBe(e.selfResult.total);
    const comment = await t.app.inject({
      method: 'POST',
      url: `/api/public/evaluations/${a}/comments`,
      payload: { authorName: 'Nguyễn Văn Dân', content: 'Đề nghị xem lại chỉ tiêu 1.1 về ban hành văn bản.' },
    });
    expect(comment.statusCode, comment.body).toBe(200);
    const comments = (await chairmanA.request('GET', `/api/evaluations/${a}/comments`)).json();
    expect(comments).toHaveLength(1);
    // The list tells the home page how many comments wait for a response, and the family of the framework.
    const waiting = (await chairmanA.request('GET', '/api/evaluations')).json();
    expect(waiting.find((row: { id: string }) => row.id === a)).toMatchObject({
      family: 'tcpl',
      unansweredComments: 1,
      postingUntil: addDays(today, 4),
    });
    // During posting the send button is shown disabled: the detail says the dossier waits for the posting.
    expect((await get(chairmanA, a)).abilities).toMatchObject({ canSend: true, sendWaitsForPosting: true });
    const responded = await chairmanA.request(
      'POST',
      `/api/evaluations/${a}/comments/${comments[0].id}/response`,
      { response: 'UBND đã rà soát, số liệu chỉ tiêu 1.1 đúng.', kind: 'explained' },
    );
    expect(responded.json()[0].response).toBe('UBND đã rà soát, số liệu chỉ tiêu 1.1 đúng.');
    const answered = (await chairmanA.request('GET', '/api/evaluations')).json();
    expect(answered.find((row: { id: string }) => row.id === a).unansweredComments).toBe(0);

    // Sending before the posting period ends is refused.
    const early = await chairmanA.request('POST', `/api/evaluations/${a}/send`, {
      expectedVersion: posted.json().version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('Chưa hết thời gian niêm yết');
    await t.ctx.db
      .updateTable('evaluations')
      .set({ posted_until: addDays(today, -1) })
      .where('id', '=', a)
      .execute();
    expect((await get(chairmanA, a)).abilities).toMatchObject({ canSend: true, sendWaitsForPosting: false });
    const sent = await chairmanA.request('POST', `/api/evaluations/${a}/send`, {
      expectedVersion: posted.json().version,
    });
    expect(sent.json()).toMatchObject({ state: 'under_appraisal', appraisalRound: 1 });

    // Appraisal round 1: adjust 1.1 with a reason, ask to explain 1.2, return.
    const noReason = await reviewer.request('PUT', `/api/evaluations/${a}/verdicts`, {
      nodeCode: '1.1',
      verdict: 'adjust',
      points: '2',
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('Phải ghi lý do');
    const tooHigh = await reviewer.request('PUT', `/api/evaluations/${a}/verdicts`, {
      nodeCode: '1.1',
      verdict: 'adjust',
      points: '9',
      reason: 'Thử vượt điểm tối đa',
    });
    expect(tooHigh.statusCode).toBe(400);
    await reviewer.request('PUT', `/api/evaluations/${a}/verdicts`, {
      nodeCode: '1.1',
      verdict: 'adjust',
      points: '2',
      reason: 'Một VBQPPL ban hành chậm so với kế hoạch',
    });
    await reviewer.request('PUT', `/api/evaluations/${a}/verdicts`, {
      nodeCode: '1.2',
      verdict: 'explain',
      reason: 'Đề nghị cung cấp báo cáo tự kiểm tra văn bản',
    });
    const cannotFinish = await reviewer.request('POST', `/api/evaluations/${a}/appraise`, {
      expectedVersion: sent.json().version,
    });
    expect(cannotFinish.statusCode).toBe(409);
    const returned = await reviewer.request('POST', `/api/evaluations/${a}/return`, {
      expectedVersion: sent.json().version,
    });
    expect(returned.json().state).toBe('returned');

    // The commune explains; round 2.
    const incomplete = await officerA.request('POST', `/api/evaluations/${a}/explanations`, {
      expectedVersion: returned.json().version,
      explanations: {},
    });
    expect(incomplete.statusCode).toBe(400);
    const explained = await officerA.request('POST', `/api/evaluations/${a}/explanations`, {
      expectedVersion: returned.json().version,
      explanations: { '1.2': 'Đã bổ sung báo cáo tự kiểm tra số 12/BC-UBND.' },
    });
    expect(explained.json()).toMatchObject({ state: 'under_appraisal', appraisalRound: 2 });
    expect(
      explained.json().verdicts.find((v: { nodeCode: string }) => v.nodeCode === '1.2').explanation,
    ).toContain('12/BC-UBND');

    await reviewer.request('PUT', `/api/evaluations/${a}/verdicts`, { nodeCode: '1.2', verdict: 'accept' });
    const appraised = await reviewer.request('POST', `/api/evaluations/${a}/appraise`, {
      expectedVersion: explained.json().version,
    });
    expect(appraised.statusCode, appraised.body).toBe(200);
    const final = appraised.json();
    expect(final.state).toBe('appraised');
    // Self-assessed and appraised scores are kept apart, with each difference and its reason.
    expect(final.selfResult.total).toBe(e.selfResult.total);
    const diff11 = final.differences.find((d: { code: string }) => d.code === '1.1');
    expect(diff11).toMatchObject({ appraised: '2', reason: 'Một VBQPPL ban hành chậm so với kế hoạch' });

    expect(await auditActions(a)).toEqual([
      'evaluation.self-assessment-saved',
      'evaluation.submitted',
      'evaluation.posted',
      'evaluation.sent',
      'appraisal.verdict-recorded',
      'appraisal.verdict-recorded',
      'evaluation.returned',
      'evaluation.explained',
      'appraisal.verdict-recorded',
      'evaluation.appraised',
    ]);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses to submit an incomplete self-assessment, naming what is missing', async () => {
    const { b } = await openPeriod('TCPL-2021');
    const e = await get(chairmanB, b);
    const response = await chairmanB.request('POST', `/api/evaluations/${b}/submit`, {
      expectedVersion: e.version,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toContain('Hồ sơ chưa đầy đủ');
    expect(response.json().error.message).toContain('Thuận lợi');
    expect((await get(chairmanB, b)).state).toBe('draft');
  });

  it('refuses a manual score without a reason and a score sent by the browser', async () => {
    const { b } = await openPeriod('TCPL-2021');
    const e = await get(chairmanB, b);
    const response = await chairmanB.request('PUT', `/api/evaluations/${b}/self-assessment`, {
      expectedVersion: e.version,
      input: { manual: { '1.1': { points: '3', reason: '' } } },
    });
    expect(response.statusCode).toBe(400);
    const after = await get(chairmanB, b);
    expect(after.version).toBe(e.version);
  });

  it('with invalidValues "report", saves the readable values and names each unreadable one in plain words', async () => {
    const { b } = await openPeriod('TCPL-2021');
    const e = await get(chairmanB, b);
    const input = {
      values: {
        '4.1.doiThoai': '2.5',
        '3.3.hoatDong': '-3',
        '3.2.duocHoTro': { numerator: 5, denominator: 3 },
        '2.5.tapHuan': { numerator: 9, denominator: 10 },
        '2.1.congKhai': [{ title: 'Kế hoạch PBGDPL năm 2026', issuedOn: '2026-01-05', dueOn: '2026-01-10' }],
      },
      facts: { headDisciplined: false },
    };
    // Without the flag the whole save is refused, as before.
    const refused = await chairmanB.request('PUT', `/api/evaluations/${b}/self-assessment`, {
      expectedVersion: e.version,
      input,
    });
    expect(refused.statusCode).toBe(400);
    const response = await chairmanB.request('PUT', `/api/evaluations/${b}/self-assessment`, {
      expectedVersion: e.version,
      input,
      invalidValues: 'report',
    });
    expect(response.statusCode, response.body).toBe(200);
    const saved = response.json();
    expect(saved.version).toBe(e.version + 1);
    expect(Object.keys(saved.selfInput.values).sort()).toEqual(['2.1.congKhai', '2.5.tapHuan']);
    expect(saved.selfInput.facts).toEqual({ headDisciplined: false });
    const issues = saved.inputIssues as { inputId: string; message: string }[];
    expect(issues.map((i) => i.inputId).sort()).toEqual(['3.2.duocHoTro', '3.3.hoatDong', '4.1.doiThoai']);
    const byId = Object.fromEntries(issues.map((i) => [i.inputId, i.message]));
    expect(byId['4.1.doiThoai']).toMatch(/^Chỉ tiêu 4\.1, “.+”: phải là số nguyên$/);
    expect(byId['3.3.hoatDong']).toMatch(/^Chỉ tiêu 3\.3, “.+”: không được âm$/);
    expect(byId['3.2.duocHoTro']).toMatch(/^Chỉ tiêu 3\.2, “.+”: tử số \(5\) lớn hơn mẫu số \(3\)$/);
    for (const message of Object.values(byId)) expect(message).not.toMatch(/values\.|numerator/);
    // The unreadable values are not scored: their indicators count as not entered.
    expect(saved.selfResult.missingInputs).toEqual(expect.arrayContaining(['4.1.doiThoai', '3.3.hoatDong']));

    // Submission names what is missing by indicator and label, not by internal id.
    const submit = await chairmanB.request('POST', `/api/evaluations/${b}/submit`, {
      expectedVersion: saved.version,
    });
    expect(submit.statusCode).toBe(400);
    expect(submit.json().error.message).toMatch(/số liệu chưa nhập \((Chỉ tiêu|Tiêu chí|Nội dung) [\d.]+, “/);
  });

  it('answers a concurrent edit with a conflict instead of overwriting', async () => {
    const { a } = await openPeriod('TCPL-2021');
    const e = await get(officerA, a);
    const first = await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'Mục tiêu của cán bộ' },
    });
    expect(first.statusCode).toBe(200);
    const second = await chairmanA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'Mục tiêu của chủ tịch' },
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('vừa được người khác cập nhật');
    expect((await get(officerA, a)).narrative.goals).toBe('Mục tiêu của cán bộ');
  });

  it('locks editing after the deadline until the province reopens it for the unit', async () => {
    const { a } = await openPeriod('TCPL-2021', {
      selfAssessmentDue: addDays(today, -1),
      submissionDue: addDays(today, 5),
    });
    let e = await get(officerA, a);
    expect(e.abilities.canEdit).toBe(false);
    expect(e.lockedReason).toContain('Đã quá hạn tự đánh giá');
    const refused = await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'muộn' },
    });
    expect(refused.statusCode).toBe(409);
    expect(
      (
        await chairmanA.request('POST', `/api/evaluations/${a}/reopen`, {
          expectedVersion: e.version,
          until: addDays(today, 3),
          reason: 'Xã xin gia hạn',
        })
      ).statusCode,
    ).toBe(403);
    const reopened = await admin.request('POST', `/api/evaluations/${a}/reopen`, {
      expectedVersion: e.version,
      until: addDays(today, 3),
      reason: 'Xã bị mất điện nhiều ngày',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    e = await get(officerA, a);
    expect(e.abilities.canEdit).toBe(true);
    expect(
      (
        await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
          expectedVersion: e.version,
          narrative: { goals: 'kịp' },
        })
      ).statusCode,
    ).toBe(200);
    expect(await auditActions(a)).toContain('evaluation.reopened');
  });

  it('keeps one commune out of another commune’s evaluation and another province out of both', async () => {
    const { a } = await openPeriod('TCPL-2021');
    const e = await get(officerA, a);
    expect((await chairmanB.request('GET', `/api/evaluations/${a}`)).statusCode).toBe(404);
    const write = await chairmanB.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'chen ngang' },
    });
    expect(write.statusCode).toBe(404);
    const listB = (await chairmanB.request('GET', '/api/evaluations')).json();
    expect(listB.every((x: { unit: { id: string } }) => x.unit.id === units.communeB.id)).toBe(true);
    expect((await otherReviewer.request('GET', `/api/evaluations/${a}`)).statusCode).toBe(404);
    expect((await otherReviewer.request('GET', '/api/evaluations')).json()).toEqual([]);
    expect((await get(officerA, a)).version).toBe(e.version);
  });
});

describe('the optional registration step', () => {
  it('requires the chairman to register before the commune self-assesses, until the registration deadline', async () => {
    const { a, b } = await openPeriod('TCPL-2021', { registrationDue: addDays(today, 2) });
    let e = await get(officerA, a);
    expect(e.registration).toEqual({ due: addDays(today, 2), registeredAt: null });
    expect(e.abilities.canEdit).toBe(false);
    expect(e.lockedReason).toContain('chưa đăng ký tham gia');
    const early = await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'x' },
    });
    expect(early.statusCode).toBe(409);
    expect(
      (await officerA.request('POST', `/api/evaluations/${a}/register`, { expectedVersion: e.version }))
        .statusCode,
    ).toBe(403);
    expect(
      (await chairmanB.request('POST', `/api/evaluations/${a}/register`, { expectedVersion: e.version }))
        .statusCode,
    ).toBe(404);

    expect((await get(chairmanA, a)).abilities.canRegister).toBe(true);
    const registered = await chairmanA.request('POST', `/api/evaluations/${a}/register`, {
      expectedVersion: e.version,
    });
    expect(registered.statusCode, registered.body).toBe(200);
    expect(registered.json().registration.registeredAt).not.toBeNull();
    const twice = await chairmanA.request('POST', `/api/evaluations/${a}/register`, {
      expectedVersion: registered.json().version,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('Đơn vị đã đăng ký tham gia kỳ đánh giá.');
    e = await get(officerA, a);
    expect(e.abilities.canEdit).toBe(true);
    expect(
      (
        await officerA.request('PUT', `/api/evaluations/${a}/self-assessment`, {
          expectedVersion: e.version,
          narrative: { goals: 'Đã đăng ký' },
        })
      ).statusCode,
    ).toBe(200);
    expect(await auditActions(a)).toContain('evaluation.registered');

    // After the registration deadline a commune that did not register cannot any more.
    await t.ctx.db
      .updateTable('evaluation_periods')
      .set({ registration_due: addDays(today, -1) })
      .where('id', '=', (await get(chairmanB, b)).period.id)
      .execute();
    const late = await chairmanB.request('POST', `/api/evaluations/${b}/register`, {
      expectedVersion: (await get(chairmanB, b)).version,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('Đã quá hạn đăng ký');
  });
});

describe('a commune CCHC index period uses the same workflow without posting or council', () => {
  it('goes straight to appraisal and ranks the communes', async () => {
    const { periodId, a, b } = await openPeriod('CCHC-XA-MAU');
    // The list filters by framework family: the CCHC evaluations apart from the legal-access ones.
    const cchc = (await admin.request('GET', '/api/evaluations?family=cchc')).json();
    expect(cchc.map((row: { id: string }) => row.id).sort()).toEqual([a, b].sort());
    expect(cchc.every((row: { family: string }) => row.family === 'cchc')).toBe(true);
    const tcpl = (await admin.request('GET', '/api/evaluations?family=tcpl')).json();
    expect(tcpl.some((row: { id: string }) => row.id === a)).toBe(false);
    for (const [client, id, seed] of [
      [officerA, a, 1],
      [chairmanB, b, 2],
    ] as const) {
      const e = await get(client, id);
      const saved = await client.request('PUT', `/api/evaluations/${id}/self-assessment`, {
        expectedVersion: e.version,
        input: fullInput('CCHC-XA-MAU', seed),
      });
      expect(saved.statusCode, saved.body).toBe(200);
    }
    const eA = await get(chairmanA, a);
    const submitted = await chairmanA.request('POST', `/api/evaluations/${a}/submit`, {
      expectedVersion: eA.version,
    });
    expect(submitted.json()).toMatchObject({ state: 'under_appraisal', appraisalRound: 1 });
    expect(
      (
        await chairmanA.request('POST', `/api/evaluations/${a}/post`, {
          expectedVersion: submitted.json().version,
        })
      ).statusCode,
    ).toBe(409);
    expect((await t.app.inject(`/api/public/evaluations/${a}`)).statusCode).toBe(404);
    const eB = await get(chairmanB, b);
    const submittedB = await chairmanB.request('POST', `/api/evaluations/${b}/submit`, {
      expectedVersion: eB.version,
    });
    await reviewer.request('POST', `/api/evaluations/${a}/appraise`, {
      expectedVersion: submitted.json().version,
    });
    await reviewer.request('POST', `/api/evaluations/${b}/appraise`, {
      expectedVersion: submittedB.json().version,
    });
    const summary = (await reviewer.request('GET', `/api/periods/${periodId}/summary`)).json();
    expect(summary).toMatchObject({ communes: 2, scored: 2 });
    expect(summary.rows.find((r: { code: string }) => r.code === '1')).toMatchObject({ communes: 2 });
    const results = (await reviewer.request('GET', `/api/periods/${periodId}/results`)).json();
    expect(results.map((r: { rank: number; rankOf: number }) => [r.rank, r.rankOf])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(Number(results[0].appraisedTotal)).toBeGreaterThanOrEqual(Number(results[1].appraisedTotal));
  });
});
