import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const dataDir = () => mkdtempSync(path.join(tmpdir(), 'danhgia-config-'));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to the embedded database on port 3000 with demo data', () => {
    const config = loadConfig({ DATA_DIR: dataDir() });
    expect(config).toMatchObject({ engine: 'pglite', port: 3000, seedDemo: true, databaseUrl: undefined });
  });

  it('uses the PostgreSQL server when DATABASE_URL is set, without demo data unless asked', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgres://app@db.example:5432/danhgia',
    });
    expect(config).toMatchObject({ engine: 'postgres', seedDemo: false });
    expect(
      loadConfig({ DATA_DIR: dataDir(), DATABASE_URL: 'postgresql://a@b/c', SEED_DEMO: 'true' }).seedDemo,
    ).toBe(true);
  });

  it('lists every problem at once, in Vietnamese, naming each variable', () => {
    const problems = problemsOf({
      DATA_DIR: dataDir(),
      DATABASE_URL: 'mysql://x',
      PORT: 'abc',
      LOG_LEVEL: 'loud',
    });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('DATABASE_URL:'))).toContain('phải là địa chỉ PostgreSQL');
    expect(problems.find((p) => p.startsWith('PORT:'))).toContain('phải là một số');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL:'))).toBeDefined();
  });

  it('rejects a malformed DATABASE_URL', () => {
    expect(problemsOf({ DATA_DIR: dataDir(), DATABASE_URL: 'not a url' })).toEqual([
      'DATABASE_URL: phải là địa chỉ PostgreSQL dạng postgres://người_dùng@máy:cổng/tên_csdl',
    ]);
  });

  it('rejects a DATA_DIR that cannot be written', () => {
    const file = path.join(dataDir(), 'a-file');
    writeFileSync(file, 'x');
    const problems = problemsOf({ DATA_DIR: path.join(file, 'data') });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATA_DIR: thư mục .* (không phải là thư mục|không tạo được)/);
  });
});
