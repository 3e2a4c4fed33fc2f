import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { createEvaluationInState } from '@server/test/evaluation-fixtures.ts';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import type { FrameworkNode } from '@shared/frameworks/model.ts';

// Findings of the hostile-input probe (issue 11 §1 and §7): each one answered 200 after minutes, or 500.
let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let officer: TestClient;
let secretary: TestClient;
let draftId: string;
let postedId: string;
let periodId: string;

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const officerUser = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
  officer = await t.signIn(officerUser.username);
  secretary = await t.signIn(
    (await createUser(t.ctx.db, { role: 'council_secretary', unit: units.province })).username,
  );
  const draft = await createEvaluationInState(t.ctx.db, {
    organiser: units.province,
    commune: units.communeA,
    state: 'draft',
  });
  draftId = draft.evaluationId;
  periodId = draft.periodId;
  postedId = (
    await createEvaluationInState(t.ctx.db, {
      organiser: units.province,
      commune: units.communeB,
      state: 'posted',
    })
  ).evaluationId;
});
afterAll(() => t?.close());

/** Row counts of every table: a refused request must change none of them. */
async function fingerprint() {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name <> 'sessions'
    order by table_name`.execute(t.ctx.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(t.ctx.db);
    counts[name] = r.rows[0]!.n;
  }
  return counts;
}

async function draftVersion() {
  return (await officer.request('GET', `/api/evaluations/${draftId}`)).json().version as number;
}

async function expectRefused(response: { statusCode: number; body: string }, field: RegExp) {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  const message = JSON.parse(response.body).error.message as string;
  expect(message).toMatch(field);
  expect(message).toMatch(/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i);
}

describe('hostile bodies are refused in Vietnamese before any work, and change nothing', () => {
  it('refuses a count of 500,000 digits at once, with the input named', async () => {
    const before = await fingerprint();
    const started = performance.now();
    const response = await officer.request('PUT', `/api/evaluations/${draftId}/self-assessment`, {
      expectedVersion: await draftVersion(),
      input: { values: { '3.3.hoatDong': '9'.repeat(500_000) } },
    });
    expect(performance.now() - started).toBeLessThan(5_000);
    await expectRefused(response, /quá (dài|lớn)/);
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses 40 digits in a ratio, naming the chữ số limit', async () => {
    const fields = firstRatioInput();
    const response = await officer.request('PUT', `/api/evaluations/${draftId}/self-assessment`, {
      expectedVersion: await draftVersion(),
      input: { values: { [fields]: { numerator: '1'.repeat(40), denominator: '2'.repeat(40) } } },
    });
    await expectRefused(response, /chữ số/);
  });

  it('refuses 20,000 junk keys and a 900 KB title', async () => {
    const keys = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`k${i}`, 1]));
    const many = await officer.request('PUT', `/api/evaluations/${draftId}/self-assessment`, {
      expectedVersion: await draftVersion(),
      input: {},
      narrative: keys,
    });
    await expectRefused(many, /quá nhiều mục/);
    const long = await officer.request('PUT', `/api/evaluations/${draftId}/self-assessment`, {
      expectedVersion: await draftVersion(),
      input: {},
      narrative: { advantages: 'a'.repeat(900_000) },
    });
    await expectRefused(long, /quá (dài|lớn)/);
  });

  it('refuses a body nested 5,000 deep without overflowing the stack', async () => {
    const deep = '['.repeat(5000) + '1' + ']'.repeat(5000);
    const response = await t.app.inject({
      method: 'PUT',
      url: `/api/evaluations/${draftId}/self-assessment`,
      headers: {
        cookie: officer.cookie,
        'x-csrf-token': officer.csrfToken,
        'content-type': 'application/json',
      },
      payload: `{"expectedVersion": ${await draftVersion()}, "input": {"values": {"x.y": ${deep}}}}`,
    });
    await expectRefused(response, /lồng nhau quá sâu/);
  });

  it('refuses NUL and a lone surrogate in a public comment, naming the field', async () => {
    const before = await fingerprint();
    for (const content of ['Góp ý\u0000ẩn', 'Góp ý \ud800 lỗi']) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/public/evaluations/${postedId}/comments`,
        payload: JSON.stringify({ authorName: 'Nguyễn Văn Dân', content }),
        headers: { 'content-type': 'application/json' },
      });
      await expectRefused(response, /content/);
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('refuses a date that does not exist (30/02)', async () => {
    const response = await officer.request('GET', `/api/audit?from=2023-02-30`);
    expect(response.statusCode).toBeLessThan(500);
    const period = await secretary.request('POST', `/api/periods/${periodId}/council`, {
      name: 'Hội đồng',
      members: [
        {
          fullName: 'Nguyễn Văn A',
          position: 'Giám đốc Sở Tư pháp',
          councilRole: 'chair',
          userId: '00000000-0000-4000-8000-000000000000',
        },
      ],
    });
    // A member linked to an account that does not exist: a Vietnamese 4xx, not a foreign-key 500.
    expect(period.statusCode, period.body).toBeGreaterThanOrEqual(400);
    expect(period.statusCode, period.body).toBeLessThan(500);
  });
});

function firstRatioInput() {
  const walk = (nodes: FrameworkNode[]): string | null => {
    for (const n of nodes) {
      const input = n.inputs?.find((i) => i.type === 'ratio');
      if (input) return input.id;
      const inner = walk(n.children ?? []);
      if (inner) return inner;
    }
    return null;
  };
  return walk(getBuiltinFramework('TCPL-2021').nodes)!;
}
