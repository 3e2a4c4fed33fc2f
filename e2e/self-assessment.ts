import type { Locator, Page } from 'playwright-core';
import type { Framework, FrameworkNode, InputDef } from '@shared/frameworks/model.ts';
import type { EvaluationInput } from '@shared/scoring/types.ts';
import { formatDate } from '@shared/format/vi.ts';
import { NARRATIVE_SECTIONS, type NarrativeSection } from '@shared/evaluations/narrative.ts';

/** A figure as an officer types it: decimal comma, no grouping. */
const typed = (v: unknown) => String(v).replace('.', ',');

type DocumentRow = { title?: string; dueOn?: string; issuedOn?: string | null; onTime?: boolean };

/** Enters one input's value in its control on the evaluation page, the way an officer does. */
async function enterValue(field: Locator, def: InputDef, value: unknown) {
  switch (def.type) {
    case 'number':
    case 'count':
    case 'money':
      return field.locator('input').fill(typed(value));
    case 'ratio': {
      const { numerator, denominator } = value as { numerator: unknown; denominator: unknown };
      await field.locator('input').nth(0).fill(typed(numerator));
      return field.locator('input').nth(1).fill(typed(denominator));
    }
    case 'boolean':
      return field.getByText(value ? 'Có' : 'Không', { exact: true }).click();
    case 'choice':
      for (const chosen of Array.isArray(value) ? value : [value]) {
        const label = def.options!.find((o) => o.value === chosen)!.label;
        await field.getByText(label, { exact: true }).click();
      }
      return;
    case 'date':
      return field.locator('input').fill(formatDate(value as string));
    case 'documents': {
      const rows = value as DocumentRow[];
      if (rows.length === 0) return field.getByRole('button', { name: 'Không có văn bản nào' }).click();
      for (const [i, row] of rows.entries()) {
        await field.getByRole('button', { name: 'Thêm văn bản' }).click();
        const n = i + 1;
        await field.getByLabel(`Tên văn bản thứ ${n}`).fill(row.title || `Văn bản ${n}`);
        await field.getByLabel(`Hạn của văn bản thứ ${n}`).fill(formatDate(row.dueOn!));
        if (row.issuedOn)
          await field
            .getByLabel(new RegExp(`của văn bản thứ ${n} \\(để trống`))
            .fill(formatDate(row.issuedOn));
      }
      return;
    }
  }
}

/**
 * A sample input made enterable on the screen for a period of `year`: dates moved into that year, and
 * document rows that only carry an on-time result (as imports do) given a title and dates.
 */
export function asTypedInput(input: EvaluationInput, year: number): EvaluationInput {
  const inYear = (d: string) => `${year}${d.slice(4)}`;
  const values = Object.fromEntries(
    Object.entries(input.values ?? {}).map(([id, v]) => {
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return [id, inYear(v)];
      if (!Array.isArray(v) || !v.every((r) => typeof r === 'object')) return [id, v];
      const rows = (v as DocumentRow[]).map((r, i) =>
        r.dueOn
          ? { ...r, dueOn: inYear(r.dueOn), issuedOn: r.issuedOn ? inYear(r.issuedOn) : null }
          : {
              title: `Báo cáo định kỳ số ${i + 1}`,
              dueOn: `${year}-01-15`,
              issuedOn: `${year}-01-1${r.onTime ? 0 : 9}`,
            },
      );
      return [id, rows];
    }),
  );
  return { ...input, values };
}

/**
 * Opens a node's panel. A click can land on another header when the page shifts under the pointer
 * (the save indicator above the tree changes as saves finish), so the panel's state is checked.
 */
async function ensureOpen(page: Page, code: string) {
  const header = page.locator('.ant-collapse-header', { has: page.getByTestId(`node-${code}`) });
  for (let attempt = 1; ; attempt++) {
    if ((await header.getAttribute('aria-expanded')) === 'true') return;
    await page.getByTestId(`node-${code}`).click();
    try {
      await page
        .locator('.ant-collapse-header[aria-expanded="true"]', { has: page.getByTestId(`node-${code}`) })
        .waitFor({ timeout: 3_000 });
      return;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
}

/**
 * Types a whole self-assessment on the evaluation page: opens each criterion and indicator panel in
 * turn and enters every input, then answers the disqualifying facts. Autosave sends it.
 */
export async function enterSelfAssessment(page: Page, framework: Framework, input: EvaluationInput) {
  await page.getByTestId('evaluation-tree').waitFor();
  for (const [key, value] of Object.entries(input.facts ?? {}))
    await page
      .getByTestId(`fact-${key}`)
      .getByText(value ? 'Có' : 'Không', { exact: true })
      .click();
  const visit = async (nodes: FrameworkNode[]) => {
    for (const node of nodes) {
      if (!node.inputs?.length && !node.children?.length) continue;
      await ensureOpen(page, node.code);
      for (const def of node.inputs ?? [])
        await enterValue(page.getByTestId(`input-${def.id}`), def, input.values?.[def.id]);
      await visit(node.children ?? []);
    }
  };
  await visit(framework.nodes);
  await saved(page);
}

/** Waits until everything typed is saved (the indicator says "Chưa lưu" while a save is due). */
export const saved = (page: Page) =>
  page
    .getByText(/Đã lưu lúc/)
    .filter({ visible: true })
    .waitFor();

/** Writes sections of the self-assessment report on the "Báo cáo" tab. */
export async function writeReport(page: Page, sections: Partial<Record<NarrativeSection, string>>) {
  await page.getByRole('tab', { name: 'Báo cáo' }).click();
  for (const [section, text] of Object.entries(sections))
    await page.getByLabel(NARRATIVE_SECTIONS[section as NarrativeSection], { exact: true }).fill(text);
  await saved(page);
  await page.getByRole('tab', { name: 'Tiêu chí' }).click();
}
