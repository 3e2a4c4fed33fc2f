import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addDays } from '@shared/dates.ts';
import { DEMO_PASSWORD } from '@server/db/seeds/demo.seed.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';

export type Json = Record<string, unknown> & { [key: string]: unknown };

/** A signed-in API client inside a browser page (cookie session + CSRF header, as the app does),
 * for the steps a journey does not test through the screens. */
export async function apiSession(browser: Browser, url: string, username: string) {
  const context: BrowserContext = await browser.newContext();
  const page: Page = await context.newPage();
  await page.goto(`${url}/dang-nhap`);
  const status = await page.evaluate(
    async ({ username, password }) =>
      (
        await fetch('/api/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        })
      ).status,
    { username, password: DEMO_PASSWORD },
  );
  expect(status).toBe(200);
  const call = async (
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: Json }> =>
    page.evaluate(
      async ({ method, path, body }) => {
        const me = await (await fetch('/api/auth/me')).json();
        const response = await fetch(path, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, json: await response.json().catch(() => null) };
      },
      { method, path, body },
    );
  return { call, close: () => context.close() };
}

/**
 * Opens this year's period of the demo province for the demo commune through the API (the journeys that
 * use it test what comes after), by TCPL-2021 unless told another framework, and answers the commune's
 * evaluation id.
 */
export async function openDemoPeriod(
  browser: Browser,
  url: string,
  framework: { code: string; periodName: string } = {
    code: 'TCPL-2021',
    periodName: `Đánh giá chuẩn tiếp cận pháp luật năm ${todayInVietnam().slice(0, 4)}`,
  },
): Promise<string> {
  const officer = await apiSession(browser, url, 'canbo');
  const me = await officer.call('GET', '/api/auth/me');
  const communeId = (me.json.grants as { unitId: string }[])[0]!.unitId;
  await officer.close();
  const province = await apiSession(browser, url, 'sotuphap');
  const units = await province.call('GET', '/api/units?level=province');
  const today = todayInVietnam();
  const year = today.slice(0, 4);
  const period = await province.call('POST', '/api/periods', {
    unitId: (units.json.items as { id: string }[])[0]!.id,
    year: Number(year),
    name: framework.periodName,
    evaluatingLevel: 'province',
    frameworkCode: framework.code,
    selfAssessmentDue: addDays(today, 10),
    submissionDue: addDays(today, 20),
    appraisalDue: addDays(today, 30),
    decisionDue: addDays(today, 40),
    unitIds: [communeId],
  });
  expect(period.status, JSON.stringify(period.json)).toBe(200);
  const list = await province.call('GET', `/api/evaluations?periodId=${period.json.id as string}`);
  await province.close();
  return (list.json as unknown as { id: string }[])[0]!.id;
}

/** Signs a demo user in through the sign-in page and waits for the greeting. */
export async function signIn(
  browser: Browser,
  url: string,
  username: string,
  fullName: string,
  width = 1280,
  password = DEMO_PASSWORD,
) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.goto(`${url}/dang-nhap`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText(`Xin chào, ${fullName}`).waitFor();
  return page;
}

/**
 * Waits for the text an action leads to. When the page shows an error instead (a refused action, a
 * version conflict), fails at once with the error's own words rather than after a silent timeout.
 */
export async function waitForOutcome(page: Page, text: string, timeout = 60_000) {
  const expected = page.getByText(text).first();
  const refused = page.locator('.ant-alert-error, .ant-message-error').first();
  await expected.or(refused).waitFor({ timeout });
  if (!(await expected.isVisible()))
    throw new Error(`Chờ “${text}” nhưng trang báo lỗi: ${await refused.innerText()}`);
}

/** How many pixels the page scrolls sideways (0 or 1 on a well-behaved phone layout). */
export function overflowOf(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Picks an option in an antd Select opened by clicking `trigger`. */
export async function pickOption(page: Page, trigger: ReturnType<Page['getByLabel']>, title: string) {
  // On a loaded machine a click can land while the dropdown is still opening and select nothing
  // (a plan task was then saved unassigned), so check the select shows the choice, and retry.
  const select = trigger.locator(
    'xpath=ancestor::div[contains(concat(" ", @class, " "), " ant-select ")][1]',
  );
  for (let attempt = 1; ; attempt++) {
    await trigger.click();
    // A searchable select narrows its list first: a long list can keep flipping above and
    // below a field near the bottom of a dialog and never become clickable.
    if (await trigger.isEditable()) await trigger.fill(title);
    try {
      // A dropdown re-aligned by a list refreshing under it never reads as stable: the last try
      // clicks without waiting for that.
      await page
        .locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${title}"]`)
        .click({ timeout: 10_000, force: attempt === 3 });
      await select.filter({ hasText: title }).waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** The council of the demo journeys: four members, so a quorum is three (2/3). */
export const DEMO_COUNCIL = [
  ['Nguyễn Văn Chủ', 'Giám đốc Sở Tư pháp'],
  ['Lê Thị Phó', 'Phó Giám đốc Sở Tư pháp'],
  ['Trần Văn Viên', 'Trưởng phòng Phổ biến, giáo dục pháp luật'],
  ['Hoàng Thị Lan', 'Chuyên viên Sở Tư pháp'],
] as const;

/** Fills the "Thành lập Hội đồng" form on the period's council tab and submits it. */
export async function createCouncilInUi(page: Page) {
  await page.getByRole('button', { name: 'Thành lập Hội đồng' }).waitFor();
  for (const [i, [name, position]] of DEMO_COUNCIL.entries()) {
    await page.getByLabel(`Họ tên thành viên ${i + 1}`).fill(name);
    await page.getByLabel(`Chức vụ thành viên ${i + 1}`).fill(position);
  }
  await page.getByRole('button', { name: 'Thành lập Hội đồng' }).click();
}
