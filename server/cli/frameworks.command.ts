/**
 * `npm run --silent cli -- frameworks [--json] [<code>]`: lists the built-in frameworks
 * (code, version, name), or prints one framework's JSON (the single source of truth).
 */
import {
  exportFrameworkJson,
  findBuiltinFramework,
  listBuiltinFrameworks,
} from '@shared/frameworks/index.ts';

export const summary = 'Liệt kê các khung đánh giá (mã, phiên bản, tên); --json để in JSON';

export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--json');
  if (unknown.length) {
    console.error(
      `Tuỳ chọn không hợp lệ: ${unknown.join(', ')}. Cách dùng: frameworks [--json] [<mã khung>]`,
    );
    return 2;
  }
  const code = args.find((a) => !a.startsWith('--'));
  if (code) {
    const framework = findBuiltinFramework(code);
    if (!framework) {
      const codes = listBuiltinFrameworks().map((f) => f.code);
      console.error(`Không có khung đánh giá mã "${code}". Các mã hiện có: ${codes.join(', ')}`);
      return 2;
    }
    process.stdout.write(exportFrameworkJson(framework));
    return 0;
  }
  const list = listBuiltinFrameworks();
  if (json) {
    console.log(JSON.stringify(list, null, 2));
    return 0;
  }
  const width = Math.max(...list.map((f) => f.code.length));
  for (const f of list) {
    const model = f.model === 'points' ? 'chấm điểm' : 'mức đạt';
    console.log(`${f.code.padEnd(width)}  v${f.version}  ${f.name} [${model}]`);
  }
  return 0;
}
