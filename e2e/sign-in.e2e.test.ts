import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { DEMO_PASSWORD } from '@server/db/seeds/demo.seed.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

// CI installs Debian's chromium (.ci/run); on a machine without it these journeys are skipped, loudly.
if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

describe.skipIf(skipWithoutChromium)('sign-in journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('prints the URL and the demo logins, and serves the Vietnamese sign-in page', async () => {
    expect(server.output()).toContain('Tài khoản dùng thử');
    expect(server.output()).toContain('chutich');
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForURL('**/dang-nhap');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    expect(await page.getByLabel('Tên đăng nhập').isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('01-dang-nhap.png') });
    await page.close();
  });

  it('refuses a wrong password with a Vietnamese message', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('chutich');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    await page.close();
  });

  it('lets a demo user sign in, see the shell for their role, and sign out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('chutich');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Xin chào, Đỗ Văn Hùng').waitFor();
    expect(await page.getByText('Chủ tịch UBND cấp xã').first().isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('02-trang-chu.png') });

    await page.getByTestId('user-menu').click();
    await page.getByText('Đăng xuất', { exact: true }).click();
    await page.waitForURL('**/dang-nhap');
    // Signed out for real: the API no longer knows this browser.
    const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
    expect(me).toBe(401);
    await page.close();
  });

  it('is usable on a phone screen', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('canbo');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Xin chào, Vũ Thị Mai').waitFor();
    await page.getByRole('button', { name: 'Mở danh mục' }).click();
    await page.getByRole('menuitem', { name: 'Tài khoản của tôi' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await page.screenshot({ path: artifactPath('03-dien-thoai.png') });
    await page.close();
  });
});
