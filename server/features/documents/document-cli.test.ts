import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { run } from '@server/cli/document.command.ts';
import { repoPath } from './test-helpers.ts';

describe('cli document', () => {
  let errors: string[];
  const dir = mkdtempSync(path.join(tmpdir(), 'danhgia-cli-'));
  beforeEach(() => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((m: unknown) => void errors.push(String(m)));
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  it('renders a DOCX from a JSON file', async () => {
    const out = path.join(dir, 'm01.docx');
    expect(await run(['mau-01', '--data', repoPath('docs/examples/mau-01.json'), '--out', out])).toBe(0);
    expect(await docxParagraphs(readFileSync(out))).toContain('Độc lập - Tự do - Hạnh phúc');
  });

  it('exits 2 naming the invalid field', async () => {
    const data = JSON.parse(readFileSync(repoPath('docs/examples/mau-01.json'), 'utf8')) as { year: unknown };
    data.year = 'năm ngoái';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(data));
    expect(await run(['mau-01', '--data', file, '--out', path.join(dir, 'x.docx')])).toBe(2);
    expect(errors.join('\n')).toMatch(/year: /);
    expect(errors.join('\n')).toMatch(/không hợp lệ/);
  });

  it('exits 2 listing the forms for an unknown form', async () => {
    expect(await run(['mau-99', '--data', 'x.json', '--out', 'x.docx'])).toBe(2);
    expect(errors.join('\n')).toContain('cchc-deductions');
    expect(errors.join('\n')).toContain('mau-08');
  });
});
