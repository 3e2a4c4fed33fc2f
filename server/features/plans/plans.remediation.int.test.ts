/**
 * Remediation from results (issue #14 item 3): proposing a plan from the CCHC result of example 004
 * gives one task per item that lost points; the deductions report then prints the tasks by officer
 * post from the stored plan. Scope, refusals and the audit row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { analyseGaps, scoreEvaluation } from '@shared/scoring/index.ts';
import { missingItems } from '@shared/plans/remediation.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { lostItems } from '@server/features/documents/from-data/evaluation-views.ts';
import { loadExample } from '@server/features/documents/test-helpers.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let chairmanA: TestClient;
let officerB: TestClient;
let viewer: TestClient;

const cchc = getBuiltinFramework('CCHC-XA-MAU');
const example004 = scoreEvaluation(cchc, loadExample('score-cchc-xa-mau-004'));

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  chairmanA = await make('commune_chairman', 'communeA');
  officerB = await make('commune_officer', 'communeB');
  viewer = await make('viewer', 'province');
});
afterAll(() => t?.close());

type Task = { id: string; code: string; title: string; content: string; target: string } & {
  sourceItem: string | null;
  pointsLost: string | null;
};
type Plan = { id: string; kind: string; status: string; sourceEvaluationId: string | null; tasks: Task[] };

/** An appraised CCHC evaluation of commune A whose result is example 004's. */
async function appraisedLike004() {
  const { evaluationId } = await createEvaluationInState(t.ctx.db, {
    organiser: units.province,
    commune: units.communeA,
    state: 'appraised',
    frameworkCode: 'CCHC-XA-MAU',
  });
  await t.ctx.db
    .updateTable('evaluations')
    .set({ appraised_result: JSON.stringify(example004) })
    .where('id', '=', evaluationId)
    .execute();
  return evaluationId;
}

describe('POST /api/plans/remediation', () => {
  let evaluationId: string;
  let plan: Plan;

  it('proposes a draft remediation plan with one task per item that lost points (example 004)', async () => {
    evaluationId = await appraisedLike004();
    const res = await chairmanA.request('POST', '/api/plans/remediation', { evaluationId });
    expect(res.statusCode, res.body).toBe(200);
    plan = res.json() as Plan;
    expect(plan).toMatchObject({ kind: 'remediation', status: 'draft', sourceEvaluationId: evaluationId });
    // The same items the deductions report lists, in the framework's order.
    expect(plan.tasks.map((x) => x.sourceItem)).toEqual(lostItems(example004).map((i) => i.code));
    expect(plan.tasks).toHaveLength(13);
    const task = plan.tasks.find((x) => x.sourceItem === '1.1.3')!;
    expect(task).toMatchObject({ code: '1', pointsLost: '0.5' });
    expect(task.title).toMatch(/^Khắc phục mục 1\.1\.3\. .+ \(bị trừ 0,5\/2 điểm\)$/);
    expect(task.content).toContain('30/33');
    expect(task.target).toContain('Nâng tỷ lệ lên 100% (cần 33/33, thêm 3)');
    // A step short of full marks names both (6.2.2: next tier 80%, then full marks).
    expect(plan.tasks.find((x) => x.sourceItem === '6.2.2')!.target).toBe(
      'Nâng tỷ lệ lên 80% (cần 80/100, thêm 10) → +1 điểm; đạt tối đa: Đạt điểm tối đa → +2 điểm',
    );

    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'diff'])
      .where('object_id', '=', plan.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.action).toBe('plan.remediation-proposed');
    expect(audit[0]!.diff).toMatchObject({ evaluationId, source: 'appraised' });
  });

  it('refuses a second proposal from the same result, naming the first; nothing is written', async () => {
    const before = await t.ctx.db.selectFrom('plans').select('id').execute();
    const res = await chairmanA.request('POST', '/api/plans/remediation', { evaluationId });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Đã có kế hoạch khắc phục lập từ kết quả này');
    expect(await t.ctx.db.selectFrom('plans').select('id').execute()).toHaveLength(before.length);
  });

  it('is refused outside the unit (404), without registers.edit (403) and for a malformed id (400)', async () => {
    const other = await appraisedLike004();
    expect(
      (await officerB.request('POST', '/api/plans/remediation', { evaluationId: other })).statusCode,
    ).toBe(404);
    expect((await viewer.request('POST', '/api/plans/remediation', { evaluationId: other })).statusCode).toBe(
      403,
    );
    const bad = await chairmanA.request('POST', '/api/plans/remediation', { evaluationId: 'abc' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Mã hồ sơ đánh giá không hợp lệ');
    expect(
      await t.ctx.db.selectFrom('plans').select('id').where('source_evaluation_id', '=', other).execute(),
    ).toHaveLength(0);
  });

  it('proposes from a TCPL self-assessment too (its gaps, leaving out items never entered)', async () => {
    const { evaluationId: draft } = await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeA,
      state: 'draft',
    });
    const res = await chairmanA.request('POST', '/api/plans/remediation', { evaluationId: draft });
    expect(res.statusCode, res.body).toBe(200);
    const row = await t.ctx.db
      .selectFrom('evaluations')
      .select('self_result')
      .where('id', '=', draft)
      .executeTakeFirstOrThrow();
    const tcpl = getBuiltinFramework('TCPL-2021');
    const missing = missingItems(row.self_result as never);
    const lost = analyseGaps(tcpl, row.self_result as never).lost.filter(
      (l) => l.lost !== null && !missing.has(l.code),
    );
    expect(lost.length).toBeGreaterThan(0);
    expect((res.json() as Plan).tasks.map((x) => x.sourceItem)).toEqual(
      expect.arrayContaining(lost.map((l) => l.code)),
    );
    expect((res.json() as Plan).tasks).toHaveLength(lost.length);
  });

  it('the CCHC deductions report prints the tasks by officer post from the stored plan', async () => {
    const byItem = (item: string) => plan.tasks.find((x) => x.sourceItem === item)!;
    const patch = (item: string, body: Record<string, unknown>) =>
      chairmanA.request('PATCH', `/api/plans/${plan.id}/tasks/${byItem(item).id}`, body);
    for (const [item, lead] of [
      ['1.1.3', 'Văn phòng - Thống kê'],
      ['3.13.3', 'Văn phòng - Thống kê'],
      ['2.2.1', 'Tư pháp - Hộ tịch'],
      ['6.2.2', 'Tài chính - Kế toán'],
    ] as const)
      expect((await patch(item, { lead })).statusCode).toBe(200);
    expect((await patch('2.2.1', { dueOn: '2026-05-30' })).statusCode).toBe(200);
    expect((await patch('3.12.2', { status: 'cancelled' })).statusCode).toBe(200);

    const res = await chairmanA.request('GET', `/api/evaluations/${evaluationId}/documents/cchc-deductions`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxParagraphs(res.rawPayload);
    const at = (line: string) => text.findIndex((l) => l.startsWith(line));
    expect(text.join('\n')).not.toContain('Chưa có nhiệm vụ khắc phục');
    const part2 = at('II. Nhiệm vụ, giải pháp khắc phục');
    const office = at('1. Văn phòng - Thống kê:');
    const justice = at('2. Tư pháp - Hộ tịch:');
    const finance = at('3. Tài chính - Kế toán:');
    expect(part2).toBeGreaterThan(0);
    expect([part2 < office, office < justice, justice < finance]).toEqual([true, true, true]);
    // General tasks (no post) come before the posts; the cancelled task is not printed.
    const general = text.slice(part2, office).filter((l) => l.startsWith('- Khắc phục mục'));
    expect(general.map((l) => l.slice('- Khắc phục mục '.length).split('.').slice(0, 3).join('.'))).toEqual(
      expect.arrayContaining(['1.4.2', '3.12.1']),
    );
    expect(general).toHaveLength(13 - 4 - 1);
    expect(text.join('\n')).not.toContain('Khắc phục mục 3.12.2');
    expect(text.slice(office + 1, justice).map((l) => l.slice(0, 22))).toEqual([
      '- Khắc phục mục 1.1.3.',
      '- Khắc phục mục 3.13.3',
    ]);
    expect(text[justice + 1]).toMatch(/^- Khắc phục mục 2\.2\.1\. .*; hoàn thành trước ngày 30\/05\/2026\.$/);
    expect(text[finance + 1]).toContain('Khắc phục mục 6.2.2');
  });
});
