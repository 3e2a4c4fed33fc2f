import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addDays } from '@shared/dates.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { apiSession, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

const YEAR = new Date().getFullYear();
/** A one-stop export with Vietnamese headers, semicolons, a BOM and both date formats. */
const CSV =
  '\uFEFF' +
  'Số hồ sơ;Tên thủ tục;Lĩnh vực;Hình thức nộp;Ngày tiếp nhận;Hạn trả kết quả;Ngày trả kết quả;Số hóa\n' +
  `DX-001;Đăng ký khai sinh;Hộ tịch;Trực tuyến;02/03/${YEAR} 08:15;05/03/${YEAR};04/03/${YEAR};có\n` +
  `DX-002;Chứng thực bản sao;Chứng thực;Trực tiếp;${YEAR}-03-02;${YEAR}-03-03;${YEAR}-03-06;không\n` +
  `DX-003;Đăng ký kết hôn;Hộ tịch;Bưu chính;10/04/${YEAR};15/04/${YEAR};;\n`;

describe.skipIf(skipWithoutChromium)('TTHC register journey in Chromium', () => {
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

  it('the commune officer imports a CSV through the mapping screen, sees progress and the register', async () => {
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await page.getByRole('menuitem', { name: 'Sổ theo dõi hồ sơ TTHC' }).click();
    await page.getByRole('heading', { name: 'Sổ theo dõi hồ sơ TTHC' }).waitFor();
    await page.getByRole('button', { name: 'Nhập từ tệp CSV/Excel' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'mot-cua-duc-xuan.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.getByText('Cách ghép cột dưới đây được đề xuất').waitFor();
    // The Vietnamese headers were matched to the register's columns.
    expect(await page.getByLabel('Cột trong tệp cho Ngày tiếp nhận').locator('..').innerText()).toContain(
      'Ngày tiếp nhận',
    );
    await page.screenshot({ path: artifactPath('tthc-01-ghep-cot.png'), fullPage: true });
    await page.getByRole('button', { name: 'Nhập vào sổ' }).click();
    await page.getByText('Đã nhập 3 hồ sơ: 3 hồ sơ mới, 0 hồ sơ cập nhật.').waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: 'DX-003' }).waitFor();
    expect(await page.getByText('3 hồ sơ', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByRole('cell', { name: `04/03/${YEAR}` }).isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('tthc-02-so.png'), fullPage: true });

    // The link an evaluation points to: exactly the rows behind the figure, the rule named.
    const unitId = new URL(page.url()).searchParams.get('unitId');
    const params = new URLSearchParams({
      measure: 'tthc.onTime',
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
    });
    if (unitId) params.set('unitId', unitId);
    await page.goto(`${server.url}/so-tthc?${params.toString()}`);
    await page.getByText('Tỷ lệ hồ sơ TTHC giải quyết đúng hạn: 2 hồ sơ, trong đó 1 được tính').waitFor();
    await page.getByRole('cell', { name: 'DX-002' }).waitFor();
    expect(await page.getByRole('cell', { name: 'DX-003' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('tthc-03-chi-so.png'), fullPage: true });
    await page.close();
  });

  it('a file with a bad row is refused with the row and column named; nothing is imported', async () => {
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await page.goto(`${server.url}/so-tthc`);
    await page.getByRole('button', { name: 'Nhập từ tệp CSV/Excel' }).click();
    await page.locator('input[type=file]').setInputFiles({
      name: 'loi.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'Số hồ sơ;Lĩnh vực;Hình thức nộp;Ngày tiếp nhận;Hạn trả kết quả\nDX-009;Hộ tịch;qua mạng;02/03/2026;05/03/2026\n',
      ),
    });
    await page.getByRole('button', { name: 'Nhập vào sổ' }).click();
    await page.getByText('Tệp có 1 dòng lỗi trên 1 dòng').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('cell', { name: /"qua mạng" không hợp lệ/ }).isVisible()).toBe(true);
    await page.screenshot({ path: artifactPath('tthc-04-loi.png'), fullPage: true });
    await page.close();
  });

  it('an indicator computed from the register links to exactly the dossiers it counts', async () => {
    // Set-up through the API: the Department opens the year's CCHC period for the demo ward.
    const today = todayInVietnam();
    const organiser = await apiSession(browser, server.url, 'sotuphap');
    const provinceId = (
      (await organiser.call('GET', '/api/units?level=province')).json.items as { id: string }[]
    )[0]!.id;
    const ward = (
      (await organiser.call('GET', `/api/units?parentId=${provinceId}&level=commune&search=Đức Xuân`)).json
        .items as { id: string; name: string }[]
    ).find((u) => u.name === 'Phường Đức Xuân')!;
    const opened = await organiser.call('POST', '/api/periods', {
      unitId: provinceId,
      year: YEAR,
      name: `Chỉ số CCHC năm ${YEAR}`,
      evaluatingLevel: 'province',
      frameworkCode: 'CCHC-XA-MAU',
      selfAssessmentDue: addDays(today, 14),
      submissionDue: addDays(today, 24),
      appraisalDue: addDays(today, 34),
      decisionDue: addDays(today, 44),
      unitIds: [ward.id],
    });
    expect(opened.status, JSON.stringify(opened.json)).toBe(200);
    await organiser.close();

    // The officer opens the ward's CCHC self-assessment and takes the figures from the register.
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await page.getByRole('menuitem', { name: 'Chỉ số CCHC' }).click();
    await page
      .getByRole('link', { name: /Đức Xuân/ })
      .first()
      .click();
    const card = page.getByTestId('recompute-card');
    await card.getByText('Chưa tính lần nào.').waitFor();
    await card.getByRole('button', { name: 'Tính lại từ sổ' }).click();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    await card.getByText(/Tính lần gần nhất lúc/).waitFor();

    // 3.2: of the two dossiers resolved this year, one on time; the link opens exactly those two.
    await page.getByTestId('node-3').click();
    await page.getByTestId('node-3.2').click();
    const link = page.getByTestId('rows-link-tthc.onTime').first();
    await link.scrollIntoViewIfNeeded();
    expect(await link.innerText()).toBe('tính từ 2 hồ sơ');
    await page.screenshot({ path: artifactPath('tthc-05-chi-tieu.png'), fullPage: true });
    await link.click();
    await page.getByText('Tỷ lệ hồ sơ TTHC giải quyết đúng hạn: 2 hồ sơ, trong đó 1 được tính').waitFor();
    await page.getByRole('cell', { name: 'DX-001' }).waitFor();
    await page.getByRole('cell', { name: 'DX-002' }).waitFor();
    expect(await page.getByRole('cell', { name: 'DX-003' }).count()).toBe(0);
    await page.screenshot({ path: artifactPath('tthc-06-ho-so-cua-chi-tieu.png'), fullPage: true });

    // Biểu 06 of the same register, and its late figure opening the late dossiers.
    await page.getByRole('menuitem', { name: 'Biểu 06 (TTHC)' }).click();
    await page.getByRole('heading', { name: /^Biểu 06\/VPCP\/KSTT/ }).waitFor();
    // The whole year, whatever today's date: the page opens on the year to date.
    await page.goto(`${server.url}/so-tthc/bieu-06?unitId=${ward.id}&from=${YEAR}-01-01&to=${YEAR}-12-31`);
    await page.getByText(`từ ngày 01/01/${YEAR} đến ngày 31/12/${YEAR}`).waitFor();
    const total = page.getByRole('row', { name: /Tổng cộng/ });
    // Columns 3–13 for the year: DX-001 early, DX-002 late, DX-003 pending past its due date.
    expect((await total.innerText()).trim().split(/\s+/).slice(2)).toEqual([
      '3',
      '1',
      '2',
      '0',
      '2',
      '1',
      '0',
      '1',
      '1',
      '0',
      '1',
    ]);
    await page.screenshot({ path: artifactPath('tthc-07-bieu-06.png'), fullPage: true });
    await page.close();
  });
});
