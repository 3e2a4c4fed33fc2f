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
    // The secretary is absent: someone present must be picked to take the minutes.
    const noSecretary = await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
      mode: 'meeting',
      heldOn: today,
      presentMemberIds: ids.slice(0, 3),
    });
    expect(noSecretary.statusCode).toBe(400);
    expect(noSecretary.json().error.message).toContain('Thư ký vắng mặt');
    const met = (
      await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
        mode: 'meeting',
        heldOn: today,
        location: 'Phòng họp Sở Tư pháp',
        presentMemberIds: ids.slice(0, 3),
        secretaryMemberId: ids[2],
      })
    ).json();
    const meetingId = met.meetings[0].id;
    expect(met.meetings[0]).toMatchObject({
      startTime: null,
      endTime: null,
      chairMemberId: ids[0],
      secretaryMemberId: ids[2],
    });
    for (const memberId of ids.slice(0, 3)) {
      const op = await secretary.request(
        'PUT',
        `/api/periods/${periodId}/council/meetings/${meetingId}/opinions`,
        { memberId, evaluationId: a, opinion: 'achieved', proxyNote: 'Ghi thay theo phát biểu tại cuộc họp' },
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

  const members = (linked: Record<number, string> = {}) =>
    [
      { fullName: 'Nguyễn Văn Chủ', position: 'Giám đốc Sở Tư pháp', councilRole: 'chair' },
      { fullName: 'Lê Thị Phó', position: 'Phó Giám đốc Sở Tư pháp', councilRole: 'vice_chair' },
      { fullName: 'Trần Văn Viên', position: 'Trưởng phòng PBGDPL', councilRole: 'member' },
      { fullName: 'Phạm Thị Ký', position: 'Chuyên viên', councilRole: 'secretary' },
    ].map((m, i) => (linked[i] ? { ...m, userId: linked[i] } : m));

  it('links members only to existing accounts of the province holding a council or province role', async () => {
    const { periodId } = await openPeriod();
    const secretary = await t.signIn(
      (await createUser(t.ctx.db, { role: 'council_secretary', unit: units.province })).username,
    );
    const member = await createUser(t.ctx.db, {
      role: 'council_member',
      unit: units.province,
      fullName: 'Phạm Văn Đức',
    });
    const elsewhere = await createUser(t.ctx.db, { role: 'council_member', unit: units.otherProvince });
    const commune = await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA });
    const create = (linked: Record<number, string>) =>
      secretary.request('POST', `/api/periods/${periodId}/council`, {
        name: 'Hội đồng đánh giá 2026',
        members: members(linked),
      });

    const foreign = await create({ 2: elsewhere.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toContain('không có vai trò Hội đồng hoặc Sở Tư pháp trong tỉnh');
    expect(foreign.json().error.details.problems[0].field).toBe('members.2.userId');
    const ghost = await create({ 2: '00000000-0000-4000-8000-000000000000' });
    expect(ghost.statusCode).toBe(400);
    expect(ghost.json().error.message).toBe('Tài khoản liên kết không tồn tại.');
    expect((await create({ 2: commune.id })).statusCode).toBe(400);
    expect((await create({ 1: member.id, 2: member.id })).json().error.message).toContain(
      'chỉ được liên kết',
    );

    // The searchable list: council and province roles of the organiser's province, nobody else.
    const candidates = (
      await secretary.request('GET', `/api/periods/${periodId}/council/candidates?q=ph%E1%BA%A1m`)
    ).json();
    expect(candidates.map((c: { id: string }) => c.id)).toContain(member.id);
    const all = (await secretary.request('GET', `/api/periods/${periodId}/council/candidates`)).json();
    const allIds = all.map((c: { id: string }) => c.id);
    expect(allIds).not.toContain(elsewhere.id);
    expect(allIds).not.toContain(commune.id);

    const council = await create({ 2: member.id });
    expect(council.statusCode, council.body).toBe(200);
    expect(council.json().members[2]).toMatchObject({ userId: member.id, username: member.username });

    // Linking later, through the member's own endpoint: same checks, audited.
    const chairId = council.json().members[0].id;
    const link = (userId: string | null) =>
      secretary.request('PUT', `/api/periods/${periodId}/council/members/${chairId}/user`, { userId });
    expect((await link(elsewhere.id)).statusCode).toBe(400);
    expect((await link('00000000-0000-4000-8000-000000000000')).statusCode).toBe(400);
    expect((await link(member.id)).json().error.message).toContain('chỉ được liên kết');
    const chairUser = await createUser(t.ctx.db, { role: 'province_admin', unit: units.province });
    const linked = await link(chairUser.id);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().members[0].userId).toBe(chairUser.id);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action'])
      .where('object_id', '=', chairId)
      .execute();
    expect(audit.map((r) => r.action)).toEqual(['council.member-linked']);
  });

  it('a member records his own opinion; the secretary writes for another only with a note; the absent have none', async () => {
    const { periodId, a } = await openPeriod();
    await driveToAppraised(chairmanA, a, 5);
    const secretaryUser = await createUser(t.ctx.db, { role: 'council_secretary', unit: units.province });
    const secretary = await t.signIn(secretaryUser.username);
    const memberUser = await createUser(t.ctx.db, { role: 'council_member', unit: units.province });
    const member = await t.signIn(memberUser.username);
    const otherUser = await createUser(t.ctx.db, { role: 'council_member', unit: units.province });
    const other = await t.signIn(otherUser.username);
    const council = (
      await secretary.request('POST', `/api/periods/${periodId}/council`, {
        name: 'Hội đồng đánh giá 2026',
        members: members({ 1: otherUser.id, 2: memberUser.id, 3: secretaryUser.id }),
      })
    ).json();
    const ids: string[] = council.members.map((m: { id: string }) => m.id);
    // The vice-chair (ids[1]) is absent; hours entered; the chair and the secretary sign by default.
    const meeting = await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
      mode: 'meeting',
      heldOn: today,
      presentMemberIds: [ids[0], ids[2], ids[3]],
      startTime: '08:30',
      endTime: '10:45',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    expect(meeting.json().meetings[0]).toMatchObject({
      startTime: '08:30',
      endTime: '10:45',
      chairMemberId: ids[0],
      secretaryMemberId: ids[3],
    });
    const meetingId = meeting.json().meetings[0].id;
    const url = `/api/periods/${periodId}/council/meetings/${meetingId}/opinions`;

    // The member records his own opinion, without any note.
    const own = await member.request('PUT', url, { memberId: ids[2], evaluationId: a, opinion: 'achieved' });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json()[0]).toMatchObject({ memberId: ids[2], proxyNote: null });
    // …but not somebody else's.
    const notOwn = await member.request('PUT', url, {
      memberId: ids[0],
      evaluationId: a,
      opinion: 'achieved',
    });
    expect(notOwn.statusCode).toBe(403);
    expect(notOwn.json().error.message).toBe('Bạn chỉ ghi được ý kiến của chính mình.');

    // The secretary writes the chair's opinion only with "Ghi thay theo …".
    const bare = await secretary.request('PUT', url, {
      memberId: ids[0],
      evaluationId: a,
      opinion: 'achieved',
    });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('Ghi thay theo');
    const vague = await secretary.request('PUT', url, {
      memberId: ids[0],
      evaluationId: a,
      opinion: 'achieved',
      proxyNote: 'theo ý kiến',
    });
    expect(vague.statusCode).toBe(400);
    const note = 'Ghi thay theo ý kiến phát biểu tại cuộc họp';
    const proxy = await secretary.request('PUT', url, {
      memberId: ids[0],
      evaluationId: a,
      opinion: 'achieved',
      proxyNote: note,
    });
    expect(proxy.statusCode, proxy.body).toBe(200);
    const shown = (await secretary.request('GET', `/api/periods/${periodId}/council`)).json().meetings[0]
      .opinions;
    expect(shown.find((o: { memberId: string }) => o.memberId === ids[0])).toMatchObject({
      proxyNote: note,
      recordedBy: `Người dùng ${secretaryUser.username}`,
    });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['diff'])
      .where('action', '=', 'council.opinion-recorded')
      .where('object_id', '=', a)
      .execute();
    expect(audit.map((r) => (r.diff as { proxyNote?: string }).proxyNote)).toEqual([undefined, note]);

    // The absent vice-chair has no meeting opinion, whoever records it.
    for (const [client, proxyNote] of [
      [other, undefined],
      [secretary, note],
    ] as const) {
      const absent = await client.request('PUT', url, {
        memberId: ids[1],
        evaluationId: a,
        opinion: 'not_achieved',
        proxyNote,
      });
      expect(absent.statusCode).toBe(409);
      expect(absent.json().error.message).toContain('vắng mặt tại cuộc họp');
      expect(absent.json().error.message).toContain('Mẫu 06');
    }
    // A chair or secretary picked for the minutes must be present.
    const absentSigner = await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
      mode: 'meeting',
      heldOn: today,
      presentMemberIds: [ids[0], ids[2], ids[3]],
      chairMemberId: ids[1],
    });
    expect(absentSigner.statusCode).toBe(400);
    expect(absentSigner.json().error.message).toContain('phải là thành viên có mặt');
  });

  it('refuses the decision while a unit of the period is still being assessed', async () => {
    const { periodId, a, b } = await openPeriod();
    await driveToAppraised(chairmanA, a, 3);
    const secretary = await t.signIn(
      (await createUser(t.ctx.db, { role: 'council_secretary', unit: units.province })).username,
    );
    const council = (
      await secretary.request('POST', `/api/periods/${periodId}/council`, {
        name: 'Hội đồng đánh giá 2026',
        members: members(),
      })
    ).json();
    const ids = council.members.map((m: { id: string }) => m.id);
    await secretary.request('POST', `/api/periods/${periodId}/council/meetings`, {
      mode: 'meeting',
      heldOn: today,
      presentMemberIds: ids,
    });
    const decide = () =>
      admin.request('POST', `/api/periods/${periodId}/decision`, {
        number: '200/QĐ-UBND',
        signedOn: today,
        signerName: 'Nguyễn Văn Tỉnh',
        signerTitle: 'Chủ tịch UBND tỉnh',
        achievedEvaluationIds: [a],
      });
    const early = await decide();
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('còn 1/2 đơn vị chưa thẩm định xong (Xã Đại Phúc: ');
    expect(early.json().error.details).toMatchObject({ reason: 'units_pending', units: [{ id: b }] });
    // Nothing moved: A is still appraised and can be decided with B later.
    expect((await get(chairmanA, a)).state).toBe('appraised');
    await driveToAppraised(chairmanB, b, 4);
    const decision = await decide();
    expect(decision.statusCode, decision.body).toBe(200);
    expect((await get(chairmanA, a)).state).toBe('decided_achieved');
    expect((await get(chairmanB, b)).state).toBe('decided_not_achieved');
    const published = (await t.app.inject(`/api/public/periods/${periodId}/decision`)).json();
    expect(published.summary).toMatchObject({ achieved: 1, total: 2 });
  });
});
