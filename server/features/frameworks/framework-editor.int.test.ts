/**
 * The framework editor (ADR 0015): draft, validation, publication with a diff, the XLSX table, and
 * applying a new version to an open period with its report — nothing locked changes without a reopen.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@shared/frameworks/canonical.ts';
import { findNode } from '@shared/frameworks/tree.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type {
  FrameworkDetailDto,
  FrameworkDraftDto,
  FrameworkPreviewDto,
} from '@shared/frameworks/frameworks.schemas.ts';
import type { RescoreReportDto } from '@shared/periods/rescore.contract.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let otherAdmin: TestClient;
let copy: FrameworkDetailDto;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  admin = await t.signIn(
    (await createUser(t.ctx.db, { role: 'province_admin', unit: tree.province })).username,
  );
  otherAdmin = await t.signIn(
    (await createUser(t.ctx.db, { role: 'province_admin', unit: tree.otherProvince })).username,
  );
  const builtin = await t.ctx.db
    .selectFrom('framework_versions')
    .select('id')
    .where('code', '=', 'TCPL-2021')
    .executeTakeFirstOrThrow();
  const res = await admin.request('POST', `/api/frameworks/${builtin.id}/copy`, {
    ownerUnitId: tree.province.id,
    code: 'TCPL-2021-TN',
    name: 'Chuẩn tiếp cận pháp luật — bản của tỉnh',
  });
  expect(res.statusCode).toBe(201);
  copy = res.json<FrameworkDetailDto>();
});
afterAll(() => t?.close());

/** 2.4: maximum 6 → 5 (tiers scaled); 2.5: maximum 2 → 3 with new tiers. Criterion 2 stays 30, the total 100. */
function edited(content: Framework): Framework {
  const fw = structuredClone(content);
  const n24 = findNode(fw, '2.4')!;
  n24.max = '5';
  if (n24.rule?.type !== 'tiers') throw new Error('2.4 has tiers');
  n24.rule.tiers = n24.rule.tiers.map((tier, i) => ({ ...tier, points: ['0', '2', '3', '4', '5'][i]! }));
  const n25 = findNode(fw, '2.5')!;
  n25.max = '3';
  if (n25.rule?.type !== 'tiers') throw new Error('2.5 has tiers');
  n25.rule.tiers = n25.rule.tiers.map((tier, i) => ({ ...tier, points: ['0', '0.5', '1', '2', '3'][i]! }));
  n25.rule.provenance = 'L';
  return fw;
}

const getDraft = async (client = admin) => client.request('GET', `/api/frameworks/${copy.id}/draft`);
const putDraft = (content: unknown, expectedVersion: number) =>
  admin.request('PUT', `/api/frameworks/${copy.id}/draft`, { content, expectedVersion });
const versions = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('framework_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('code', '=', 'TCPL-2021-TN')
        .executeTakeFirstOrThrow()
    ).n,
  );

let published: FrameworkDetailDto;

describe('draft and publication', () => {
  it('starts from the latest version, refuses built-ins and other provinces', async () => {
    const res = await getDraft();
    expect(res.statusCode).toBe(200);
    const draft = res.json<FrameworkDraftDto>();
    expect(draft).toMatchObject({ code: 'TCPL-2021-TN', stored: false, version: 0, issues: [], changes: [] });
    expect(draft.latest.version).toBe(1);
    expect((await getDraft(otherAdmin)).statusCode).toBe(404);
    const builtin = await t.ctx.db
      .selectFrom('framework_versions')
      .select('id')
      .where('code', '=', 'TCPL-2021')
      .executeTakeFirstOrThrow();
    expect((await admin.request('GET', `/api/frameworks/${builtin.id}/draft`)).statusCode).toBe(409);
  });

  it('keeps an invalid draft with the engine’s issues at the field, and refuses to publish it', async () => {
    const broken = structuredClone(copy.content);
    findNode(broken, '2.5')!.max = '3';
    const res = await putDraft(broken, 0);
    expect(res.statusCode).toBe(200);
    const draft = res.json<FrameworkDraftDto>();
    expect(draft.stored).toBe(true);
    expect(draft.issues.map((i) => [i.nodeCode, i.field])).toEqual([['2', 'max']]);
    expect(draft.issues[0]!.message).toContain('Tiêu chí 2, trường "max"');
    const publish = await admin.request('POST', `/api/frameworks/${copy.id}/draft/publish`, {
      expectedVersion: draft.version,
    });
    expect(publish.statusCode).toBe(400);
    expect(publish.json<{ error: { message: string } }>().error.message).toContain('Bản nháp còn 1 lỗi');
    expect(await versions()).toBe(1);
  });

  it('refuses a stale save, then publishes a valid draft as version 2 with its changes in words', async () => {
    expect((await putDraft(edited(copy.content), 0)).statusCode).toBe(409);
    const saved = (await putDraft(edited(copy.content), 1)).json<FrameworkDraftDto>();
    expect(saved.issues).toEqual([]);
    const texts = saved.changes.map((c) => c.text);
    expect(texts.some((x) => x.startsWith('2.4: điểm tối đa 5 điểm (trước: 6 điểm)'))).toBe(true);
    expect(texts.some((x) => x.startsWith('2.5: bậc: 0–dưới 50 % → 0 điểm; 50–dưới 70 % → 0,5 điểm'))).toBe(
      true,
    );
    const res = await admin.request('POST', `/api/frameworks/${copy.id}/draft/publish`, {
      expectedVersion: saved.version,
    });
    expect(res.statusCode).toBe(201);
    published = res.json<FrameworkDetailDto>();
    expect(published).toMatchObject({ code: 'TCPL-2021-TN', version: 2, isLatest: true });
    expect(findNode(published.content, '2.5')!.max).toBe('3');
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['diff', 'actor_name'])
      .where('action', '=', 'framework.published')
      .executeTakeFirstOrThrow();
    expect((audit.diff as { changes: string[] }).changes).toEqual(texts);
    expect(audit.actor_name).toBeTruthy();
    // The draft is gone; publishing the same content again is "no change".
    expect((await getDraft()).json<FrameworkDraftDto>()).toMatchObject({ stored: false, changes: [] });
    const same = (await putDraft(published.content, 0)).json<FrameworkDraftDto>();
    const again = await admin.request('POST', `/api/frameworks/${copy.id}/draft/publish`, {
      expectedVersion: same.version,
    });
    expect(again.statusCode).toBe(409);
    expect((await admin.request('DELETE', `/api/frameworks/${copy.id}/draft`)).statusCode).toBe(200);
  });
});

describe('preview', () => {
  it('scores a sample with the draft as edited and explains it, storing nothing', async () => {
    const res = await admin.request('POST', `/api/frameworks/${copy.id}/draft/preview`, {
      content: edited(copy.content),
      input: { values: { '2.5.tapHuan': { numerator: 95, denominator: 100 } } },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<FrameworkPreviewDto>();
    const n25 = body.result!.criteria.find((c) => c.code === '2')!.children.find((c) => c.code === '2.5')!;
    expect(n25).toMatchObject({ points: '3', max: '3' });
    expect(n25.explanation).toContain('95');
    expect((await getDraft()).json<FrameworkDraftDto>().stored).toBe(false);
  });
});

describe('XLSX table', () => {
  async function exported(): Promise<ExcelJS.Workbook> {
    const res = await admin.request('GET', `/api/frameworks/${published.id}/xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return wb;
  }
  const upload = async (wb: ExcelJS.Workbook) =>
    admin.request('POST', `/api/frameworks/${copy.id}/draft/xlsx`, {
      fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'),
      expectedVersion: 0,
    });

  it('refuses a bad table as a whole, naming sheet, row and column', async () => {
    const wb = await exported();
    const sheet = wb.getWorksheet('Tiêu chí')!;
    let row25 = 0;
    sheet.eachRow((r, n) => {
      if (r.getCell(1).value === '2.5') row25 = n;
    });
    sheet.getRow(row25).getCell(5).value = 'tiers(2.5.tapHuan; 0..50=0; 40..=3)';
    const res = await upload(wb);
    expect(res.statusCode).toBe(400);
    const body = res.json<{ error: { message: string } }>();
    expect(body.error.message).toContain(`Trang "Tiêu chí", dòng ${row25}, cột "Quy tắc chấm"`);
    expect((await getDraft()).json<FrameworkDraftDto>().stored).toBe(false);
  });

  it('reads the exported table back into the draft unchanged', async () => {
    const res = await upload(await exported());
    expect(res.statusCode).toBe(200);
    const draft = res.json<FrameworkDraftDto>();
    expect(draft.issues).toEqual([]);
    expect(draft.changes).toEqual([]);
    expect(canonicalJson({ ...draft.content, version: 2 })).toBe(canonicalJson(published.content));
    expect((await admin.request('DELETE', `/api/frameworks/${copy.id}/draft`)).statusCode).toBe(200);
  });
});

describe('applying a new version to an open period', () => {
  let periodId: string;
  let open: string;
  let locked: string;

  /** A commune's input where 2.4 and 2.5 are at 85 %: 4,8 + 1 points under version 1, 4 + 2 under version 2. */
  function inputOf(fw: Framework) {
    const input = sampleEvaluationInput(fw, seededRandom(5), 0.9);
    input.values!['2.4.hieuQua'] = { numerator: 85, denominator: 100 };
    input.values!['2.5.tapHuan'] = { numerator: 85, denominator: 100 };
    return input;
  }

  beforeAll(async () => {
    const today = todayInVietnam();
    periodId = (
      await t.ctx.db
        .insertInto('evaluation_periods')
        .values({
          unit_id: tree.province.id,
          year: 2026,
          name: 'Kỳ đánh giá 2026',
          evaluating_level: 'province',
          framework_version_id: copy.id,
          self_assessment_due: addDays(today, 10),
          submission_due: addDays(today, 20),
          appraisal_due: addDays(today, 30),
          decision_due: addDays(today, 40),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    const input = inputOf(copy.content);
    const result = scoreEvaluation(copy.content, input);
    const insert = (unitId: string, state: 'draft' | 'submitted') =>
      t.ctx.db
        .insertInto('evaluations')
        .values({
          period_id: periodId,
          unit_id: unitId,
          state,
          self_input: JSON.stringify(input),
          self_result: JSON.stringify(result),
          submitted_snapshot: state === 'draft' ? null : JSON.stringify({ input, result }),
          submitted_at: state === 'draft' ? null : new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    open = (await insert(tree.communeA.id, 'draft')).id;
    locked = (await insert(tree.communeB.id, 'submitted')).id;
  });

  const preview = () =>
    admin.request('GET', `/api/periods/${periodId}/rescore?frameworkVersionId=${published.id}`);
  const apply = (expectedHash: string) =>
    admin.request('POST', `/api/periods/${periodId}/rescore`, {
      frameworkVersionId: published.id,
      expectedHash,
    });
  const stored = async (id: string) =>
    t.ctx.db
      .selectFrom('evaluations')
      .select(['self_result', 'state', 'version'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('reports before and after per commune and refuses while a locked evaluation would change', async () => {
    const res = await preview();
    expect(res.statusCode).toBe(200);
    const report = res.json<RescoreReportDto>();
    expect(report.from.version).toBe(1);
    expect(report.to.version).toBe(2);
    expect(report.changes.length).toBeGreaterThan(0);
    const rowA = report.rows.find((r) => r.evaluationId === open)!;
    expect(rowA).toMatchObject({ locked: false, changed: true, droppedInputs: [] });
    expect(Number(rowA.after!.total) - Number(rowA.before!.total)).toBeCloseTo(0.2);
    expect(rowA.after!.conditions.map((c) => c.code)).toEqual(['DK1', 'DK2', 'DK3']);
    const rowB = report.rows.find((r) => r.evaluationId === locked)!;
    expect(rowB).toMatchObject({
      locked: true,
      reopenable: true,
      changed: true,
      stateLabel: 'Đã chốt kết quả tự đánh giá',
    });
    expect(rowA.reopenable).toBe(false);
    expect(report.changedCount).toBe(2);
    expect(report.blockers).toHaveLength(1);
    expect(report.blockers[0]).toContain('cần mở lại');

    const before = await stored(locked);
    const refused = await apply(report.to.hash);
    expect(refused.statusCode).toBe(409);
    expect(await stored(locked)).toEqual(before);
    expect(await stored(open)).toMatchObject({ version: 1 });
    expect(
      (
        await t.ctx.db
          .selectFrom('evaluation_periods')
          .select('framework_version_id')
          .where('id', '=', periodId)
          .executeTakeFirstOrThrow()
      ).framework_version_id,
    ).toBe(copy.id);
    // Another province's administrator cannot even read the report.
    expect(
      (await otherAdmin.request('GET', `/api/periods/${periodId}/rescore?frameworkVersionId=${published.id}`))
        .statusCode,
    ).toBe(404);
  });

  it('after an explicit reopen, applies on confirmation: re-scores and audits each evaluation', async () => {
    // The explicit reopen of the submitted dossier, with a reason the commune reads (ADR 0019).
    const reopened = await admin.request('POST', `/api/evaluations/${locked}/reopen-correction`, {
      expectedVersion: (await stored(locked)).version,
      until: addDays(todayInVietnam(), 5),
      reason: 'Áp dụng bộ tiêu chí đã sửa chỉ tiêu 2.4 và 2.5',
    });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json<{ state: string }>().state).toBe('draft');
    const report = (await preview()).json<RescoreReportDto>();
    expect(report.blockers).toEqual([]);
    const res = await apply(report.to.hash);
    expect(res.statusCode).toBe(200);
    expect(res.json<RescoreReportDto>().applied).toBe(true);
    for (const id of [open, locked]) {
      const row = await stored(id);
      const result = row.self_result as EvaluationResult;
      expect(result.framework.version).toBe(2);
      expect(result.total).toBe(report.rows.find((r) => r.evaluationId === id)!.after!.total);
    }
    const period = await t.ctx.db
      .selectFrom('evaluation_periods')
      .select('framework_version_id')
      .where('id', '=', periodId)
      .executeTakeFirstOrThrow();
    expect(period.framework_version_id).toBe(published.id);
    const audits = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'object_id', 'diff'])
      .where('action', 'in', ['evaluation.rescored', 'period.framework-changed'])
      .execute();
    expect(
      audits
        .filter((a) => a.action === 'evaluation.rescored')
        .map((a) => a.object_id)
        .sort(),
    ).toEqual([open, locked].sort());
    expect(audits.some((a) => a.action === 'period.framework-changed' && a.object_id === periodId)).toBe(
      true,
    );
    // Applying again: the period already uses version 2.
    expect((await apply(report.to.hash)).statusCode).toBe(400);
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
