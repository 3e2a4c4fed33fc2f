/** Documents from stored data over HTTP: each endpoint, scope (404), missing data (409), bulk ZIP job end to end. */
import Decimal from 'decimal.js';
import JSZip from 'jszip';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDecimal } from '@shared/format/vi.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import { jobDefinitions } from '@server/jobs.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { findSoffice } from '@server/platform/documents/pdf.ts';
import { requireInCI } from '@server/test/ci.ts';
import { JobWorker } from '@server/platform/jobs/queue.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { createUnit, createUnitTree, createUser } from '@server/test/factories.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { xlsxRows } from './test-helpers.ts';

/** The mark a provisional value carries in a document (server/features/documents/provisional.ts). */
const mark = (provisional: boolean) => (provisional ? ' (tạm tính)' : '');
let t: TestApp;
let tree: Awaited<ReturnType<typeof createUnitTree>>;
let chairman: TestClient;
let neighbour: TestClient;
let organiser: TestClient;
let organiserId: string;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  const a = await createUser(t.ctx.db, {
    role: 'commune_chairman',
    unit: tree.communeA,
    fullName: 'Nguyễn Văn Chủ Tịch',
  });
  const b = await createUser(t.ctx.db, { role: 'commune_chairman', unit: tree.communeB });
  const p = await createUser(t.ctx.db, { role: 'province_admin', unit: tree.province });
  chairman = await t.signIn(a.username);
  neighbour = await t.signIn(b.username);
  organiser = await t.signIn(p.username);
  organiserId = p.id;
});
afterAll(() => t?.close());

const inState = (state: Parameters<typeof createEvaluationInState>[1]['state'], frameworkCode?: string) =>
  createEvaluationInState(t.ctx.db, {
    organiser: tree.province,
    commune: tree.communeA,
    state,
    ...(frameworkCode ? { frameworkCode } : {}),
  });

async function storedResult(evaluationId: string, column: 'self_result' | 'appraised_result') {
  const row = await t.ctx.db
    .selectFrom('evaluations')
    .select([column])
    .where('id', '=', evaluationId)
    .executeTakeFirstOrThrow();
  return (row as Record<string, unknown>)[column] as EvaluationResult;
}

describe('GET /api/evaluations/:id/documents/:form', () => {
  it('Mẫu 01: the numbers of the stored result, an RFC 5987 Vietnamese file name', async () => {
    const { evaluationId } = await inState('submitted');
    const res = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-01`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="Bao cao Mau 01 - Phuong Phan Dinh Phung 2026.docx"; filename*=UTF-8''${encodeURIComponent('Báo cáo Mẫu 01 - Phường Phan Đình Phùng 2026.docx')}`,
    );
    const text = await docxParagraphs(res.rawPayload);
    const result = await storedResult(evaluationId, 'self_result');
    for (const c of result.criteria)
      expect(text).toContain(
        `- Số điểm đạt được của tiêu chí: ${formatDecimal(c.points!)}/${formatDecimal(c.max!)} điểm${mark(c.provisional)}.`,
      );
    // The commune committee's own report: its name only, no "UBND TỈNH …" above it (ND 30 box 2).
    expect(text[0]).toBe('ỦY BAN NHÂN DÂN\nPHƯỜNG PHAN ĐÌNH PHÙNG');
    const met = result.conditions.filter((c) => c.met).length;
    expect(
      text.some((l) => l.endsWith(`Đáp ứng được 0${met}/03 điều kiện${mark(result.provisional)}.`)),
    ).toBe(true);
    expect(text).toContain('Được sự quan tâm của lãnh đạo.');
  });

  it('is 404 for another commune and 409 before the data exists', async () => {
    const { evaluationId } = await inState('submitted');
    const other = await neighbour.request('GET', `/api/evaluations/${evaluationId}/documents/mau-01`);
    expect(other.statusCode).toBe(404);
    const early = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-07`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('chưa được thẩm định');
    const draft = await inState('draft');
    const notSubmitted = await chairman.request(
      'GET',
      `/api/evaluations/${draft.evaluationId}/documents/mau-01`,
    );
    expect(notSubmitted.statusCode).toBe(409);
    expect(notSubmitted.json().error.message).toContain('chưa được Chủ tịch UBND chốt');
    const notPosted = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-03`);
    expect(notPosted.statusCode).toBe(409);
    const cchcOnTcpl = await chairman.request(
      'GET',
      `/api/evaluations/${evaluationId}/documents/cchc-deductions`,
    );
    expect(cchcOnTcpl.statusCode).toBe(409);
  });

  it('Mẫu 02 as XLSX and Mẫu 07 after appraisal carry the stored totals', async () => {
    const { evaluationId } = await inState('appraised');
    const result = await storedResult(evaluationId, 'appraised_result');
    const xlsx = await organiser.request(
      'GET',
      `/api/evaluations/${evaluationId}/documents/mau-02?format=xlsx`,
    );
    expect(xlsx.statusCode, xlsx.body).toBe(200);
    const rows = await xlsxRows(xlsx.rawPayload);
    expect(rows.find((r) => r[0] === `Tổng điểm${mark(result.provisional)}`)).toContain(Number(result.total));
    const m07 = await organiser.request('GET', `/api/evaluations/${evaluationId}/documents/mau-07`);
    expect(m07.statusCode, m07.body).toBe(200);
    const text = await docxParagraphs(m07.rawPayload);
    expect(text.filter((l) => l === formatDecimal(result.total!)).length).toBeGreaterThanOrEqual(2);
    const mau01 = await organiser.request(
      'GET',
      `/api/evaluations/${evaluationId}/documents/mau-01?format=xlsx`,
    );
    expect(mau01.statusCode).toBe(400);
  });

  it('Mẫu 03 lists the answered comments; unanswered ones block it', async () => {
    const { evaluationId } = await inState('posted');
    const comment = await t.ctx.db
      .insertInto('public_comments')
      .values({
        evaluation_id: evaluationId,
        unit_id: tree.communeA.id,
        author_name: 'Trần Thị B',
        content: 'Đề nghị xem lại chỉ tiêu 2.1.',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const blocked = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-03`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.message).toContain('chưa được trả lời');
    await t.ctx.db
      .updateTable('public_comments')
      .set({ response: 'Tiếp thu, đã bổ sung tài liệu kiểm chứng.', response_kind: 'accepted' })
      .where('id', '=', comment.id)
      .execute();
    const res = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-03`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxParagraphs(res.rawPayload);
    expect(text).toContain('Đề nghị xem lại chỉ tiêu 2.1.');
    expect(text).toContain('Tiếp thu: Tiếp thu, đã bổ sung tài liệu kiểm chứng.');
  });

  it('CCHC report: the appraised total and the rank among the period', async () => {
    const { evaluationId } = await inState('appraised', 'CCHC-XA-MAU');
    const result = await storedResult(evaluationId, 'appraised_result');
    const res = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/cchc-deductions`);
    expect(res.statusCode, res.body).toBe(200);
    const text = await docxParagraphs(res.rawPayload);
    expect(
      text.some((l) =>
        l.includes(`đạt ${formatDecimal(result.total!)} điểm${mark(result.provisional)} (xếp thứ 1/1`),
      ),
    ).toBe(true);
  });

  it('CCHC rank: the results screen and the document agree for a chairman who sees one commune of three', async () => {
    const { periodId, evaluationId } = await inState('appraised', 'CCHC-XA-MAU');
    const own = await storedResult(evaluationId, 'appraised_result');
    const communeC = await createUnit(t.ctx.db, {
      name: 'Xã Tân Cương',
      code: '05600',
      level: 'commune',
      parent: tree.province,
    });
    // B above A; C level with A in exact decimals (a trailing zero), so A is 2nd of 3, tied with C.
    const others = [
      { unit: tree.communeB, total: new Decimal(own.total!).plus(10).toString() },
      {
        unit: communeC,
        total: `${new Decimal(own.total!).toFixed()}${own.total!.includes('.') ? '0' : '.0'}`,
      },
    ];
    for (const o of others)
      await t.ctx.db
        .insertInto('evaluations')
        .values({
          period_id: periodId,
          unit_id: o.unit.id,
          state: 'appraised',
          self_input: '{}',
          appraised_result: JSON.stringify({ ...own, total: o.total }),
        })
        .execute();

    const results = await chairman.request('GET', `/api/periods/${periodId}/results`);
    expect(results.statusCode, results.body).toBe(200);
    const rows = results.json() as { evaluationId: string; rank: number; rankOf: number }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ evaluationId, rank: 2, rankOf: 3 });

    const doc = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/cchc-deductions`);
    expect(doc.statusCode, doc.body).toBe(200);
    const text = await docxParagraphs(doc.rawPayload);
    expect(text.some((l) => l.includes(`(xếp thứ ${rows[0]!.rank}/${rows[0]!.rankOf}`))).toBe(true);

    // The organiser, who sees all three, reads the same rank for A.
    const all = (await organiser.request('GET', `/api/periods/${periodId}/results`)).json() as typeof rows;
    expect(all.map((r) => [r.rank, r.rankOf])).toEqual([
      [1, 3],
      [2, 3],
      [2, 3],
    ]);
    expect(all.find((r) => r.evaluationId === evaluationId)).toMatchObject({ rank: 2, rankOf: 3 });
  });

  it('PDF: a PDF when LibreOffice is installed, else 503 with the Vietnamese message', async () => {
    const { evaluationId } = await inState('submitted');
    const res = await chairman.request('GET', `/api/evaluations/${evaluationId}/documents/mau-02?format=pdf`);
    requireInCI(
      findSoffice() !== undefined,
      'LibreOffice (soffice on PATH: apt-get install libreoffice-writer)',
    );
    if (findSoffice()) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
    } else {
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('Chưa cài LibreOffice');
    }
  }, 120_000);

  it('PDF without LibreOffice on PATH: 503 with what to install', async () => {
    const { evaluationId } = await inState('submitted');
    const saved = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      const res = await chairman.request(
        'GET',
        `/api/evaluations/${evaluationId}/documents/mau-01?format=pdf`,
      );
      expect(res.statusCode).toBe(503);
      expect(res.json().error.message).toContain('Chưa cài LibreOffice nên không tạo được PDF');
    } finally {
      process.env.PATH = saved;
    }
  });
});

/** A council with a quorate meeting and everyone's opinion on the evaluation. */
async function councilWithMeeting(periodId: string, evaluationId: string) {
  const council = await t.ctx.db
    .insertInto('councils')
    .values({
      period_id: periodId,
      unit_id: tree.province.id,
      name: 'Hội đồng đánh giá chuẩn tiếp cận pháp luật tỉnh Thái Nguyên',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const members = await t.ctx.db
    .insertInto('council_members')
    .values(
      (
        [
          ['Nguyễn Văn Chủ', 'Giám đốc Sở Tư pháp', 'chair'],
          ['Phạm Thị Ký', 'Chuyên viên', 'secretary'],
          ['Lê Văn Viên', 'Phó Giám đốc', 'member'],
        ] as const
      ).map(([full_name, position, council_role]) => ({
        council_id: council.id,
        unit_id: tree.province.id,
        full_name,
        position,
        council_role,
      })),
    )
    .returning('id')
    .execute();
  const meeting = await t.ctx.db
    .insertInto('council_meetings')
    .values({
      council_id: council.id,
      unit_id: tree.province.id,
      mode: 'meeting',
      held_on: '2026-11-20',
      present_member_ids: JSON.stringify(members.slice(0, 2).map((m) => m.id)),
      quorum_met: true,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await t.ctx.db
    .insertInto('council_opinions')
    .values(
      members.slice(0, 2).map((m) => ({
        meeting_id: meeting.id,
        member_id: m.id,
        evaluation_id: evaluationId,
        unit_id: tree.communeA.id,
        opinion: 'achieved' as const,
      })),
    )
    .execute();
}

describe('GET /api/periods/:id/documents/:form', () => {
  it('Mẫu 05 after the council met; Mẫu 08 and 10 after the decision; 404 for a commune', async () => {
    const { periodId, evaluationId } = await inState('appraised');
    const result = await storedResult(evaluationId, 'appraised_result');
    expect((await organiser.request('GET', `/api/periods/${periodId}/documents/mau-05`)).statusCode).toBe(
      409,
    );
    await councilWithMeeting(periodId, evaluationId);
    const m05 = await organiser.request('GET', `/api/periods/${periodId}/documents/mau-05`);
    expect(m05.statusCode, m05.body).toBe(200);
    const minutes = await docxParagraphs(m05.rawPayload);
    expect(minutes.some((l) => l.startsWith('3. Thành viên có mặt: 02/03 thành viên'))).toBe(true);
    expect(minutes).toContain('2/2 ý kiến đạt');

    const early = await organiser.request('GET', `/api/periods/${periodId}/documents/mau-08`);
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('chưa có quyết định công nhận');
    await t.ctx.db
      .insertInto('recognition_decisions')
      .values({
        period_id: periodId,
        unit_id: tree.province.id,
        number: '15/QĐ-UBND',
        signed_on: '2026-11-25',
        signer_name: 'Trịnh Việt Hùng',
        signer_title: 'Chủ tịch',
      })
      .execute();
    await t.ctx.db
      .updateTable('evaluations')
      .set({ state: 'decided_achieved' })
      .where('id', '=', evaluationId)
      .execute();
    const m08 = await organiser.request('GET', `/api/periods/${periodId}/documents/mau-08`);
    expect(m08.statusCode, m08.body).toBe(200);
    const decision = await docxParagraphs(m08.rawPayload);
    expect(decision).toContain('Phường Phan Đình Phùng');
    expect(decision).toContain(formatDecimal(result.total!));
    const m10 = await organiser.request('GET', `/api/periods/${periodId}/documents/mau-10`);
    expect(m10.statusCode, m10.body).toBe(200);
    const report = await docxParagraphs(m10.rawPayload);
    expect(report.some((l) => l.includes('1/1 phường đạt chuẩn, tỷ lệ 100%'))).toBe(true);

    expect((await chairman.request('GET', `/api/periods/${periodId}/documents/mau-08`)).statusCode).toBe(404);
  });
});

describe('bulk export job', () => {
  it('renders every document of every evaluation into one ZIP in the file store, with failures listed, and removes the ZIPs past their keeping time', async () => {
    const { periodId } = await inState('appraised');
    // A run of the same organiser finished 8 days ago, its ZIP still kept.
    const old = await t.ctx.db
      .insertInto('jobs')
      .values({ name: 'documents.bulk', payload: '{}', status: 'succeeded', created_by: organiserId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.ctx.files.put(`exports/bulk-${old.id}`, Buffer.from('PK'));
    await t.ctx.db
      .updateTable('jobs')
      .set({
        result: JSON.stringify({ file: `exports/bulk-${old.id}`, documents: 0, failures: [] }),
        finished_at: new Date(Date.now() - 8 * 86_400_000),
      })
      .where('id', '=', old.id)
      .execute();
    // A second commune still in draft: its Mẫu 01 and 07 cannot be made.
    await t.ctx.db
      .insertInto('evaluations')
      .values({ period_id: periodId, unit_id: tree.communeB.id })
      .execute();
    const refused = await chairman.request('POST', `/api/periods/${periodId}/documents/bulk`, {
      forms: ['mau-01'],
    });
    // The chairman may generate documents, but the period is organised above the commune: not found.
    expect(refused.statusCode).toBe(404);
    const res = await organiser.request('POST', `/api/periods/${periodId}/documents/bulk`, {
      forms: ['mau-01', 'mau-07'],
      format: 'docx',
    });
    expect(res.statusCode, res.body).toBe(202);
    const { jobId } = res.json() as { jobId: number };
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', periodId)
      .where('action', '=', 'documents.bulk-requested')
      .execute();
    expect(audit).toHaveLength(1);

    expect((await organiser.request('GET', `/api/jobs/${jobId}/download`)).statusCode).toBe(409);
    const worker = new JobWorker(t.ctx.db, jobDefinitions, {
      pollMs: 10,
      log: pino({ level: 'silent' }),
      files: t.ctx.files,
    });
    while (await worker.runOnce());

    const job = (await organiser.request('GET', `/api/jobs/${jobId}`)).json();
    expect(job.status).toBe('succeeded');
    expect(job.progress).toMatchObject({ done: 4, total: 4 });
    expect(job.result.documents).toBe(2);
    expect(job.result.failures).toEqual([
      expect.objectContaining({
        form: 'mau-01',
        unit: 'Xã Đại Phúc',
        message: expect.stringContaining('chưa được Chủ tịch UBND chốt'),
      }),
      expect.objectContaining({
        form: 'mau-07',
        unit: 'Xã Đại Phúc',
        message: expect.stringContaining('chưa được thẩm định'),
      }),
    ]);

    const download = await organiser.request('GET', `/api/jobs/${jobId}/download`);
    expect(download.statusCode, download.body).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(download.rawPayload);
    expect(Object.keys(zip.files).sort()).toEqual([
      'Bang-diem-tham-dinh-Mau-07-Phuong-Phan-Dinh-Phung-2026.docx',
      'Bao-cao-Mau-01-Phuong-Phan-Dinh-Phung-2026.docx',
    ]);
    const text = await docxParagraphs(
      await zip.file('Bao-cao-Mau-01-Phuong-Phan-Dinh-Phung-2026.docx')!.async('nodebuffer'),
    );
    expect(text).toContain('BÁO CÁO');
    // Only the person who asked may download it.
    expect((await chairman.request('GET', `/api/jobs/${jobId}/download`)).statusCode).toBe(404);
    // The old run's ZIP was removed by this run; its download says so.
    const expired = await organiser.request('GET', `/api/jobs/${old.id}/download`);
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.message).toContain('được giữ 7 ngày');
    await expect(t.ctx.files.get(`exports/bulk-${old.id}`)).rejects.toThrow('stored file missing');
  });
});
