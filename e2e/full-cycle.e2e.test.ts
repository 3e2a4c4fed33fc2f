import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';
import { apiSession, createCouncilInUi, pickOption, signIn } from './journey.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/**
 * One commune through the whole legal-access cycle, each step done by its real role in the screens:
 * officer enters data and evidence → chairman closes and posts → a citizen comments → (posting
 * period passes) chairman sends → reviewer adjusts one score with a reason and returns it → commune
 * explains → reviewer appraises → council meets with quorum → decision published.
 */
describe.skipIf(skipWithoutChromium)('the whole cycle for one commune, in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let periodId: string;
  let evaluationId: string;
  let communeName: string;
  const shot = (name: string) => ({ path: artifactPath(`40-chu-trinh-${name}.png`), fullPage: true });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // The province opens the period for the demo commune (the form itself is tested in council.e2e).
    const chairman = await apiSession(browser, server.url, 'chutich');
    const communeId = ((await chairman.call('GET', '/api/auth/me')).json.grants as { unitId: string }[])[0]!
      .unitId;
    await chairman.close();
    const admin = await apiSession(browser, server.url, 'sotuphap');
    const provinces = (await admin.call('GET', '/api/units?level=province')).json.items as { id: string }[];
    const today = todayInVietnam();
    const opened = await admin.call('POST', '/api/periods', {
      unitId: provinces[0]!.id,
      year: 2026,
      name: 'Đánh giá chuẩn tiếp cận pháp luật năm 2026',
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: addDays(today, 10),
      submissionDue: addDays(today, 20),
      appraisalDue: addDays(today, 30),
      decisionDue: addDays(today, 40),
      unitIds: [communeId],
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    periodId = opened.json.id as string;
    const list = (await admin.call('GET', `/api/evaluations?periodId=${periodId}`)).json as unknown as {
      id: string;
      unit: { name: string };
    }[];
    evaluationId = list[0]!.id;
    communeName = list[0]!.unit.name;
    await admin.close();
  }, 200_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('officer enters the data and attaches evidence; chairman closes and posts it publicly', async () => {
    // Most figures come from the commune's registers in one go (through the API, as a spreadsheet
    // import would); one figure and one evidence file are entered on the screen.
    const officerApi = await apiSession(browser, server.url, 'canbo');
    const current = (await officerApi.call('GET', `/api/evaluations/${evaluationId}`)).json;
    const saved = await officerApi.call('PUT', `/api/evaluations/${evaluationId}/self-assessment`, {
      expectedVersion: current.version,
      input: sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(5), 1),
      narrative: {
        advantages: 'Được sự quan tâm của lãnh đạo Đảng ủy, UBND phường.',
        difficulties: 'Công chức Tư pháp - Hộ tịch kiêm nhiệm nhiều việc.',
        goals: 'Đẩy mạnh tuyên truyền, phổ biến giáo dục pháp luật.',
      },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    await officerApi.close();

    const officer = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await officer.goto(`${server.url}/danh-gia/${evaluationId}`);
    await officer.getByTestId('evaluation-tree').waitFor();
    await officer.getByTestId('node-1').click();
    await officer.getByTestId('node-1.1').click();
    await officer.getByTestId('node-1.1.1').click();
    await officer.getByLabel('Số VBQPPL đã ban hành').fill('2');
    await officer.getByLabel('Số VBQPPL được giao').fill('2');
    await officer.getByText(/Đã lưu lúc/).waitFor({ timeout: 15_000 });
    await officer
      .getByTestId('evidence-1.1.1')
      .locator('input[type=file]')
      .setInputFiles({ name: 'Danh mục VBQPPL đã ban hành.pdf', mimeType: 'application/pdf', buffer: PDF });
    await officer
      .getByTestId('evidence-1.1.1')
      .getByRole('link', { name: 'Danh mục VBQPPL đã ban hành.pdf' })
      .waitFor({ timeout: 15_000 });
    await officer.screenshot(shot('1-nhap-so-lieu'));
    await officer.close();

    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationId}`);
    await chairman.getByRole('button', { name: 'Chốt kết quả tự đánh giá' }).click();
    await chairman.getByRole('button', { name: 'Chốt', exact: true }).click();
    await chairman.getByText('Đã chốt kết quả tự đánh giá').first().waitFor();
    await chairman.getByRole('button', { name: 'Niêm yết công khai' }).click();
    await chairman.getByRole('button', { name: 'Niêm yết', exact: true }).click();
    await chairman.getByText('Đang niêm yết công khai').first().waitFor();
    await chairman.screenshot(shot('2-niem-yet'));
    await chairman.close();
  }, 120_000);

  it('a citizen comments on the public page and the commune records its answer', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const citizen = await context.newPage();
    await citizen.goto(`${server.url}/cong-khai/${evaluationId}`);
    await citizen.getByText(communeName).first().waitFor();
    await citizen.getByLabel('Họ và tên').fill('Nguyễn Văn Dân');
    await citizen
      .getByLabel('Nội dung ý kiến')
      .fill('Đề nghị làm rõ việc ban hành văn bản hành chính (chỉ tiêu 1.2).');
    await citizen.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await citizen.getByText(/Cảm ơn bạn đã góp ý/).waitFor();
    await citizen.screenshot(shot('3-y-kien-nguoi-dan'));
    await context.close();

    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationId}`);
    await chairman.getByRole('tab', { name: 'Ý kiến người dân' }).click();
    await chairman.getByRole('radio', { name: 'Tiếp thu' }).check();
    await chairman
      .getByLabel('Tiếp thu, giải trình')
      .fill('Tiếp thu; UBND phường bổ sung danh mục văn bản hành chính.');
    await chairman.getByRole('button', { name: 'Lưu tiếp thu, giải trình' }).click();
    await chairman.getByText(/Đã ghi nhận ngày/).waitFor();
    await chairman.close();
  }, 90_000);

  it('after the posting period the dossier is sent; the reviewer adjusts one score and returns it', async () => {
    // Six days later (CLOCK_OFFSET_DAYS on the same data): the 5-day posting has ended.
    await server.stop();
    server = await startServer({ CLOCK_OFFSET_DAYS: '6' }, { dataDir: server.dataDir });

    const chairman = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng');
    await chairman.goto(`${server.url}/danh-gia/${evaluationId}`);
    await chairman.getByRole('button', { name: 'Gửi hồ sơ thẩm định' }).click();
    await chairman.getByRole('button', { name: 'Gửi', exact: true }).click();
    await chairman.getByText('Đang thẩm định').first().waitFor();
    await chairman.close();

    const reviewer = await signIn(browser, server.url, 'thamdinh', 'Lê Minh Tuấn');
    await reviewer.goto(`${server.url}/danh-gia/${evaluationId}`);
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
    await reviewer.screenshot(shot('4-tham-dinh'));
    await reviewer.getByRole('button', { name: 'Trả lại để giải trình' }).click();
    await reviewer.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await reviewer.getByText('Trả lại để giải trình').first().waitFor();
    await reviewer.close();
  }, 200_000);

  it('the commune explains; the reviewer accepts and completes the appraisal, differences shown with reasons', async () => {
    const officer = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await officer.goto(`${server.url}/danh-gia/${evaluationId}`);
    await officer.getByRole('tab', { name: 'Thẩm định' }).click();
    await officer
      .getByLabel('Giải trình 1.2')
      .fill('UBND phường bổ sung Báo cáo tự kiểm tra văn bản số 12/BC-UBND.');
    await officer.getByRole('button', { name: 'Gửi giải trình' }).click();
    await officer.getByText('Đang thẩm định').first().waitFor();
    await officer.close();

    const reviewer = await signIn(browser, server.url, 'thamdinh', 'Lê Minh Tuấn');
    await reviewer.goto(`${server.url}/danh-gia/${evaluationId}`);
    await reviewer.getByRole('tab', { name: 'Thẩm định' }).click();
    await reviewer
      .getByText(/12\/BC-UBND/)
      .first()
      .waitFor();
    await pickOption(reviewer, reviewer.getByLabel('Kết luận 1.2'), 'Chấp nhận');
    await reviewer.getByRole('button', { name: 'Lưu kết luận' }).nth(1).click();
    await reviewer.getByText(/Đã kết luận: Chấp nhận/).waitFor();
    await reviewer.getByRole('button', { name: 'Hoàn tất thẩm định' }).click();
    await reviewer.getByRole('button', { name: 'Hoàn tất', exact: true }).click();
    await reviewer.getByText('Đã thẩm định').first().waitFor();
    // Self-assessed and appraised side by side, with the reviewer's reason.
    await reviewer
      .getByText('Một văn bản quy phạm pháp luật ban hành chậm so với kế hoạch.')
      .first()
      .waitFor();
    await reviewer.screenshot(shot('5-so-sanh'));
    await reviewer.close();
  }, 120_000);

  it('the council meets with a quorum and the decision is published', async () => {
    const secretary = await signIn(browser, server.url, 'thuky', 'Hoàng Thị Lan');
    await secretary.goto(`${server.url}/ky-danh-gia/${periodId}?tab=hoi-dong`);
    await createCouncilInUi(secretary);
    await secretary.getByText('Có mặt 0/4, cần tối thiểu 3 (2/3)').waitFor();
    for (const name of ['Nguyễn Văn Chủ', 'Lê Thị Phó', 'Trần Văn Viên'])
      await secretary.getByRole('checkbox', { name: new RegExp(name) }).check();
    // The secretary is absent: a member present takes the minutes and signs them (Mẫu 05).
    await secretary.getByLabel('Thư ký cuộc họp').click();
    await secretary
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Trần Văn Viên' })
      .click();
    await secretary.getByRole('button', { name: 'Ghi nhận cuộc họp' }).click();
    await secretary.getByText('Có mặt 3/4', { exact: true }).waitFor();
    await pickOption(secretary, secretary.getByLabel(`Ý kiến của Nguyễn Văn Chủ về ${communeName}`), 'Đạt');
    // Writing a member's opinion for him needs its basis, kept with the opinion.
    const proxy = secretary.getByRole('dialog');
    await proxy.getByLabel('Ghi chú ghi thay').fill('Ghi thay theo phát biểu tại cuộc họp');
    await proxy.getByRole('button', { name: 'Ghi ý kiến' }).click();
    await secretary.getByTestId('proxy-note').first().waitFor();
    await secretary.getByTitle('Đạt').first().waitFor();
    await secretary.screenshot(shot('6-hoi-dong'));
    await secretary.close();

    const admin = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await admin.goto(`${server.url}/ky-danh-gia/${periodId}?tab=quyet-dinh`);
    await admin.getByLabel('Số quyết định').fill('456/QĐ-UBND');
    await admin.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
    await admin.getByRole('checkbox', { name: new RegExp(communeName) }).check();
    await admin.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await admin.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await admin.getByText('Quyết định đã công bố').waitFor();
    // The area summary (Mẫu 09/10 data) on the period's results tab.
    await admin.goto(`${server.url}/ky-danh-gia/${periodId}?tab=ket-qua`);
    await admin.getByText('Tổng hợp số liệu trên địa bàn (Mẫu 09)').waitFor();
    await admin.getByText(/01\/01 xã, phường đạt chuẩn, tỷ lệ 100%/).waitFor();
    await admin.screenshot(shot('7a-tong-hop'));
    await admin.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const publicPage = await context.newPage();
    await publicPage.goto(`${server.url}/cong-bo/${periodId}`);
    await publicPage.getByText('Quyết định số 456/QĐ-UBND', { exact: false }).waitFor();
    await publicPage.getByText('1/1 xã, phường đạt chuẩn, tỷ lệ 100%').waitFor();
    await publicPage.screenshot(shot('7b-cong-bo'));
    await context.close();

    const chairman = await apiSession(browser, server.url, 'chutich');
    const final = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json;
    expect(final.state).toBe('decided_achieved');
    await chairman.close();
  }, 200_000);
});
