import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let chairmanA: TestClient;
let otherReviewer: TestClient;
let otherAdmin: TestClient;

const today = todayInVietnam();

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  chairmanA = await make('commune_chairman', 'communeA');
  otherReviewer = await make('province_reviewer', 'otherProvince');
  otherAdmin = await make('province_admin', 'otherProvince');
});
afterAll(() => t?.close());

const periodBody = () => ({
  unitId: units.province.id,
  year: 2026,
  name: 'Đánh giá TCPL-2021 năm 2026',
  evaluatingLevel: 'province',
  frameworkCode: 'TCPL-2021',
  selfAssessmentDue: addDays(today, 10),
  submissionDue: addDays(today, 20),
  appraisalDue: addDays(today, 30),
  decisionDue: addDays(today, 40),
  unitIds: [units.communeA.id],
});

describe('periods', () => {
  it('opens a period with one draft evaluation per commune and lists it in camelCase to organiser and participant', async () => {
    const created = await admin.request('POST', '/api/periods', periodBody());
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({ evaluations: 1 });
    const id = created.json().id as string;

    const listed = (await admin.request('GET', '/api/periods')).json();
    expect(listed).toEqual([
      {
        id,
        year: 2026,
        name: 'Đánh giá TCPL-2021 năm 2026',
        evaluatingLevel: 'province',
        selfAssessmentDue: addDays(today, 10),
        submissionDue: addDays(today, 20),
        appraisalDue: addDays(today, 30),
        decisionDue: addDays(today, 40),
        unitName: 'Tỉnh Thái Nguyên',
        frameworkCode: 'TCPL-2021',
        frameworkName: expect.any(String),
        steps: ['self-assessment', 'posting', 'appraisal', 'council', 'decision'],
        abilities: { canManage: true, canReadAreaSummary: true },
      },
    ]);
    // The participating commune sees the period but may not manage it; another province does not see it.
    const asCommune = (await chairmanA.request('GET', '/api/periods')).json();
    expect(asCommune).toMatchObject([{ id, abilities: { canManage: false } }]);
    expect((await otherReviewer.request('GET', '/api/periods')).json()).toEqual([]);
  });

  it('refuses an organiser of the wrong level and communes outside the organiser', async () => {
    const wrongLevel = await admin.request('POST', '/api/periods', {
      ...periodBody(),
      evaluatingLevel: 'district',
    });
    expect(wrongLevel.statusCode).toBe(400);
    const outside = await admin.request('POST', '/api/periods', {
      ...periodBody(),
      unitIds: [units.communeA.id, units.otherCommune.id],
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('không phải cấp xã thuộc đơn vị tổ chức');
  });

  it("refuses another province's own framework copy, and lets its owner use it", async () => {
    const builtin = (await admin.request('GET', '/api/frameworks'))
      .json()
      .items.find((f: { code: string; builtin: boolean }) => f.code === 'TCPL-2021' && f.builtin);
    const copied = await admin.request('POST', `/api/frameworks/${builtin.id}/copy`, {
      ownerUnitId: units.province.id,
      code: 'TCPL-TN-2026',
      name: 'Chuẩn tiếp cận pháp luật, bản của tỉnh Thái Nguyên',
    });
    expect(copied.statusCode, copied.body).toBe(201);
    const periodsBefore = (await otherAdmin.request('GET', '/api/periods')).json().length;
    const foreign = await otherAdmin.request('POST', '/api/periods', {
      ...periodBody(),
      unitId: units.otherProvince.id,
      unitIds: [units.otherCommune.id],
      frameworkCode: 'TCPL-TN-2026',
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.message).toBe('Không có bộ tiêu chí TCPL-TN-2026.');
    expect((await otherAdmin.request('GET', '/api/periods')).json()).toHaveLength(periodsBefore);
    const own = await admin.request('POST', '/api/periods', {
      ...periodBody(),
      frameworkCode: 'TCPL-TN-2026',
    });
    expect(own.statusCode, own.body).toBe(200);
  });
});
