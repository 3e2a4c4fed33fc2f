/**
 * `npm run --silent cli -- score --framework <code> --input <file.json> [--gaps]`: scores one
 * evaluation with the pure engine and prints the result as JSON. Errors go to stderr in
 * Vietnamese, naming the field, with exit code 2.
 */
import { readFile } from 'node:fs/promises';
import { findJsonProblem } from '@shared/json-guard.ts';
import { findBuiltinFramework, listBuiltinFrameworks } from '@shared/frameworks/index.ts';
import { analyseGaps, scoreEvaluation, validateEvaluationInput } from '@shared/scoring/index.ts';

export const summary = 'Chấm điểm một bộ số liệu: --framework <mã> --input <tệp.json> [--gaps]';

const USAGE = 'Cách dùng: score --framework <mã khung> --input <tệp.json> [--gaps]';

export async function run(args: string[]): Promise<number> {
  const options = new Map<string, string>();
  let gaps = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--gaps') gaps = true;
    else if (arg === '--framework' || arg === '--input') {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--'))
        return fail(`Thiếu giá trị cho tuỳ chọn ${arg}. ${USAGE}`);
      options.set(arg.slice(2), value);
      i++;
    } else return fail(`Tuỳ chọn không hợp lệ: ${arg}. ${USAGE}`);
  }
  const code = options.get('framework');
  const file = options.get('input');
  if (!code) return fail(`Thiếu tuỳ chọn --framework. ${USAGE}`);
  if (!file) return fail(`Thiếu tuỳ chọn --input. ${USAGE}`);

  const framework = findBuiltinFramework(code);
  if (!framework)
    return fail(
      `Không có khung đánh giá mã "${code}" (tuỳ chọn --framework). Các mã hiện có: ${listBuiltinFrameworks()
        .map((f) => f.code)
        .join(', ')}`,
    );

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'không tồn tại' : String(error);
    return fail(`Không đọc được tệp dữ liệu "${file}" (tuỳ chọn --input): ${reason}`);
  }
  let data: unknown;
  try {
    // Windows editors save UTF-8 with a byte-order mark; it is not part of the JSON.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail(
      `Tệp "${file}" không phải JSON hợp lệ: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const hostile = findJsonProblem(data, 'input');
  if (hostile)
    return fail(`Dữ liệu chấm điểm trong "${file}" không hợp lệ: ${hostile.field} — ${hostile.message}`);
  const issues = validateEvaluationInput(framework, data);
  if (issues.length)
    return fail(
      `Dữ liệu chấm điểm trong "${file}" không hợp lệ:\n${issues.map((i) => `- ${i.message}`).join('\n')}`,
    );

  const result = scoreEvaluation(framework, data);
  const output = gaps ? { ...result, gaps: analyseGaps(framework, result) } : result;
  console.log(JSON.stringify(output, null, 2));
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}
