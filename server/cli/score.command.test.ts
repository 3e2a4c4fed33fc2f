/** The `score` and `frameworks` commands, run through the command line's entry (server/cli/cli.ts). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '@server/test/cli-run.ts';

// In this process (server/cli/cli.int.test.ts runs the real binary); `status` is the exit code.
async function cli(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const { code, stdout, stderr } = await runCliInProcess(args);
  return { status: code, stdout, stderr };
}

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'danhgia-score-')), name);
  writeFileSync(file, content);
  return file;
}

interface CliResult {
  total: string;
  totalDisplay: string;
  recognised: boolean;
  criteria: { code: string; points: string; max: string; passed: boolean }[];
  conditions: { code: string; met: boolean; explanation: string }[];
  gaps?: { conditions: unknown[] };
}

describe('cli score', () => {
  it('reads a file saved with a UTF-8 byte-order mark, and refuses a 100,000-digit figure at once', async () => {
    const bom = tempFile('bom.json', '\uFEFF' + JSON.stringify({ points: { '1': 10 } }));
    expect((await cli('score', '--framework', 'TCPL-2021', '--input', bom)).status).toBe(0);
    const huge = tempFile('huge.json', JSON.stringify({ values: { '3.3.hoatDong': '9'.repeat(100_000) } }));
    const started = Date.now();
    const { status, stderr } = await cli('score', '--framework', 'TCPL-2021', '--input', huge);
    expect(status).toBe(2);
    expect(stderr).toMatch(/quá (dài|lớn)/);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('reproduces example 000: 99/100, 5/5 criteria, 3/3 conditions, recognised', async () => {
    const { status, stdout, stderr } = await cli(
      'score',
      '--framework',
      'TCPL-2021',
      '--input',
      'docs/examples/score-tcpl-2021-000-criteria.json',
    );
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as CliResult;
    expect(result.total).toBe('99');
    expect(result.totalDisplay).toBe('99/100 điểm (sau khi làm tròn)');
    expect(result.criteria.map(({ code, points, max, passed }) => ({ code, points, max, passed }))).toEqual([
      { code: '1', points: '10', max: '10', passed: true },
      { code: '2', points: '30', max: '30', passed: true },
      { code: '3', points: '14', max: '15', passed: true },
      { code: '4', points: '20', max: '20', passed: true },
      { code: '5', points: '25', max: '25', passed: true },
    ]);
    expect(result.conditions.map((c) => [c.code, c.met])).toEqual([
      ['DK1', true],
      ['DK2', true],
      ['DK3', true],
    ]);
    expect(result.conditions.every((c) => c.explanation.length > 0)).toBe(true);
    expect(result.recognised).toBe(true);
  });

  it('scores raw values and adds the gap analysis with --gaps', async () => {
    const { status, stdout } = await cli(
      'score',
      '--framework',
      'CCHC-XA-MAU',
      '--input',
      'docs/examples/score-cchc-xa-mau-004.json',
      '--gaps',
    );
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as CliResult;
    expect(result.total).toBe('84.66');
    expect(result.gaps).toBeDefined();
  });

  it('unknown framework → exit 2 with a Vietnamese message', async () => {
    const { status, stderr, stdout } = await cli('score', '--framework', 'TCPL-1999', '--input', 'x.json');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Không có khung đánh giá mã "TCPL-1999" (tuỳ chọn --framework)');
  });

  it('bad JSON → exit 2', async () => {
    const file = tempFile('bad.json', '{"points": ');
    const { status, stderr } = await cli('score', '--framework', 'TCPL-2021', '--input', file);
    expect(status).toBe(2);
    expect(stderr).toContain('không phải JSON hợp lệ');
  });

  it('invalid input → exit 2, naming the node and the field', async () => {
    const file = tempFile(
      'invalid.json',
      JSON.stringify({ points: { '2': 31 }, values: { '2.5.tapHuan': { numerator: 5 } } }),
    );
    const { status, stderr } = await cli('score', '--framework', 'TCPL-2021', '--input', file);
    expect(status).toBe(2);
    expect(stderr).toContain('Tiêu chí 2, trường "points.2": điểm 31 ngoài khoảng 0–30');
    expect(stderr).toContain(
      'Chỉ tiêu 2.5, dữ liệu "2.5.tapHuan" (trường "values.2.5.tapHuan.denominator"): phải là một số (đang thiếu)',
    );
  });

  it('missing options and unreadable files → exit 2', async () => {
    expect((await cli('score', '--framework', 'TCPL-2021')).stderr).toContain('Thiếu tuỳ chọn --input');
    const missing = await cli('score', '--framework', 'TCPL-2021', '--input', 'khong-co.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain(
      'Không đọc được tệp dữ liệu "khong-co.json" (tuỳ chọn --input): không tồn tại',
    );
  });
});

describe('cli frameworks', () => {
  it('lists code, version and name, one per line; --json for JSON', async () => {
    const text = await cli('frameworks');
    expect(text.status).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^TCPL-2021\s+v1\s+Chuẩn tiếp cận pháp luật \(QĐ 25\/2021\/QĐ-TTg/);
    const json = JSON.parse((await cli('frameworks', '--json')).stdout) as {
      code: string;
      version: number;
      hash: string;
    }[];
    expect(json.map((f) => f.code)).toEqual(['TCPL-2017', 'TCPL-2021', 'TCPL-2025', 'CCHC-XA-MAU']);
  });
});
