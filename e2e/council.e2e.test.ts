import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { formatDate } from '@shared/format/vi.ts';
import { apiSession, createCouncilInUi, overflowOf, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

describe.skipIf(skipWithoutChromium)('period, council and decision journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let periodId: string;
  /** A second period, of another commune, left in self-assessment: the organiser reopens it later. */
  let otherPeriodId: string;
  let evaluationId: string;
  let communeName: string;
  const today = todayInVietnam();

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens a period through the form, with deadlines suggested from the working-day calendar', async () => {
    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await page.getByRole('menuitem', { name: 'Kỳ đánh giá' }).click();
    await page.getByRole('heading', { name: 'Kỳ đánh giá' }).waitFor();
    await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).click();
    // The organising unit defaults to the user's province.
    await page.getByText(/Chọn tất cả \([1-9]\d*\)/).waitFor();

    // The framework in force for 2026 is suggested; the journey's older framework warns when chosen.
    await page
      .locator('.ant-form-item', { hasText: 'Bộ tiêu chí' })
      .getByText(/^TCPL-2025 — /)
      .first()
      .waitFor();
    await page.getByLabel('Bộ tiêu chí').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title^="TCPL-2021 "]').click();
    await page.getByText(/áp dụng cho các năm 2022–2024, không gồm năm 2026/).waitFor();

    const selfDue = addDays(today, 14);
    const input = page.getByLabel('Hạn tự đánh giá');
    await input.click();
    await input.fill(formatDate(selfDue));
    await input.press('Tab');
    // The following deadlines are suggested by the server's working-day calculator, with its explanation.
    await page
      .getByText(/^Gợi ý: /)
      .first()
      .waitFor();
    // Each deadline is filled when its own suggestion arrives.
    for (const label of ['Hạn gửi hồ sơ', 'Hạn quyết định'])
      await expect.poll(() => page.getByLabel(label).inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);

    await page.getByText(/Chọn tất cả \(\d+\)/).click();
    expect(await page.getByText('Chọn ít nhất một đơn vị tham gia').count()).toBe(0);
    // The decision waits for every unit of the period: this journey takes the demo commune alone.
    await page.getByText(/Chọn tất cả \(\d+\)/).click();
    const communes = page.getByLabel('Các xã tham gia');
    await communes.click();
    await communes.fill('Đức Xuân');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Phường Đức Xuân' })
      .click();
    await communes.press('Escape');

    // A problem only the server checks (deadline order) is shown under its field.
    const submission = page.getByLabel('Hạn gửi hồ sơ');
    const suggested = await submission.inputValue();
    const setDate = async (value: string) => {
      await submission.click();
      await submission.fill(value);
      await submission.press('Tab');
    };
    await setDate(formatDate(addDays(today, 2)));
    await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).last().click();
    await page.getByText('Hạn gửi hồ sơ phải sau hạn tự đánh giá').waitFor();
    await setDate(suggested);
    await page.getByText('Hạn gửi hồ sơ phải sau hạn tự đánh giá').waitFor({ state: 'detached' });
    await page.screenshot({ path: artifactPath('20-mo-ky-danh-gia.png'), fullPage: true });
    await page.getByRole('button', { name: 'Mở kỳ đánh giá' }).last().click();
    await page.waitForURL(/\/ky-danh-gia\/[0-9a-f-]{36}$/);
    periodId = page.url().split('/').pop()!;
    await page.getByRole('tab', { name: 'Kết quả' }).waitFor();
    await page.getByText('Đang tự đánh giá').first().waitFor();
    await page.screenshot({ path: artifactPath('21-ky-danh-gia.png'), fullPage: true });

    // Set-up for the reopening step: another commune's period, opened through the API.
    const organiser = await apiSession(browser, server.url, 'sotuphap');
    const provinceId = (
      (await organiser.call('GET', '/api/units?level=province')).json.items as { id: string }[]
    )[0]!.id;
    const ofProvince = (
      await organiser.call('GET', `/api/units?parentId=${provinceId}&level=commune&pageSize=5`)
    ).json.items as { id: string; name: string }[];
    const other = ofProvince.find((c) => c.name !== 'Phường Đức Xuân')!;
    const second = await organiser.call('POST', '/api/periods', {
      unitId: provinceId,
      year: 2026,
      name: 'Đánh giá bổ sung năm 2026',
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: selfDue,
      submissionDue: addDays(selfDue, 10),
      appraisalDue: addDays(selfDue, 20),
      decisionDue: addDays(selfDue, 30),
      unitIds: [other.id],
    });
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    otherPeriodId = second.json.id as string;
    await organiser.close();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await overflowOf(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: artifactPath('22-ky-danh-gia-dien-thoai.png') });
    await page.close();
  }, 90_000);

  it('lists the commune chairman’s tasks with days left on the home page', async () => {
    const page = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng', 390);
    await page.getByText('Tự đánh giá và chốt kết quả').waitFor();
    await page.getByText(/còn 1[345] ngày \(hạn \d{2}\/\d{2}\/\d{4}\)/).waitFor();
    expect(await overflowOf(page)).toBeLessThanOrEqual(1);
    await page.screenshot({ path: artifactPath('23-viec-can-lam.png'), fullPage: true });

    // The chairman hands an indicator to the commune's officer.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Tự đánh giá và chốt kết quả' }).click();
    await page.getByTestId('evaluation-tree').waitFor();
    await page.getByRole('button', { name: 'Giao chỉ tiêu' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Chỉ tiêu').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await dialog.getByLabel('Công chức theo dõi').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Vũ Thị Mai"]').click();
    await dialog.getByRole('button', { name: 'Giao chỉ tiêu' }).click();
    await dialog.getByText('Đã giao').waitFor();
    await dialog.getByText('Vũ Thị Mai').last().waitFor();
    await page.screenshot({ path: artifactPath('23b-giao-chi-tieu.png') });
    await page.close();
  }, 60_000);

  it('creates the council in the UI; the public page says there is no decision yet', async () => {
    // The commune self-assesses, submits and posts (tested in evaluation.e2e.test.ts; here through the API).
    const chairman = await apiSession(browser, server.url, 'chutich');
    const list = await chairman.call('GET', `/api/evaluations?periodId=${periodId}`);
    const own = (list.json as unknown as { id: string; unit: { name: string } }[])[0]!;
    evaluationId = own.id;
    communeName = own.unit.name;
    let e = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json;
    const saved = await chairman.call('PUT', `/api/evaluations/${evaluationId}/self-assessment`, {
      expectedVersion: e.version,
      input: sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(11), 1),
      narrative: {
        advantages: 'Được sự quan tâm của lãnh đạo Đảng ủy, UBND.',
        difficulties: 'Công chức kiêm nhiệm nhiều việc.',
        goals: 'Đẩy mạnh tuyên truyền, phổ biến giáo dục pháp luật.',
      },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    e = (
      await chairman.call('POST', `/api/evaluations/${evaluationId}/submit`, {
        expectedVersion: saved.json.version,
      })
    ).json;
    const posted = await chairman.call('POST', `/api/evaluations/${evaluationId}/post`, {
      expectedVersion: e.version,
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(200);
    await chairman.close();

    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await page.goto(`${server.url}/ky-danh-gia/${periodId}?tab=hoi-dong`);
    await page.getByRole('button', { name: 'Thành lập Hội đồng' }).waitFor();
    await createCouncilInUi(page);
    await page.getByText('họp hợp lệ khi có tối thiểu 3 thành viên (2/3)').waitFor();
    await page.getByText('Có mặt 0/4, cần tối thiểu 3 (2/3)').waitFor();
    await page.screenshot({ path: artifactPath('24-hoi-dong.png'), fullPage: true });
    await page.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const publicPage = await context.newPage();
    await publicPage.goto(`${server.url}/cong-bo/${periodId}`);
    await publicPage.getByText('Chưa có quyết định công nhận', { exact: true }).waitFor();
    await publicPage.screenshot({ path: artifactPath('25-cong-bo-chua-co.png'), fullPage: true });
    await context.close();
  }, 90_000);

  it('after the posting period: quorum refused then met, opinions, decision, public decision page', async () => {
    // Restart on the same data three weeks later (CLOCK_OFFSET_DAYS): the 5-day posting and the
    // self-assessment deadline (14 days) have passed.
    await server.stop();
    server = await startServer({ CLOCK_OFFSET_DAYS: '21' }, { dataDir: server.dataDir });
    const chairman = await apiSession(browser, server.url, 'chutich');
    const e = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json;
    const sent = await chairman.call('POST', `/api/evaluations/${evaluationId}/send`, {
      expectedVersion: e.version,
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(200);
    await chairman.close();
    const reviewer = await apiSession(browser, server.url, 'thamdinh');
    const appraised = await reviewer.call('POST', `/api/evaluations/${evaluationId}/appraise`, {
      expectedVersion: sent.json.version,
    });
    expect(appraised.status, JSON.stringify(appraised.json)).toBe(200);
    await reviewer.close();

    // The council meeting: two of four present is refused by the server; three is enough.
    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await page.getByText(/Họp Hội đồng: 1 hồ sơ đã thẩm định/).waitFor();
    await page.goto(`${server.url}/ky-danh-gia/${periodId}?tab=hoi-dong`);
    await page.getByRole('checkbox', { name: /Nguyễn Văn Chủ/ }).check();
    await page.getByRole('checkbox', { name: /Lê Thị Phó/ }).check();
    await page.getByText('Có mặt 2/4, cần tối thiểu 3 (2/3)').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận cuộc họp' }).click();
    await page
      .getByTestId('meeting-error')
      .getByText(/không đủ số lượng/)
      .waitFor();
    await page.screenshot({ path: artifactPath('26-hoi-dong-khong-du.png'), fullPage: true });
    await page.getByRole('checkbox', { name: /Trần Văn Viên/ }).check();
    await page.getByText('Có mặt 3/4, cần tối thiểu 3 (2/3)').waitFor();
    // The secretary is absent: a member present takes the minutes and signs them (Mẫu 05).
    await page.getByLabel('Thư ký cuộc họp').click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'Trần Văn Viên' })
      .click();
    await page.getByRole('button', { name: 'Ghi nhận cuộc họp' }).click();
    await page.getByText('Có mặt 3/4', { exact: true }).waitFor();
    await page.close();

    // The secretary records a member's opinion for the minutes.
    const secretary = await signIn(browser, server.url, 'thuky', 'Hoàng Thị Lan');
    await secretary.goto(`${server.url}/ky-danh-gia/${periodId}?tab=hoi-dong`);
    const opinion = secretary.getByLabel(`Ý kiến của Nguyễn Văn Chủ về ${communeName}`);
    await opinion.click();
    await secretary.locator('.ant-select-dropdown:visible .ant-select-item-option[title="Đạt"]').click();
    // Writing for another member needs the basis "Ghi thay theo …", stored and shown with the opinion.
    const proxy = secretary.getByRole('dialog');
    await proxy.getByLabel('Ghi chú ghi thay').fill('Ghi thay theo phát biểu tại cuộc họp');
    await proxy.getByRole('button', { name: 'Ghi ý kiến' }).click();
    await secretary.getByTestId('proxy-note').first().waitFor();
    await secretary.getByTitle('Đạt').first().waitFor();
    await secretary.screenshot({ path: artifactPath('27-y-kien-hoi-dong.png'), fullPage: true });
    await secretary.close();

    // The decision, confirmed, then shown with its public link.
    const admin = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await admin.goto(`${server.url}/ky-danh-gia/${periodId}?tab=quyet-dinh`);
    await admin.getByLabel('Số quyết định').fill('123/QĐ-UBND');
    await admin.getByLabel('Người ký', { exact: true }).fill('Nguyễn Văn An');
    await admin.getByRole('checkbox', { name: new RegExp(communeName) }).check();
    await admin.screenshot({ path: artifactPath('28-quyet-dinh-nhap.png'), fullPage: true });
    await admin.getByRole('button', { name: 'Ban hành quyết định' }).click();
    await admin.getByRole('button', { name: 'Ban hành', exact: true }).click();
    await admin.getByText('Quyết định đã công bố').waitFor();
    await admin.getByTestId('decision-summary').getByText('1/1 xã, phường đạt chuẩn, tỷ lệ 100%').waitFor();
    await admin.screenshot({ path: artifactPath('29a-quyet-dinh.png'), fullPage: true });
    await admin.getByRole('tab', { name: 'Văn bản' }).click();
    await admin.getByText(/^Văn bản của kỳ: /).waitFor();
    await admin.screenshot({ path: artifactPath('29c-van-ban-ky.png'), fullPage: true });

    // Past the self-assessment deadline, the organiser reopens another commune's self-assessment.
    await admin.goto(`${server.url}/ky-danh-gia/${otherPeriodId}`);
    await admin.getByRole('tab', { name: 'Kết quả' }).click();
    await admin
      .getByRole('link', { name: /^(Xã|Phường) / })
      .first()
      .click();
    await admin.getByText(/Đã quá hạn tự đánh giá/).waitFor();
    await admin.getByRole('button', { name: 'Mở lại' }).click();
    const reopen = admin.getByRole('dialog');
    const until = reopen.getByLabel('Mở lại đến ngày');
    await until.click();
    await until.fill(formatDate(addDays(today, 30)));
    await until.press('Tab');
    await reopen.getByLabel('Lý do').fill('Xã bị ảnh hưởng bởi mưa lũ, mất điện nhiều ngày.');
    await reopen.getByRole('button', { name: 'Mở lại' }).click();
    await admin.getByText('Được mở lại đến').waitFor();
    await admin.screenshot({ path: artifactPath('29d-mo-lai.png') });
    await admin.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const publicPage = await context.newPage();
    await publicPage.goto(`${server.url}/cong-bo/${periodId}`);
    await publicPage.getByText('Quyết định số 123/QĐ-UBND', { exact: false }).waitFor();
    await publicPage.getByText('1/1 xã, phường đạt chuẩn, tỷ lệ 100%').waitFor();
    expect(await publicPage.getByText(communeName).count()).toBeGreaterThan(0);
    expect(await overflowOf(publicPage)).toBeLessThanOrEqual(1);
    await publicPage.screenshot({ path: artifactPath('29b-cong-bo.png'), fullPage: true });
    await context.close();
  }, 300_000);
});
