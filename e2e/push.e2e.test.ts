import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

const BATCH = {
  dossiers: [
    {
      ma_ho_so: 'E2E-0001',
      ten_thu_tuc: 'Đăng ký khai sinh',
      linh_vuc: 'Hộ tịch',
      kenh_nop: 'truc_tuyen',
      ngay_tiep_nhan: '2026-03-02T08:30:00+07:00',
      han_tra_ket_qua: '2026-03-03',
      so_hoa: true,
    },
  ],
};

/**
 * The Department of Justice gives a commune's one-stop system a token (shown once), the system pushes
 * with it (a plain HTTP client, no session), the page shows it was used, the token is revoked and the
 * next push is refused.
 */
describe.skipIf(skipWithoutChromium)('one-stop connection journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let page: Page;

  const push = (token: string) =>
    fetch(`${server.url}/api/registers/tthc/dossiers`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(BATCH),
    });

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a token, pushes with it, revokes it', async () => {
    await page.getByRole('menuitem', { name: 'Kết nối một cửa' }).click();
    await page.getByText('Chưa có mã kết nối nào').waitFor();
    await page.getByRole('button', { name: 'Cấp mã kết nối' }).click();
    await page.getByLabel('Xã, phường nhận hồ sơ').click();
    await page.keyboard.type('Duc Xuan');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await page.getByLabel('Tên kết nối').fill('Hệ thống một cửa điện tử tỉnh Thái Nguyên');
    await page.getByRole('button', { name: 'Cấp mã', exact: true }).click();
    await page.getByText('Mã chỉ hiển thị một lần').waitFor();
    const token = (await page.getByTestId('new-api-token').innerText()).trim();
    expect(token).toMatch(/^dg_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: artifactPath('60-ket-noi-ma-moi.png') });
    await page.getByRole('button', { name: 'Tôi đã sao chép mã' }).click();

    const pushed = await push(token);
    expect(pushed.status).toBe(200);
    expect(await pushed.json()).toEqual({ received: 1, created: 1, updated: 0 });

    await page.reload();
    const row = page.locator('.ant-table-row', { hasText: 'Hệ thống một cửa điện tử tỉnh Thái Nguyên' });
    await row.getByText('Đang dùng').waitFor();
    expect(await row.getByText('Chưa dùng').count()).toBe(0);
    // The token itself is never shown again.
    expect(await page.content()).not.toContain(token);
    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByText('Đã thu hồi').waitFor();
    await page.screenshot({ path: artifactPath('61-ket-noi-da-thu-hoi.png') });

    const refused = await push(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toBe(
      'Mã kết nối không hợp lệ hoặc đã bị thu hồi.',
    );
  });
});
