import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { addDays } from '@shared/dates.ts';
import { formatDate } from '@shared/format/vi.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';
import { apiSession, DEMO_COUNCIL, pickOption, signIn, waitForOutcome } from './journey.ts';
import { asTypedInput, enterSelfAssessment, writeReport } from './self-assessment.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const TCPL = getBuiltinFramework('TCPL-2021');
const CCHC = getBuiltinFramework('CCHC-XA-MAU');
const YEAR = Number(todayInVietnam().slice(0, 4));
const A = 'Phường Đức Xuân';
/** The second commune's chairman, whose account the province creates in the journey. */
const REPORT = {
  advantages: 'Được sự quan tâm của lãnh đạo Đảng ủy, UBND; người dân tích cực tham gia.',
  difficulties: 'Công chức Tư pháp - Hộ tịch kiêm nhiệm nhiều việc; kinh phí còn hạn chế.',
  goals: 'Đẩy mạnh tuyên truyền, phổ biến, giáo dục pháp luật; giữ vững chuẩn tiếp cận pháp luật.',
};
const B_CHAIR = {
  username: 'chutich.b',
  fullName: 'Ngô Thị Bình',
  temporary: 'Tam-thoi-2026!',
  password: 'Song-Hien-Ha-2026!',
};

/**
 * The pilot: two communes, the Department and its council complete the year's legal-access cycle, and
 * the same communes a CCHC index period, through the screens alone (the API is only read, to check).
 * Every demo role acts: the province administrator (periods, accounts, decision), commune officer and
 * chairmen, a citizen, the reviewer, the council secretary and a council member with his own account.
 */
describe.skipIf(skipWithoutChromium)('pilot: two communes through the whole cycle, in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let B: string;
  let tcplPeriod: string;
  let cchcPeriod: string;
  const evaluationOf: Record<string, Record<string, string>> = { tcpl: {}, cchc: {} };
  const today = todayInVietnam();
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: artifactPath(`40-thi-diem-${name}.png`), fullPage: true });

  /** Reads (never writes) the periods' evaluations, to know each commune's evaluation page. */
  async function readEvaluations() {
    const admin = await apiSession(browser, server.url, 'sotuphap');
    for (const [kind, periodId] of [
      ['tcpl', tcplPeriod],
      ['cchc', cchcPeriod],
    ] as const) {
      const list = (await admin.call('GET', `/api/evaluations?periodId=${periodId}`)).json as unknown as {
        id: string;
        unit: { name: string };
      }[];
      for (const e of list) evaluationOf[kind]![e.unit.name] = e.id;
    }
    await admin.close();
  }

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // Which second commune of the demo province (read only).
    const admin = await apiSession(browser, server.url, 'sotuphap');
    const provinceId = (
      (await admin.call('GET', '/api/units?level=province')).json.items as { id: string }[]
    )[0]!.id;
    const communes = (await admin.call('GET', `/api/units?parentId=${provinceId}&level=commune&pageSize=5`))
      .json.items as { name: string }[];
    B = communes.find((c) => c.name !== A)!.name;
    await admin.close();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The "Mở kỳ đánh giá" form for the two communes. */
  async function openPeriod(page: Page, frameworkCode: string, name: string) {
    await page.goto(`${server.url}/ky-danh-gia`);
    await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
    await page.getByText(/Chọn tất cả \([1-9]\d*\)/).waitFor();
    await page.getByLabel('Tên kỳ đánh giá').fill(name);
    await page.getByLabel('Bộ tiêu chí').click();
    await page
      .locator(`.ant-select-dropdown:visible .ant-select-item-option[title^="${frameworkCode} "]`)
      .click();
    const selfDue = page.getByLabel('Hạn tự đánh giá');
    await selfDue.click();
    await selfDue.fill(formatDate(addDays(today, 3)));
    await selfDue.press('Tab');
    await page
      .getByText(/^Gợi ý: /)
      .first()
      .waitFor();
    for (const commune of [A, B]) {
      const select = page.getByLabel('Các xã tham gia');
      await select.click();
      await select.fill(commune);
      await page
        .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: commune })
        .click();
      await select.press('Escape');
    }
    await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).last().click();
    await page.waitForURL(/\/ky-danh-gia\/[0-9a-f-]{36}$/);
    return page.url().split('/').pop()!;
  }

  it('the province opens a TCPL and a CCHC period for two communes and creates the second commune’s account', async () => {
    const admin = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    tcplPeriod = await openPeriod(
      admin,
      'TCPL-2021',
      `Đánh giá chuẩn tiếp cận pháp luật năm ${YEAR} (thí điểm)`,
    );
    cchcPeriod = await openPeriod(admin, 'CCHC-XA-MAU', `Chỉ số cải cách hành chính cấp xã năm ${YEAR}`);
    await admin.getByText('Đang tự đánh giá').first().waitFor();

    await admin.goto(`${server.url}/nguoi-dung`);
    await admin.getByRole('button', { name: 'Tạo người dùng' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Tạo người dùng' });
    await dialog.getByLabel('Tên đăng nhập').fill(B_CHAIR.username);
    await dialog.getByLabel('Họ và tên').fill(B_CHAIR.fullName);
    await dialog.getByLabel(/^Mật khẩu/).fill(B_CHAIR.temporary);
    await pickOption(admin, dialog.getByLabel('Vai trò'), 'Chủ tịch UBND cấp xã');
    const unit = dialog.getByLabel('Tại đơn vị');
    await unit.click();
    await unit.fill(B);
    await admin
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: B })
      .first()
      .click();
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    await admin.getByText(B_CHAIR.fullName).first().waitFor();
    await shot(admin, '1-tai-khoan');
    await admin.close();
    await readEvaluations();
    expect(Object.keys(evaluationOf.tcpl!).sort()).toEqual([A, B].sort());
  }, 180_000);

  /** Signs the new chairman in with the temporary password and sets his own, as the app demands. */
  async function firstSignIn(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill(B_CHAIR.username);
    await page.getByLabel('Mật khẩu').fill(B_CHAIR.temporary);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Mật khẩu hiện tại').fill(B_CHAIR.temporary);
    await page.getByLabel('Mật khẩu mới').fill(B_CHAIR.password);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu').waitFor();
    return page;
  }

  /** The chairman closes the self-assessment and, in the legal-access cycle, posts it publicly. */
  async function closeAndPost(page: Page, post: boolean) {
    await page.getByRole('button', { name: 'Chốt kết quả tự đánh giá' }).click();
    await page.getByRole('button', { name: 'Chốt', exact: true }).click();
    // Without public posting (the CCHC index) the closed dossier goes straight to appraisal.
    await waitForOutcome(page, post ? 'Đã chốt kết quả tự đánh giá' : 'Đang thẩm định');
    if (!post) return;
    await page.getByRole('button', { name: 'Niêm yết công khai' }).click();
    await page.getByRole('button', { name: 'Niêm yết', exact: true }).click();
    await waitForOutcome(page, 'Đang niêm yết công khai');
  }

  it('each commune types its self-assessment on the screen, attaches evidence, closes and posts it', async () => {
    const officer = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await officer.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await enterSelfAssessment(
      officer,
      TCPL,
      asTypedInput(sampleEvaluationInput(TCPL, seededRandom(5), 1), YEAR),
    );
    await writeReport(officer, REPORT);
    await officer
      .getByTestId('evidence-1.1.1')
      .locator('input[type=file]')
      .setInputFiles({ name: 'Danh mục VBQPPL đã ban hành.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer
      .getByTestId('evidence-1.1.1')
      .getByRole('link', { name: 'Danh mục VBQPPL đã ban hành.pdf' })
      .waitFor();
    await shot(officer, '2-nhap-so-lieu');
    await officer.close();
    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await closeAndPost(chairman, true);
    await chairman.close();

    // The second commune: its new chairman enters everything himself (a weaker year: quality 0.6).
    const chairmanB = await firstSignIn();
    await chairmanB.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![B]}`);
    await enterSelfAssessment(
      chairmanB,
      TCPL,
      asTypedInput(sampleEvaluationInput(TCPL, seededRandom(11), 0.6), YEAR),
    );
    await writeReport(chairmanB, REPORT);
    await closeAndPost(chairmanB, true);
    await shot(chairmanB, '3-xa-thu-hai');
    await chairmanB.close();
  }, 300_000);

  it('both communes enter and close their CCHC self-assessment, which goes to appraisal (no posting, no council)', async () => {
    const officer = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await officer.goto(`${server.url}/danh-gia/${evaluationOf.cchc![A]}`);
    await enterSelfAssessment(
      officer,
      CCHC,
      asTypedInput(sampleEvaluationInput(CCHC, seededRandom(7), 0.9), YEAR),
    );
    await officer.close();
    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationOf.cchc![A]}`);
    await closeAndPost(chairman, false);
    await chairman.close();

    const chairmanB = await signIn(
      browser,
      server.url,
      B_CHAIR.username,
      B_CHAIR.fullName,
      1280,
      B_CHAIR.password,
    );
    await chairmanB.goto(`${server.url}/danh-gia/${evaluationOf.cchc![B]}`);
    await enterSelfAssessment(
      chairmanB,
      CCHC,
      asTypedInput(sampleEvaluationInput(CCHC, seededRandom(8), 0.7), YEAR),
    );
    await closeAndPost(chairmanB, false);
    await shot(chairmanB, '4-cchc-gui');
    await chairmanB.close();
  }, 300_000);

  async function send(page: Page) {
    await page.getByRole('button', { name: 'Gửi hồ sơ thẩm định' }).click();
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await page.getByText('Đang thẩm định').first().waitFor();
  }

  it('a citizen comments on the posted result and the commune answers', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const citizen = await context.newPage();
    await citizen.goto(`${server.url}/cong-khai/${evaluationOf.tcpl![A]}`);
    await citizen.getByText(A).first().waitFor();
    await citizen.getByLabel('Họ và tên').fill('Nguyễn Văn Dân');
    await citizen
      .getByLabel('Nội dung ý kiến')
      .fill('Đề nghị làm rõ việc ban hành văn bản hành chính (chỉ tiêu 1.2).');
    await citizen.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await citizen.getByText(/Cảm ơn bạn đã góp ý/).waitFor();
    await context.close();

    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await chairman.getByRole('tab', { name: 'Ý kiến người dân' }).click();
    await chairman.getByRole('radio', { name: 'Tiếp thu' }).check();
    await chairman
      .getByLabel('Tiếp thu, giải trình')
      .fill('Tiếp thu; UBND phường bổ sung danh mục văn bản hành chính.');
    await chairman.getByRole('button', { name: 'Lưu tiếp thu, giải trình' }).click();
    await chairman.getByText(/Đã ghi nhận ngày/).waitFor();
    await chairman.close();
  }, 90_000);

  it('after the posting period both dossiers are sent and appraised, one after an explanation; the CCHC index is ranked', async () => {
    // Six days later (CLOCK_OFFSET_DAYS on the same data): the 5-day posting has ended.
    await server.stop();
    server = await startServer({ CLOCK_OFFSET_DAYS: '6' }, { dataDir: server.dataDir });
    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await send(chairman);
    await chairman.close();
    const chairmanB = await signIn(
      browser,
      server.url,
      B_CHAIR.username,
      B_CHAIR.fullName,
      1280,
      B_CHAIR.password,
    );
    await chairmanB.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![B]}`);
    await send(chairmanB);
    await chairmanB.close();

    const reviewer = await signIn(browser, server.url, 'thamdinh', 'Lê Minh Tuấn');
    await reviewer.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await reviewer.getByRole('tab', { name: 'Thẩm định' }).click();
    await pickOption(reviewer, reviewer.getByLabel('Kết luận 1.1'), 'Điều chỉnh');
    await reviewer.getByLabel('Điểm điều chỉnh 1.1').fill('2,5');
    await reviewer
      .getByLabel('Lý do 1.1')
      .fill('Một văn bản quy phạm pháp luật ban hành chậm so với kế hoạch.');
    await reviewer.getByRole('button', { name: 'Lưu kết luận' }).first().click();
    await reviewer.getByText('Đã lưu kết luận.').first().waitFor();
    await pickOption(reviewer, reviewer.getByLabel('Kết luận 1.2'), 'Yêu cầu giải trình');
    await reviewer.getByLabel('Lý do 1.2').fill('Đề nghị cung cấp báo cáo tự kiểm tra văn bản hành chính.');
    await reviewer.getByRole('button', { name: 'Lưu kết luận' }).nth(1).click();
    await reviewer.getByText(/Đã kết luận: Yêu cầu giải trình/).waitFor();
    await reviewer.getByRole('button', { name: 'Trả lại để giải trình' }).click();
    await reviewer.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await reviewer.getByText('Trả lại để giải trình').first().waitFor();
    // The second commune and both CCHC dossiers: every indicator as the commune scored it.
    for (const id of [evaluationOf.tcpl![B], evaluationOf.cchc![A], evaluationOf.cchc![B]]) {
      await reviewer.goto(`${server.url}/danh-gia/${id}`);
      await appraise(reviewer);
    }
    await reviewer.close();

    const officer = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await officer.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await officer.getByRole('tab', { name: 'Thẩm định' }).click();
    await officer
      .getByLabel('Giải trình 1.2')
      .fill('UBND phường bổ sung Báo cáo tự kiểm tra văn bản số 12/BC-UBND.');
    await officer.getByRole('button', { name: 'Gửi giải trình' }).click();
    await officer.getByText('Đang thẩm định').first().waitFor();
    await officer.close();

    const again = await signIn(browser, server.url, 'thamdinh', 'Lê Minh Tuấn');
    await again.goto(`${server.url}/danh-gia/${evaluationOf.tcpl![A]}`);
    await again.getByRole('tab', { name: 'Thẩm định' }).click();
    await again
      .getByText(/12\/BC-UBND/)
      .first()
      .waitFor();
    await pickOption(again, again.getByLabel('Kết luận 1.2'), 'Chấp nhận');
    await again.getByRole('button', { name: 'Lưu kết luận' }).nth(1).click();
    await again.getByText(/Đã kết luận: Chấp nhận/).waitFor();
    await appraise(again);
    await again.getByText('Một văn bản quy phạm pháp luật ban hành chậm so với kế hoạch.').first().waitFor();
    await shot(again, '5-tham-dinh');
    // The CCHC index: both communes ranked on the period's results.
    await again.goto(`${server.url}/ky-danh-gia/${cchcPeriod}?tab=ket-qua`);
    await again.getByRole('link', { name: A }).waitFor();
    await again.getByRole('link', { name: B }).waitFor();
    await shot(again, '6-xep-hang-cchc');
    await again.close();
  }, 400_000);

  async function appraise(page: Page) {
    await page.getByRole('tab', { name: 'Thẩm định' }).click();
    await page.getByRole('button', { name: 'Hoàn tất thẩm định' }).click();
    await page.getByRole('button', { name: 'Hoàn tất', exact: true }).click();
    await page.getByText('Đã thẩm định').first().waitFor();
  }

  it('the council meets, a member records his own opinion, and one decision covers both communes', async () => {
    const secretary = await signIn(browser, server.url, 'thuky', 'Hoàng Thị Lan');
    await secretary.goto(`${server.url}/ky-danh-gia/${tcplPeriod}?tab=hoi-dong`);
    await secretary.getByRole('button', { name: 'Thành lập Hội đồng' }).waitFor();
    const members = [
      ...DEMO_COUNCIL.slice(0, 3),
      ['Phạm Văn Đức', 'Trưởng phòng Quản lý xử lý vi phạm hành chính'],
    ];
    for (const [i, [name, position]] of members.entries()) {
      await secretary.getByLabel(`Họ tên thành viên ${i + 1}`).fill(name!);
      await secretary.getByLabel(`Chức vụ thành viên ${i + 1}`).fill(position!);
    }
    // The member with an account of his own records his opinion himself.
    const account = secretary.getByLabel('Tài khoản thành viên 4');
    await account.click();
    await account.fill('Phạm Văn Đức');
    await secretary
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'hoidong' })
      .click();
    await secretary.getByRole('button', { name: 'Thành lập Hội đồng' }).click();
    await secretary.getByText('Có mặt 0/4, cần tối thiểu 3 (2/3)').waitFor();
    for (const name of ['Nguyễn Văn Chủ', 'Lê Thị Phó', 'Phạm Văn Đức'])
      await secretary.getByRole('checkbox', { name: new RegExp(name) }).check();
    await secretary.getByLabel('Thư ký cuộc họp').click();
    await secretary
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Lê Thị Phó' })
      .click();
    await secretary.getByRole('button', { name: 'Ghi nhận cuộc họp' }).click();
    await secretary.getByText('Có mặt 3/4', { exact: true }).waitFor();
    for (const member of ['Nguyễn Văn Chủ', 'Lê Thị Phó'])
      for (const commune of [A, B]) {
        await pickOption(secretary, secretary.getByLabel(`Ý kiến của ${member} về ${commune}`), 'Đạt');
        const proxy = secretary.getByRole('dialog');
        await proxy.getByLabel('Ghi chú ghi thay').fill('Ghi thay theo phát biểu tại cuộc họp');
        await proxy.getByRole('button', { name: 'Ghi ý kiến' }).click();
        await proxy.waitFor({ state: 'detached' });
      }
    await secretary.close();

    const member = await signIn(browser, server.url, 'hoidong', 'Phạm Văn Đức');
    await member.goto(`${server.url}/ky-danh-gia/${tcplPeriod}?tab=hoi-dong`);
    for (const commune of [A, B])
      await pickOption(member, member.getByLabel(`Ý kiến của Phạm Văn Đức về ${commune}`), 'Đạt');
    await member.getByTitle('Đạt').nth(5).waitFor();
    expect(await member.getByRole('dialog').count()).toBe(0);
    await shot(member, '7-y-kien-thanh-vien');
    await member.close();

    const admin = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await admin.goto(`${server.url}/ky-danh-gia/${tcplPeriod}?tab=quyet-dinh`);
    await admin.getByLabel('Số quyết định').fill('456/QĐ-UBND');
    await admin.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
    await admin.getByRole('checkbox', { name: new RegExp(A) }).check();
    await admin.getByRole('button', { name: 'Ban hành quyết định' }).click();
    // The confirmation names the commune left out of the recognised list.
    await admin.getByTestId('decision-confirm').getByText(B).waitFor();
    await admin.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await admin.getByText('Quyết định đã công bố').waitFor();
    await admin.goto(`${server.url}/ky-danh-gia/${tcplPeriod}?tab=ket-qua`);
    await admin.getByText(/01\/02 xã, phường đạt chuẩn, tỷ lệ 50%/).waitFor();
    await shot(admin, '8-quyet-dinh');
    await admin.close();

    // Read to check: the decision covers every unit of the period.
    const reader = await apiSession(browser, server.url, 'sotuphap');
    const states = await Promise.all(
      [A, B].map(
        async (u) => (await reader.call('GET', `/api/evaluations/${evaluationOf.tcpl![u]}`)).json.state,
      ),
    );
    expect(states).toEqual(['decided_achieved', 'decided_not_achieved']);
    await reader.close();
  }, 300_000);
});
