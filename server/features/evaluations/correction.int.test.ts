/**
 * Reopening a closed dossier for correction (ADR 0019, issue #16 item 3): the appraisers reopen a
 * submitted … appraised (never decided) dossier with a reason the commune reads; what the closed steps
 * produced is set aside into the audit row; the commune corrects and submits again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { evaluationResponse } from '@shared/evaluations/evaluations.contract.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';

type EvaluationDetailDto = z.output<typeof evaluationResponse>;

let t: TestApp;
let tree: Awaited<ReturnType<typeof createUnitTree>>;
let reviewer: TestClient;
let chairman: TestClient;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  const sign = async (role: Parameters<typeof createUser>[1]['role'], unit = tree.communeA) =>
    t.signIn((await createUser(t.ctx.db, { role, unit })).username);
  reviewer = await sign('province_reviewer', tree.province);
  chairman = await sign('commune_chairman');
  officer = await sign('commune_officer');
});
afterAll(() => t?.close());

const row = (id: string) =>
  t.ctx.db.selectFrom('evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const verdictCount = async (id: string) =>
  Number(
    (
      await t.ctx.db
        .selectFrom('appraisal_verdicts')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('evaluation_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );
const REASON = 'Chấm lại theo bộ tiêu chí đã sửa: chỉ tiêu 2.5 đổi mức điểm, xã bổ sung số liệu tập huấn.';
const reopen = (client: TestClient, id: string, version: number, reason = REASON) =>
  client.request('POST', `/api/evaluations/${id}/reopen-correction`, {
    expectedVersion: version,
    until: '2099-12-31',
    reason,
  });

describe('reopening an appraised dossier for correction', () => {
  let id: string;

  beforeAll(async () => {
    ({ evaluationId: id } = await createEvaluationInState(t.ctx.db, {
      organiser: tree.province,
      commune: tree.communeA,
      state: 'appraised',
    }));
    const user = await t.ctx.db.selectFrom('users').select('id').limit(1).executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('appraisal_verdicts')
      .values({
        evaluation_id: id,
        unit_id: tree.communeA.id,
        round: 1,
        node_code: '1.1',
        verdict: 'adjust',
        points: '1',
        reason: 'Thiếu văn bản ban hành',
        reviewer_id: user.id,
      })
      .execute();
  });

  it('is refused to the commune, without a real reason, and changes nothing then', async () => {
    const before = await row(id);
    expect((await reopen(chairman, id, before.version)).statusCode).toBe(403);
    const short = await reopen(reviewer, id, before.version, 'sửa');
    expect(short.statusCode).toBe(400);
    expect(short.json<{ error: { message: string } }>().error.message).toContain('Ghi rõ lý do');
    expect(await row(id)).toEqual(before);
    expect(await verdictCount(id)).toBe(1);
  });

  it('sends it back to self-assessment, sets the appraisal aside into the audit row', async () => {
    const before = await row(id);
    const res = await reopen(reviewer, id, before.version);
    expect(res.statusCode).toBe(200);
    const after = await row(id);
    expect(after).toMatchObject({
      state: 'draft',
      appraised_result: null,
      submitted_snapshot: null,
      posted_from: null,
      appraisal_round: 0,
      correction_from_state: 'appraised',
      correction_reason: REASON,
    });
    expect(after.self_result).toEqual(before.self_result);
    expect(await verdictCount(id)).toBe(0);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('diff')
      .where('action', '=', 'evaluation.reopened-for-correction')
      .where('object_id', '=', id)
      .executeTakeFirstOrThrow();
    const diff = audit.diff as {
      reason: string;
      state: unknown;
      setAside: { verdicts: { node_code: string; reason: string }[]; appraisedTotal: string | null };
    };
    expect(diff.reason).toBe(REASON);
    expect(diff.state).toEqual({ from: 'appraised', to: 'draft' });
    expect(diff.setAside.verdicts).toMatchObject([{ node_code: '1.1', reason: 'Thiếu văn bản ban hành' }]);
    expect(diff.setAside.appraisedTotal).toBe((before.appraised_result as { total: string }).total);
    // A second reopen finds a draft: refused.
    const again = await reopen(reviewer, id, after.version);
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { message: string } }>().error.message).toContain('Đang tự đánh giá');
  });

  it('shows the commune the reason, lets it correct and submit again', async () => {
    const detail = (await officer.request('GET', `/api/evaluations/${id}`)).json<EvaluationDetailDto>();
    expect(detail.correction).toMatchObject({ reason: REASON, fromStateLabel: 'Đã thẩm định' });
    expect(detail.abilities.canEdit).toBe(true);
    expect(detail.abilities.canReopenForCorrection).toBe(false);
    const saved = await officer.request('PUT', `/api/evaluations/${id}/self-assessment`, {
      expectedVersion: detail.version,
      notes: { '2.5': 'Bổ sung số liệu tập huấn' },
    });
    expect(saved.statusCode).toBe(200);
    const submitted = await chairman.request('POST', `/api/evaluations/${id}/submit`, {
      expectedVersion: saved.json<EvaluationDetailDto>().version,
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<EvaluationDetailDto>()).toMatchObject({ state: 'submitted', appraisalRound: 0 });
    // The reviewer sees the ability on the closed dossier again.
    const seen = (await reviewer.request('GET', `/api/evaluations/${id}`)).json<EvaluationDetailDto>();
    expect(seen.abilities.canReopenForCorrection).toBe(true);
  });
});

it('never reopens a decided dossier', async () => {
  const { evaluationId } = await createEvaluationInState(t.ctx.db, {
    organiser: tree.province,
    commune: tree.communeB,
    state: 'decided_achieved',
  });
  const before = await row(evaluationId);
  const res = await reopen(reviewer, evaluationId, before.version);
  expect(res.statusCode).toBe(409);
  expect(res.json<{ error: { message: string } }>().error.message).toBe(
    'Không thể mở lại hồ sơ để sửa khi hồ sơ đang ở trạng thái "Được công nhận đạt chuẩn".',
  );
  expect(await row(evaluationId)).toEqual(before);
  expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
});
