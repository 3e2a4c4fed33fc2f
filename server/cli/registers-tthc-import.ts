/**
 * `npm run --silent cli -- registers import tthc --unit <mã xã> --file <tệp.csv|tệp.xlsx> [--source <tên nguồn>]`
 *
 * Imports a one-stop export into a commune's TTHC register with the same service as the web page:
 * every row is checked first; one bad row and nothing is written, every bad row and field is printed
 * and the exit code is 1. The column mapping is the one saved for the source name (from the web
 * page), or the one suggested from the headers.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatDecimal } from '@shared/format/vi.ts';
import { importTthcFileFromCli } from '@server/features/tthc/tthc.import.service.ts';
import { cliContext } from '@server/platform/context.ts';
import { CliError, withCliApp } from './open-database.ts';

export const TTHC_IMPORT_USAGE = [
  '  registers import tthc --unit <mã xã, phường> --file <tệp .csv hoặc .xlsx> [--source <tên nguồn dữ liệu>]',
];
const USAGE = ['Cách dùng:', ...TTHC_IMPORT_USAGE].join('\n');

/** `registers import tthc …` (dispatched by registers.command.ts). */
export async function importTthc(args: string[]): Promise<number> {
  let values: { unit?: string; file?: string; source?: string };
  try {
    values = parseArgs({
      args,
      options: { unit: { type: 'string' }, file: { type: 'string' }, source: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
  if (!values.unit || !values.file) throw new CliError(`Thiếu --unit hoặc --file.\n${USAGE}`);
  const filePath = path.resolve(values.file);
  if (!existsSync(filePath)) throw new CliError(`Không tìm thấy tệp ${filePath}.`);
  const report = await withCliApp((app) =>
    importTthcFileFromCli(cliContext(app), { unitCode: values.unit!, filePath, sourceName: values.source }),
  );
  if (report.status === 'imported') {
    console.log(
      `Đã nhập ${formatDecimal(report.received)} hồ sơ từ ${report.fileName}: ` +
        `${formatDecimal(report.created)} hồ sơ mới, ${formatDecimal(report.updated)} hồ sơ cập nhật ` +
        `(${formatDecimal(report.seconds)} giây).`,
    );
    return 0;
  }
  console.error(
    `Tệp ${report.fileName} có ${formatDecimal(report.invalidRows)} dòng lỗi trên ${formatDecimal(report.received)} dòng ` +
      `(${formatDecimal(report.issueCount)} lỗi); chưa nhập hồ sơ nào. Sửa tệp rồi nhập lại.`,
  );
  for (const issue of report.issues) console.error(`  Dòng ${issue.line}: ${issue.message}`);
  if (report.issueCount > report.issues.length)
    console.error(`  … và ${formatDecimal(report.issueCount - report.issues.length)} lỗi khác.`);
  return 1;
}
