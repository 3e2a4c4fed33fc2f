import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let reviewer: TestClient;
let chairmanA: TestClient;
let chairmanB: TestClient;

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
  chairmanA = await make('commune_chairman', 'communeA');
  chairmanB = await make('commune_chairman', 'communeB');
});
afterAll(() => t?.close());

/** Opens a TCPL-2021 period (it has a council step) for communes A and B; returns their evaluations. */
async function openPeriod() {
  const response = await admin.request('POST', '/api/periods', {
    unitId: units.province.id,
    year: 2026,
    name: 'Đánh giá TCPL-2021 năm 2026',
    evaluatingLevel: 'province',
    frameworkCode: 'TCPL-2021',
    selfAssessmentDue: addDays(today, 10),
    submissionDue: addDays(today, 20),
    appraisalDue: addDays(today, 30),
    decisionDue: addDays(today, 40),
    unitIds: [units.communeA.id, units.communeB.id],
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

describe('council and recognition decision', () => {
  async function driveToAppraised(client: TestClient, id: string, seed: number) {
    let e = await get(client, id);
    e = (
      await client.request('PUT', `/api/evaluations/${id}/self-assessment`, {
        expectedVersion: e.version,
        input: fullInput('TCPL-2021', seed),
        narrative,
      })
    ).json();
    e = (
      await client.request('POST', `/api/evaluations/${id}/submit`, { expectedVersion: e.version })
    ).json();
    e = (await client.request('POST', `/api/evaluations/${id}/post`, { expectedVersion: e.version })).json();
    await t.ctx.db
      .updateTable('evaluations')
      .set({ posted_until: addDays(today, -1) })
      .where('id', '=', id)
      .execute();
    e = (await client.request('POST', `/api/evaluations/${id}/send`, { expectedVersion: e.version })).json();
    const done = await reviewer.request('POST', `/api/evaluations/${id}/appraise`, {
      expectedVersion: e.version,
    });
    expect(done.json().state).toBe('appraised');
  }

  it('checks the quorum, records opinions, and publishes the decision with both lists', async () => {
    const { periodId, a, b } = await openPeriod();
    await driveToAppraised(chairmanA, a, 3);
    await driveToAppraised(chairmanB, b, 4);

    const members = [
      { fullName: 'Nguyễn Văn Chủ', position: 'Giám đốc Sở Tư pháp', councilRole: 'chair' },
      { fullName: 'Lê Thị Phó', position: 'Phó Giám đốc Sở Tư pháp', councilRole: 'vice_chair' },
      { fullName: 'Trần Văn Viên', position: 'Trưởng phòng PBGDPL', councilRole: 'member' },
      { fullName: 'Phạm Thị Ký', position: 'Chuyên viên', councilRole: 'secretary' },
    ];
    const tooMany = Array.from({ length: 16 }, (_, i) => ({
      fullName: `Thành viên ${i}`,
      position: 'Chuyên viên',
      councilRole: i === 0 ? 'chair' : i === 1 ? 'secretary' : 'member',
    }));
    expect(
      (
        await admin.request('POST', `/api/periods/${periodId}/council`, {
          name: 'Hội đồng đánh giá 2026',
          members: tooMany,
        })
      ).json().error.message,
    ).toContain('tối đa 15');
    expect(
      (
        await reviewer.request('POST', `/api/periods/${periodId}/council`, {
          name: 'Hội đồng đánh giá 2026',
          members,
        })
      ).statusCode,
    ).toBe(403);
    const secretary = await t.signIn(
      (await createUser(t.ctx.db, { role: 'council_secretary', unit: units.province })).username,
    );
    const council = (
      await secretary.request('POST', `/api/periods/${periodId}/council`, {
        name: 'Hội đồng đánh giá chuẩn tiếp cận pháp luật 2026',
        members,
      })
    ).json();
    expect(council.quorum).toBe(3);
    const ids = council.members.map((m: { id: string }) => m.id);

    // Deciding before the council met is refused.
    const early = await admin.request('POST', `/api/periods/${periodId}/decision`, {
      number: '123/QĐ-UBND',
      signedOn: today,
      signerName: 'Nguyễn Văn Tỉnh',
      signerTitle: 'Chủ tịch UBND tỉnh',
      achievedEvaluationIds: [a],
    });
    expect(early.statusCode).toBe(409);

    const noQuorum = await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
      mode: 'meeting',
      heldOn: today,
      presentMemberIds: ids.slice(0, 2),
    });
    expect(noQuorum.statusCode).toBe(400);
    expect(noQuorum.json().error.message).toContain('cần ít nhất 3 (2/3)');
    const met = (
      await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
        mode: 'meeting',
        heldOn: today,
        location: 'Phòng họp Sở Tư pháp',
        presentMemberIds: ids.slice(0, 3),
      })
    ).json();
    const meetingId = met.meetings[0].id;
    for (const memberId of ids.slice(0, 3)) {
      const op = await secretary.request(
        'PUT',
        `/api/periods/${periodId}/council/meetings/${meetingId}/opinions`,
        { memberId, evaluationId: a, opinion: 'achieved' },
      );
      expect(op.statusCode, op.body).toBe(200);
    }
    const minutes = (await secretary.request('GET', `/api/periods/${periodId}/council`)).json();
    expect(minutes.meetings[0].opinions).toHaveLength(3);
    expect(minutes.meetings[0].opinions[0]).toMatchObject({ evaluationId: a, opinion: 'achieved' });

    // A commune whose appraised result misses the conditions cannot be listed as achieving.
    await sql`update evaluations set appraised_result = jsonb_set(appraised_result, '{recognised}', 'false') where id = ${b}`.execute(
      t.ctx.db,
    );
    const unmet = await admin.request('POST', `/api/periods/${periodId}/decision`, {
      number: '123/QĐ-UBND',
      signedOn: today,
      signerName: 'Nguyễn Văn Tỉnh',
      signerTitle: 'Chủ tịch UBND tỉnh',
      achievedEvaluationIds: [a, b],
    });
    expect(unmet.statusCode).toBe(400);
    expect(unmet.json().error.message).toContain('Xã Đại Phúc chưa đáp ứng đủ điều kiện công nhận');

    const decision = await admin.request('POST', `/api/periods/${periodId}/decision`, {
      number: '123/QĐ-UBND',
      signedOn: today,
      signerName: 'Nguyễn Văn Tỉnh',
      signerTitle: 'Chủ tịch UBND tỉnh',
      achievedEvaluationIds: [a],
    });
    expect(decision.statusCode, decision.body).toBe(200);
    expect((await get(chairmanA, a)).state).toBe('decided_achieved');
    expect((await get(chairmanB, b)).state).toBe('decided_not_achieved');
    const published = await t.app.inject(`/api/public/periods/${periodId}/decision`);
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({
      number: '123/QĐ-UBND',
      achieved: [{ name: 'Phường Phan Đình Phùng' }],
      notAchieved: [{ name: 'Xã Đại Phúc' }],
      summary: { achieved: 1, total: 2, percent: '50' },
    });
    expect(
      (
        await admin.request('POST', `/api/periods/${periodId}/decision`, {
          number: '124/QĐ-UBND',
          signedOn: today,
          signerName: 'A B',
          signerTitle: 'Chủ tịch',
          achievedEvaluationIds: [],
        })
      ).statusCode,
    ).toBe(409);
  });
});
