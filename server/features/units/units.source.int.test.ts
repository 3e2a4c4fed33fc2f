import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@server/platform/http/errors.ts';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { importUnitsAudited } from './units.service.ts';
import { readMergesFile, readSplitsFile, type MergesFile } from './units.source.ts';

let database: TestDatabase;
let dir: string;
const merges = readMergesFile();
// Two small provinces: enough to corrupt, quick to import.
const small = (): MergesFile => structuredClone({ data: merges.data.slice(0, 2) });

beforeAll(async () => {
  database = await createTestDatabase();
  dir = mkdtempSync(path.join(tmpdir(), 'danhgia-units-source-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await database?.drop();
});

function fileWith(content: string) {
  const file = path.join(dir, `merges-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, content);
  return file;
}

/** The Vietnamese message a corrupted file is refused with. */
function refusal(content: string | object): string {
  const file = fileWith(typeof content === 'string' ? content : JSON.stringify(content));
  try {
    readMergesFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

async function counts() {
  const { rows } = await sql<{ units: string; audit: string }>`
    select (select count(*) from units)::text as units, (select count(*) from audit_log)::text as audit
  `.execute(database.db);
  return rows[0];
}

describe('a corrupted unit list is refused before anything is written', () => {
  it('the shipped files pass', () => {
    expect(merges.data).toHaveLength(34);
    expect(readSplitsFile().data).toHaveLength(63);
  });

  it('names an empty file and a file that is not JSON', () => {
    expect(refusal('')).toMatch(/không hợp lệ.*\n.*\(toàn tệp\): tệp trống/);
    expect(refusal('   \n')).toContain('tệp trống');
    expect(refusal('{"data": [ {"level1_id": "01",')).toMatch(/\(toàn tệp\): không phải JSON hợp lệ/);
    expect(refusal('{"data": [\n  {"level1_id": "01",,}]}')).toContain(
      'không phải JSON hợp lệ (lỗi ở dòng 2, cột 22)',
    );
    expect(refusal('<html>Not found</html>')).toContain('(toàn tệp): không phải JSON hợp lệ');
  });

  it('names the line and field of a missing or mistyped value', () => {
    const noCode = small();
    delete (noCode.data[1]!.level2s[12] as Partial<(typeof noCode.data)[0]['level2s'][0]>).level2_id;
    expect(refusal(noCode)).toContain('data[1].level2s[12].level2_id: thiếu mã đơn vị');

    const noName = small();
    (noName.data[0]!.level2s[3] as { name: unknown }).name = undefined;
    expect(refusal(noName)).toContain('data[0].level2s[3].name: thiếu tên đơn vị');

    const numberCode = small();
    (numberCode.data[0] as { level1_id: unknown }).level1_id = 1;
    expect(refusal(numberCode)).toContain('data[0].level1_id: phải là chuỗi ký tự');

    const noCommunes = small();
    delete (noCommunes.data[1] as Partial<(typeof noCommunes.data)[0]>).level2s;
    expect(refusal(noCommunes)).toContain('data[1].level2s: thiếu danh sách đơn vị cấp xã (level2s)');

    const notList = small();
    (notList.data[0] as { level2s: unknown }).level2s = 'abc';
    expect(refusal(notList)).toContain('data[0].level2s: phải là một danh sách');

    const badType = small();
    (badType.data[0]!.level2s[0]!.merges[0] as { type: string }).type = 'toàn bộ';
    expect(refusal(badType)).toContain(
      'data[0].level2s[0].merges[0].type: kiểu sáp nhập phải là "full" hoặc "partial"',
    );

    expect(refusal({ stats: {} })).toContain('data: thiếu danh sách tỉnh (data)');
    expect(refusal([1, 2])).toContain('(toàn tệp): phải là một đối tượng { … }');
  });

  it('never shows a raw English error', () => {
    for (const content of [
      '',
      'null',
      '[]',
      '{"data": null}',
      '{"data": [null]}',
      '{"data": [{}]}',
      '{"data": [1]}',
    ])
      expect(refusal(content)).not.toMatch(/Cannot|undefined|iterable|Expected|Invalid|Unexpected/);
  });

  it('refuses a commune code used in two provinces, naming both, and writes nothing', async () => {
    const before = await counts();
    const twice = small();
    const first = twice.data[0]!;
    const copied = { ...first.level2s[5]!, name: 'Xã Trùng Mã' };
    twice.data[1]!.level2s.push(copied);
    const at = twice.data[1]!.level2s.length - 1;
    const message = refusal(twice);
    expect(message).toContain(
      `data[1].level2s[${at}].level2_id (${twice.data[1]!.name}): mã đơn vị cấp xã "${copied.level2_id}" ` +
        `trùng với data[0].level2s[5].level2_id (${first.name})`,
    );
    // The same source handed to the import directly (not through a file) is refused too.
    await expect(importUnitsAudited(database.db, { merges: twice }, { sourceName: 'test' })).rejects.toThrow(
      /trùng với data\[0\]\.level2s\[5\]/,
    );
    const province = small();
    province.data[1]!.level1_id = province.data[0]!.level1_id;
    expect(refusal(province)).toContain(
      `data[1].level1_id: mã tỉnh "${province.data[0]!.level1_id}" trùng với data[0].level1_id`,
    );
    await expect(
      importUnitsAudited(database.db, { merges: province }, { sourceName: 'test' }),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(await counts()).toEqual(before);
  });

  it('a valid small source still imports', async () => {
    const report = await importUnitsAudited(database.db, { merges: small() }, { sourceName: 'test' });
    expect(report.provinces).toBe(2);
    expect(Number((await counts())!.units)).toBe(report.created);
  });
});
