/**
 * TTHC register import speed (issue #12): a generated canonical CSV of ROWS dossiers imported through
 * the product's path (runTthcImport: every row read and checked with parseDossierRow and streamed into
 * a COPY as it passes, in one transaction with its audit row) into a fresh database on the
 * PostgreSQL server, beside `psql \copy` of the same file into a plain table of the same columns and
 * into a copy of the register with all its indexes (the second reference: what the indexes cost
 * alone). Goal: ours ≥ 0.5 of the plain table's speed. Then the same file again into the same commune
 * (every code known, no fact changed), and the embedded engine (PGlite) with PGLITE_ROWS.
 *
 * BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the server; TTHC_BENCH_ROWS and
 * TTHC_BENCH_PGLITE_ROWS change the sizes.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { openDatabase, type DatabaseHandle } from '../server/db/client.ts';
import { migrate } from '../server/db/migrator.ts';
import { createServerDatabase } from '../server/test/test-db.ts';
import { createUnit } from '../server/test/factories.ts';
import { suggestMapping } from '../shared/tthc/import.contract.ts';
import { runTthcImport } from '../server/features/tthc/tthc.import.service.ts';

const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.TTHC_BENCH_ROWS ?? 1_000_000);
const PGLITE_ROWS = Number(process.env.TTHC_BENCH_PGLITE_ROWS ?? 100_000);
const HEADER =
  'ma_ho_so,ma_thu_tuc,ten_thu_tuc,linh_vuc,kenh_nop,ngay_tiep_nhan,han_tra_ket_qua,ngay_tra_ket_qua,trang_thai,so_hoa,ket_qua_dien_tu,thanh_toan_truc_tuyen,toan_trinh,thu_xin_loi';
const FIELDS = [
  'Hộ tịch',
  'Chứng thực',
  'Đất đai',
  'Bảo trợ xã hội',
  'Tư pháp - Hộ tịch',
  'Thi đua - khen thưởng',
];
const CHANNELS = ['truc_tuyen', 'truc_tiep', 'buu_chinh'];

const iso = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** A canonical export (ISO dates, so psql reads the same file). */
async function writeCsv(file: string, rows: number) {
  const out = createWriteStream(file);
  out.write(`${HEADER}\n`);
  for (let i = 0; i < rows; i++) {
    const received = i % 700;
    const resolved = i % 5 === 0 ? '' : iso(received + (i % 9));
    const line =
      `HS-${String(i).padStart(8, '0')},1.${i % 300},"Thủ tục số ${i % 300}, cấp xã",${FIELDS[i % FIELDS.length]},` +
      `${CHANNELS[i % 3]},${iso(received)},${iso(received + 5)},${resolved},${resolved ? 'Đã trả kết quả' : ''},` +
      `${i % 2},${i % 3 === 0 ? 1 : 0},${i % 4 === 0 ? '' : i % 2},${i % 7 === 0 ? 1 : ''},${i % 11 === 0 ? 1 : 0}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function importThrough(handle: DatabaseHandle, file: string, into?: { id: string }) {
  const unit = into ?? (await createUnit(handle.db, { name: 'Phường Thử Nghiệm', level: 'commune' }));
  const started = performance.now();
  const report = await runTthcImport(
    { db: handle.db, engine: handle.engine },
    {
      unitId: unit.id,
      filePath: file,
      fileName: path.basename(file),
      mapping: suggestMapping(HEADER.split(',')),
      sourceName: 'bench',
      importId: randomUUID(),
      actor: null,
      ip: 'bench',
    },
  );
  const ms = performance.now() - started;
  if (report.status !== 'imported')
    throw new Error(`import refused: ${JSON.stringify(report.issues.slice(0, 3))}`);
  return { ms, report, unit };
}

/** The file's columns in the register's names, for `\copy` into a copy of the register. */
const REGISTER_COLUMNS =
  'code, procedure_code, procedure_name, field, channel, received_on, due_on, resolved_on, status, digitised, electronic_result, online_payment, full_process, apology_letter';

/**
 * `psql \copy` of the file: into a bare table of the file's columns (`bare`), or into a copy of
 * tthc_dossiers with all its indexes, constraints, defaults (random uuid) and no rows (`indexed`):
 * what the register's indexes cost by themselves, with no checks.
 */
function psqlCopy(url: string, file: string, kind: 'bare' | 'indexed'): number {
  const create =
    kind === 'bare'
      ? `create table bench_copy (ma_ho_so text, ma_thu_tuc text, ten_thu_tuc text, linh_vuc text,
    kenh_nop text, ngay_tiep_nhan date, han_tra_ket_qua date, ngay_tra_ket_qua date, trang_thai text,
    so_hoa boolean, ket_qua_dien_tu boolean, thanh_toan_truc_tuyen boolean, toan_trinh boolean, thu_xin_loi boolean)`
      : `create table bench_indexed (like tthc_dossiers including all);
    alter table bench_indexed alter unit_id set default '${randomUUID()}', alter source set default 'import'`;
  const setup = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qc', create], { encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(setup.stderr);
  const target = kind === 'bare' ? 'bench_copy' : `bench_indexed (${REGISTER_COLUMNS})`;
  const started = performance.now();
  const copy = spawnSync(
    'psql',
    [url, '-v', 'ON_ERROR_STOP=1', '-qc', `\\copy ${target} from '${file}' with (format csv, header true)`],
    { encoding: 'utf8' },
  );
  const ms = performance.now() - started;
  if (copy.status !== 0) throw new Error(copy.stderr);
  return ms;
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('vi-VN')} dòng/s`;

const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-bench-tthc-'));
try {
  const file = path.join(dir, 'tthc.csv');
  await writeCsv(file, ROWS);
  console.log(
    `Tệp CSV: ${ROWS.toLocaleString('vi-VN')} dòng, ${(statSync(file).size / 1e6).toFixed(0)} MB; tải máy ${loadavg()[0]!.toFixed(1)}\n`,
  );

  const server = await createServerDatabase(ADMIN_URL);
  try {
    const handle = await openDatabase({ engine: 'postgres', url: server.url });
    try {
      await migrate(handle.db);
      const psqlMs = psqlCopy(server.url, file, 'bare');
      const indexedMs = psqlCopy(server.url, file, 'indexed');
      const ours = await importThrough(handle, file);
      const ratio = (ms: number) => (psqlMs / ms).toFixed(2).replace('.', ',');
      console.log(`psql \\copy (bảng thường, không kiểm tra):        ${fmt(psqlMs)}  ${rate(ROWS, psqlMs)}`);
      console.log(
        `psql \\copy (bản sao sổ, đủ chỉ mục, không kiểm tra): ${fmt(indexedMs)}  ${rate(ROWS, indexedMs)}  (tỷ lệ ${ratio(indexedMs)})`,
      );
      console.log(`Nhập của sản phẩm, lần đầu (kiểm tra + COPY):  ${fmt(ours.ms)}  ${rate(ROWS, ours.ms)}`);
      console.log(`Tỷ lệ tốc độ (sản phẩm ÷ psql bảng thường): ${ratio(ours.ms)} (mục tiêu ≥ 0,5)`);
      const again = await importThrough(handle, file, ours.unit);
      console.log(
        `Nhập lại cùng tệp, cùng đơn vị (mã đã có, không dòng nào đổi): ${fmt(again.ms)}  (tỷ lệ ${ratio(again.ms)}; ${again.report.status === 'imported' ? `${again.report.updated} cập nhật` : ''})`,
      );
    } finally {
      await handle.close();
    }
  } finally {
    await server.drop();
  }

  const small = path.join(dir, 'tthc-pglite.csv');
  await writeCsv(small, PGLITE_ROWS);
  const lite = await openDatabase({ engine: 'pglite', dataDir: null });
  try {
    await migrate(lite.db);
    const ours = await importThrough(lite, small);
    console.log(
      `PGlite (nhúng), ${PGLITE_ROWS.toLocaleString('vi-VN')} dòng: ${fmt(ours.ms)}  ${rate(PGLITE_ROWS, ours.ms)}`,
    );
  } finally {
    await lite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
