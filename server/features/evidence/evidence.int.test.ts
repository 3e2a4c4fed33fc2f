import { parse as parseContentDisposition } from 'content-disposition';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationState } from '@shared/evaluations/state-machine.ts';
import { LIMITS } from '@shared/limits.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { multipartBody } from '@server/test/multipart.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let officerA: TestClient;
let chairmanB: TestClient;
let reviewer: TestClient;

// Small but real files, built here.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n' +
    'trailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function officeFile(kind: 'docx' | 'xlsx' | 'other') {
  const zip = new JSZip();
  if (kind !== 'other') zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types/>');
  if (kind === 'docx') zip.file('word/document.xml', '<w:document/>');
  if (kind === 'xlsx') zip.file('xl/workbook.xml', '<workbook/>');
  if (kind === 'other') zip.file('ghi-chu.txt', 'không phải tài liệu Office');
  return zip.generateAsync({ type: 'nodebuffer' });
}

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  officerA = await make('commune_officer', 'communeA');
  chairmanB = await make('commune_chairman', 'communeB');
  reviewer = await make('province_reviewer', 'province');
});
afterAll(() => t?.close());

async function evaluationOfA(state: EvaluationState = 'draft') {
  const { evaluationId } = await createEvaluationInState(t.ctx.db, {
    organiser: units.province,
    commune: units.communeA,
    state,
  });
  return evaluationId;
}

function upload(
  client: TestClient | null,
  evaluationId: string,
  file: { data: Buffer; fileName: string; contentType?: string },
  nodeCode = '1.1',
) {
  const { payload, headers } = multipartBody(file);
  return t.app.inject({
    method: 'POST',
    url: `/api/evaluations/${evaluationId}/evidence?nodeCode=${encodeURIComponent(nodeCode)}`,
    headers: client ? { ...headers, cookie: client.cookie, 'x-csrf-token': client.csrfToken } : headers,
    payload,
  });
}

/** Files currently held by the local store (the test app uses DATA_DIR/files). */
function storedFiles(): string[] {
  const storage = t.ctx.config.storage;
  if (storage.kind !== 'local') throw new Error('tests use the local store');
  const dir = path.join(storage.dir, 'evidence');
  return existsSync(dir) ? readdirSync(dir) : [];
}

async function auditOf(objectId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'diff', 'unit_id'])
    .where('object_id', '=', objectId)
    .orderBy('id')
    .execute();
}

describe('evidence files', () => {
  it('stores an uploaded PDF under a random key with its SHA-256, and audits it', async () => {
    const id = await evaluationOfA();
    const response = await upload(officerA, id, {
      data: PDF,
      fileName: 'Biên bản họp triển khai PBGDPL (lần 1).pdf',
      contentType: 'application/pdf',
    });
    expect(response.statusCode, response.body).toBe(200);
    const item = response.json();
    expect(item).toMatchObject({
      nodeCode: '1.1',
      fileName: 'Biên bản họp triển khai PBGDPL (lần 1).pdf',
      contentType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
      canDelete: true,
    });
    expect(item).not.toHaveProperty('storageKey');
    const row = await t.ctx.db
      .selectFrom('evidence_files')
      .selectAll()
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.sha256).toBe(sha256(PDF));
    expect(row.size_bytes).toBe(PDF.length);
    expect(row.unit_id).toBe(units.communeA.id);
    expect(row.storage_key).toMatch(/^evidence\/[0-9a-f-]{36}$/);
    expect(storedFiles()).toContain(row.storage_key.split('/')[1]);
    const audit = await auditOf(item.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'evidence.uploaded',
      unit_id: units.communeA.id,
      diff: { evaluationId: id, nodeCode: '1.1', sha256: sha256(PDF), sizeBytes: PDF.length },
    });
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });

  it('tells the type from the bytes, not from the name or the browser', async () => {
    const id = await evaluationOfA();
    const png = await upload(officerA, id, {
      data: PNG,
      fileName: 'anh-chup.pdf',
      contentType: 'application/pdf',
    });
    expect(png.statusCode, png.body).toBe(200);
    expect(png.json().contentType).toBe('image/png');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 1)]);
    const jpg = await upload(officerA, id, { data: jpeg, fileName: 'ảnh hội nghị.jpg' });
    expect(jpg.json().contentType).toBe('image/jpeg');
    const docx = await upload(officerA, id, { data: await officeFile('docx'), fileName: 'Kế hoạch.docx' });
    expect(docx.json().contentType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xlsx = await upload(
      officerA,
      id,
      { data: await officeFile('xlsx'), fileName: 'Số liệu.xlsx' },
      '2.1',
    );
    expect(xlsx.json().contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('rejects other kinds of file with a Vietnamese 400, keeping nothing', async () => {
    const id = await evaluationOfA();
    const before = storedFiles().length;
    for (const file of [
      { data: Buffer.from('Xin chào, đây là văn bản thường.', 'utf8'), fileName: 'bao-cao.pdf' },
      { data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), fileName: 'chuong-trinh.docx' },
      { data: await officeFile('other'), fileName: 'nen.xlsx' },
      { data: Buffer.from('%PD'), fileName: 'ngan.pdf' },
    ]) {
      const response = await upload(officerA, id, { ...file, contentType: 'application/pdf' });
      expect(response.statusCode, file.fileName).toBe(400);
      expect(response.json().error.message).toContain('Chỉ nhận tệp PDF, Word (DOCX), Excel (XLSX)');
    }
    const empty = await upload(officerA, id, { data: Buffer.alloc(0), fileName: 'rong.pdf' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toBe('Tệp rỗng, không có nội dung.');
    expect(storedFiles()).toHaveLength(before);
    const rows = await t.ctx.db
      .selectFrom('evidence_files')
      .select('id')
      .where('evaluation_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('rejects a file over 20 MB with a Vietnamese 413, keeping nothing', async () => {
    const id = await evaluationOfA();
    const before = storedFiles().length;
    const big = Buffer.alloc(LIMITS.evidenceMaxBytes + 1, 0x20);
    PDF.copy(big);
    const response = await upload(officerA, id, { data: big, fileName: 'qua-lon.pdf' });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.message).toBe('Tệp quá lớn: mỗi tài liệu kiểm chứng tối đa 20 MB.');
    expect(storedFiles()).toHaveLength(before);
    // Exactly at the limit is accepted.
    const atLimit = await upload(officerA, id, {
      data: big.subarray(0, LIMITS.evidenceMaxBytes),
      fileName: 'vua.pdf',
    });
    expect(atLimit.statusCode, atLimit.body).toBe(200);
  });

  it('refuses an unknown indicator, a missing file and a non-multipart body (400)', async () => {
    const id = await evaluationOfA();
    const unknown = await upload(officerA, id, { data: PDF, fileName: 'a.pdf' }, '99.9');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('Không có chỉ tiêu 99.9 trong bộ tiêu chí.');
    const json = await officerA.request('POST', `/api/evaluations/${id}/evidence?nodeCode=1.1`, {
      file: 'x',
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error.message).toContain('multipart/form-data');
    const noNode = await t.app.inject({
      method: 'POST',
      url: `/api/evaluations/${id}/evidence`,
      headers: { cookie: officerA.cookie, 'x-csrf-token': officerA.csrfToken },
    });
    expect(noNode.statusCode).toBe(400);
  });

  it('lists by indicator, in the evaluation too, and downloads the same bytes with safe headers', async () => {
    const id = await evaluationOfA();
    const a = (await upload(officerA, id, { data: PDF, fileName: 'Quyết định số 12/QĐ-UBND.pdf' })).json();
    await upload(officerA, id, { data: PNG, fileName: 'ảnh.png' }, '1.2');
    const list = await reviewer.request('GET', `/api/evaluations/${id}/evidence`);
    expect(list.statusCode).toBe(200);
    expect(list.json().count).toBe(2);
    expect(Object.keys(list.json().byNode).sort()).toEqual(['1.1', '1.2']);
    // The browser sends only the last path segment; a name with "/" keeps what follows it.
    expect(list.json().byNode['1.1'][0].fileName).toBe('QĐ-UBND.pdf');
    expect(list.json().canUpload).toBe(false); // the reviewer reads, but does not add
    const evaluation = (await officerA.request('GET', `/api/evaluations/${id}`)).json();
    expect(evaluation.evidence.count).toBe(2);
    expect(evaluation.evidence.byNode['1.2'][0].fileName).toBe('ảnh.png');
    expect(evaluation.abilities.canUploadEvidence).toBe(true);

    const download = await reviewer.request('GET', `/api/evaluations/${id}/evidence/${a.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-length']).toBe(String(PDF.length));
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename=QD-UBND.pdf; filename*=UTF-8''Q%C4%90-UBND.pdf`,
    );
  });

  it('keeps Vietnamese file names intact through the upload', async () => {
    const id = await evaluationOfA();
    const name = 'Báo cáo kết quả thực hiện tiêu chí 1 – năm 2026.pdf';
    const item = (await upload(officerA, id, { data: PDF, fileName: name })).json();
    expect(item.fileName).toBe(name);
    const download = await officerA.request('GET', `/api/evaluations/${id}/evidence/${item.id}`);
    const encoded = String(download.headers['content-disposition']).split("UTF-8''")[1]!;
    expect(decodeURIComponent(encoded)).toBe(name);
  });

  it('names a file by the type its bytes show: a PDF/HTML polyglot called .html is kept and served as .pdf', async () => {
    const id = await evaluationOfA();
    const polyglot = Buffer.concat([
      PDF,
      Buffer.from('<html><script>alert(document.cookie)</script></html>'),
    ]);
    const item = (
      await upload(officerA, id, { data: polyglot, fileName: 'baocao.html', contentType: 'text/html' })
    ).json();
    expect(item).toMatchObject({ fileName: 'baocao.pdf', contentType: 'application/pdf' });
    const download = await officerA.request('GET', `/api/evaluations/${id}/evidence/${item.id}`);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(parseContentDisposition(String(download.headers['content-disposition'])).parameters).toEqual({
      filename: 'baocao.pdf',
    });
  });

  it('drops right-to-left overrides and other bidi controls from names', async () => {
    const id = await evaluationOfA();
    const item = (await upload(officerA, id, { data: PDF, fileName: 'hoso\u202efdp.exe' })).json();
    expect(item.fileName).toBe('hosofdp.pdf');
    const audit = await auditOf(item.id);
    expect(audit[0]!.diff).toMatchObject({ fileName: 'hosofdp.pdf' });
  });

  it('serves a name stored before these rules with the extension of its type', async () => {
    const id = await evaluationOfA();
    const item = (await upload(officerA, id, { data: PDF, fileName: 'cu.pdf' })).json();
    await t.ctx.db
      .updateTable('evidence_files')
      .set({ file_name: 'cu\u202elmth.html' })
      .where('id', '=', item.id)
      .execute();
    const download = await officerA.request('GET', `/api/evaluations/${id}/evidence/${item.id}`);
    expect(parseContentDisposition(String(download.headers['content-disposition'])).parameters).toEqual({
      filename: 'culmth.pdf',
    });
    const list = await officerA.request('GET', `/api/evaluations/${id}/evidence`);
    expect(list.json().byNode['1.1'].find((f: { id: string }) => f.id === item.id).fileName).toBe(
      'culmth.pdf',
    );
  });

  it('answers a cut-off upload with a Vietnamese 400, keeping no row and no file', async () => {
    const id = await evaluationOfA();
    const before = storedFiles().length;
    const { payload, headers } = multipartBody({
      data: Buffer.concat([PDF, Buffer.alloc(4096, 0x20)]),
      fileName: 'dut.pdf',
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/evaluations/${id}/evidence?nodeCode=1.1`,
      headers: { ...headers, cookie: officerA.cookie, 'x-csrf-token': officerA.csrfToken },
      // The request ends in the middle of the file: no closing boundary.
      payload: payload.subarray(0, payload.length - 2000),
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.message).toBe(
      'Tệp tải lên bị gián đoạn, chưa nhận đủ nội dung. Hãy tải lên lại.',
    );
    expect(storedFiles()).toHaveLength(before);
    const rows = await t.ctx.db
      .selectFrom('evidence_files')
      .select('id')
      .where('evaluation_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('another commune gets 404 on every evidence route; a reviewer may read but not add', async () => {
    const id = await evaluationOfA();
    const item = (await upload(officerA, id, { data: PDF, fileName: 'a.pdf' })).json();
    expect((await chairmanB.request('GET', `/api/evaluations/${id}/evidence`)).statusCode).toBe(404);
    expect((await chairmanB.request('GET', `/api/evaluations/${id}/evidence/${item.id}`)).statusCode).toBe(
      404,
    );
    expect((await chairmanB.request('DELETE', `/api/evaluations/${id}/evidence/${item.id}`)).statusCode).toBe(
      404,
    );
    expect((await upload(chairmanB, id, { data: PDF, fileName: 'b.pdf' })).statusCode).toBe(404);
    expect((await upload(reviewer, id, { data: PDF, fileName: 'c.pdf' })).statusCode).toBe(403);
    expect((await reviewer.request('DELETE', `/api/evaluations/${id}/evidence/${item.id}`)).statusCode).toBe(
      403,
    );
    expect((await upload(null, id, { data: PDF, fileName: 'd.pdf' })).statusCode).toBe(401);
    // A file id of another evaluation is not found through this one.
    const other = await evaluationOfA();
    expect((await officerA.request('GET', `/api/evaluations/${other}/evidence/${item.id}`)).statusCode).toBe(
      404,
    );
  });

  it('is never public: not without a session, not through the public posting page', async () => {
    const draft = await evaluationOfA('draft');
    const item = (await upload(officerA, draft, { data: PDF, fileName: 'nội bộ.pdf' })).json();
    const anonymous = await t.app.inject({
      method: 'GET',
      url: `/api/evaluations/${draft}/evidence/${item.id}`,
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/evaluations/${draft}` })).statusCode).toBe(
      404,
    );
    for (const url of [
      `/api/public/evaluations/${draft}/evidence`,
      `/api/public/evaluations/${draft}/evidence/${item.id}`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    }
    // Once posted, the public page still says nothing about the evidence files.
    await t.ctx.db
      .updateTable('evaluations')
      .set({ state: 'posted', posted_from: '2026-01-01', posted_until: '2099-01-01' })
      .where('id', '=', draft)
      .execute();
    const page = await t.app.inject({ method: 'GET', url: `/api/public/evaluations/${draft}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('nội bộ');
    expect(page.body).not.toContain(item.id);
    expect(page.body).not.toContain('evidence');
  });

  it('deletes softly while editable, with an audit row; the file is then gone from lists and downloads', async () => {
    const id = await evaluationOfA();
    const item = (await upload(officerA, id, { data: PDF, fileName: 'xoa.pdf' })).json();
    const response = await officerA.request('DELETE', `/api/evaluations/${id}/evidence/${item.id}`);
    expect(response.statusCode, response.body).toBe(204);
    const row = await t.ctx.db
      .selectFrom('evidence_files')
      .select(['deleted_at', 'storage_key'])
      .where('id', '=', item.id)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).not.toBeNull();
    expect((await officerA.request('GET', `/api/evaluations/${id}/evidence`)).json().count).toBe(0);
    expect((await officerA.request('GET', `/api/evaluations/${id}/evidence/${item.id}`)).statusCode).toBe(
      404,
    );
    expect((await officerA.request('DELETE', `/api/evaluations/${id}/evidence/${item.id}`)).statusCode).toBe(
      404,
    );
    expect((await auditOf(item.id)).map((a) => a.action)).toEqual(['evidence.uploaded', 'evidence.deleted']);
  });

  it('refuses upload and delete once submitted (409), and after the self-assessment deadline', async () => {
    const id = await evaluationOfA();
    const item = (await upload(officerA, id, { data: PDF, fileName: 'truoc-khi-chot.pdf' })).json();
    await t.ctx.db
      .updateTable('evaluations')
      .set({ state: 'submitted', submitted_at: new Date() })
      .where('id', '=', id)
      .execute();
    const late = await upload(officerA, id, { data: PDF, fileName: 'sau.pdf' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('Hồ sơ đã chốt, không thêm hoặc xóa được tài liệu kiểm chứng.');
    const del = await officerA.request('DELETE', `/api/evaluations/${id}/evidence/${item.id}`);
    expect(del.statusCode).toBe(409);
    expect(
      (await officerA.request('GET', `/api/evaluations/${id}/evidence`)).json().byNode['1.1'][0].canDelete,
    ).toBe(false);

    const overdue = await evaluationOfA();
    await t.ctx.db
      .updateTable('evaluation_periods')
      .set({ self_assessment_due: '2020-01-01' })
      .where(
        'id',
        '=',
        (
          await t.ctx.db
            .selectFrom('evaluations')
            .select('period_id')
            .where('id', '=', overdue)
            .executeTakeFirstOrThrow()
        ).period_id,
      )
      .execute();
    const refused = await upload(officerA, overdue, { data: PDF, fileName: 'tre.pdf' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('Đã quá hạn tự đánh giá');
  });

  it('during an explanation round accepts new evidence, and only that can be deleted', async () => {
    const id = await evaluationOfA();
    const original = (await upload(officerA, id, { data: PDF, fileName: 'ban-dau.pdf' })).json();
    await t.ctx.db
      .updateTable('evaluations')
      .set({ state: 'returned', submitted_at: new Date(), appraisal_round: 1 })
      .where('id', '=', id)
      .execute();
    const added = await upload(officerA, id, { data: PNG, fileName: 'bo-sung.png' });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().canDelete).toBe(true);
    const keep = await officerA.request('DELETE', `/api/evaluations/${id}/evidence/${original.id}`);
    expect(keep.statusCode).toBe(409);
    expect(keep.json().error.message).toContain('chỉ xóa được tài liệu bổ sung');
    expect(
      (await officerA.request('DELETE', `/api/evaluations/${id}/evidence/${added.json().id}`)).statusCode,
    ).toBe(204);
  });

  it('removes the stored file when the database transaction fails', async () => {
    const id = await evaluationOfA();
    const before = storedFiles().length;
    await sql`create function refuse_evidence() returns trigger language plpgsql as $$
      begin raise exception 'refused for the test'; end $$`.execute(t.ctx.db);
    await sql`create trigger refuse_evidence before insert on evidence_files
      for each row execute function refuse_evidence()`.execute(t.ctx.db);
    try {
      const response = await upload(officerA, id, { data: PDF, fileName: 'that-bai.pdf' });
      expect(response.statusCode).toBe(500);
    } finally {
      await sql`drop trigger refuse_evidence on evidence_files`.execute(t.ctx.db);
      await sql`drop function refuse_evidence()`.execute(t.ctx.db);
    }
    expect(storedFiles()).toHaveLength(before);
  });
});
