import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';
import { verifyAuditChain } from '@server/platform/audit/audit.ts';
import { computeDeadline, loadBuiltinCalendarOnFirstStart } from './calendar.service.ts';

let t: TestApp;
let admin: TestClient;
let officer: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  const units = await createUnitTree(t.ctx.db);
  const a = await createUser(t.ctx.db, { role: 'province_admin', unit: units.province });
  const o = await createUser(t.ctx.db, { role: 'commune_officer', unit: units.communeA });
  admin = await t.signIn(a.username);
  officer = await t.signIn(o.username);
});
afterAll(() => t?.close());

async function auditRows(objectType: string, objectId?: string) {
  let q = t.ctx.db.selectFrom('audit_log').select(['action', 'diff']).where('object_type', '=', objectType);
  if (objectId) q = q.where('object_id', '=', objectId);
  return q.orderBy('id').execute();
}
const count = async () =>
  Number(
    (
      await t.ctx.db
        .selectFrom('holidays')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('calendar access', () => {
  it('asks for sign-in (401), then lets everyone read but only administrators edit (403)', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/calendar/2026' })).statusCode).toBe(401);
    const read = await officer.request('GET', '/api/calendar/2026');
    expect(read.statusCode).toBe(200);
    expect(read.json().abilities).toEqual({ canManage: false });
    const body = { day: '2026-11-24', name: 'Ngày Văn hóa Việt Nam', kind: 'holiday' };
    expect((await officer.request('POST', '/api/calendar/holidays', body)).statusCode).toBe(403);
    expect((await officer.request('POST', '/api/calendar/2026/builtin')).statusCode).toBe(403);
    expect(await count()).toBe(0);
  });
});

describe('loading a year from the built-in table', () => {
  it('loads 2026 once, with one audit row, and keeps days already present', async () => {
    const first = await admin.request('POST', '/api/calendar/2026/builtin');
    expect(first.statusCode).toBe(200);
    const year = first.json();
    expect(year.loaded).toBe(true);
    expect(year.builtin).toMatchObject({ available: true, status: 'announced', missing: 0 });
    expect(year.abilities).toEqual({ canManage: true });
    expect(year.days.map((d: { day: string }) => d.day)).toContain('2026-02-17');
    expect(year.days.find((d: { day: string }) => d.day === '2026-01-10').kind).toBe('working_day');
    const again = await admin.request('POST', '/api/calendar/2026/builtin');
    expect(again.json().days).toHaveLength(year.days.length);
    expect((await auditRows('calendar', '2026')).map((r) => r.action)).toEqual(['calendar.builtin-loaded']);
  });

  it('refuses a year without a built-in table', async () => {
    const res = await admin.request('POST', '/api/calendar/2040/builtin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('Chưa có bảng ngày nghỉ dựng sẵn cho năm 2040');
    expect((await admin.request('GET', '/api/calendar/1999')).statusCode).toBe(400);
  });
});

describe('editing days', () => {
  it('creates, updates and deletes a day, each with its audit row and diff', async () => {
    const created = await admin.request('POST', '/api/calendar/holidays', {
      day: '2026-11-24',
      name: 'Ngày Văn hóa Việt Nam',
      kind: 'holiday',
      source: 'Thử nghiệm',
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({ day: '2026-11-24', kind: 'holiday' });

    const updated = await admin.request('PUT', `/api/calendar/holidays/${id}`, {
      day: '2026-11-24',
      name: 'Ngày Văn hóa Việt Nam (24/11)',
      kind: 'holiday',
      source: 'Thử nghiệm',
      expectedUpdatedAt: created.json().updatedAt,
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().name).toBe('Ngày Văn hóa Việt Nam (24/11)');

    expect((await admin.request('DELETE', `/api/calendar/holidays/${id}`)).statusCode).toBe(204);
    expect((await admin.request('DELETE', `/api/calendar/holidays/${id}`)).statusCode).toBe(404);

    const rows = await auditRows('holiday', id);
    expect(rows.map((r) => r.action)).toEqual(['holiday.created', 'holiday.updated', 'holiday.deleted']);
    expect(rows[0]!.diff).toMatchObject({ day: { from: null, to: '2026-11-24' } });
    expect(rows[1]!.diff).toEqual({
      name: { from: 'Ngày Văn hóa Việt Nam', to: 'Ngày Văn hóa Việt Nam (24/11)' },
    });
    expect(rows[2]!.diff).toMatchObject({ name: { from: 'Ngày Văn hóa Việt Nam (24/11)', to: null } });
    expect(await verifyAuditChain(t.ctx.db)).toMatchObject({ ok: true });
  });

  it('answers bad input in Vietnamese and changes nothing', async () => {
    const before = await count();
    const auditBefore = (await auditRows('holiday')).length;
    const badDate = await admin.request('POST', '/api/calendar/holidays', {
      day: '2026-02-30',
      name: 'Ngày không có',
      kind: 'holiday',
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.message).toContain('Ngày không hợp lệ');

    const weekdayMakeUp = await admin.request('POST', '/api/calendar/holidays', {
      day: '2026-03-04',
      name: 'Làm bù',
      kind: 'working_day',
    });
    expect(weekdayMakeUp.statusCode).toBe(400);
    expect(weekdayMakeUp.json().error.message).toContain('Ngày làm bù phải là thứ Bảy hoặc Chủ nhật');

    const duplicate = await admin.request('POST', '/api/calendar/holidays', {
      day: '2026-02-17',
      name: 'Trùng',
      kind: 'holiday',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toContain('Ngày 17/02/2026 đã có trong lịch');

    const tet = (await admin.request('GET', '/api/calendar/2026'))
      .json()
      .days.find((d: { day: string }) => d.day === '2026-02-18');
    const moveOnto = await admin.request('PUT', `/api/calendar/holidays/${tet.id}`, {
      day: '2026-02-17',
      name: tet.name,
      kind: 'holiday',
      expectedUpdatedAt: tet.updatedAt,
    });
    expect(moveOnto.statusCode).toBe(409);

    const unknown = await admin.request(
      'PUT',
      '/api/calendar/holidays/00000000-0000-4000-8000-000000000000',
      {
        day: '2026-05-05',
        name: 'Không có',
        kind: 'holiday',
        expectedUpdatedAt: new Date().toISOString(),
      },
    );
    expect(unknown.statusCode).toBe(404);

    expect(await count()).toBe(before);
    expect((await auditRows('holiday')).length).toBe(auditBefore);
  });
});

describe('concurrent edits of a day', () => {
  it('refuses the second of two concurrent edits (409), writing and auditing only the first', async () => {
    const created = await admin.request('POST', '/api/calendar/holidays', {
      day: '2099-11-24',
      name: 'Ngày thử sửa đồng thời',
      kind: 'holiday',
    });
    expect(created.statusCode).toBe(201);
    const { id, updatedAt } = created.json() as { id: string; updatedAt: string };
    const edit = (name: string, expectedUpdatedAt: string) =>
      admin.request('PUT', `/api/calendar/holidays/${id}`, {
        day: '2099-11-24',
        name,
        kind: 'holiday',
        expectedUpdatedAt,
      });
    const [a, b] = await Promise.all([
      edit('Sửa của người thứ nhất', updatedAt),
      edit('Sửa của người thứ hai', updatedAt),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(loser.json().error.message).toContain('vừa được người khác sửa');
    expect(loser.json().error.message).toContain('Hãy tải lại trang');
    const stored = (await admin.request('GET', '/api/calendar/2099'))
      .json()
      .days.find((d: { id: string }) => d.id === id);
    expect(stored.name).toBe(winner.json().name);
    const rows = await auditRows('holiday', id);
    expect(rows.map((r) => r.action)).toEqual(['holiday.created', 'holiday.updated']);

    expect((await edit('Bản cũ', updatedAt)).statusCode).toBe(409);
    expect((await edit('Sau khi tải lại', stored.updatedAt)).statusCode).toBe(200);
    expect((await edit('Thiếu phiên bản', 'không phải ngày giờ')).statusCode).toBe(400);
  });
});

describe('deadline', () => {
  it('counts working days from the day after, skipping Tết 2026', async () => {
    const res = await officer.request('GET', '/api/calendar/deadline?from=2026-02-13&workingDays=3');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      deadline: '2026-02-25',
      explanation:
        '3 ngày làm việc kể từ 13/02/2026 (bỏ qua thứ Bảy, Chủ nhật và 5 ngày nghỉ lễ) → 25/02/2026',
      unloadedYears: [],
    });
  });

  it('counts a make-up Saturday and names years never loaded', async () => {
    const jan = await computeDeadline(t.ctx.db, '2026-01-05', 15);
    expect(jan.deadline).toBe('2026-01-23');
    expect(jan.compensatingWorkingDays).toEqual(['2026-01-10']);
    const late = await computeDeadline(t.ctx.db, '2026-12-21', 10);
    expect(late.unloadedYears).toEqual([2027]);
  });

  it('validates its query in Vietnamese', async () => {
    const bad = await officer.request('GET', '/api/calendar/deadline?from=05/01/2026&workingDays=0');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('Ngày không hợp lệ');
    expect(bad.json().error.message).toContain('Số ngày làm việc phải từ 1 trở lên');
  });
});

describe('first start of an installation', () => {
  it('loads every built-in year once, so the first suggested deadline skips 01/01/2027', async () => {
    await t.ctx.db.deleteFrom('holidays').execute();
    expect((await computeDeadline(t.ctx.db, '2026-12-31', 1)).deadline).toBe('2027-01-01');
    const added = await loadBuiltinCalendarOnFirstStart(t.ctx.db);
    expect(added).toBeGreaterThan(50);
    expect(await count()).toBe(added);
    const deadline = await computeDeadline(t.ctx.db, '2026-12-31', 1);
    expect(deadline.deadline).toBe('2027-01-04');
    expect(deadline.unloadedYears).toEqual([]);
    // Started again: the administrator's calendar is left as it is.
    expect(await loadBuiltinCalendarOnFirstStart(t.ctx.db)).toBe(0);
    expect(await count()).toBe(added);
    expect((await auditRows('calendar')).at(-1)).toMatchObject({ action: 'calendar.builtin-loaded' });
  });
});
