/**
 * Issue #16 item 3 (ADR 0019): a corrected framework version would change a dossier the commune has
 * already submitted. The re-score report lists it as locked and refuses; the Department reopens it for
 * correction from the report with a reason, the report no longer refuses, the version is applied, and the
 * commune reads the reason on its dossier. The framework is copied, edited and published through the API
 * (the editor's own journey is framework-editor.e2e.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findNode } from '@shared/frameworks/tree.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { apiSession, openDemoPeriod, signIn } from './journey.ts';
import {
  artifactPath,
  launchBrowser,
  skipWithoutChromium,
  startServer,
  type StartedServer,
} from './support.ts';

const CODE = 'TCPL-2021-MOLAI';
const REASON = 'Áp dụng bộ tiêu chí đã sửa mức điểm chỉ tiêu 2.5; xã kiểm tra lại số liệu tập huấn.';

describe.skipIf(skipWithoutChromium)('reopening a submitted dossier from the re-score report', () => {
  let server: StartedServer;
  let browser: Browser;
  let published: string;
  let evaluationId: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const province = await apiSession(browser, server.url, 'sotuphap');
    const chairman = await apiSession(browser, server.url, 'chutich');
    const provinceId = (
      (await province.call('GET', '/api/units?level=province')).json.items as { id: string }[]
    )[0]!.id;
    const builtin = (
      (await province.call('GET', '/api/frameworks')).json.items as { id: string; code: string }[]
    ).find((f) => f.code === 'TCPL-2021')!;
    const copy = await province.call('POST', `/api/frameworks/${builtin.id}/copy`, {
      ownerUnitId: provinceId,
      code: CODE,
      name: 'Chuẩn tiếp cận pháp luật — bộ của tỉnh',
    });
    expect(copy.status, JSON.stringify(copy.json)).toBe(201);
    const content = copy.json.content as Framework;
    // The period on version 1; the commune self-assesses (2.5 at 85 %) and submits.
    evaluationId = await openDemoPeriod(browser, server.url, {
      code: CODE,
      periodName: 'Đánh giá theo bộ của tỉnh',
    });
    const e = (await chairman.call('GET', `/api/evaluations/${evaluationId}`)).json as { version: number };
    const input = sampleEvaluationInput(content, seededRandom(3), 1);
    input.values!['2.5.tapHuan'] = { numerator: 85, denominator: 100 };
    const saved = await chairman.call('PUT', `/api/evaluations/${evaluationId}/self-assessment`, {
      expectedVersion: e.version,
      input,
      narrative: { advantages: 'Thuận lợi.', difficulties: 'Khó khăn.', goals: 'Mục tiêu.' },
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const submitted = await chairman.call('POST', `/api/evaluations/${evaluationId}/submit`, {
      expectedVersion: saved.json.version,
    });
    expect(submitted.json.state).toBe('submitted');
    // Version 2: 2.5's 80–90 % step gives 1,5 instead of 1.
    const edited = structuredClone(content);
    const n25 = findNode(edited, '2.5')!;
    if (n25.rule?.type !== 'tiers') throw new Error('2.5 has tiers');
    n25.rule.tiers = n25.rule.tiers.map((t) => (t.min === '80' ? { ...t, points: '1.5' } : t));
    const draft = await province.call('PUT', `/api/frameworks/${copy.json.id as string}/draft`, {
      content: edited,
      expectedVersion: 0,
    });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    const done = await province.call('POST', `/api/frameworks/${copy.json.id as string}/draft/publish`, {
      expectedVersion: draft.json.version,
    });
    expect(done.status, JSON.stringify(done.json)).toBe(201);
    published = done.json.id as string;
    await province.close();
    await chairman.close();
  }, 200_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('the report refuses, offers the reopen, then applies; the commune reads the reason', async () => {
    const page = await signIn(browser, server.url, 'sotuphap', 'Trần Thị Hồng', 1366);
    await page.goto(`${server.url}/bo-tieu-chi/${published}`);
    await page.getByRole('button', { name: 'Xem báo cáo chấm lại' }).click();
    const report = page.getByRole('dialog', { name: 'Báo cáo chấm lại theo phiên bản mới' });
    await report.getByText('cần mở lại để sửa trước khi áp dụng', { exact: false }).waitFor();
    expect(await report.getByRole('button', { name: 'Xác nhận áp dụng' }).isDisabled()).toBe(true);
    await report.getByRole('button', { name: 'Mở lại để sửa' }).click();
    const reopen = page.getByRole('dialog', { name: /^Mở lại hồ sơ để sửa/ });
    await reopen.getByLabel('Lý do mở lại').fill(REASON);
    await page.screenshot({ path: artifactPath('84-mo-lai-de-sua.png') });
    await reopen.getByRole('button', { name: 'Mở lại để sửa' }).click();
    await report.getByText('Đang tự đánh giá').waitFor();
    await report.getByRole('button', { name: 'Xác nhận áp dụng' }).click();
    await report.getByText('Đã áp dụng; mỗi hồ sơ chấm lại được ghi vào nhật ký.').waitFor();
    await page.screenshot({ path: artifactPath('85-da-ap-dung-sau-mo-lai.png') });
    await page.close();

    const commune = await signIn(browser, server.url, 'chutich', 'Đỗ Văn Hùng', 1366);
    await commune.goto(`${server.url}/danh-gia/${evaluationId}`);
    await commune
      .getByTestId('correction-reason')
      .getByText(REASON.replace(/\.$/, ''), { exact: false })
      .waitFor();
    await commune.getByText('Đang tự đánh giá').first().waitFor();
    await commune.screenshot({ path: artifactPath('86-xa-doc-ly-do.png') });
  }, 40_000);
});
