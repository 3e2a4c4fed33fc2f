import { brotliDecompressSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { contentHash } from '@shared/frameworks/canonical.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type { FrameworkDetailDto, FrameworkListDto } from '@shared/frameworks/frameworks.schemas.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';

let t: TestApp;
let tree: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let otherAdmin: TestClient;
let officer: TestClient;
let otherOfficer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  tree = await createUnitTree(t.ctx.db);
  const users = {
    admin: await createUser(t.ctx.db, { role: 'province_admin', unit: tree.province }),
    otherAdmin: await createUser(t.ctx.db, { role: 'province_admin', unit: tree.otherProvince }),
    officer: await createUser(t.ctx.db, { role: 'commune_officer', unit: tree.communeA }),
    otherOfficer: await createUser(t.ctx.db, { role: 'commune_officer', unit: tree.otherCommune }),
  };
  admin = await t.signIn(users.admin.username);
  otherAdmin = await t.signIn(users.otherAdmin.username);
  officer = await t.signIn(users.officer.username);
  otherOfficer = await t.signIn(users.otherOfficer.username);
});
afterAll(() => t?.close());

const versionCount = async (code?: string) => {
  let q = t.ctx.db.selectFrom('framework_versions').select((eb) => eb.fn.countAll().as('n'));
  if (code) q = q.where('code', '=', code);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

const builtinId = async (code: string) =>
  (
    await t.ctx.db
      .selectFrom('framework_versions')
      .select('id')
      .where('code', '=', code)
      .executeTakeFirstOrThrow()
  ).id;

/** A deep, mutable copy of a built-in framework file. */
const fileOf = (code: string): Framework => JSON.parse(JSON.stringify(getBuiltinFramework(code)));

let copy: FrameworkDetailDto;

describe('listing and reading', () => {
  it('lists the built-ins with version, hash, provenance and use count for every reader', async () => {
    await createEvaluationInState(t.ctx.db, {
      organiser: tree.province,
      commune: tree.communeA,
      state: 'draft',
    });
    const response = await officer.request('GET', '/api/frameworks');
    expect(response.statusCode).toBe(200);
    const list = response.json<FrameworkListDto>();
    expect(list.items.map((i) => i.code).sort()).toEqual([
      'CCHC-XA-MAU',
      'TCPL-2017',
      'TCPL-2021',
      'TCPL-2025',
    ]);
    const tcpl = list.items.find((i) => i.code === 'TCPL-2021')!;
    expect(tcpl).toMatchObject({ version: 1, builtin: true, owner: null, model: 'points', isLatest: true });
    expect(tcpl.hash).toBe(contentHash(getBuiltinFramework('TCPL-2021')));
    expect(tcpl.usedByPeriods).toBe(1);
    // Confirmed as a whole, but some indicator points are provisional: never shown as official.
    expect(tcpl).toMatchObject({ provenance: 'L', provisional: true });
    expect(list.abilities.canManage).toBe(false);
    expect(list.ownerChoices).toEqual([]);
  });

  it('returns the full JSON and whether the version is in use', async () => {
    const detail = (
      await officer.request('GET', `/api/frameworks/${await builtinId('TCPL-2021')}`)
    ).json<FrameworkDetailDto>();
    expect(detail.inUse).toBe(true);
    expect(detail.content.nodes).toHaveLength(5);
    expect(detail.abilities).toEqual({ canExport: true, canCopy: false, canImportVersion: false });
    const unused = (
      await officer.request('GET', `/api/frameworks/${await builtinId('TCPL-2025')}`)
    ).json<FrameworkDetailDto>();
    expect(unused.inUse).toBe(false);
  });

  it('sends the framework compressed to a browser that accepts it (slow links)', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/frameworks/${await builtinId('TCPL-2021')}`,
      headers: { cookie: officer.cookie, 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    const plain = brotliDecompressSync(response.rawPayload);
    expect(JSON.parse(plain.toString('utf8')).content.nodes).toHaveLength(5);
    expect(response.rawPayload.length).toBeLessThan(plain.length / 4);
  });

  it('serves a version once by its content hash, immutable with an ETag, and 304 on revalidation', async () => {
    const evaluation = (await officer.request('GET', '/api/evaluations?family=tcpl')).json<
      { id: string }[]
    >()[0]!;
    const detail = (await officer.request('GET', `/api/evaluations/${evaluation.id}`)).json();
    const hash = contentHash(getBuiltinFramework('TCPL-2021'));
    // The evaluation names its framework by reference; the criteria are not sent again with it.
    expect(detail.framework).toMatchObject({ code: 'TCPL-2021', contentHash: hash });
    expect(detail.framework.nodes).toBeUndefined();
    const url = `/api/frameworks/content/${hash}`;
    const first = await officer.request('GET', url);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toBe(`"${hash}"`);
    expect(first.headers['cache-control']).toBe('private, max-age=31536000, immutable');
    expect(contentHash(first.json())).toBe(hash);
    const again = await t.app.inject({
      method: 'GET',
      url,
      headers: { cookie: officer.cookie, 'if-none-match': `"${hash}"` },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(
      (await officer.request('GET', '/api/frameworks/content/sha256:' + '0'.repeat(64))).statusCode,
    ).toBe(404);
    expect((await officer.request('GET', '/api/frameworks/content/khong-hop-le')).statusCode).toBe(400);
  });

  it('exports a file named after the code and version that re-imports to the same hash', async () => {
    const response = await officer.request('GET', `/api/frameworks/${await builtinId('TCPL-2021')}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename=TCPL-2021-v1.json');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(contentHash(JSON.parse(response.body))).toBe(contentHash(getBuiltinFramework('TCPL-2021')));
  });

  it('lists the TCPL-2021 → TCPL-2025 mapping with titles on both sides', async () => {
    const response = await officer.request('GET', '/api/frameworks/mappings');
    expect(response.statusCode).toBe(200);
    const [mapping] = response.json();
    expect(mapping.from).toMatchObject({ code: 'TCPL-2021', version: 1, id: await builtinId('TCPL-2021') });
    expect(mapping.to).toMatchObject({ code: 'TCPL-2025', version: 1 });
    expect(mapping.entries.length).toBeGreaterThan(0);
    expect(mapping.entries[0].from.title).toEqual(expect.any(String));
  });
});

describe('copying a template as a province framework', () => {
  it('copies the CCHC template to the province code, owned by the province, with an audit row', async () => {
    const response = await admin.request('POST', `/api/frameworks/${await builtinId('CCHC-XA-MAU')}/copy`, {
      ownerUnitId: tree.province.id,
      code: 'CCHC-XA-TN',
      name: 'Bộ chỉ số CCHC cấp xã tỉnh Thái Nguyên',
    });
    expect(response.statusCode, response.body).toBe(201);
    copy = response.json<FrameworkDetailDto>();
    expect(copy).toMatchObject({ code: 'CCHC-XA-TN', version: 1, builtin: false, inUse: false });
    expect(copy.owner).toEqual({ id: tree.province.id, name: tree.province.name });
    expect(copy.content.nodes).toEqual(getBuiltinFramework('CCHC-XA-MAU').nodes);
    expect(copy.abilities.canImportVersion).toBe(true);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'unit_id'])
      .where('object_id', '=', copy.id)
      .execute();
    expect(audit).toEqual([{ action: 'framework.copied', unit_id: tree.province.id }]);
  });

  it('is seen by the province and its communes, not by another province', async () => {
    const codes = async (c: TestClient) =>
      (await c.request('GET', '/api/frameworks')).json<FrameworkListDto>().items.map((i) => i.code);
    expect(await codes(admin)).toContain('CCHC-XA-TN');
    expect(await codes(officer)).toContain('CCHC-XA-TN');
    expect(await codes(otherAdmin)).not.toContain('CCHC-XA-TN');
    expect(await codes(otherOfficer)).not.toContain('CCHC-XA-TN');
    expect((await otherAdmin.request('GET', `/api/frameworks/${copy.id}`)).statusCode).toBe(404);
    expect((await otherAdmin.request('GET', `/api/frameworks/${copy.id}/export`)).statusCode).toBe(404);
    const byHash = `/api/frameworks/content/${copy.hash}`;
    expect((await officer.request('GET', byHash)).statusCode).toBe(200);
    expect((await otherOfficer.request('GET', byHash)).statusCode).toBe(404);
  });

  it('refuses a code already used and an owner outside the actor’s units', async () => {
    const source = await builtinId('CCHC-XA-MAU');
    const taken = await admin.request('POST', `/api/frameworks/${source}/copy`, {
      ownerUnitId: tree.province.id,
      code: 'CCHC-XA-TN',
      name: 'Trùng mã',
    });
    expect(taken.statusCode).toBe(409);
    const foreign = await admin.request('POST', `/api/frameworks/${source}/copy`, {
      ownerUnitId: tree.otherProvince.id,
      code: 'CCHC-XA-CB',
      name: 'Của tỉnh khác',
    });
    expect(foreign.statusCode).toBe(404);
    expect(await versionCount('CCHC-XA-CB')).toBe(0);
  });
});

describe('importing (editing = a new version)', () => {
  it('stores a modified file as version n+1 with a different hash, and audits it', async () => {
    const file = fileOf('CCHC-XA-MAU');
    file.code = 'CCHC-XA-TN';
    file.name = 'Bộ chỉ số CCHC cấp xã tỉnh Thái Nguyên';
    file.version = 99; // the server numbers versions
    file.nodes[0]!.title = 'Công tác chỉ đạo, điều hành CCHC (sửa theo Quyết định của UBND tỉnh)';
    const response = await admin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: file,
    });
    expect(response.statusCode, response.body).toBe(201);
    const v2 = response.json<FrameworkDetailDto>();
    expect(v2).toMatchObject({ code: 'CCHC-XA-TN', version: 2, isLatest: true });
    expect(v2.hash).not.toBe(copy.hash);
    expect(v2.hash).toBe(contentHash({ ...file, version: 2 }));
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    const first = (await admin.request('GET', `/api/frameworks/${copy.id}`)).json<FrameworkDetailDto>();
    expect(first).toMatchObject({ version: 1, hash: copy.hash, isLatest: false });
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'diff'])
      .where('object_id', '=', v2.id)
      .executeTakeFirstOrThrow();
    expect(audit.action).toBe('framework.imported');
    expect(audit.diff).toMatchObject({ version: 2, previousVersion: 1, previousHash: copy.hash });
  });

  it('refuses an identical file with 409 "không có thay đổi"', async () => {
    const latest = (await admin.request('GET', '/api/frameworks'))
      .json<FrameworkListDto>()
      .items.find((i) => i.code === 'CCHC-XA-TN' && i.isLatest)!;
    const file = (await admin.request('GET', `/api/frameworks/${latest.id}/export`)).json();
    const before = await versionCount();
    const response = await admin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: file,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('không có thay đổi');
    expect(await versionCount()).toBe(before);
  });

  it('refuses an invalid file with 400 naming every node and field, and stores nothing', async () => {
    const file = fileOf('CCHC-XA-MAU');
    file.code = 'CCHC-XA-TN';
    file.nodes[0]!.children![0]!.max = '40';
    file.nodes[0]!.children![1]!.title = '';
    const before = await versionCount();
    const auditBefore = (await verifyAuditChain(t.ctx.db)).rows;
    const response = await admin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: file,
    });
    expect(response.statusCode).toBe(400);
    const problems = response.json().error.details.problems as { field: string; message: string }[];
    expect(problems.some((p) => p.field.startsWith('1.2:') && p.field.includes('title'))).toBe(true);
    expect(problems.some((p) => p.message.includes('1.2') && p.message.includes('"title"'))).toBe(true);
    expect(response.json().error.message).toMatch(/lỗi/);
    expect(await versionCount()).toBe(before);
    expect((await verifyAuditChain(t.ctx.db)).rows).toBe(auditBefore);
  });

  it('reports a points mismatch naming the node and the field', async () => {
    const file = fileOf('CCHC-XA-MAU');
    file.code = 'CCHC-XA-TN';
    file.nodes[0]!.children![0]!.max = '40';
    const response = await admin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: file,
    });
    expect(response.statusCode).toBe(400);
    const problems = response.json().error.details.problems as { field: string; message: string }[];
    expect(problems.some((p) => p.field.includes('max'))).toBe(true);
  });

  it('refuses a new version of a built-in, and of another province’s code', async () => {
    const builtin = fileOf('TCPL-2021');
    builtin.name = 'TCPL sửa';
    const response = await admin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: builtin,
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('dựng sẵn');
    const theirs = fileOf('CCHC-XA-MAU');
    theirs.code = 'CCHC-XA-TN';
    theirs.name = 'Chiếm mã của tỉnh khác';
    const stolen = await otherAdmin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.otherProvince.id,
      framework: theirs,
    });
    expect(stolen.statusCode).toBe(409);
    expect(await versionCount('TCPL-2021')).toBe(1);
  });

  it('stores a new code as version 1; commune staff may not import', async () => {
    const file = fileOf('CCHC-XA-MAU');
    file.code = 'CCHC-XA-CB';
    file.name = 'Bộ chỉ số CCHC cấp xã tỉnh Cao Bằng';
    const denied = await officer.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.province.id,
      framework: file,
    });
    expect(denied.statusCode).toBe(403);
    const response = await otherAdmin.request('POST', '/api/frameworks/import', {
      ownerUnitId: tree.otherProvince.id,
      framework: file,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ code: 'CCHC-XA-CB', version: 1 });
  });
});

describe('immutability in the database', () => {
  it('refuses any UPDATE of a stored version (trigger), with a Vietnamese message', async () => {
    const id = await builtinId('TCPL-2021');
    await expect(
      t.ctx.db.updateTable('framework_versions').set({ name: 'Sửa lén' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/bất biến/);
    await expect(sql`update framework_versions set content = '{}'::jsonb`.execute(t.ctx.db)).rejects.toThrow(
      /không được sửa/,
    );
    const row = await t.ctx.db
      .selectFrom('framework_versions')
      .select(['name', 'content_hash'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe(getBuiltinFramework('TCPL-2021').name);
  });

  it('refuses deleting a version used by an evaluation period (foreign key)', async () => {
    const id = await builtinId('TCPL-2021');
    await expect(t.ctx.db.deleteFrom('framework_versions').where('id', '=', id).execute()).rejects.toThrow();
    expect(await versionCount('TCPL-2021')).toBe(1);
  });
});

describe('gap analysis of an evaluation', () => {
  it('returns lost items and unmet conditions to readers of the evaluation, 404 elsewhere', async () => {
    const { evaluationId } = await createEvaluationInState(t.ctx.db, {
      organiser: tree.province,
      commune: tree.communeA,
      state: 'draft',
    });
    const response = await officer.request('GET', `/api/evaluations/${evaluationId}/gaps`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      evaluationId,
      source: 'self',
      framework: { code: 'TCPL-2021', version: 1 },
    });
    expect(body.gaps.framework).toEqual({ code: 'TCPL-2021', version: 1 });
    expect(Array.isArray(body.gaps.lost)).toBe(true);
    expect(Array.isArray(body.gaps.conditions)).toBe(true);
    expect((await otherOfficer.request('GET', `/api/evaluations/${evaluationId}/gaps`)).statusCode).toBe(404);
    const appraised = await officer.request('GET', `/api/evaluations/${evaluationId}/gaps?source=appraised`);
    expect(appraised.statusCode).toBe(409);
  });

  it('keeps the audit chain intact', async () => {
    expect((await verifyAuditChain(t.ctx.db)).ok).toBe(true);
  });
});
