import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addDays } from '@shared/dates.ts';
import { formatDate } from '@shared/format/vi.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { openDemoPeriod, pickOption, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

const TEMPLATE =
  'Kế hoạch thực hiện Quy định đánh giá, công nhận cấp xã đạt chuẩn tiếp cận pháp luật (theo mẫu Kế hoạch 3590/KH-UBND) — 15 mục';

/** Fills and sends the "Tạo kế hoạch" form of /ke-hoach from example 001's template. */
async function createFromTemplate(page: Page, kind: string, title: string, issuingBody: string) {
  await page.getByRole('button', { name: 'Tạo kế hoạch' }).click();
  await pickOption(page, page.getByLabel('Tạo từ mẫu'), TEMPLATE);
  await pickOption(page, page.getByLabel('Loại kế hoạch'), kind);
  await page.getByLabel('Trích yếu').fill(title);
  await page.getByLabel('Cơ quan ban hành').fill(issuingBody);
  await page.getByRole('button', { name: 'Tạo kế hoạch' }).last().click();
  await page.getByRole('heading', { name: title }).waitFor();
}

async function issue(page: Page, number: string) {
  await page.getByRole('button', { name: 'Ban hành' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ban hành kế hoạch' });
  await dialog.getByLabel('Số hiệu').fill(number);
  await dialog.getByRole('button', { name: 'Ban hành' }).click();
  await page.getByText('Đã ban hành', { exact: true }).waitFor();
}

/** The row of a task of the plan page by its number ("2.a"). */
const taskRow = (page: Page, code: string) =>
  page.getByRole('row').filter({ has: page.getByRole('cell', { name: code, exact: true }) });

describe.skipIf(skipWithoutChromium)('plans journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let evaluationId: string;
  const year = todayInVietnam().slice(0, 4);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    // A TCPL-2021 period for the demo commune, opened through the API (not what this journey tests).
    evaluationId = await openDemoPeriod(browser, server.url);
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the province creates a plan from the template, gives a task to the commune and issues it', async () => {
    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await page.goto(`${server.url}/ke-hoach`);
    await createFromTemplate(
      page,
      'Kế hoạch triển khai',
      `Triển khai chuẩn tiếp cận pháp luật năm ${year}`,
      'Ủy ban nhân dân tỉnh',
    );
    await taskRow(page, '3').getByRole('button', { name: 'Sửa' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhiệm vụ 3' });
    await pickOption(page, dialog.getByLabel('Giao cho đơn vị cấp dưới'), 'Phường Đức Xuân');
    const due = dialog.getByLabel('Hạn hoàn thành');
    await due.fill(formatDate(addDays(todayInVietnam(), 2)));
    await due.press('Enter');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await issue(page, `15/KH-UBND`);
    await page.getByText('Tiến độ theo đơn vị được giao').waitFor();
    await page.screenshot({ path: artifactPath('plans-01-tinh-giao-nhiem-vu.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('the commune reports the task done, issues its own PBGDPL plan and sees 2.3.2 computed', async () => {
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    // The task given by the province, due in two days, is in the commune's "Việc cần làm".
    await page
      .getByTestId('tasks')
      .getByText(/^Nhiệm vụ kế hoạch 3: /)
      .waitFor();
    await page.screenshot({ path: artifactPath('plans-00-viec-can-lam.png') });
    await page.goto(`${server.url}/ke-hoach`);
    await page.getByText('Nhiệm vụ được giao').waitFor();
    await page.getByRole('link', { name: `Triển khai chuẩn tiếp cận pháp luật năm ${year}` }).click();
    await taskRow(page, '3').getByRole('button', { name: 'Báo cáo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhiệm vụ 3' });
    await pickOption(page, dialog.getByLabel('Trạng thái'), 'Hoàn thành');
    await dialog.getByLabel('Tài liệu kiểm chứng (số, ngày văn bản…)').fill('Báo cáo số 12/BC-UBND');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.waitFor({ state: 'detached' });
    await taskRow(page, '3').getByText('Hoàn thành').waitFor();
    // The result's evidence: a scanned report uploaded on the task, listed as a download link.
    await taskRow(page, '3')
      .locator('input[type=file]')
      .setInputFiles({
        name: 'Bao-cao-12-BC-UBND.pdf',
        mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1'),
      });
    await taskRow(page, '3').getByRole('link', { name: 'Bao-cao-12-BC-UBND.pdf' }).waitFor();
    await page.screenshot({ path: artifactPath('plans-02-xa-bao-cao.png'), fullPage: true });

    // The measure counts the commune's own issued PBGDPL plan (ADR 0013).
    await page.goto(`${server.url}/ke-hoach`);
    const title = `Phổ biến, giáo dục pháp luật năm ${year}`;
    await createFromTemplate(
      page,
      'Kế hoạch phổ biến, giáo dục pháp luật năm',
      title,
      'Ủy ban nhân dân phường Đức Xuân',
    );
    await issue(page, `20/KH-UBND`);
    for (const code of ['1', '2.a'])
      await taskRow(page, code).getByRole('button', { name: 'Hoàn thành' }).click();
    await taskRow(page, '2.a').getByText('Hoàn thành').waitFor();
    await page.getByText('2/12 (không tính mục lớn').waitFor();

    await page.goto(`${server.url}/danh-gia/${evaluationId}`);
    await page.getByRole('button', { name: 'Tính lại từ sổ' }).click();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    await page.getByTestId('node-2').click();
    await page.getByTestId('node-2.3').click();
    await page.getByTestId('node-2.3.2').click();
    const link = page.getByTestId('rows-link-plans.pbgdplTasksDone');
    await link.waitFor();
    expect(await link.innerText()).toBe('tính từ 12 nhiệm vụ');
    await page.getByTestId('bound-2.3.2.hoanThanh').getByText('2/12 nhiệm vụ').waitFor();
    await link.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: artifactPath('plans-03-chi-tieu-2-3-2.png'), fullPage: true });
    await link.click();
    await page.getByText(/: 2\/12 — danh sách dưới đây là các nhiệm vụ được tính/).waitFor();
    expect(await page.getByRole('columnheader', { name: 'Tính vào tử số' }).isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('plans-04-nhiem-vu-duoc-tinh.png'), fullPage: true });

    // From the self-assessment's result, a draft remediation plan: one task per item that lost points.
    await page.goto(`${server.url}/danh-gia/${evaluationId}`);
    await page.getByRole('button', { name: 'Lập kế hoạch khắc phục' }).click();
    await page.getByRole('button', { name: 'Lập kế hoạch', exact: true }).click();
    await page
      .getByRole('heading', {
        name: /Khắc phục những tồn tại, hạn chế theo kết quả tự đánh giá chuẩn tiếp cận pháp luật năm/,
      })
      .waitFor();
    expect(await page.getByText(/^Khắc phục mục 2\.3\.2\. .*\(bị trừ 4\/4 điểm\)$/).count()).toBe(1);
    await page.screenshot({ path: artifactPath('plans-05-ke-hoach-khac-phuc.png') });
    await page.close();
  }, 90_000);
});
