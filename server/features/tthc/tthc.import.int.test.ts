import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ImportUpload } from '@shared/tthc/import.contract.ts';
import { cliContext } from '@server/platform/context.ts';
import { JobWorker } from '@server/platform/jobs/queue.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnit, createUnitTree, createUser } from '@server/test/factories.ts';
import { multipartBody } from '@server/test/multipart.ts';
import { importTthcJob } from './tthc.import.jobs.ts';
import { importTthcFileFromCli } from './tthc.import.service.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let officer: TestClient;
let otherOfficer: TestClient;
let worker: JobWorker;

const CANONICAL =
  'ma_ho_so,ma_thu_tuc,ten_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai,so_hoa,ket_qua_dien_tu,thanh_toan_truc_tuyen,toan_trinh,thu_xin_loi';

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  officer = await t.signIn(
    (await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA })).username,
  );
  otherOfficer = await t.signIn(
    (await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeB })).username,
  );
  worker = new JobWorker(t.ctx.db, [importTthcJob as never], {
    pollMs: 50,
    log: pino({ level: 'silent' }),
    files: t.ctx.files,
  });
});
afterAll(() => t?.close());

async function upload(client: TestClient, data: Buffer | string, fileName: string, query = '') {
  const body = multipartBody({ data: Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8'), fileName });
  return t.app.inject({
    method: 'POST',
    url: `/api/registers/tthc/imports?unitId=${units.communeA.id}${query}`,
    payload: body.payload,
    headers: { ...body.headers, cookie: client.cookie, 'x-csrf-token': client.csrfToken },
  });
}

/** Uploads, confirms the suggested (or given) mapping, runs the job; the job's report. */
async function importFile(
  data: Buffer | string,
  fileName: string,
  options: { sourceName?: string; mapping?: Record<string, string> } = {},
) {
  const uploaded = await upload(officer, data, fileName);
  expect(uploaded.statusCode, uploaded.body).toBe(200);
  const offer = uploaded.json() as ImportUpload;
  const started = await officer.request('POST', `/api/registers/tthc/imports/${offer.uploadId}/start`, {
    mapping: options.mapping ?? offer.mapping,
    sourceName: options.sourceName ?? offer.sourceName,
  });
  expect(started.statusCode, started.body).toBe(200);
  expect(await worker.runOnce()).toBe(true);
  const job = (await officer.request('GET', `/api/jobs/${started.json().jobId}`)).json();
  expect(job.status, job.error).toBe('succeeded');
  return { offer, report: job.result as ImportReport, jobId: started.json().jobId as number };
}

const dossiers = (unitId = units.communeA.id) =>
  t.ctx.db.selectFrom('tthc_dossiers').selectAll().where('unit_id', '=', unitId).orderBy('code').execute();
const count = async () => (await dossiers()).length;

describe('importing a one-stop export into the TTHC register', () => {
  it('CSV with a BOM, canonical headers, both date formats with and without a time, Vietnamese channel words', async () => {
    const csv =
      '\uFEFF' +
      `${CANONICAL}\n` +
      'HS-001,1.001,Đăng ký khai sinh,Hộ tịch,Trực tuyến,02/03/2026,05/03/2026,05/03/2026,Đã trả kết quả,1,1,có,x,\n' +
      'HS-002,,Chứng thực bản sao,Chứng thực,trực tiếp,2026-03-02 08:15,2026-03-03,2026-03-04 16:30,,0,,không,,có\n' +
      'HS-003,,,Đất đai,Bưu chính,3/4/2026 7:05,10/04/2026,,Chờ bổ sung,,,,,\n';
    const { offer, report } = await importFile(csv, 'mot-cua-quy-1.csv');
    expect(offer.kind).toBe('csv');
    expect(offer.headers[0]).toBe('ma_ho_so');
    expect(offer.mapping).toMatchObject({ ma_ho_so: 'ma_ho_so', thu_xin_loi: 'thu_xin_loi' });
    expect(report).toMatchObject({ status: 'imported', received: 3, created: 3, updated: 0 });
    const rows = await dossiers();
    expect(rows.map((r) => [r.code, r.channel, r.received_on, r.due_on, r.resolved_on])).toEqual([
      ['HS-001', 'truc_tuyen', '2026-03-02', '2026-03-05', '2026-03-05'],
      ['HS-002', 'truc_tiep', '2026-03-02', '2026-03-03', '2026-03-04'],
      ['HS-003', 'buu_chinh', '2026-04-03', '2026-04-10', null],
    ]);
    expect(rows[0]).toMatchObject({
      digitised: true,
      online_payment: true,
      full_process: true,
      apology_letter: null,
    });
    expect(rows[1]).toMatchObject({
      digitised: false,
      online_payment: false,
      apology_letter: true,
      source: 'import',
    });
    expect(rows[2]).toMatchObject({ status: 'Chờ bổ sung', status_kind: 'bo_sung' });
  });

  it('re-importing the same codes updates them instead of duplicating; the audit row names the file and counts', async () => {
    const csv =
      `${CANONICAL}\n` +
      'HS-003,,,Đất đai,buu_chinh,03/04/2026,10/04/2026,09/04/2026,Đã trả,,,,,\n' +
      'HS-004,,,Hộ tịch,truc_tiep,05/04/2026,06/04/2026,,,,,,,\n';
    const { report } = await importFile(csv, 'mot-cua-quy-2.csv');
    expect(report).toMatchObject({ status: 'imported', received: 2, created: 1, updated: 1 });
    expect(await count()).toBe(4);
    const hs3 = (await dossiers()).find((r) => r.code === 'HS-003')!;
    expect(hs3).toMatchObject({ resolved_on: '2026-04-09', status_kind: 'binh_thuong' });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'diff', 'unit_id', 'actor_id'])
      .where('action', '=', 'tthc.dossiers-imported')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.unit_id).toBe(units.communeA.id);
    expect(audit.actor_id).not.toBeNull();
    expect(audit.diff).toMatchObject({ fileName: 'mot-cua-quy-2.csv', received: 2, created: 1, updated: 1 });
  });

  it('XLSX with Vietnamese headers (mapped without diacritics), without a BOM question', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hồ sơ');
    ws.addRow([
      'Số hồ sơ',
      'Tên thủ tục',
      'LĨNH VỰC',
      'Hình thức nộp',
      'Ngày tiếp nhận',
      'Hạn trả kết quả',
      'Ngay tra ket qua',
    ]);
    ws.addRow([
      'X-1',
      'Đăng ký kết hôn',
      'Hộ tịch',
      'trực tuyến',
      new Date(Date.UTC(2026, 4, 4)),
      '08/05/2026',
      '2026-05-07',
    ]);
    const { offer, report } = await importFile(Buffer.from(await wb.xlsx.writeBuffer()), 'xuat.xlsx');
    expect(offer.kind).toBe('xlsx');
    expect(offer.mapping).toEqual({
      ma_ho_so: 'Số hồ sơ',
      ten_thu_tuc: 'Tên thủ tục',
      linh_vuc: 'LĨNH VỰC',
      kenh_nop: 'Hình thức nộp',
      ngay_tiep_nhan: 'Ngày tiếp nhận',
      han_tra_ket_qua: 'Hạn trả kết quả',
      ngay_tra_ket_qua: 'Ngay tra ket qua',
    });
    expect(report).toMatchObject({ status: 'imported', created: 1 });
    expect((await dossiers()).find((r) => r.code === 'X-1')).toMatchObject({
      received_on: '2026-05-04',
      due_on: '2026-05-08',
      resolved_on: '2026-05-07',
      channel: 'truc_tuyen',
    });
  });

  it('a file with one bad row imports nothing and names the row and the field', async () => {
    const before = await count();
    const csv =
      `${CANONICAL}\n` +
      'OK-1,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
      'BAD-1,,,Hộ tịch,qua mạng,02/03/2026,05/03/2026,,,,,,,\n';
    const { report, offer } = await importFile(csv, 'mot-loi.csv');
    expect(report).toMatchObject({ status: 'invalid', received: 2, invalidRows: 1, issueCount: 1 });
    if (report.status !== 'invalid') throw new Error('expected invalid');
    expect(report.issues).toEqual([
      expect.objectContaining({ line: 3, column: 'kenh_nop', header: 'kenh_nop' }),
    ]);
    expect(report.issues[0]!.message).toContain('"qua mạng" không hợp lệ');
    expect(await count()).toBe(before);
    // The full list downloads as CSV.
    const errors = await officer.request('GET', `/api/registers/tthc/imports/${offer.uploadId}/errors`);
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toContain('text/csv');
    expect(errors.body).toContain('"3","kenh_nop","kenh_nop"');
  });

  it('a file with several bad rows names every row and field (lines as in the file, header = 1), and a repeated code', async () => {
    const before = await count();
    const csv =
      `${CANONICAL}\n` +
      ',,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
      'E-2,,,,truc_tiep,31/02/2026,05/03/2026,,,có lẽ,,,,\n' +
      'E-3,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,01/03/2026,,,,,,\n' +
      'E-4,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
      'E-4,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n';
    const { report } = await importFile(csv, 'nhieu-loi.csv');
    if (report.status !== 'invalid') throw new Error('expected invalid');
    expect(report.invalidRows).toBe(4);
    expect(report.issues.map((i) => [i.line, i.column])).toEqual([
      [2, 'ma_ho_so'],
      [3, 'linh_vuc'],
      [3, 'ngay_tiep_nhan'],
      [3, 'so_hoa'],
      [4, 'ngay_tra_ket_qua'],
      [6, 'ma_ho_so'],
    ]);
    expect(report.issues[5]!.message).toContain('trùng với dòng 5');
    expect(await count()).toBe(before);
    expect(
      await t.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('diff', 'is not', null)
        .where('action', '=', 'tthc.dossiers-imported')
        .execute(),
    ).toHaveLength(3);
  });

  it('saves the mapping per source name and offers it again for the next file of that source', async () => {
    const csv = 'Mã HS;Nhóm;Kênh;Nhận ngày;Hẹn trả\nM-1;Hộ tịch;truc_tiep;02/03/2026;05/03/2026\n';
    const first = await upload(officer, csv, 'phan-mem-x.csv', '&sourceName=Phần mềm X');
    const offer = first.json() as ImportUpload;
    expect(offer.savedMapping).toBe(false);
    expect(offer.mapping.linh_vuc).toBeUndefined();
    const mapping = {
      ma_ho_so: 'Mã HS',
      linh_vuc: 'Nhóm',
      kenh_nop: 'Kênh',
      ngay_tiep_nhan: 'Nhận ngày',
      han_tra_ket_qua: 'Hẹn trả',
    };
    // A mapping leaving a required column out is refused, in Vietnamese, and nothing is queued.
    const incomplete = await officer.request('POST', `/api/registers/tthc/imports/${offer.uploadId}/start`, {
      mapping: { ...mapping, linh_vuc: undefined },
      sourceName: 'Phần mềm X',
    });
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().error.message).toContain('Chưa chọn cột của tệp cho "Lĩnh vực" (bắt buộc).');
    const started = await officer.request('POST', `/api/registers/tthc/imports/${offer.uploadId}/start`, {
      mapping,
      sourceName: 'Phần mềm X',
    });
    expect(started.statusCode, started.body).toBe(200);
    await worker.runOnce();
    const again = (await upload(officer, csv, 'phan-mem-x-thang-4.csv', '&sourceName=Phần mềm X')).json();
    expect(again).toMatchObject({ savedMapping: true, mapping });
  });

  it("another commune's officer cannot import into this commune nor use its upload (404), and nothing is written", async () => {
    const csv = `${CANONICAL}\nZ-1,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n`;
    const refused = await upload(otherOfficer, csv, 'x.csv');
    expect(refused.statusCode).toBe(404);
    const offer = (await upload(officer, csv, 'x.csv')).json() as ImportUpload;
    const start = await otherOfficer.request('POST', `/api/registers/tthc/imports/${offer.uploadId}/start`, {
      mapping: offer.mapping,
      sourceName: 'x',
    });
    expect(start.statusCode).toBe(404);
    expect(
      (await otherOfficer.request('GET', `/api/registers/tthc/imports/${offer.uploadId}/errors`)).statusCode,
    ).toBe(404);
    expect((await dossiers()).some((d) => d.code === 'Z-1')).toBe(false);
  });

  it('the command line imports with the same rules, and refuses a bad file naming its rows', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tthc-cli-'));
    const good = path.join(dir, 'tot.csv');
    await writeFile(good, `${CANONICAL}\nCLI-1,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n`);
    const report = await importTthcFileFromCli(cliContext(t.ctx), {
      unitCode: units.communeB.code,
      filePath: good,
    });
    expect(report).toMatchObject({ status: 'imported', created: 1 });
    expect((await dossiers(units.communeB.id)).map((d) => d.code)).toEqual(['CLI-1']);
    const bad = path.join(dir, 'loi.csv');
    await writeFile(bad, `${CANONICAL}\nCLI-2,,,Hộ tịch,truc_tiep,02/03/2026,hôm qua,,,,,,,\n`);
    const refused = await importTthcFileFromCli(cliContext(t.ctx), {
      unitCode: units.communeB.code,
      filePath: bad,
    });
    expect(refused).toMatchObject({
      status: 'invalid',
      issues: [expect.objectContaining({ line: 2, column: 'han_tra_ket_qua' })],
    });
    expect((await dossiers(units.communeB.id)).map((d) => d.code)).toEqual(['CLI-1']);
  });

  it('a CSV that cannot be read after good rows writes nothing, and the next import works (first import, copied as read)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tthc-cli-'));
    const broken = path.join(dir, 'hong.csv');
    // Row 4 opens a quote it never closes: csv-parse's error, after three rows were already good.
    await writeFile(
      broken,
      `${CANONICAL}\n` +
        'R-1,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
        'R-2,,"Thủ tục, có dấu phẩy",Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
        'R-3,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n' +
        'R-4,,"không đóng,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n',
    );
    const communeC = await createUnit(t.ctx.db, {
      name: 'Xã Chưa Có Hồ Sơ',
      level: 'commune',
      parent: units.province,
    });
    await expect(
      importTthcFileFromCli(cliContext(t.ctx), { unitCode: communeC.code, filePath: broken }),
    ).rejects.toThrow(/Không đọc được tệp CSV: Quote Not Closed/);
    expect(await dossiers(communeC.id)).toEqual([]);
    await writeFile(broken, `${CANONICAL}\nR-1,,,Hộ tịch,truc_tiep,02/03/2026,05/03/2026,,,,,,,\n`);
    expect(
      await importTthcFileFromCli(cliContext(t.ctx), { unitCode: communeC.code, filePath: broken }),
    ).toMatchObject({ status: 'imported', created: 1, updated: 0 });
    expect((await dossiers(communeC.id)).map((d) => d.procedure_name)).toEqual([null]);
  });

  it('re-importing an unchanged dossier counts it as updated without rewriting it; a changed one is rewritten', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'tthc-cli-'));
    const file = path.join(dir, 'lai.csv');
    const before = new Map((await dossiers()).map((d) => [d.code, d]));
    await writeFile(
      file,
      `${CANONICAL}\n` +
        'HS-003,,,Đất đai,buu_chinh,03/04/2026,10/04/2026,09/04/2026,Đã trả,,,,,\n' +
        'HS-004,,,Hộ tịch,truc_tiep,05/04/2026,06/04/2026,07/04/2026,,,,,,\n',
    );
    const report = await importTthcFileFromCli(cliContext(t.ctx), {
      unitCode: units.communeA.code,
      filePath: file,
    });
    expect(report).toMatchObject({ status: 'imported', received: 2, created: 0, updated: 2 });
    const after = new Map((await dossiers()).map((d) => [d.code, d]));
    expect(after.get('HS-003')).toEqual(before.get('HS-003'));
    expect(after.get('HS-004')).toMatchObject({ resolved_on: '2026-04-07', id: before.get('HS-004')!.id });
    expect(after.get('HS-004')!.import_id).not.toBe(before.get('HS-004')!.import_id);
  });
});
