/**
 * Inputs bound to register measures on an evaluation (ADR 0013): recompute from the TTHC register,
 * scoring, overriding with a reason, what the reviewer sees, and the documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import type { ResultNode } from '@shared/scoring/types.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser, tthcDossier } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { xlsxRows } from '@server/features/documents/test-helpers.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let reviewer: TestClient;
let officerA: TestClient;
let chairmanA: TestClient;
let officerB: TestClient;

const today = todayInVietnam();
const YEAR = 2026;
const narrative = {
  advantages: 'Được sự quan tâm của lãnh đạo.',
  difficulties: 'Công chức kiêm nhiệm.',
  goals: 'Đẩy mạnh tuyên truyền.',
};

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (
    role: Parameters<typeof createUser>[1]['role'],
    unit: keyof typeof units,
    fullName?: string,
  ) => t.signIn((await createUser(t.ctx.db, { role, unit: units[unit], fullName })).username);
  admin = await make('province_admin', 'province');
  reviewer = await make('province_reviewer', 'province');
  officerA = await make('commune_officer', 'communeA', 'Nguyễn Thị Hoa');
  chairmanA = await make('commune_chairman', 'communeA');
  officerB = await make('commune_officer', 'communeB');

  // Commune A's register for the year: 4 resolved (3 on time, 1 late without apology), 1 received
  // the year before and resolved in the year on time, 1 pending and overdue at the end of the year,
  // 2 received online; and a dossier of the year before that the year does not count.
  const d = (fields: Omit<Parameters<typeof tthcDossier>[1], 'unitId'>) =>
    tthcDossier(t.ctx.db, { unitId: units.communeA.id, ...fields });
  await d({ receivedOn: '2026-02-02', dueOn: '2026-02-10', resolvedOn: '2026-02-09', channel: 'truc_tuyen' });
  await d({ receivedOn: '2026-03-02', dueOn: '2026-03-10', resolvedOn: '2026-03-10', channel: 'truc_tuyen' });
  await d({ receivedOn: '2026-04-01', dueOn: '2026-04-10', resolvedOn: '2026-04-11' });
  await d({ receivedOn: '2025-12-28', dueOn: '2026-01-06', resolvedOn: '2026-01-05' });
  await d({ receivedOn: '2026-12-01', dueOn: '2026-12-20', resolvedOn: null });
  await d({ receivedOn: '2025-05-01', dueOn: '2025-05-10', resolvedOn: '2025-06-01' });
  // Commune B's register never leaks into commune A's figures.
  await tthcDossier(t.ctx.db, { unitId: units.communeB.id, resolvedOn: '2026-05-01', dueOn: '2026-03-10' });
});
afterAll(() => t?.close());

async function openPeriod(frameworkCode: string) {
  const response = await admin.request('POST', '/api/periods', {
    unitId: units.province.id,
    year: YEAR,
    name: `Đánh giá ${frameworkCode} năm ${YEAR}`,
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
  return list.json().find((e: { unit: { id: string } }) => e.unit.id === units.communeA.id).id as string;
}

async function get(client: TestClient, id: string) {
  const response = await client.request('GET', `/api/evaluations/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function recompute(client: TestClient, id: string, expectedVersion: number) {
  return client.request('POST', `/api/evaluations/${id}/computed-inputs`, { expectedVersion });
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

async function auditOf(id: string, action: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'diff', 'actor_id'])
    .where('object_id', '=', id)
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('recompute from the register (TCPL-2021 5.2)', () => {
  it('computes the year, scores it, links to the rows counted, audits before and after', async () => {
    const id = await openPeriod('TCPL-2021');
    const before = await get(officerA, id);
    expect(before.boundInputs['5.2.dungHan']).toEqual({
      measure: 'tthc.onTime',
      measureLabel: 'Tỷ lệ hồ sơ TTHC giải quyết đúng hạn',
      rowsNoun: 'hồ sơ',
      computed: null,
      override: null,
      link: `/so-tthc?unitId=${units.communeA.id}&measure=tthc.onTime&from=2026-01-01&to=2026-12-31`,
    });

    const res = await recompute(officerA, id, before.version);
    expect(res.statusCode, res.body).toBe(200);
    const e = res.json();
    expect(e.version).toBe(before.version + 1);
    expect(e.boundInputs['5.2.dungHan'].computed).toMatchObject({
      measure: 'tthc.onTime',
      value: { numerator: 3, denominator: 4 },
      rows: 4,
      from: '2026-01-01',
      to: '2026-12-31',
      unitId: units.communeA.id,
    });
    expect(e.selfInput.values['5.2.dungHan']).toEqual({ numerator: 3, denominator: 4 });
    // 5.2 is scored on its ratio: 3/4 of 7 points.
    const scored = node(e.selfResult.criteria, '5.2');
    expect(scored.measure).toMatchObject({ numerator: '3', denominator: '4' });
    expect(scored.points).toBe('5.25');

    const [audit] = await auditOf(id, 'evaluation.inputs-recomputed');
    expect(audit!.diff).toMatchObject({
      range: { from: '2026-01-01', to: '2026-12-31' },
      values: {
        '5.2.dungHan': {
          from: null,
          to: { numerator: 3, denominator: 4 },
          computed: { numerator: 3, denominator: 4 },
          rows: 4,
          overridden: false,
        },
      },
    });
  });

  it('an officer of another commune gets 404 and a stale version 409; nothing changes', async () => {
    const id = await openPeriod('TCPL-2021');
    const e = await get(officerA, id);
    expect((await recompute(officerB, id, e.version)).statusCode).toBe(404);
    expect((await recompute(reviewer, id, e.version)).statusCode).toBe(403);
    expect((await recompute(officerA, id, e.version + 5)).statusCode).toBe(409);
    const after = await get(officerA, id);
    expect(after.version).toBe(e.version);
    expect(after.boundInputs['5.2.dungHan'].computed).toBeNull();
    expect(await auditOf(id, 'evaluation.inputs-recomputed')).toEqual([]);
  });

  it('is refused on a submitted evaluation, whose stored values stay as they were', async () => {
    const { evaluationId: id } = await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeA,
      state: 'submitted',
    });
    const e = await get(officerA, id);
    const res = await recompute(officerA, id, e.version);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe('Hồ sơ đã chốt, không sửa được kết quả tự đánh giá.');
    const after = await get(officerA, id);
    expect(after.version).toBe(e.version);
    expect(after.selfInput).toEqual(e.selfInput);
    expect(after.selfResult.total).toBe(e.selfResult.total);
    expect(after.boundInputs['5.2.dungHan'].computed).toBeNull();
  });
});

describe('overriding a computed value', () => {
  it('needs a reason; the reason is kept, shown to the reviewer, and dropped when the computed value is scored again', async () => {
    const id = await openPeriod('TCPL-2021');
    let e = (await recompute(officerA, id, (await get(officerA, id)).version)).json();
    const values = (v: unknown) => ({ ...e.selfInput, values: { ...e.selfInput.values, '5.2.dungHan': v } });

    // No reason: refused, naming the indicator, nothing written.
    const refused = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: values({ numerator: '4', denominator: '4' }),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.message).toBe(
      'Chỉ tiêu 5.2: giá trị 4/4 khác số tính từ sổ (3/4) — cần ghi lý do điều chỉnh',
    );
    const short = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: values({ numerator: '4', denominator: '4' }),
      overrides: { '5.2.dungHan': 'sai sổ' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.message).toBe('Chỉ tiêu 5.2: lý do điều chỉnh cần ít nhất 10 ký tự');
    let now = await get(officerA, id);
    expect(now.version).toBe(e.version);
    expect(now.selfInput.values['5.2.dungHan']).toEqual({ numerator: 3, denominator: 4 });

    // The computed value written as text is the computed value: no reason needed.
    const same = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: values({ numerator: '3', denominator: '4' }),
    });
    expect(same.statusCode, same.body).toBe(200);
    e = same.json();

    // With a reason: stored, scored with the officer's value.
    const reason = 'Hồ sơ HS-3 trả kết quả đúng hạn, sổ ghi nhầm ngày trả.';
    const saved = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: values({ numerator: '4', denominator: '4' }),
      overrides: { '5.2.dungHan': reason },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    e = saved.json();
    expect(e.boundInputs['5.2.dungHan'].override).toMatchObject({ reason, byName: 'Nguyễn Thị Hoa' });
    expect(e.boundInputs['5.2.dungHan'].computed.value).toEqual({ numerator: 3, denominator: 4 });
    expect(node(e.selfResult.criteria, '5.2').points).toBe('7');
    const [audit] = (await auditOf(id, 'evaluation.self-assessment-saved')).slice(-1);
    expect(audit!.diff).toMatchObject({ overrides: { '5.2.dungHan': { from: null, to: reason } } });

    // Later saves of other parts keep the override without repeating the reason.
    const later = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      narrative: { goals: 'Mục tiêu mới' },
    });
    expect(later.statusCode, later.body).toBe(200);
    e = later.json();
    expect(e.boundInputs['5.2.dungHan'].override.reason).toBe(reason);

    // A recompute keeps the overridden value.
    e = (await recompute(officerA, id, e.version)).json();
    expect(e.selfInput.values['5.2.dungHan']).toEqual({ numerator: '4', denominator: '4' });
    expect(e.boundInputs['5.2.dungHan'].override.reason).toBe(reason);

    // The reviewer reads the computed value, the commune's value and the reason.
    now = await get(reviewer, id);
    expect(now.boundInputs['5.2.dungHan'].computed.value).toEqual({ numerator: 3, denominator: 4 });
    expect(now.selfInput.values['5.2.dungHan']).toEqual({ numerator: '4', denominator: '4' });
    expect(now.boundInputs['5.2.dungHan'].override.reason).toBe(reason);

    // Scoring the computed value again removes the override.
    const back = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: values({ numerator: 3, denominator: 4 }),
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json().boundInputs['5.2.dungHan'].override).toBeNull();
  });
});

describe('CCHC-XA-MAU: every bound criterion scored from the register', () => {
  it('3.2 (on time), 3.13.1 (online) and the late-without-apology penalty (9)', async () => {
    const id = await openPeriod('CCHC-XA-MAU');
    const e = (await recompute(officerA, id, (await get(officerA, id)).version)).json();
    expect(e.selfInput.values).toMatchObject({
      '3.2.dungHan': { numerator: 3, denominator: 4 },
      '3.13.1.trucTuyen': { numerator: 2, denominator: 4 },
      '9.treHenKhongXinLoi': 2,
    });
    // 75 % on time: the 70–80 tier; 50 % online: the 50–70 tier.
    expect(node(e.selfResult.criteria, '3.2').points).toBe('7.2');
    expect(node(e.selfResult.criteria, '3.13.1').points).toBe('2');
    // Two late dossiers without an apology letter, 0.25 each.
    expect(node(e.selfResult.criteria, '9').points).toBe('-0.5');
    expect(e.boundInputs['9.treHenKhongXinLoi'].computed).toMatchObject({ value: 2, rows: 2 });
    expect(e.boundInputs['3.2.dungHan'].link).toContain('measure=tthc.onTime');
  });
});

describe('documents', () => {
  it('Mẫu 02 prints the ratio computed from the register', async () => {
    const id = await openPeriod('TCPL-2021');
    let e = await get(officerA, id);
    const input = sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(3), 1);
    const saved = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input,
      narrative,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    e = (await recompute(officerA, id, saved.json().version)).json();
    // No PBGDPL plan in the register: its dates (2.3.1) are declared by hand, with a reason.
    const reason = 'Kế hoạch số 5/KH-UBND lập trên giấy';
    const dated = await officerA.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: e.version,
      input: {
        ...e.selfInput,
        values: {
          ...e.selfInput.values,
          '2.3.1.ngayBanHanh': input.values!['2.3.1.ngayBanHanh'],
          '2.3.1.hanBanHanh': input.values!['2.3.1.hanBanHanh'],
        },
      },
      overrides: { '2.3.1.ngayBanHanh': reason, '2.3.1.hanBanHanh': reason },
    });
    expect(dated.statusCode, dated.body).toBe(200);
    e = dated.json();
    const submitted = await chairmanA.request('POST', `/api/evaluations/${id}/submit`, {
      expectedVersion: e.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const xlsx = await chairmanA.request('GET', `/api/evaluations/${id}/documents/mau-02?format=xlsx`);
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const rows = (await xlsxRows(xlsx.rawPayload)).map((r) => r.map(String));
    const row = rows.find((r) => r.some((c) => c.startsWith('5.2')));
    expect(row, JSON.stringify(rows)).toContain('3/4');
  });
});
