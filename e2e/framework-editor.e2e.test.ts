/**
 * Issue #16: the Department corrects its framework without a developer — copies TCPL-2021, changes
 * one indicator's tiers and another's maximum (the total stays 100), publishes version 2, applies it
 * to an open period, reads the change report, confirms, and finds the re-scored dossier and the
 * audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { apiSession, openDemoPeriod, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

const CODE = 'TCPL-2021-E2E';

/** Types a value into a text box, replacing what it held. */
async function retype(page: Page, label: string, value: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.fill(value);
}

describe.skipIf(skipWithoutChromium)('framework editor journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng', 1366);
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('copies, edits, publishes, applies to a period and audits', async () => {
    // 1. Copy the built-in for the province.
    await page.goto(`${server.url}/bo-tieu-chi`);
    await page.getByRole('link', { name: 'TCPL-2021', exact: true }).click();
    await page.getByRole('heading', { name: 'TCPL-2021 — phiên bản 1' }).waitFor();
    await page.getByRole('button', { name: 'Sao chép thành bộ của tỉnh' }).click();
    await page.getByLabel('Mã bộ tiêu chí mới').fill(CODE);
    await page.getByLabel('Tên').fill('Chuẩn tiếp cận pháp luật — bộ của tỉnh');
    await page.getByRole('button', { name: 'Sao chép', exact: true }).click();
    await page.getByRole('heading', { name: `${CODE} — phiên bản 1` }).waitFor();

    // An open period on version 1 with the commune's self-assessment (2.4 and 2.5 at 85 %), through the API.
    const province = await apiSession(browser, server.url, 'sotuphap');
    const chairman = await apiSession(browser, server.url, 'chutich');
    const evaluationId = await openDemoPeriod(browser, server.url, {
      code: CODE,
      periodName: 'Đánh giá theo bộ tiêu chí của tỉnh',
    });
    const evaluation = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json as {
      id: string;
      version: number;
    };
    const input = sampleEvaluationInput(getBuiltinFramework('TCPL-2021'), seededRandom(3), 0.95);
    input.values!['2.4.hieuQua'] = { numerator: 85, denominator: 100 };
    input.values!['2.5.tapHuan'] = { numerator: 85, denominator: 100 };
    const saved = await chairman.call('PUT', `/api/evaluations/${evaluation.id}/self-assessment`, {
      expectedVersion: evaluation.version,
      input,
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const before = (saved.json.selfResult as { total: string }).total;
    await province.close();
    await chairman.close();

    // 2. Edit: 2.4 maximum 6 → 5 (tiers scaled), 2.5 maximum 2 → 3 with new tiers. Total stays 100.
    await page.getByRole('button', { name: 'Sửa bộ tiêu chí' }).click();
    await page.getByText(`Sửa bộ tiêu chí ${CODE}`).waitFor();
    await page.getByRole('button', { name: 'Chọn mục 2.4' }).click();
    await retype(page, 'Điểm tối đa', '5');
    await page.getByText('không bằng điểm tối đa của mục (30)').first().waitFor();
    for (const [i, points] of ['0', '2', '3', '4', '5'].entries())
      await retype(page, `Bậc ${i + 1} điểm`, points);
    await page.getByRole('button', { name: 'Chọn mục 2.5' }).click();
    await retype(page, 'Điểm tối đa', '3');
    for (const [i, points] of ['0', '0,5', '1', '2', '3'].entries())
      await retype(page, `Bậc ${i + 1} điểm`, points);
    await page.getByText('Bản nháp hợp lệ theo bộ kiểm tra của phần mềm.').waitFor();
    await page.getByRole('button', { name: 'Chấm thử dữ liệu mẫu' }).click();
    await page.getByText(/^Tổng: /).waitFor();
    await page.screenshot({ path: artifactPath('80-sua-bo-tieu-chi.png') });

    // 3. Read the changes in words, publish version 2.
    await page.getByRole('button', { name: 'Xem thay đổi và ban hành' }).click();
    const review = page.getByRole('dialog', { name: `Ban hành ${CODE} phiên bản 2` });
    await review.getByText('2.4: điểm tối đa 5 điểm (trước: 6 điểm)', { exact: false }).waitFor();
    await review
      .getByText('2.5: bậc: 0–dưới 50 % → 0 điểm; 50–dưới 70 % → 0,5 điểm', { exact: false })
      .waitFor();
    await page.screenshot({ path: artifactPath('81-thay-doi-bo-tieu-chi.png') });
    await review.getByRole('button', { name: 'Ban hành' }).click();
    await page.getByRole('heading', { name: `${CODE} — phiên bản 2` }).waitFor();

    // 4. Apply to the open period: the report, then the confirmation.
    await page.getByRole('button', { name: 'Xem báo cáo chấm lại' }).click();
    const report = page.getByRole('dialog', { name: 'Báo cáo chấm lại theo phiên bản mới' });
    await report.getByText('1 đơn vị thay đổi kết quả.').waitFor();
    await report.getByText('Thay đổi', { exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('82-bao-cao-cham-lai.png') });
    await report.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
    await report.getByText('Đã áp dụng; mỗi hồ sơ chấm lại được ghi vào nhật ký.').waitFor();
    await report.getByRole('button', { name: 'Đóng' }).first().click();

    // 5. The re-scored dossier and the audit rows.
    await page.goto(`${server.url}/danh-gia/${evaluation.id}`);
    const after = (Number(before) + 0.2)
      .toFixed(2)
      .replace(/\.?0+$/, '')
      .replace('.', ',');
    await page.getByText(after, { exact: false }).first().waitFor();
    await page.goto(`${server.url}/nhat-ky`);
    await page.getByText('Chấm lại theo phiên bản bộ tiêu chí mới').first().waitFor();
    await page.getByText('Áp dụng phiên bản bộ tiêu chí mới cho kỳ đánh giá').first().waitFor();
    await page.getByText('Ban hành phiên bản mới của bộ tiêu chí').first().waitFor();
    await page.screenshot({ path: artifactPath('83-nhat-ky-cham-lai.png') });
  }, 60_000);
});
