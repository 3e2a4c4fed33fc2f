import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@server/db/seeds/demo.seed.ts';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { apiSession } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

describe.skipIf(skipWithoutChromium)('evaluation journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let evaluationId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();

    // The commune of the demo chairman, and the demo province.
    const chairman = await apiSession(browser, server.url, 'chutich');
    const me = await chairman.call('GET', '/api/auth/me');
    const communeId = (me.json.grants as { unitId: string }[])[0]!.unitId;
    await chairman.close();

    const province = await apiSession(browser, server.url, 'sotuphap');
    const units = await province.call('GET', '/api/units?level=province');
    expect(units.status, JSON.stringify(units.json)).toBe(200);
    const provinceId = (units.json.items as { id: string }[])[0]!.id;
    const today = todayInVietnam();
    const period = await province.call('POST', '/api/periods', {
      unitId: provinceId,
      year: Number(today.slice(0, 4)),
      name: `Đánh giá chuẩn tiếp cận pháp luật năm ${today.slice(0, 4)}`,
      evaluatingLevel: 'province',
      frameworkCode: 'TCPL-2021',
      selfAssessmentDue: addDays(today, 10),
      submissionDue: addDays(today, 20),
      appraisalDue: addDays(today, 30),
      decisionDue: addDays(today, 40),
      unitIds: [communeId],
    });
    expect(period.status, JSON.stringify(period.json)).toBe(200);
    const list = await province.call('GET', `/api/evaluations?periodId=${period.json.id as string}`);
    evaluationId = (list.json as unknown as { id: string }[])[0]!.id;
    await province.close();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lets the commune officer enter a value that the server scores and autosaves', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('canbo');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Xin chào, Vũ Thị Mai').waitFor();

    await page.getByRole('menuitem', { name: 'Chuẩn tiếp cận pháp luật' }).click();
    await page.getByRole('heading', { name: 'Chuẩn tiếp cận pháp luật' }).waitFor();
    await page.getByRole('row').nth(1).click();
    await page.waitForURL(`**/danh-gia/${evaluationId}`);
    await page.getByTestId('evaluation-tree').waitFor();

    await page.getByTestId('node-1').click();
    await page.getByTestId('node-1.1').click();
    await page.getByTestId('node-1.1.1').click();
    await page.getByLabel('Số VBQPPL đã ban hành').fill('3');
    await page.getByLabel('Số VBQPPL được giao').fill('4');
    await page.getByText(/Đã lưu lúc \d{2}:\d{2}/).waitFor({ timeout: 15_000 });
    // The server's recomputed explanation replaces the old one (nothing is scored in the browser).
    await page.getByText('Tỷ lệ 3/4 = 75%').waitFor();
    // The server's recomputed explanation is shown (never computed in the browser).
    await page
      .getByText('Tạm tính (chưa xác nhận văn bản)')
      .first()
      .waitFor()
      .catch(() => undefined);
    await page.screenshot({ path: artifactPath('10-danh-gia-may-tinh.png'), fullPage: true });

    // Someone else saves in the meantime: the next autosave is refused and the page offers a reload.
    const bumped = await page.evaluate(async (id) => {
      const me = await (await fetch('/api/auth/me')).json();
      const current = await (await fetch(`/api/evaluations/${id}`)).json();
      const response = await fetch(`/api/evaluations/${id}/self-assessment`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ expectedVersion: current.version, narrative: { goals: 'Mục tiêu năm sau.' } }),
      });
      return response.status;
    }, evaluationId);
    expect(bumped).toBe(200);
    await page.getByLabel('Số VBQPPL được giao').fill('5');
    await page.getByRole('button', { name: 'Tải lại' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Tải lại' }).click();
    await page.getByRole('button', { name: 'Tải lại' }).waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Báo cáo' }).click();
    expect(await page.getByLabel('Mục tiêu thực hiện').inputValue()).toBe('Mục tiêu năm sau.');
    await page.getByRole('tab', { name: 'Tiêu chí' }).click();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: artifactPath('11-danh-gia-dien-thoai.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('lets the officer attach an evidence file to an indicator, preview and download it', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
        '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
        '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n' +
        'trailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('canbo');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Xin chào, Vũ Thị Mai').waitFor();
    await page.goto(`${server.url}/danh-gia/${evaluationId}`);
    await page.getByTestId('evaluation-tree').waitFor();
    await page.getByTestId('evidence-count').getByText('chưa có').waitFor();
    await page.getByTestId('node-1').click();
    await page.getByTestId('node-1.1').click();
    await page.getByTestId('node-1.1.1').click();

    const evidence = page.getByTestId('evidence-1.1.1');
    await evidence.locator('input[type=file]').setInputFiles({
      name: 'Biên bản họp triển khai.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await evidence.getByRole('link', { name: 'Biên bản họp triển khai.pdf' }).waitFor({ timeout: 15_000 });
    await page.getByTestId('evidence-count').getByText('1 tệp').waitFor();
    await page.getByTestId('node-1.1.1').getByText('1 tài liệu').waitFor();

    // The download link serves the same bytes, privately.
    const href = await evidence
      .getByRole('link', { name: 'Biên bản họp triển khai.pdf' })
      .getAttribute('href');
    const downloaded = await page.evaluate(async (url) => {
      const response = await fetch(url!);
      return {
        bytes: Array.from(new Uint8Array(await response.arrayBuffer())),
        cache: response.headers.get('cache-control'),
      };
    }, href);
    expect(Buffer.from(downloaded.bytes).equals(pdf)).toBe(true);
    expect(downloaded.cache).toBe('private, no-store');

    await evidence.getByRole('button', { name: 'Xem' }).click();
    await page.locator('.ant-modal iframe').waitFor();
    await page.screenshot({ path: artifactPath('13-tai-lieu-kiem-chung.png'), fullPage: true });
    await page.keyboard.press('Escape');
    await page.close();
  }, 60_000);

  it('shows the posted self-assessment on the public page, without sign-in', async () => {
    const chairman = await apiSession(browser, server.url, 'chutich');
    let e = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json;
    const saved = await chairman.call('PUT', `/api/evaluations/${evaluationId}/self-assessment`, {
      expectedVersion: e.version,
      input: sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(7), 1),
      narrative: {
        advantages: 'Được sự quan tâm của lãnh đạo Đảng ủy, UBND.',
        difficulties: 'Công chức kiêm nhiệm nhiều việc.',
        goals: 'Đẩy mạnh tuyên truyền, phổ biến giáo dục pháp luật.',
      },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    e = saved.json;
    const submitted = await chairman.call('POST', `/api/evaluations/${evaluationId}/submit`, {
      expectedVersion: e.version,
    });
    expect(submitted.status, JSON.stringify(submitted.json)).toBe(200);
    const posted = await chairman.call('POST', `/api/evaluations/${evaluationId}/post`, {
      expectedVersion: submitted.json.version,
    });
    expect(posted.status, JSON.stringify(posted.json)).toBe(200);
    await chairman.close();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/cong-khai/${evaluationId}`);
    await page.getByText('Niêm yết công khai kết quả tự đánh giá').waitFor();
    await page.getByText('Thuận lợi').waitFor();
    expect(await page.getByText('Được sự quan tâm của lãnh đạo Đảng ủy, UBND.').isVisible()).toBe(true);
    // Evidence files are never public.
    expect(await page.getByText('Biên bản họp triển khai.pdf').count()).toBe(0);
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn Dân');
    await page.getByLabel('Nội dung ý kiến').fill('Đề nghị xem lại chỉ tiêu 1.1 về ban hành văn bản.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.getByText('Cảm ơn bạn đã góp ý').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await page.screenshot({ path: artifactPath('12-cong-khai.png'), fullPage: true });
    await context.close();
  }, 60_000);
});
