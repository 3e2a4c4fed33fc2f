/**
 * Analytics journey (issue #15): the Department opens the province dashboard, filters by year, clicks
 * an indicator's "points lost" bar, goes from the communes to one commune's evaluation, and downloads
 * the XLSX. The results of two years are written straight into the stopped server's data folder
 * (scored by the real engine), then the server restarts on it.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import { openDatabase } from '@server/db/client.ts';
import { pickOption, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

const YEARS = [2024, 2025];

/** Two decided TCPL periods of the demo province over its first eight communes. */
async function seedResults(dataDir: string) {
  const handle = await openDatabase({ engine: 'pglite', dataDir });
  const db = handle.db;
  try {
    const province = await db
      .selectFrom('units')
      .select(['id', 'code'])
      .where('level', '=', 'province')
      .executeTakeFirstOrThrow();
    const communes = await db
      .selectFrom('units')
      .select(['id'])
      .where('parent_id', '=', province.id)
      .where('valid_to', 'is', null)
      .orderBy('code')
      .limit(8)
      .execute();
    const version = await db
      .selectFrom('framework_versions')
      .select('id')
      .where('code', '=', 'TCPL-2021')
      .orderBy('version', 'desc')
      .executeTakeFirstOrThrow();
    const framework = getBuiltinFramework('TCPL-2021');
    let seed = 1;
    for (const year of YEARS) {
      const period = await db
        .insertInto('evaluation_periods')
        .values({
          unit_id: province.id,
          year,
          name: `Đánh giá chuẩn tiếp cận pháp luật năm ${year}`,
          evaluating_level: 'province',
          framework_version_id: version.id,
          self_assessment_due: `${year}-10-15`,
          submission_due: `${year}-11-01`,
          appraisal_due: `${year}-11-30`,
          decision_due: `${year}-12-20`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('recognition_decisions')
        .values({
          period_id: period.id,
          unit_id: province.id,
          number: `${10 + year - 2024}/QĐ-UBND`,
          signed_on: `${year}-12-15`,
          signer_name: 'Nguyễn Văn Chủ',
          signer_title: 'Chủ tịch',
        })
        .execute();
      for (const commune of communes) {
        const quality = 0.55 + (seed % 5) * 0.1;
        const input = sampleEvaluationInput(framework, seededRandom(seed++), quality);
        const result = scoreEvaluation(framework, input);
        await db
          .insertInto('evaluations')
          .values({
            period_id: period.id,
            unit_id: commune.id,
            state: result.recognised ? 'decided_achieved' : 'decided_not_achieved',
            self_input: JSON.stringify(input),
            self_result: JSON.stringify(result),
            submitted_snapshot: JSON.stringify({ input, result }),
            submitted_at: new Date(`${year}-10-10`),
            appraisal_round: 1,
            appraised_result: JSON.stringify(result),
            appraised_at: new Date(`${year}-11-20`),
          })
          .execute();
      }
    }
    return province.code;
  } finally {
    await handle.close();
  }
}

describe.skipIf(skipWithoutChromium)('analytics journey in Chromium', () => {
  let server: StartedServer;
  let browser: Browser;
  let provinceCode: string;

  beforeAll(async () => {
    const first = await startServer();
    await first.stop();
    provinceCode = await seedResults(first.dataDir);
    server = await startServer({}, { dataDir: first.dataDir });
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('province dashboard → year → points-lost bar → communes → one evaluation; XLSX', async () => {
    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng');
    await page.getByRole('menuitem', { name: 'Thống kê, phân tích' }).click();
    await page.getByText('Tỷ lệ đạt chuẩn —').first().waitFor();
    // Newest year first; filter to 2024.
    await page.getByText('Năm 2025').first().waitFor();
    await pickOption(page, page.getByRole('combobox', { name: 'Năm' }), 'Năm 2024');
    await page.getByText(', năm 2024').waitFor();
    const chart = page.getByTestId('chart-Điểm bị trừ theo chỉ tiêu');
    await chart.locator('canvas').waitFor();
    await page.screenshot({ path: artifactPath('analytics-01-dashboard.png') });

    // The first bar (most points lost) starts at the grid's left edge (170 px) in the top band.
    const firstCode = (
      await page
        .locator('.ant-card')
        .filter({ hasText: 'Chỉ tiêu bị trừ điểm nhiều nhất' })
        .locator('tbody tr td')
        .first()
        .innerText()
    ).trim();
    const box = (await chart.boundingBox())!;
    const bars = await page
      .locator('.ant-card')
      .filter({ hasText: 'Chỉ tiêu bị trừ điểm nhiều nhất' })
      .locator('tbody tr')
      .count();
    const band = (box.height - 60) / bars;
    await chart.click({ position: { x: 176, y: 20 + band / 2 } });
    const drill = page
      .locator('.ant-card')
      .filter({ hasText: `Đơn vị bị trừ điểm ở chỉ tiêu ${firstCode}.` });
    await drill.waitFor();
    await drill.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('analytics-02-communes.png') });
    const commune = drill.locator('tbody tr a').first();
    const communeName = await commune.innerText();
    await commune.click();
    await page.waitForURL(/\/danh-gia\/[0-9a-f-]+$/);
    await drill.waitFor({ state: 'detached' });
    await page.getByText(communeName).first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: artifactPath('analytics-03-evaluation.png') });

    await page.goBack();
    await page.getByText(', năm 2024').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^Thống kê - .* 2024\.xlsx$/);
    const file = artifactPath('analytics-04-thong-ke.xlsx');
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(file)) as unknown as ArrayBuffer);
    const weak = workbook.getWorksheet('Điểm yếu')!;
    const codes = weak.getColumn(1).values.filter((v) => typeof v === 'string');
    expect(codes).toContain(firstCode);

    // The province's public page: the latest decided year (2025), its list and rate, no sign-in.
    const visitor = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await visitor.goto(`${server.url}/cong-bo/tinh/${provinceCode}`);
    await visitor.getByText('đạt chuẩn tiếp cận pháp luật năm 2025').waitFor();
    expect(await visitor.getByTestId('province-rate').innerText()).toMatch(
      /^\d+\/8 đơn vị đạt chuẩn, tỷ lệ /,
    );
    await visitor.screenshot({ path: artifactPath('analytics-05-cong-bo-tinh.png'), fullPage: true });
    await visitor.close();
  }, 60_000);
});
