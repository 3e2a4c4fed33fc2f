/**
 * Issue #17 item 3: a council that does not meet gives its opinions in writing (Mẫu 06). Each member
 * with a linked account records their own opinion signed in; the period's council step accepts the
 * written consultation in place of a meeting (the decision goes through without a quorate meeting),
 * and Mẫu 06 (questionnaires and summary) is generated from the stored opinions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { addDays } from '@shared/dates.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let reviewer: TestClient;
let chairman: TestClient;
const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  reviewer = await make('province_reviewer', 'province');
  chairman = await make('commune_chairman', 'communeA');
});
afterAll(() => t?.close());

async function json(response: { statusCode: number; body: string; json(): unknown }) {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('a written-mode council (Mẫu 06)', () => {
  it('completes with the members’ own opinions, the decision accepts it, and Mẫu 06 is generated', async () => {
    const period = await json(
      await admin.request('POST', '/api/periods', {
        unitId: units.province.id,
        year: 2026,
        name: 'Đánh giá năm 2026',
        evaluatingLevel: 'province',
        frameworkCode: 'TCPL-2021',
        selfAssessmentDue: addDays(today, 10),
        submissionDue: addDays(today, 20),
        appraisalDue: addDays(today, 30),
        decisionDue: addDays(today, 40),
        unitIds: [units.communeA.id],
      }),
    );
    const id = (await json(await admin.request('GET', `/api/evaluations?periodId=${period.id}`)))[0]
      .id as string;
    // The commune's file, driven to appraised.
    let e = await json(await chairman.request('GET', `/api/evaluations/${id}`));
    e = await json(
      await chairman.request('PUT', `/api/evaluations/${id}/self-assessment`, {
        expectedVersion: e.version,
        input: sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(3), 1),
        narrative: {
          organisation: 'Tổ chức thực hiện.',
          advantages: 'Thuận lợi.',
          difficulties: 'Khó khăn.',
          goals: 'Mục tiêu.',
        },
      }),
    );
    e = await json(
      await chairman.request('POST', `/api/evaluations/${id}/submit`, { expectedVersion: e.version }),
    );
    e = await json(
      await chairman.request('POST', `/api/evaluations/${id}/post`, { expectedVersion: e.version }),
    );
    await t.ctx.db
      .updateTable('evaluations')
      .set({ posted_until: addDays(today, -1) })
      .where('id', '=', id)
      .execute();
    e = await json(
      await chairman.request('POST', `/api/evaluations/${id}/send`, { expectedVersion: e.version }),
    );
    expect(
      (
        await json(
          await reviewer.request('POST', `/api/evaluations/${id}/appraise`, { expectedVersion: e.version }),
        )
      ).state,
    ).toBe('appraised');

    // Four members, three with accounts; none meets.
    const accounts = await Promise.all(
      ['council_member', 'council_member', 'council_secretary'].map((role) =>
        createUser(t.ctx.db, {
          role: role as 'council_member',
          unit: units.province,
          fullName: `Thành viên ${role}`,
        }),
      ),
    );
    const secretary = await t.signIn(accounts[2]!.username);
    const council = await json(
      await secretary.request('POST', `/api/periods/${period.id}/council`, {
        name: 'Hội đồng đánh giá chuẩn tiếp cận pháp luật tỉnh',
        members: [
          { fullName: 'Nguyễn Văn Chủ', position: 'Giám đốc Sở Tư pháp', councilRole: 'chair' },
          {
            fullName: 'Lê Thị Phó',
            position: 'Phó Giám đốc Sở Tư pháp',
            councilRole: 'vice_chair',
            userId: accounts[0]!.id,
          },
          {
            fullName: 'Trần Văn Viên',
            position: 'Trưởng phòng PBGDPL',
            councilRole: 'member',
            userId: accounts[1]!.id,
          },
          {
            fullName: 'Phạm Thị Ký',
            position: 'Chuyên viên',
            councilRole: 'secretary',
            userId: accounts[2]!.id,
          },
        ],
      }),
    );
    const ids: string[] = council.members.map((m: { id: string }) => m.id);
    const written = await json(
      await secretary.request('POST', `/api/periods/${period.id}/council/meetings`, {
        mode: 'written',
        heldOn: today,
        presentMemberIds: [],
      }),
    );
    const meetingId = written.meetings[0].id as string;
    const url = `/api/periods/${period.id}/council/meetings/${meetingId}/opinions`;
    // Each linked member answers Mẫu 06 signed in, for themselves (no proxy note).
    for (const [i, opinion] of [
      [1, 'achieved'],
      [2, 'achieved'],
      [3, 'not_achieved'],
    ] as const) {
      const member = await t.signIn(accounts[i - 1]!.username);
      const r = await member.request('PUT', url, {
        memberId: ids[i],
        evaluationId: id,
        opinion,
        ...(opinion === 'not_achieved' ? { comment: 'Cần bổ sung tài liệu kiểm chứng chỉ tiêu 2.4' } : {}),
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const after = await json(await secretary.request('GET', `/api/periods/${period.id}/council`));
    expect(after.meetings[0]).toMatchObject({ mode: 'written', quorumMet: true });
    expect(after.meetings[0].opinions.every((o: { proxyNote: string | null }) => o.proxyNote === null)).toBe(
      true,
    );

    // Mẫu 06: one questionnaire per member who answered, and the summary.
    const docx = await secretary.request('GET', `/api/periods/${period.id}/documents/mau-06?format=docx`);
    expect(docx.statusCode, docx.body).toBe(200);
    const text = (await docxParagraphs(docx.rawPayload)).join('\n');
    for (const name of ['Lê Thị Phó', 'Trần Văn Viên', 'Phạm Thị Ký']) expect(text).toContain(name);
    expect(text).toContain('Cần bổ sung tài liệu kiểm chứng chỉ tiêu 2.4');

    // The council step is satisfied by the written consultation: the decision goes through.
    const decision = await admin.request('POST', `/api/periods/${period.id}/decision`, {
      number: '45/QĐ-UBND',
      signedOn: today,
      signerName: 'Nguyễn Văn Tỉnh',
      signerTitle: 'Chủ tịch UBND tỉnh',
      achievedEvaluationIds: [id],
    });
    expect(decision.statusCode, decision.body).toBe(200);
    expect((await json(await chairman.request('GET', `/api/evaluations/${id}`))).state).toBe(
      'decided_achieved',
    );
  });
});
