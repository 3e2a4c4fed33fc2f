import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let reviewer: TestClient;
let otherReviewer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  reviewer = await make('province_reviewer', 'province');
  otherReviewer = await make('province_reviewer', 'otherProvince');
});
afterAll(() => t?.close());

async function underAppraisal() {
  const { periodId, evaluationId } = await createEvaluationInState(t.ctx.db, {
    organiser: units.province,
    commune: units.communeA,
    state: 'under_appraisal',
  });
  const e = (await reviewer.request('GET', `/api/evaluations/${evaluationId}`)).json();
  return { periodId, id: evaluationId, version: e.version as number };
}

describe('appraisal verdicts', () => {
  it('refuses an unknown indicator, an adjustment above the maximum, and a verdict outside appraisal', async () => {
    const { id } = await underAppraisal();
    const unknown = await reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, {
      nodeCode: '9.9.9',
      verdict: 'accept',
    });
    expect(unknown.statusCode).toBe(400);
    const tooHigh = await reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, {
      nodeCode: '1.2',
      verdict: 'adjust',
      points: '8',
      reason: 'Thừa điểm',
    });
    expect(tooHigh.statusCode).toBe(400);
    expect(tooHigh.json().error.message).toContain('vượt điểm tối đa 7');

    const { evaluationId: draft } = await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeB,
      state: 'draft',
    });
    const early = await reviewer.request('PUT', `/api/evaluations/${draft}/verdicts`, {
      nodeCode: '1.2',
      verdict: 'accept',
    });
    expect(early.statusCode).toBe(409);
    // Another province's reviewer does not see the dossier at all.
    expect(
      (
        await otherReviewer.request('PUT', `/api/evaluations/${id}/verdicts`, {
          nodeCode: '1.2',
          verdict: 'accept',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('returns a dossier only with an explanation request, and only within the framework’s rounds', async () => {
    const { id, version } = await underAppraisal();
    const nothingAsked = await reviewer.request('POST', `/api/evaluations/${id}/return`, {
      expectedVersion: version,
    });
    expect(nothingAsked.statusCode).toBe(400);
    await t.ctx.db.updateTable('evaluations').set({ appraisal_round: 2 }).where('id', '=', id).execute();
    await reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, {
      nodeCode: '1.2',
      verdict: 'explain',
      reason: 'Đề nghị bổ sung',
    });
    const noMoreRounds = await reviewer.request('POST', `/api/evaluations/${id}/return`, {
      expectedVersion: version,
    });
    expect(noMoreRounds.statusCode).toBe(409);
    expect(noMoreRounds.json().error.message).toContain('Đã hết số vòng giải trình (1)');
  });

  it('scores with the indicator’s last verdict: an acceptance replaces an earlier adjustment in the same round', async () => {
    const { id, version } = await underAppraisal();
    const before = (await reviewer.request('GET', `/api/evaluations/${id}`)).json();
    await reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, {
      nodeCode: '1.2',
      verdict: 'adjust',
      points: '0',
      reason: 'Không có báo cáo',
    });
    await reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, { nodeCode: '1.2', verdict: 'accept' });
    const done = await reviewer.request('POST', `/api/evaluations/${id}/appraise`, {
      expectedVersion: version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().appraisedResult.total).toBe(before.selfResult.total);
    expect(done.json().differences).toEqual([]);
  });
});

describe('verdicts carried to a later round', () => {
  it('tells which verdict applies and from which round, until the reviewer changes it', async () => {
    const { id, version } = await underAppraisal();
    const chairman = await t.signIn(
      (await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA })).username,
    );
    const put = (body: object) => reviewer.request('PUT', `/api/evaluations/${id}/verdicts`, body);
    expect(
      (await put({ nodeCode: '1.2', verdict: 'adjust', points: '5.6', reason: 'Thiếu 1 báo cáo' }))
        .statusCode,
    ).toBe(200);
    await put({ nodeCode: '1.1', verdict: 'explain', reason: 'Đề nghị bổ sung tài liệu' });
    const returned = await reviewer.request('POST', `/api/evaluations/${id}/return`, {
      expectedVersion: version,
    });
    expect(returned.statusCode, returned.body).toBe(200);
    const explained = await chairman.request('POST', `/api/evaluations/${id}/explanations`, {
      expectedVersion: returned.json().version,
      explanations: { '1.1': 'Đã bổ sung quyết định kèm theo.' },
    });
    expect(explained.statusCode, explained.body).toBe(200);

    const round2 = (await reviewer.request('GET', `/api/evaluations/${id}`)).json();
    expect(round2.appraisalRound).toBe(2);
    // Round 1's adjustment is what counts now; the answered request decides nothing by itself.
    expect(round2.appliedVerdicts).toEqual([
      {
        nodeCode: '1.2',
        verdict: 'adjust',
        points: '5.6',
        passed: null,
        reason: 'Thiếu 1 báo cáo',
        round: 1,
        carriedForward: true,
      },
    ]);

    await put({ nodeCode: '1.2', verdict: 'accept' });
    const changed = (await reviewer.request('GET', `/api/evaluations/${id}`)).json();
    expect(changed.appliedVerdicts).toEqual([
      expect.objectContaining({ nodeCode: '1.2', verdict: 'accept', round: 2, carriedForward: false }),
    ]);
  });
});

describe('period results and summary', () => {
  it('ranks appraised communes, and hides another province’s period', async () => {
    const { periodId } = await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeA,
      state: 'appraised',
    });
    const results = await reviewer.request('GET', `/api/periods/${periodId}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject([
      { unit: { id: units.communeA.id }, state: 'appraised', rank: 1, rankOf: 1 },
    ]);
    const summary = await reviewer.request('GET', `/api/periods/${periodId}/summary`);
    expect(summary.json()).toMatchObject({ communes: 1 });
    expect((await otherReviewer.request('GET', `/api/periods/${periodId}/results`)).statusCode).toBe(404);
    expect((await otherReviewer.request('GET', `/api/periods/${periodId}/summary`)).statusCode).toBe(404);
  });

  it('refuses the area summary (Mẫu 09) to a commune taking part, in Vietnamese', async () => {
    const { periodId } = await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeA,
      state: 'appraised',
    });
    const chairman = await t.signIn(
      (await createUser(t.ctx.db, { role: 'commune_chairman', unit: units.communeA })).username,
    );
    const summary = await chairman.request('GET', `/api/periods/${periodId}/summary`);
    expect(summary.statusCode).toBe(403);
    expect(summary.json().error.message).toContain('chỉ dành cho cơ quan tổ chức kỳ đánh giá');
    const periods = (await chairman.request('GET', '/api/periods')).json() as {
      id: string;
      abilities: { canReadAreaSummary: boolean };
    }[];
    expect(periods.find((p) => p.id === periodId)?.abilities.canReadAreaSummary).toBe(false);
    const asReviewer = (await reviewer.request('GET', '/api/periods')).json() as typeof periods;
    expect(asReviewer.find((p) => p.id === periodId)?.abilities.canReadAreaSummary).toBe(true);
  });
});
