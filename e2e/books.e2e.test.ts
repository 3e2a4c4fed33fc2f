import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { formatDate } from '@shared/format/vi.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { readFile } from 'node:fs/promises';
import { openDemoPeriod, pickOption, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

/** Types a date into the form's date field and moves on with Tab (Enter would save the record). */
async function fillDate(form: Locator, label: string, iso: string) {
  const field = form.getByLabel(label, { exact: true });
  await field.fill(formatDate(iso));
  await field.press('Tab');
}

describe.skipIf(skipWithoutChromium)('books journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let evaluationId: string;
  const today = todayInVietnam();
  const year = today.slice(0, 4);
  const day = (md: string) => `${year}-${md}`;

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

  it('a clerk enters records in each of the six books, the self-assessment computes from them, one is overridden with a reason, the report downloads', async () => {
    const page = await signIn(browser, server.url, 'canbo', 'Vũ Thị Mai');
    await page.goto(`${server.url}/so-sach?kind=propagandist`);
    await page.getByRole('tab', { name: 'PBGDPL, dân chủ ở cơ sở' }).waitFor();
    const form = page.getByTestId('book-form-propagandist');
    // Two propagandists, one trained this year; Enter saves and the form starts the next record.
    for (const [name, trained] of [
      ['Nguyễn Văn An', true],
      ['Trần Thị Bình', false],
    ] as const) {
      await form.getByLabel('Họ và tên').fill(name);
      await fillDate(form, 'Ngày công nhận', '2020-01-06');
      if (trained) await fillDate(form, 'Ngày được bồi dưỡng, tập huấn gần nhất', day('01-02'));
      await form.getByLabel('Họ và tên').press('Enter');
      await page.getByRole('cell', { name, exact: true }).waitFor();
      expect(await form.getByLabel('Họ và tên').inputValue()).toBe('');
    }

    // A petition in the other book.
    await page.getByRole('tab', { name: 'Tiếp công dân, đơn thư' }).click();
    await page.getByText('Đơn khiếu nại, tố cáo, kiến nghị, phản ánh', { exact: true }).click();
    const petition = page.getByTestId('book-form-petition');
    await fillDate(petition, 'Ngày nhận đơn', day('01-02'));
    await petition.getByLabel('Người gửi').fill('Lê Văn Cường');
    await pickOption(page, petition.getByLabel('Loại đơn'), 'Kiến nghị');
    await petition.getByLabel('Thuộc thẩm quyền của xã').check();
    await fillDate(petition, 'Ngày giải quyết xong', day('01-02'));
    await petition.getByLabel('Giải quyết đúng quy định').check();
    await petition.getByLabel('Người gửi').press('Enter');
    await page.getByRole('cell', { name: 'Lê Văn Cường', exact: true }).waitFor();
    await page.screenshot({ path: artifactPath('books-01-so-don.png'), fullPage: true });

    // One record in each of the other books.
    const book = async (tab: string, kindLabel: string | null, kindId: string) => {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      if (kindLabel) await page.getByRole('radiogroup').getByText(kindLabel, { exact: true }).click();
      return page.getByTestId(`book-form-${kindId}`);
    };
    const saved = async (form: Locator, field: string, value: string) => {
      await form.getByLabel(field, { exact: true }).press('Enter');
      await page.getByRole('cell', { name: value, exact: true }).waitFor();
    };
    const doc = await book('Văn bản', null, 'document');
    await pickOption(page, doc.getByLabel('Loại văn bản'), 'Văn bản quy phạm pháp luật');
    await doc.getByLabel('Trích yếu').fill('Nghị quyết về phí chợ');
    await fillDate(doc, 'Hạn ban hành, hạn gửi', day('03-01'));
    await fillDate(doc, 'Ngày ban hành, ngày gửi', day('02-20'));
    await saved(doc, 'Trích yếu', 'Nghị quyết về phí chợ');

    const info = await book('Công khai thông tin', 'Thông tin phải công khai', 'publication');
    await info.getByLabel('Thông tin phải công khai', { exact: true }).fill('Dự toán ngân sách xã');
    await fillDate(info, 'Hạn công khai', day('01-31'));
    await fillDate(info, 'Ngày công khai', day('01-20'));
    await info.getByLabel('Nơi, hình thức công khai').fill('Trang thông tin điện tử của xã');
    await saved(info, 'Nơi, hình thức công khai', 'Dự toán ngân sách xã');

    const mediation = await book('Hòa giải ở cơ sở', 'Vụ việc hòa giải', 'mediation_case');
    await fillDate(mediation, 'Ngày tiếp nhận', day('01-05'));
    await mediation.getByLabel('Tổ hòa giải').fill('Tổ hòa giải thôn Đông');
    await mediation.getByLabel('Nội dung vụ việc').fill('Tranh chấp lối đi chung');
    await pickOption(page, mediation.getByLabel('Kết quả'), 'Hòa giải thành');
    await fillDate(mediation, 'Ngày kết thúc', day('01-12'));
    await mediation.getByLabel('Hòa giải kịp thời').check();
    await saved(mediation, 'Nội dung vụ việc', 'Tranh chấp lối đi chung');

    const discipline = await book('Kỷ luật cán bộ', null, 'discipline');
    await discipline.getByLabel('Họ và tên').fill('Đỗ Văn Hùng');
    await discipline.getByLabel('Chức vụ').fill('Công chức địa chính');
    await pickOption(page, discipline.getByLabel('Hình thức'), 'Kỷ luật hành chính');
    await fillDate(discipline, 'Ngày quyết định', day('01-15'));
    await saved(discipline, 'Chức vụ', 'Đỗ Văn Hùng');

    // The self-assessment: recompute, each bound input reads its book with a link to the records.
    await page.goto(`${server.url}/danh-gia/${evaluationId}`);
    // The disqualifying fact: the discipline book answers (an official, not a head), the officer confirms.
    await page
      .getByTestId('fact-book-headDisciplined')
      .getByText(`Năm ${year} không có trường hợp nào.`)
      .waitFor();
    await page.getByRole('button', { name: 'Tính lại từ sổ' }).click();
    await page.getByRole('button', { name: 'Tính lại', exact: true }).click();
    await page.getByTestId('node-2').click();
    await page.getByTestId('node-2.5').click();
    const link = page.getByTestId('rows-link-books.propagandistsTrained');
    await link.waitFor();
    expect(await link.innerText()).toBe('tính từ 2 tuyên truyền viên');
    await page.getByTestId('bound-2.5.tapHuan').getByText('1/2 tuyên truyền viên').waitFor();
    await page.getByTestId('node-5').click();
    await page.getByTestId('node-5.1').click();
    expect(await page.getByTestId('rows-link-books.petitionsLawful').innerText()).toBe('tính từ 1 đơn');
    await page.getByTestId('bound-5.1.dungQuyDinh').getByText('1/1 đơn').waitFor();
    const fromBook = async (path: string[], measure: string, text: string) => {
      for (const code of path) await page.getByTestId(`node-${code}`).click();
      expect(await page.getByTestId(`rows-link-${measure}`).innerText()).toBe(text);
    };
    await fromBook(['5.3'], 'books.officialsDisciplined', 'tính từ 1 trường hợp');
    await fromBook(['1', '1.1', '1.1.1'], 'books.vbqpplIssued', 'tính từ 1 văn bản');
    await fromBook(['2.1'], 'books.publishedOnTime', 'tính từ 1 thông tin');
    await fromBook(['3', '3.1', '3.1.1'], 'books.mediationTimely', 'tính từ 1 vụ việc');

    // Override 2.5 with a reason.
    const bound = page.getByTestId('input-2.5.tapHuan');
    await bound.getByLabel('Số tuyên truyền viên được bồi dưỡng, tập huấn').fill('2');
    await page
      .getByLabel(/Lý do điều chỉnh \(bắt buộc\)/)
      .fill('Chị Bình dự tập huấn của tỉnh, sổ chưa ghi.');
    await page
      .getByTestId('override-2.5.tapHuan')
      .or(page.getByText(/Lý do đã lưu bởi/))
      .first()
      .waitFor();
    await page.screenshot({ path: artifactPath('books-02-chi-tieu-2-5.png'), fullPage: true });

    // The rows behind the figure.
    await link.click();
    await page.getByTestId('books-measure').waitFor();
    expect(await page.getByRole('cell', { name: 'Trần Thị Bình', exact: true }).isVisible()).toBe(true);

    // The six-month report from the reception book.
    await page.goto(`${server.url}/so-sach?kind=petition&from=${year}-01-01&to=${year}-06-30`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('books-report-download').click(),
    ]);
    const file = artifactPath('books-03-bao-cao.docx');
    await download.saveAs(file);
    const lines = await docxParagraphs(await readFile(file));
    expect(lines).toContain(
      `Kết quả cải cách hành chính, tiếp công dân và giải quyết đơn thư 6 tháng đầu năm ${year}`,
    );
    expect(lines.some((l) => l.startsWith('Tổng số đơn tiếp nhận, xử lý: 1 đơn thư'))).toBe(true);
    await page.close();
  }, 150_000);
});
