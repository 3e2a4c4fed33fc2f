import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@server/db/seeds/demo.seed.ts';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

if (skipWithoutChromium)
  console.warn('Bỏ qua kiểm thử trình duyệt: chưa cài chromium (apt-get install chromium).');

/** A framework file as a province would upload it. */
function file(name: string, framework: unknown) {
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(framework, null, 2)) };
}

describe.skipIf(skipWithoutChromium)('frameworks journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('sotuphap');
    await page.getByLabel('Mật khẩu').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Xin chào, Trần Thị Hồng').waitFor();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lists the frameworks with version, hash and provenance', async () => {
    await page.getByRole('menuitem', { name: 'Bộ tiêu chí' }).click();
    await page.getByRole('link', { name: 'TCPL-2021' }).waitFor();
    expect(await page.getByText('Tạm tính / chưa xác nhận').count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('30-bo-tieu-chi.png'), fullPage: true });
  });

  it('shows the CCHC template as a tree and copies it as the province framework', async () => {
    await page.getByRole('link', { name: 'CCHC-XA-MAU' }).click();
    await page.getByRole('heading', { name: 'CCHC-XA-MAU — phiên bản 1' }).waitFor();
    const first = getBuiltinFramework('CCHC-XA-MAU').nodes[0]!;
    await page.getByText(first.title, { exact: true }).first().click();
    await page.getByText('Lĩnh vực', { exact: true }).first().waitFor();
    await page.screenshot({ path: artifactPath('31-bo-tieu-chi-cay.png'), fullPage: true });

    await page.getByRole('button', { name: 'Sao chép thành bộ của tỉnh' }).click();
    await page.getByLabel('Mã bộ tiêu chí mới').fill('CCHC-XA-E2E');
    await page.getByLabel('Tên').fill('Bộ chỉ số CCHC cấp xã của tỉnh (thử)');
    await page.getByRole('button', { name: 'Sao chép', exact: true }).click();
    await page.getByRole('heading', { name: 'CCHC-XA-E2E — phiên bản 1' }).waitFor();
  });

  it('lists every issue of an invalid file, then stores a corrected one as version 2', async () => {
    const broken = structuredClone(getBuiltinFramework('CCHC-XA-MAU')) as ReturnType<
      typeof getBuiltinFramework
    >;
    broken.code = 'CCHC-XA-E2E';
    broken.nodes[0]!.children![1]!.title = '';
    await page.getByRole('button', { name: 'Nhập phiên bản mới (JSON)' }).click();
    await page.locator('input[type=file]').setInputFiles(file('sai.json', broken));
    await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await page.getByText(/lỗi cần sửa/).waitFor();
    expect(await page.getByText(/1\.2, trường "title"/).count()).toBeGreaterThan(0);
    await page.screenshot({ path: artifactPath('32-bo-tieu-chi-loi-nhap.png'), fullPage: true });

    const fixed = structuredClone(broken);
    fixed.name = 'Bộ chỉ số CCHC cấp xã của tỉnh (thử)';
    fixed.nodes[0]!.children![1]!.title = 'Nội dung đã sửa theo Quyết định của UBND tỉnh';
    await page.locator('input[type=file]').setInputFiles(file('dung.json', fixed));
    await page.getByRole('button', { name: 'Kiểm tra và lưu' }).click();
    await page.getByRole('heading', { name: 'CCHC-XA-E2E — phiên bản 2' }).waitFor();
  });

  it('shows the TCPL-2021 → TCPL-2025 mapping', async () => {
    await page.goto(`${server.url}/bo-tieu-chi`);
    await page.getByRole('tab', { name: 'Đối chiếu phiên bản' }).click();
    await page.getByText('Tương ứng trong TCPL-2025').first().waitFor();
    await page.screenshot({ path: artifactPath('33-doi-chieu-phien-ban.png'), fullPage: true });
  });
});
