/**
 * `npm run --silent cli -- units import [--file <merges.json>] [--splits <splits.json>] [--province <code>]`
 * `npm run --silent cli -- units list [--province <code>] [--search <text>] [--former]`
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { compareVietnamese, foldVietnamese } from '@shared/format/vi.ts';
import { describeImport } from '@server/features/units/units.import.ts';
import { importUnitsAudited, listAllUnits } from '@server/features/units/units.service.ts';
import {
  DEFAULT_MERGES_FILE,
  DEFAULT_SPLITS_FILE,
  readMergesFile,
  readSplitsFile,
} from '@server/features/units/units.source.ts';
import { cliContext } from '@server/platform/context.ts';
import { ValidationError } from '@server/platform/http/errors.ts';
import { CliError, runCli, withCliApp, withCliDatabase } from './open-database.ts';

export const summary =
  'Đơn vị hành chính: import (nhập cả nước hoặc một tỉnh, kèm đơn vị cũ), list (liệt kê, tìm kiếm)';

const USAGE = [
  'Cách dùng:',
  '  units import [--file <merges.json>] [--splits <splits.json>] [--province <mã tỉnh>] [--no-history]',
  '  units list [--province <mã tỉnh>] [--search <văn bản>] [--former]',
].join('\n');

export async function run(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'import') return runCli(() => importCommand(rest));
  if (sub === 'list') return runCli(() => listCommand(rest));
  console.error(sub ? `Lệnh con không hợp lệ: ${sub}\n${USAGE}` : USAGE);
  return 2;
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${USAGE}`);
  }
}

/** Reads a source file; a malformed one is refused with its problems named, before the database is opened. */
function readSource<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ValidationError) throw new CliError(error.message);
    throw error;
  }
}

async function importCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    file: { type: 'string' },
    splits: { type: 'string' },
    province: { type: 'string', multiple: false },
    'no-history': { type: 'boolean' },
  });
  const file = path.resolve((values.file as string | undefined) ?? DEFAULT_MERGES_FILE);
  if (!existsSync(file)) throw new CliError(`Không tìm thấy tệp ${file}.`);
  // The old units come from splits.json beside merges.json (or the shipped one).
  const besides = path.join(path.dirname(file), 'splits.json');
  const splitsFile =
    (values.splits as string | undefined) ?? (existsSync(besides) ? besides : DEFAULT_SPLITS_FILE);
  const merges = readSource(() => readMergesFile(file));
  const province = values.province as string | undefined;
  if (province && !merges.data.some((p) => p.level1_id === province)) {
    throw new CliError(
      `Không có tỉnh/thành phố mã "${province}" trong tệp. Các mã hiện có: ${merges.data.map((p) => p.level1_id).join(', ')}`,
    );
  }
  const splits = values['no-history']
    ? undefined
    : readSource(() => readSplitsFile(path.resolve(splitsFile)));
  const started = performance.now();
  const report = await withCliDatabase((db) =>
    importUnitsAudited(
      db,
      { merges, splits },
      { provinceCodes: province ? [province] : undefined, sourceName: path.basename(file) },
    ),
  );
  console.log(describeImport(report, performance.now() - started));
  return 0;
}

async function listCommand(args: string[]): Promise<number> {
  const values = parse(args, {
    province: { type: 'string' },
    search: { type: 'string' },
    former: { type: 'boolean' },
  });
  const province = values.province as string | undefined;
  const search = values.search as string | undefined;
  const rows = await withCliApp((app) =>
    listAllUnits(cliContext(app), {
      folded: search ? foldVietnamese(search).trim() : undefined,
      provinceCode: province,
      level: province || search ? undefined : 'province',
      era: values.former ? 'former' : 'current',
    }),
  );
  rows.sort((a, b) => compareVietnamese(a.name, b.name) || a.code.localeCompare(b.code));
  if (rows.length === 0) {
    console.log('Không có đơn vị nào phù hợp.');
    return 0;
  }
  for (const r of rows) {
    const validity = r.valid_to ? ` (đến ${r.valid_to})` : '';
    console.log(`${r.code.padEnd(6)} ${r.name}${validity}`);
  }
  console.log(`Tổng cộng: ${rows.length} đơn vị.`);
  return 0;
}
