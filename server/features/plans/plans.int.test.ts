/**
 * Plans and tasks (issue #14): a plan from the template of example 001 reads like it in its DOCX;
 * task completion feeds TCPL-2021 2.3.2 and CCHC-XA-MAU 1.1.3 through a recompute; a province plan
 * assigned to communes rolls up; scope; audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@shared/dates.ts';
import type { ResultNode } from '@shared/scoring/types.ts';
import ExcelJS from 'exceljs';
import { multipartBody } from '@server/test/multipart.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { createTestApp, type TestApp, type TestClient } from '@server/test/test-app.ts';
import { createUnitTree, createUser } from '@server/test/factories.ts';

let t: TestApp;
let units: Awaited<ReturnType<typeof createUnitTree>>;
let admin: TestClient;
let officerA: TestClient;
let chairmanA: TestClient;
let officerB: TestClient;
let otherOfficer: TestClient;

const today = todayInVietnam();
const YEAR = Number(today.slice(0, 4));

beforeAll(async () => {
  t = await createTestApp();
  units = await createUnitTree(t.ctx.db);
  const make = async (role: Parameters<typeof createUser>[1]['role'], unit: keyof typeof units) =>
    t.signIn((await createUser(t.ctx.db, { role, unit: units[unit] })).username);
  admin = await make('province_admin', 'province');
  officerA = await make('commune_officer', 'communeA');
  chairmanA = await make('commune_chairman', 'communeA');
  officerB = await make('commune_officer', 'communeB');
  otherOfficer = await make('commune_officer', 'otherCommune');
});
afterAll(() => t?.close());

type Task = { id: string; code: string; status: string; counted: boolean; hit: boolean };

async function ok(response: { statusCode: number; body: string; json(): unknown }, status = 200) {
  expect(response.statusCode, response.body).toBe(status);
  return response.json() as Record<string, unknown> & { id: string; tasks: Task[] };
}

async function createPlan(client: TestClient, body: Record<string, unknown>) {
  return ok(
    await client.request('POST', '/api/plans', {
      year: YEAR,
      title: 'Phổ biến, giáo dục pháp luật',
      issuingBody: 'Ủy ban nhân dân phường Phan Đình Phùng',
      ...body,
    }),
  );
}

async function addTasks(
  client: TestClient,
  planId: string,
  codes: string[],
  extra: Record<string, unknown> = {},
) {
  let plan;
  for (const code of codes)
    plan = await ok(
      await client.request('POST', `/api/plans/${planId}/tasks`, {
        code,
        title: `Nhiệm vụ ${code}`,
        ...extra,
      }),
    );
  return plan!;
}

const issue = (client: TestClient, planId: string, number: string) =>
  client.request('POST', `/api/plans/${planId}/issue`, { number, issuedOn: today });
const setTask = (client: TestClient, planId: string, taskId: string, body: Record<string, unknown>) =>
  client.request('PATCH', `/api/plans/${planId}/tasks/${taskId}`, body);

async function auditOf(planId: string) {
  return t.ctx.db
    .selectFrom('audit_log')
    .select(['action', 'diff'])
    .where('object_id', '=', planId)
    .orderBy('id')
    .execute();
}

// Example 001 (Kế hoạch 3590/KH-UBND), section II: each task's first line and its four lines, in order.
const LEAD = '- Cơ quan chủ trì: Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã.';
const PARTNERS = '- Cơ quan phối hợp: Các cơ quan, đơn vị liên quan.';
const EXAMPLE_001: [string, string[]][] = [
  [
    '1. Ban hành kế hoạch, văn bản chỉ đạo, hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg',
    [
      LEAD,
      '- Cơ quan phối hợp: Văn phòng HĐND và UBND thị xã và các cơ quan, đơn vị liên quan.',
      '- Thời gian thực hiện: Hàng năm.',
      '- Kết quả, sản phẩm: Kế hoạch, văn bản chỉ đạo, hướng dẫn.',
    ],
  ],
  ['2. Quán triệt, phổ biến, tập huấn', []],
  [
    'a) Căn cứ tình hình thực tế',
    [
      LEAD,
      '- Thời gian thực hiện: Hàng năm.',
      '- Kết quả, sản phẩm: Hội nghị triển khai, tập huấn trực tiếp hoặc qua video clip.',
    ],
  ],
  [
    'b) Biên soạn tài liệu hướng dẫn',
    [
      '- Cơ quan chủ trì: Phòng Tư pháp tiếp nhận các tài liệu hướng dẫn nhằm tuyên truyền, phổ biến nội dung cơ bản của Quyết định số 25/2021/QĐ-TTg.',
      '- Thời gian thực hiện: Hàng năm.',
      '- Kết quả, sản phẩm: Các tin, bài, tài liệu tuyên truyền, phổ biến.',
    ],
  ],
  [
    'c) Tổ chức quán triệt, tập huấn cho đội ngũ cán bộ',
    [LEAD, PARTNERS, '- Thời gian thực hiện: Hàng năm.', '- Kết quả, sản phẩm: Hội nghị, hội thảo, tọa đàm.'],
  ],
  [
    '3. Ban hành văn bản chỉ đạo, hướng dẫn',
    [
      'Tổ chức triển khai Thông tư hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg',
      '- Cơ quan chủ trì: Phòng Tư pháp tham mưu Ủy ban nhân dân thị xã chỉ đạo, hướng dẫn thực hiện tại địa phương.',
      PARTNERS,
      '- Thời gian thực hiện: Sau khi Thông tư hướng dẫn thực hiện Quyết định số 25/2021/QĐ-TTg được ban hành.',
      '- Kết quả, sản phẩm: Văn bản, kế hoạch…',
    ],
  ],
  [
    '4. Triển khai, hướng dẫn vận hành, áp dụng phần mềm',
    [
      'Tổ chức triển khai, tập huấn, hướng dẫn sử dụng và vận hành phần mềm',
      LEAD,
      PARTNERS,
      '- Thời gian thực hiện: Theo lộ trình thực hiện của Bộ Tư pháp.',
      '- Kết quả, sản phẩm: Các Hội nghị tập huấn được tổ chức đảm bảo phù hợp',
    ],
  ],
  ['5. Xây dựng các giải pháp nhằm thực hiện có hiệu quả Quyết định số 25/2021/QĐ-TTg', []],
  [
    'a) Tham mưu các giải pháp hỗ trợ các xã, phường chưa đạt chuẩn',
    [
      LEAD,
      PARTNERS,
      '- Thời gian thực hiện: Năm 2022.',
      '- Kết quả, sản phẩm: văn bản chỉ đạo của Ủy ban nhân dân thị xã, báo cáo thực hiện các giải pháp được triển khai, áp dụng.',
    ],
  ],
  [
    'b) Thực hiện chỉ đạo điểm',
    [
      LEAD,
      PARTNERS,
      '- Thời gian thực hiện: Năm 2022.',
      '- Kết quả, sản phẩm: Các hoạt động chỉ đạo điểm được triển khai.',
    ],
  ],
  ['6. Kiểm tra; khảo sát mức độ hài lòng của Nhân dân', []],
  [
    'a) Tổ chức kiểm tra việc triển khai',
    [
      '- Cơ quan chủ trì: Phòng Tư pháp tham mưu Chủ tịch Ủy ban nhân dân thị xã thực hiện theo trách nhiệm và phạm vi quản lý.',
      PARTNERS,
      '- Thời gian thực hiện: Hàng năm (định kỳ, đột xuất).',
      '- Kết quả, sản phẩm: Kế hoạch, báo cáo kết quả kiểm tra.',
    ],
  ],
  [
    'b) Tổ chức các cuộc khảo sát',
    [
      LEAD,
      PARTNERS,
      '- Thời gian thực hiện: Định kỳ 02 năm một lần hoặc trường hợp đột xuất theo yêu cầu của cơ quan cấp trên.',
      '- Kết quả, sản phẩm: Kế hoạch, báo cáo khảo sát....',
    ],
  ],
  [
    'c) Theo dõi, tham mưu báo cáo Sở Tư pháp và Bộ Tư pháp',
    [
      '- Cơ quan chủ trì: Phòng Tư pháp.',
      PARTNERS,
      '- Thời gian thực hiện: Hàng năm.',
      '- Kết quả, sản phẩm: Kế hoạch, báo cáo, tổ chức cuộc họp.',
    ],
  ],
  [
    'd) Tổ chức sơ kết, tổng kết và khen thưởng',
    [
      LEAD,
      PARTNERS,
      '- Thời gian thực hiện: Sơ kết cuối năm 2023, tổng kết năm 2025.',
      '- Kết quả, sản phẩm: Kế hoạch, báo cáo sơ kết, tổng kết, quyết định khen thưởng.',
    ],
  ],
];

describe('a plan from the template of example 001', () => {
  it('reproduces its task list in order in the DOCX (lead, partners, time, output), between sections I–IV', async () => {
    const plan = await createPlan(admin, {
      unitId: units.province.id,
      kind: 'implementation',
      template: 'tcpl-implementation',
      title: 'Thực hiện Quy định đánh giá, công nhận xã, phường, thị trấn đạt chuẩn tiếp cận pháp luật',
      issuingBody: 'Ủy ban nhân dân tỉnh Thái Nguyên',
    });
    expect(plan.tasks.map((task) => task.code)).toEqual([
      '1',
      '2',
      '2.a',
      '2.b',
      '2.c',
      '3',
      '4',
      '5',
      '5.a',
      '5.b',
      '6',
      '6.a',
      '6.b',
      '6.c',
      '6.d',
    ]);
    // Headings (2, 5, 6) are not tasks: 12 tasks count.
    expect(plan.tasks.filter((task) => task.counted)).toHaveLength(12);
    await ok(await issue(admin, plan.id, '3590/KH-UBND'));

    const response = await admin.request('GET', `/api/plans/${plan.id}/document`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const paragraphs = await docxParagraphs(response.rawPayload);
    expect(paragraphs).toContain('Số: 3590/KH-UBND');
    expect(paragraphs).toContain('KẾ HOẠCH');
    const at = (text: string, from = 0) => {
      const i = paragraphs.findIndex((p, k) => k >= from && p.startsWith(text));
      expect(i, `"${text}" after paragraph ${from}`).toBeGreaterThanOrEqual(from);
      return i;
    };
    let cursor = at('I. MỤC ĐÍCH, YÊU CẦU');
    cursor = at('1. Mục đích', cursor);
    cursor = at('II. NỘI DUNG', cursor);
    for (const [first, lines] of EXAMPLE_001) {
      cursor = at(first, cursor + 1);
      // The task's own lines follow it directly, in the example's order.
      lines.forEach((line, k) => expect(paragraphs[cursor + 1 + k]!.startsWith(line), line).toBe(true));
      cursor += lines.length;
    }
    cursor = at('III. KINH PHÍ', cursor);
    cursor = at('Kinh phí triển khai thực hiện Kế hoạch này', cursor);
    cursor = at('IV. TỔ CHỨC THỰC HIỆN', cursor);
    at('TM. ỦY BAN NHÂN DÂN', cursor);
  });

  it('a commune officer of another province does not see it (404), and cannot create a plan there', async () => {
    const plan = await createPlan(officerA, { unitId: units.communeA.id, kind: 'implementation' });
    expect((await otherOfficer.request('GET', `/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await officerB.request('GET', `/api/plans/${plan.id}`)).statusCode).toBe(404);
    expect((await officerB.request('GET', `/api/plans/${plan.id}/document`)).statusCode).toBe(404);
    expect((await addTasksStatus(officerB, plan.id)).statusCode).toBe(404);
    const list = await ok(await officerB.request('GET', '/api/plans'));
    expect((list.items as { id: string }[]).map((p) => p.id)).not.toContain(plan.id);
    const refused = await officerB.request('POST', '/api/plans', {
      unitId: units.communeA.id,
      kind: 'pbgdpl',
      year: YEAR,
      title: 'X',
      issuingBody: 'Y',
    });
    expect(refused.statusCode).toBe(404);
  });
});

const addTasksStatus = (client: TestClient, planId: string) =>
  client.request('POST', `/api/plans/${planId}/tasks`, { code: '9', title: 'Nhiệm vụ lạ' });

async function openPeriod(frameworkCode: string) {
  const response = await admin.request('POST', '/api/periods', {
    unitId: units.province.id,
    year: YEAR,
    name: `Đánh giá ${frameworkCode} năm ${YEAR} ${Math.random()}`,
    evaluatingLevel: 'province',
    frameworkCode,
    selfAssessmentDue: addDays(today, 10),
    submissionDue: addDays(today, 20),
    appraisalDue: addDays(today, 30),
    decisionDue: addDays(today, 40),
    unitIds: [units.communeA.id, units.communeB.id],
  });
  expect(response.statusCode, response.body).toBe(200);
  const list = await admin.request('GET', `/api/evaluations?periodId=${response.json().id}`);
  return list.json().find((e: { unit: { id: string } }) => e.unit.id === units.communeA.id).id as string;
}

function node(criteria: ResultNode[], code: string): ResultNode {
  const stack = [...criteria];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.code === code) return n;
    stack.push(...n.children);
  }
  throw new Error(`no node ${code}`);
}

/** Recomputes the commune's evaluation and returns the bound input's computed figure and its score. */
async function recompute(evaluationId: string, inputId: string, code: string) {
  const e = (await officerA.request('GET', `/api/evaluations/${evaluationId}`)).json();
  const res = await officerA.request('POST', `/api/evaluations/${evaluationId}/computed-inputs`, {
    expectedVersion: e.version,
  });
  expect(res.statusCode, res.body).toBe(200);
  const after = res.json();
  return {
    bound: after.boundInputs[inputId],
    value: after.selfInput.values[inputId],
    points: node(after.selfResult.criteria, code).points as string,
  };
}

describe.each([
  ['TCPL-2021', '2.3.2.hoanThanh', '2.3.2', 'pbgdpl', 'plans.pbgdplTasksDone', '4', '2.3.1', '2'],
  ['CCHC-XA-MAU', '1.1.3.hoanThanh', '1.1.3', 'cchc', 'plans.cchcTasksDone', '2', '1.1.1', '1'],
] as const)(
  '%s %s computed from the yearly plan',
  (framework, inputId, code, kind, measure, full, dateCode, dateFull) => {
    it('no plan, a plan without tasks, all done, one cancelled excluded; the link opens the plan', async () => {
      // No plan issued: 0/0 (a draft does not count), and no issue date or due date.
      const evaluationId = await openPeriod(framework);
      const due = addDays(today, 3);
      const draft = await createPlan(officerA, { unitId: units.communeA.id, kind, issueDue: due });
      let r = await recompute(evaluationId, inputId, code);
      expect(r.bound.computed).toMatchObject({ measure, value: { numerator: 0, denominator: 0 }, rows: 0 });
      expect(r.bound.link).toBe(`/ke-hoach?unitId=${units.communeA.id}&measure=${measure}&year=${YEAR}`);
      const date = await recompute(evaluationId, `${dateCode}.ngayBanHanh`, dateCode);
      expect(date.bound.computed).toMatchObject({ value: null, rows: 0 });

      // Issued without tasks: still 0/0, and the link opens the plan.
      await ok(await issue(officerA, draft.id, `1/KH-${kind}`));
      r = await recompute(evaluationId, inputId, code);
      expect(r.bound.computed).toMatchObject({
        value: { numerator: 0, denominator: 0 },
        rows: 0,
        ref: draft.id,
      });
      expect(r.bound.link).toBe(`/ke-hoach/${draft.id}?measure=${measure}`);

      // The plan's issue date (today) and due date fill the "issued on time" indicator: full points.
      const e = (await officerA.request('GET', `/api/evaluations/${evaluationId}`)).json();
      expect(e.selfInput.values[`${dateCode}.ngayBanHanh`]).toBe(today);
      expect(e.selfInput.values[`${dateCode}.hanBanHanh`]).toBe(due);
      expect(e.boundInputs[`${dateCode}.hanBanHanh`].computed).toMatchObject({
        value: due,
        rows: 1,
        ref: draft.id,
      });
      expect(node(e.selfResult.criteria, dateCode).points).toBe(dateFull);

      // Three tasks under a heading, all done: 3/3 and full points.
      let plan = await addTasks(officerA, draft.id, ['1', '1.a', '1.b', '1.c']);
      for (const task of plan.tasks.filter((x) => x.code !== '1'))
        await ok(await setTask(chairmanA, draft.id, task.id, { status: 'done', completedOn: today }));
      r = await recompute(evaluationId, inputId, code);
      expect(r.value).toEqual({ numerator: 3, denominator: 3 });
      expect(r.points).toBe(full);

      if (framework === 'CCHC-XA-MAU') {
        // 1.1.2: every task states its output and its time — not yet; then yes (the heading needs neither).
        let specified = await recompute(evaluationId, '1.1.2.dayDu', '1.1.2');
        expect(specified.bound.computed).toMatchObject({ value: false, rows: 3 });
        for (const task of plan.tasks.filter((x) => x.code !== '1'))
          await ok(
            await setTask(officerA, draft.id, task.id, { output: 'Báo cáo kết quả', timeText: 'Quý II' }),
          );
        specified = await recompute(evaluationId, '1.1.2.dayDu', '1.1.2');
        expect(specified.value).toBe(true);
        expect(specified.points).toBe('1');
        const page = await ok(
          await officerA.request('GET', `/api/plans/${draft.id}?measure=plans.cchcTasksSpecified`),
        );
        expect(page.measure).toMatchObject({ hitLabel: 'Đủ sản phẩm, thời hạn' });
        expect(page.tasks.filter((x) => x.counted).every((x) => x.hit)).toBe(true);
      }

      // A fourth task, then cancelled: out of both numerator and denominator.
      plan = await addTasks(officerA, draft.id, ['1.d']);
      r = await recompute(evaluationId, inputId, code);
      expect(r.value).toEqual({ numerator: 3, denominator: 4 });
      const d = plan.tasks.find((x) => x.code === '1.d')!;
      const cancelled = await ok(await setTask(officerA, draft.id, d.id, { status: 'cancelled' }));
      expect(cancelled.tasks.find((x) => x.code === '1.d')).toMatchObject({ counted: false, hit: false });
      r = await recompute(evaluationId, inputId, code);
      expect(r.value).toEqual({ numerator: 3, denominator: 3 });
      expect(r.bound.computed.rows).toBe(3);

      // The page the link opens lists the counted tasks with the measure named.
      const page = await ok(await officerA.request('GET', `/api/plans/${draft.id}?measure=${measure}`));
      expect(page.measure).toMatchObject({ id: measure });
      expect(page.tasks.filter((x) => x.counted).map((x) => [x.code, x.hit])).toEqual([
        ['1.a', true],
        ['1.b', true],
        ['1.c', true],
      ]);

      // A second yearly plan of the kind cannot be issued.
      const second = await createPlan(officerA, { unitId: units.communeA.id, kind });
      const refused = await issue(officerA, second.id, `2/KH-${kind}`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('mỗi năm chỉ một kế hoạch loại này');
    });
  },
);

describe('a province plan assigned to two communes', () => {
  it('each commune sees and reports on its own tasks; the province sees the roll-up; everything is audited', async () => {
    const plan = await createPlan(admin, {
      unitId: units.province.id,
      kind: 'pbgdpl',
      title: 'Phổ biến, giáo dục pháp luật năm trên địa bàn tỉnh',
      issuingBody: 'Ủy ban nhân dân tỉnh Thái Nguyên',
    });
    await addTasks(admin, plan.id, ['1', '2'], { assigneeUnitId: units.communeA.id });
    await addTasks(admin, plan.id, ['3', '4', '5'], { assigneeUnitId: units.communeB.id });
    let full = await addTasks(admin, plan.id, ['6']);
    // An assignee must be below the plan's unit.
    const outside = await admin.request('POST', `/api/plans/${plan.id}/tasks`, {
      code: '7',
      title: 'Giao ra ngoài tỉnh',
      assigneeUnitId: units.otherCommune.id,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toBe(
      'Chỉ giao nhiệm vụ cho đơn vị trực thuộc đơn vị ban hành kế hoạch.',
    );
    await ok(await issue(admin, plan.id, '12/KH-UBND'));

    // Commune A: sees the plan for its two tasks only, in its list too.
    const seenByA = await ok(await officerA.request('GET', `/api/plans/${plan.id}`));
    expect(seenByA.assignedOnly).toBe(true);
    expect(seenByA.tasks.map((x) => x.code)).toEqual(['1', '2']);
    const listA = await ok(await officerA.request('GET', '/api/plans'));
    expect(
      (listA.items as { id: string; assignedOnly: boolean }[]).find((p) => p.id === plan.id),
    ).toMatchObject({
      assignedOnly: true,
    });
    expect((await officerA.request('GET', `/api/plans/${plan.id}/document`)).statusCode).toBe(403);

    const taskOf = (code: string) => full.tasks.find((x) => x.code === code)!;
    // A reports; it may not change what the province decided; it cannot touch B's task.
    await ok(
      await setTask(officerA, plan.id, taskOf('1').id, {
        status: 'done',
        completedOn: today,
        progressNote: 'Đã tổ chức 02 hội nghị',
        evidenceNote: 'Báo cáo số 15/BC-UBND',
      }),
    );
    const beyond = await setTask(officerA, plan.id, taskOf('2').id, { title: 'Nhiệm vụ khác' });
    expect(beyond.statusCode).toBe(400);
    expect(beyond.json().error.message).toBe(
      'Đơn vị được giao chỉ báo cáo tiến độ, kết quả thực hiện nhiệm vụ.',
    );
    expect((await setTask(officerA, plan.id, taskOf('3').id, { status: 'in_progress' })).statusCode).toBe(
      404,
    );
    // Done needs its date; a date in the future is refused.
    const noDate = await setTask(officerA, plan.id, taskOf('2').id, { status: 'done' });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json().error.message).toBe('Cần ghi ngày hoàn thành nhiệm vụ.');
    const future = await setTask(officerA, plan.id, taskOf('2').id, {
      status: 'done',
      completedOn: addDays(today, 3),
    });
    expect(future.json().error.message).toBe('Ngày hoàn thành không được sau ngày hôm nay.');
    // Evidence of task 1's result: a file uploaded by A, seen and downloaded by the province.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
    const sendFile = (client: TestClient, taskId: string) => {
      const { payload, headers } = multipartBody({ data: pdf, fileName: 'Biên bản hội nghị.pdf' });
      return t.app.inject({
        method: 'POST',
        url: `/api/plans/${plan.id}/tasks/${taskId}/files`,
        headers: { ...headers, cookie: client.cookie, 'x-csrf-token': client.csrfToken },
        payload,
      });
    };
    const uploaded = await sendFile(officerA, taskOf('1').id);
    expect(uploaded.statusCode, uploaded.body).toBe(200);
    const [evidence] = uploaded.json().tasks.find((x: { code: string }) => x.code === '1').files;
    expect(evidence).toMatchObject({ fileName: 'Biên bản hội nghị.pdf', sizeBytes: pdf.length });
    const fileUrl = `/api/plans/${plan.id}/tasks/${taskOf('1').id}/files/${evidence.id}`;
    const download = await admin.request('GET', fileUrl);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    // B cannot add to A's task nor read its file; another province does not see it.
    expect((await sendFile(officerB, taskOf('1').id)).statusCode).toBe(404);
    expect((await officerB.request('GET', fileUrl)).statusCode).toBe(404);
    expect((await otherOfficer.request('GET', fileUrl)).statusCode).toBe(404);
    await ok(await setTask(officerA, plan.id, taskOf('2').id, { status: 'in_progress' }));
    await ok(await setTask(officerB, plan.id, taskOf('3').id, { status: 'done', completedOn: today }));
    await ok(await setTask(officerB, plan.id, taskOf('4').id, { status: 'cancelled' }));
    // Another province's commune sees nothing.
    expect((await otherOfficer.request('GET', `/api/plans/${plan.id}`)).statusCode).toBe(404);

    full = await ok(await admin.request('GET', `/api/plans/${plan.id}`));
    expect(full.rollup).toEqual([
      {
        unit: { id: units.communeA.id, name: units.communeA.name },
        total: 2,
        byStatus: { not_started: 0, in_progress: 1, done: 1, overdue: 0, cancelled: 0 },
      },
      {
        unit: { id: units.communeB.id, name: units.communeB.name },
        total: 3,
        byStatus: { not_started: 1, in_progress: 0, done: 1, overdue: 0, cancelled: 1 },
      },
    ]);
    expect(full.tasks.find((x) => x.code === '1')).toMatchObject({
      status: 'done',
      completedOn: today,
      progressNote: 'Đã tổ chức 02 hội nghị',
      evidenceNote: 'Báo cáo số 15/BC-UBND',
    });

    // The progress report: per lead (the unit given the task, else "not given"), cancelled apart.
    const xlsx = await admin.request('GET', `/api/plans/${plan.id}/progress?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    book.getWorksheet('Tiến độ')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    const leadRow = (name: string) => rows.find((r) => r[1] === name)!.slice(2, 8);
    // Nhiệm vụ, hoàn thành, đang thực hiện, chưa thực hiện, quá hạn, hủy bỏ
    expect(leadRow(units.communeA.name)).toEqual([2, 1, 1, 0, 0, 0]);
    expect(leadRow(units.communeB.name)).toEqual([2, 1, 0, 1, 0, 1]);
    expect(leadRow('Chưa giao đơn vị chủ trì')).toEqual([1, 0, 0, 1, 0, 0]);
    expect(leadRow('Tổng cộng')).toEqual([5, 2, 1, 2, 0, 1]);
    const docx = await admin.request('GET', `/api/plans/${plan.id}/progress`);
    const text = (await docxParagraphs(docx.rawPayload)).join('\n');
    expect(text).toContain('Tiến độ thực hiện Kế hoạch số 12/KH-UBND');
    expect(text).toContain('kế hoạch có 5 nhiệm vụ (không kể 1 nhiệm vụ hủy bỏ): hoàn thành 2 (đạt 40');
    expect(text).toContain('Không có nhiệm vụ quá hạn.');
    expect((await officerA.request('GET', `/api/plans/${plan.id}/progress`)).statusCode).toBe(403);

    await ok(await admin.request('PATCH', `/api/plans/${plan.id}`, { funding: 'Ngân sách tỉnh' }));
    await ok(await admin.request('POST', `/api/plans/${plan.id}/close`));
    const closed = await setTask(officerA, plan.id, taskOf('2').id, { status: 'done', completedOn: today });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().error.message).toBe('Kế hoạch đã kết thúc, không sửa được nhiệm vụ.');
    expect((await sendFile(officerA, taskOf('2').id)).statusCode).toBe(409);

    const audit = await auditOf(plan.id);
    expect(audit.map((a) => a.action)).toEqual([
      'plan.created',
      ...Array(6).fill('plan-task.created'),
      'plan.issued',
      'plan-task.updated',
      'plan-task.file-uploaded',
      'plan-task.updated',
      'plan-task.updated',
      'plan-task.updated',
      'plan.updated',
      'plan.closed',
    ]);
    expect(audit[8]!.diff).toMatchObject({
      task: '1',
      status: { from: 'not_started', to: 'done' },
      completed_on: { from: null, to: today },
    });
    expect(audit[13]!.diff).toMatchObject({ funding: { from: '', to: 'Ngân sách tỉnh' } });
  });
});
