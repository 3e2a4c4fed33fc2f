import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let chairmanA: TestClient;
let chairmanB: TestClient;

const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  chairmanA = await make('commune_chairman', 'communeA');
  chairmanB = await make('commune_chairman', 'communeB');
});
afterAll(() => t?.close());

async function evaluationOfA(state: Parameters<typeof createEvaluationInState>[1]['state']) {
  const { evaluationId } = await createEvaluationInState(t.ctx.db, {
    organiser: units.province,
    commune: units.communeA,
    state,
  });
  return evaluationId;
}

describe('public posting page', () => {
  it('shows a posted self-assessment from its snapshot, and nothing for a draft', async () => {
    const draft = await evaluationOfA('draft');
    expect((await t.app.inject({ method: 'GET', url: `/api/public/evaluations/${draft}` })).statusCode).toBe(
      404,
    );
    const posted = await evaluationOfA('posted');
    const page = await t.app.inject({ method: 'GET', url: `/api/public/evaluations/${posted}` });
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json();
    expect(body).toMatchObject({
      id: posted,
      unitName: units.communeA.name,
      posting: { from: today, until: addDays(today, 4) },
      acceptingComments: true,
    });
    expect(body.result.total).toBeDefined();
    expect(body).not.toHaveProperty('unit_id');
  });

  it('stops taking comments once the posting period is over', async () => {
    const sent = await evaluationOfA('under_appraisal');
    const page = await t.app.inject({ method: 'GET', url: `/api/public/evaluations/${sent}` });
    expect(page.statusCode).toBe(200);
    expect(page.json().acceptingComments).toBe(false);
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/public/evaluations/${sent}/comments`,
      remoteAddress: '10.9.8.1',
      payload: { authorName: 'Trần Thị B', content: 'Ý kiến gửi sau khi hết niêm yết.' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('Thời gian nhận ý kiến đã kết thúc');
  });
});

describe('public comments', () => {
  it('validates and rate-limits comments from one address', async () => {
    const a = await evaluationOfA('posted');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/public/evaluations/${a}/comments`,
      payload: { authorName: '', content: 'ngắn' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Vui lòng nhập họ tên');
    const codes = [];
    for (let i = 0; i < 6; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: `/api/public/evaluations/${a}/comments`,
        remoteAddress: '10.9.8.7',
        payload: { authorName: 'Trần Thị B', content: `Ý kiến thứ ${i + 1} về kết quả tự đánh giá.` },
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('lets the commune respond, audited, and keeps other communes out', async () => {
    const a = await evaluationOfA('posted');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/public/evaluations/${a}/comments`,
      remoteAddress: '10.9.8.2',
      payload: { authorName: 'Nguyễn Văn C', content: 'Đề nghị xã tổ chức thêm buổi tuyên truyền.' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const commentId = sent.json().id as string;

    expect((await chairmanB.request('GET', `/api/evaluations/${a}/comments`)).statusCode).toBe(404);
    const missing = await chairmanA.request(
      'POST',
      `/api/evaluations/${a}/comments/00000000-0000-4000-8000-000000000000/response`,
      { response: 'Tiếp thu.', kind: 'accepted' },
    );
    expect(missing.statusCode).toBe(404);

    // The choice tiếp thu / giải trình is required: the text alone no longer decides it.
    const withoutKind = await chairmanA.request(
      'POST',
      `/api/evaluations/${a}/comments/${commentId}/response`,
      {
        response: 'Tiếp thu ý kiến, sẽ tổ chức vào quý sau.',
      },
    );
    expect(withoutKind.statusCode).toBe(400);
    expect(withoutKind.json().error.details.problems).toEqual([
      { field: 'kind', message: 'Chọn "Tiếp thu" hoặc "Giải trình"' },
    ]);

    const responded = await chairmanA.request(
      'POST',
      `/api/evaluations/${a}/comments/${commentId}/response`,
      {
        response: 'UBND xã tiếp thu, sẽ tổ chức vào quý sau.',
        kind: 'accepted',
      },
    );
    expect(responded.statusCode, responded.body).toBe(200);
    expect(responded.json()).toEqual([
      expect.objectContaining({
        id: commentId,
        authorName: 'Nguyễn Văn C',
        response: 'UBND xã tiếp thu, sẽ tổ chức vào quý sau.',
        responseKind: 'accepted',
      }),
    ]);
    // Changing one's mind is stored and audited like the text.
    const changed = await chairmanA.request('POST', `/api/evaluations/${a}/comments/${commentId}/response`, {
      response: 'Số liệu đúng theo sổ theo dõi; xã giải trình như sau.',
      kind: 'explained',
      expectedRespondedAt: responded.json()[0].respondedAt,
    });
    expect(changed.json()[0]).toMatchObject({ responseKind: 'explained' });
    const stored = await t.ctx.db
      .selectFrom('public_comments')
      .select(['response_kind'])
      .where('id', '=', commentId)
      .executeTakeFirstOrThrow();
    expect(stored.response_kind).toBe('explained');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('object_id', '=', commentId)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'comment.received', unit_id: units.communeA.id },
      { action: 'comment.responded', unit_id: units.communeA.id },
      { action: 'comment.responded', unit_id: units.communeA.id },
    ]);
    const last = await t.ctx.db
      .selectFrom('audit_log')
      .select(['diff'])
      .where('object_id', '=', commentId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.diff).toMatchObject({ kind: { from: 'accepted', to: 'explained' } });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('refuses a response written over one its writer has not seen (409), keeping the first', async () => {
    const a = await evaluationOfA('posted');
    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/public/evaluations/${a}/comments`,
      remoteAddress: '10.9.8.3',
      payload: { authorName: 'Lê Văn D', content: 'Đề nghị công khai danh sách hòa giải viên.' },
    });
    const commentId = sent.json().id as string;
    const url = `/api/evaluations/${a}/comments/${commentId}/response`;
    // Two people opened the comment while it had no response; both save.
    const [first, second] = await Promise.all([
      chairmanA.request('POST', url, {
        response: 'Trả lời thứ nhất của xã.',
        kind: 'accepted',
        expectedRespondedAt: null,
      }),
      chairmanA.request('POST', url, {
        response: 'Trả lời thứ hai của xã.',
        kind: 'accepted',
        expectedRespondedAt: null,
      }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const loser = first.statusCode === 409 ? first : second;
    expect(loser.json().error.message).toBe(
      'Ý kiến này vừa được người khác tiếp thu, giải trình. Hãy xem nội dung đã lưu rồi sửa lại nếu cần.',
    );
    const saved = (first.statusCode === 200 ? first : second).json()[0];
    // Omitting the field means "no response yet" too: never a silent replacement.
    const blind = await chairmanA.request('POST', url, {
      response: 'Ghi đè mà không xem.',
      kind: 'accepted',
    });
    expect(blind.statusCode).toBe(409);
    const edited = await chairmanA.request('POST', url, {
      response: 'Trả lời đã sửa sau khi xem.',
      kind: 'explained',
      expectedRespondedAt: saved.respondedAt,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()[0].response).toBe('Trả lời đã sửa sau khi xem.');
    const stale = await chairmanA.request('POST', url, {
      response: 'Bản cũ.',
      kind: 'accepted',
      expectedRespondedAt: saved.respondedAt,
    });
    expect(stale.statusCode).toBe(409);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', commentId)
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'comment.received',
      'comment.responded',
      'comment.responded',
    ]);
  });
});
