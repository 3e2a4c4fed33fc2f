/**
 * Surveys journey (issue #17): the commune creates a Mẫu 04 poll and opens it; residents answer on a
 * phone-sized public page (each phone once; the same phone again is refused as a duplicate); the
 * commune closes it, sees 2.4 computed in its self-assessment and downloads the Mẫu 04 summary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { openDemoPeriod, overflowOf, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

describe.skipIf(skipWithoutChromium)('surveys journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let evaluationId: string;

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

  it('creates a Mẫu 04 poll, residents answer from phones (one duplicate refused), 2.4 is computed, Mẫu 04 downloads', async () => {
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await page.goto(`${server.url}/lay-y-kien`);
    await page.getByRole('button', { name: 'Tạo phiếu lấy ý kiến' }).click();
    await page.getByRole('button', { name: 'Tạo phiếu', exact: true }).click();
    await page.getByRole('button', { name: 'Mở lấy ý kiến' }).click();
    const link = page.getByTestId('public-link');
    await link.waitFor();
    const url = (await link.innerText()).trim();
    expect(url).toMatch(/\/khao-sat\/[a-z2-9]{8}$/);

    // Three residents, each on their own phone; the first tries a second time.
    const phones: BrowserContext[] = [];
    for (const choice of ['Hiệu quả', 'Hiệu quả', 'Chưa hiệu quả']) {
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true });
      phones.push(phone);
      const p = await phone.newPage();
      await p.goto(url);
      await p.getByLabel(choice, { exact: true }).check();
      await p.getByRole('button', { name: 'Gửi phiếu' }).click();
      await p.getByTestId('survey-sent').waitFor();
      expect(await overflowOf(p)).toBeLessThanOrEqual(1);
      if (phones.length === 1) await p.screenshot({ path: artifactPath('surveys-01-dien-thoai.png') });
      await p.close();
    }
    const again = await phones[0]!.newPage();
    await again.goto(url);
    await again.getByLabel('Hiệu quả', { exact: true }).check();
    await again.getByRole('button', { name: 'Gửi phiếu' }).click();
    await again.getByText('Thiết bị này đã gửi ý kiến cho phiếu này').waitFor();
    await again.screenshot({ path: artifactPath('surveys-02-trung-lap.png') });
    for (const phone of phones) await phone.close();

    await page.reload();
    await page.getByTestId('survey-figure').getByText('2/3').waitFor();
    await page.getByRole('button', { name: 'Kết thúc lấy ý kiến' }).click();
    await page.getByTestId('survey-status').getByText('Đã kết thúc').waitFor();
    await page.screenshot({ path: artifactPath('surveys-03-ket-qua.png') });
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Tải bản tổng hợp (DOCX)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^mau-04-.*\.docx$/);

    await page.goto(`${server.url}/danh-gia/${evaluationId}`);
    await page.getByRole('button', { name: 'Tính lại từ sổ' }).click();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    await page.getByTestId('node-2').click();
    await page.getByTestId('node-2.4').click();
    await page.getByTestId('bound-2.4.hieuQua').getByText('2/3 phiếu').waitFor();
    await page.screenshot({ path: artifactPath('surveys-04-chi-tieu-2-4.png') });
    await page.close();
  }, 60_000);
});
