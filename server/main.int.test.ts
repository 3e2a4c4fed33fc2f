import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('starting with bad configuration', () => {
  it('stops with a clear message and no stack trace for a malformed DATABASE_URL and a bad port', () => {
    const result = start({ DATABASE_URL: 'postgres//thiếu-dấu-hai-chấm', PORT: '99999' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Cấu hình không hợp lệ');
    expect(result.stderr).toContain('DATABASE_URL');
    expect(result.stderr).toContain('PORT: phải từ 0 đến 65535');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with a clear message for an unusable DATA_DIR', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'danhgia-main-')), 'tệp');
    writeFileSync(file, '');
    const result = start({ DATA_DIR: path.join(file, 'data') });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('DATA_DIR');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('stops with a clear message when the PostgreSQL server cannot be reached', () => {
    const result = start({
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'd-')),
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Không kết nối được cơ sở dữ liệu');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
