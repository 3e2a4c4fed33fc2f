/**
 * `npm run --silent cli -- registers report bieu-06 --unit <code> --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--json] [--xlsx <file>] [--docx <file>]`
 * `npm run --silent cli -- registers import tthc --unit <code> --file <csv|xlsx> [--source <name>]` (registers-tthc-import.ts)
 * `npm run --silent cli -- registers import bieu-06 --unit <code> --from <yyyy-mm-dd> --to <yyyy-mm-dd> --file <csv|xlsx>`
 * The same services as the routes, acting as the system (every unit).
 */
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDate } from '@shared/format/vi.ts';
import { bieu06Query } from '@shared/tthc/bieu06.contract.ts';
import {
  BIEU06_COLUMN,
  BIEU06_KEYS,
  BIEU06_TOTAL_ROW,
  formatCount,
  type Bieu06Figures,
} from '@shared/tthc/bieu06.ts';
import { renderBieu06 } from '@server/features/tthc/bieu06.document.ts';
import { findUnitIdByCode, getBieu06, importAggregates } from '@server/features/tthc/bieu06.service.ts';
import { cliContext } from '@server/platform/context.ts';
import { DomainError } from '@server/platform/http/errors.ts';
import { CliError, runCli, withCliApp } from './open-database.ts';
import { importTthc, TTHC_IMPORT_USAGE } from './registers-tthc-import.ts';

export const summary =
  'Sổ sách: import tthc (hồ sơ TTHC từ tệp CSV/XLSX của phần mềm một cửa), report bieu-06 (Biểu 06 của một đơn vị, --json/--xlsx/--docx), import bieu-06 (số liệu tổng hợp của xã)';

const USAGE = [
  'Cách dùng:',
  '  registers report bieu-06 --unit <mã đơn vị> --from <yyyy-mm-dd> --to <yyyy-mm-dd> [--json] [--xlsx <tệp>] [--docx <tệp>]',
  '  registers import bieu-06 --unit <mã xã> --from <yyyy-mm-dd> --to <yyyy-mm-dd> --file <tệp.csv|tệp.xlsx>',
  ...TTHC_IMPORT_USAGE,
].join('\n');

export async function run(args: string[]): Promise<number> {
  const [sub, form, ...rest] = args;
  if (sub === 'import' && form === 'tthc') return runCli(() => importTthc(rest));
  if (form !== 'bieu-06' || (sub !== 'report' && sub !== 'import')) {
    console.error(sub ? `Lệnh con không hợp lệ: ${[sub, form].filter(Boolean).join(' ')}\n${USAGE}` : USAGE);
    return 2;
  }
  return runCli(() => (sub === 'report' ? reportCommand(rest) : importCommand(rest)));
}

function parse(args: string[], extra: Record<string, { type: 'string' | 'boolean' }>) {
  let values;
  try {
    values = parseArgs({
      args,
      options: { unit: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, ...extra },
      strict: true,
      allowPositionals: false,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  for (const name of ['unit', 'from', 'to'])
    if (typeof values[name] !== 'string') throw new CliError(`Thiếu tuỳ chọn --${name}.\n${USAGE}`);
  const checked = bieu06Query.safeParse({ unitId: '00000000-0000-4000-8000-000000000000', ...values });
  if (!checked.success)
    throw new CliError(checked.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'));
  return values as Record<string, string | boolean | undefined> & { unit: string; from: string; to: string };
}

/** Runs a service call, turning a domain refusal into the CLI's Vietnamese message. */
async function domain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof DomainError) throw new CliError(error.message);
    throw error;
  }
}

async function reportCommand(args: string[]): Promise<number> {
  const v = parse(args, { json: { type: 'boolean' }, xlsx: { type: 'string' }, docx: { type: 'string' } });
  const report = await withCliApp(async (app) => {
    const ctx = cliContext(app);
    const unitId = await findUnitIdByCode(ctx, v.unit);
    if (!unitId) throw new CliError(`Không có đơn vị hành chính mã "${v.unit}".`);
    return domain(() => getBieu06(ctx, { unitId, from: v.from, to: v.to }));
  });
  for (const format of ['xlsx', 'docx'] as const) {
    const file = v[format];
    if (typeof file !== 'string') continue;
    const doc = await renderBieu06(report, format);
    await writeFile(file, doc.buffer);
    console.error(`Đã ghi ${file} (${doc.buffer.length.toLocaleString('vi-VN')} byte).`);
  }
  const pick = (f: Record<string, unknown>) => Object.fromEntries(BIEU06_KEYS.map((k) => [k, f[k]]));
  if (v.json) {
    console.log(
      JSON.stringify({
        unit: report.unit.code,
        from: report.from,
        to: report.to,
        total: pick(report.total),
        byField: report.byField.map((r) => ({ field: r.field, ...pick(r) })),
        problems: report.problems,
      }),
    );
    return 0;
  }
  if (typeof v.xlsx === 'string' || typeof v.docx === 'string') return 0;
  console.log(printable(report));
  return 0;
}

/** A plain-text table: one line per field, the column numbers of the form as headings. */
function printable(report: Awaited<ReturnType<typeof getBieu06>>): string {
  const width = Math.max(BIEU06_TOTAL_ROW.length, ...report.byField.map((r) => r.field.length), 8);
  const head = ['Lĩnh vực'.padEnd(width), ...BIEU06_KEYS.map((k) => `(${BIEU06_COLUMN[k]})`.padStart(8))];
  const line = (name: string, f: Bieu06Figures) =>
    [name.padEnd(width), ...BIEU06_KEYS.map((k) => formatCount(f[k]).padStart(8))].join(' ');
  const aggregated = report.communes.filter((c) => c.source === 'aggregates').map((c) => c.name);
  return [
    `Biểu 06/VPCP/KSTT — ${report.unit.name}, từ ${formatDate(report.from)} đến ${formatDate(report.to)}`,
    '(3) tổng số nhận = (4) trực tuyến + (5) trực tiếp, bưu chính + (6) từ kỳ trước; (7) đã giải quyết = (8) trước hạn + (9) đúng hạn + (10) quá hạn; (11) đang giải quyết = (12) trong hạn + (13) quá hạn',
    head.join(' '),
    ...report.byField.map((r) => line(r.field, r)),
    line(BIEU06_TOTAL_ROW, report.total),
    ...(aggregated.length
      ? [`Số liệu tự tổng hợp (không có dữ liệu từng hồ sơ): ${aggregated.join(', ')}`]
      : []),
    ...(report.problems.length ? ['Số liệu chưa khớp:', ...report.problems.map((p) => `- ${p}`)] : []),
  ].join('\n');
}

async function importCommand(args: string[]): Promise<number> {
  const v = parse(args, { file: { type: 'string' } });
  if (typeof v.file !== 'string') throw new CliError(`Thiếu tuỳ chọn --file.\n${USAGE}`);
  const file = path.resolve(v.file);
  if (!existsSync(file)) throw new CliError(`Không tìm thấy tệp ${file}.`);
  const saved = await withCliApp(async (app) => {
    const ctx = cliContext(app);
    const unitId = await findUnitIdByCode(ctx, v.unit);
    if (!unitId) throw new CliError(`Không có đơn vị hành chính mã "${v.unit}".`);
    return domain(() => importAggregates(ctx, { unitId, from: v.from, to: v.to }, file, path.basename(file)));
  });
  console.log(
    `Đã nhập ${saved.rows.length} lĩnh vực Biểu 06 của ${saved.unit.name}, từ ${formatDate(saved.from)} đến ${formatDate(saved.to)}.`,
  );
  for (const p of saved.problems) console.log(`Chưa khớp: ${p}`);
  return 0;
}
