/**
 * Issue #16 item 4: a value scored with a provisional maximum, rule or condition (provenance not L) is
 * marked "(tạm tính)" in every document that prints it, and a confirmed one is not. The framework
 * here is TCPL-2021 with every value confirmed except indicator 2.5's rule (S: from a secondary source).
 */
import { describe, expect, it } from 'vitest';
import type { Framework, FrameworkNode } from '@shared/frameworks/model.ts';
import { getBuiltinFramework } from '@shared/frameworks/registry.ts';
import { sampleEvaluationInput, seededRandom } from '@shared/scoring/sample.ts';
import { scoreEvaluation } from '@shared/scoring/index.ts';
import { docxParagraphs } from '@server/platform/documents/docx-text.ts';
import { renderDocument } from './documents.registry.ts';
import { xlsxRows } from './test-helpers.ts';
import { mau01View, mau02View, mau07View, type EvaluationFacts } from './from-data/evaluation-views.ts';
import { mau10View, type PeriodFacts } from './from-data/period-views.ts';
import { PROVISIONAL_NOTE } from './provisional.ts';

function confirmed(provisionalRuleOf: string | null): Framework {
  const fw = structuredClone(getBuiltinFramework('TCPL-2021'));
  const walk = (nodes: FrameworkNode[]) =>
    nodes.forEach((n) => {
      n.provenance = 'L';
      if (n.rule) n.rule.provenance = n.code === provisionalRuleOf ? 'S' : 'L';
      walk(n.children ?? []);
    });
  walk(fw.nodes);
  fw.conditions.forEach((c) => (c.provenance = 'L'));
  return fw;
}

function facts(fw: Framework): EvaluationFacts {
  const result = scoreEvaluation(fw, sampleEvaluationInput(fw, seededRandom(7), 1));
  return {
    unit: { name: 'Xã Đại Phúc', kind: 'xa' },
    parent: null,
    organiser: { name: 'Tỉnh Thái Nguyên', kind: 'tinh' },
    year: 2026,
    displayRounding: fw.rounding.display,
    submitted: result,
    narrative: { advantages: 'Thuận lợi', difficulties: 'Hạn chế', goals: 'Mục tiêu' },
    submittedOn: '2026-11-20',
    submittedBy: 'Nguyễn Văn A',
    appraised: result,
    appraisedOn: '2026-11-30',
    councilName: null,
    councilChair: null,
    owners: {},
  };
}

/** Whether the DOCX cell `label` is followed by the mark (a cell's lines are separate paragraphs). */
const markedCell = (text: string[], label: string) => {
  const at = text.indexOf(label);
  if (at < 0) throw new Error(`${label} không có trong văn bản`);
  return text[at + 1] === '(tạm tính)';
};

const docx = async (form: string, view: unknown) =>
  docxParagraphs((await renderDocument(form, view, 'docx')).buffer);

describe('provisional values in the documents', () => {
  const f = facts(confirmed('2.5'));

  it('Mẫu 02 and 07 mark the 2.5 row, its criterion and the total, not the confirmed rows; a note explains', async () => {
    for (const [form, view] of [
      ['mau-02', mau02View(f)],
      ['mau-07', mau07View(f)],
    ] as const) {
      const text = await docx(form, view);
      expect(markedCell(text, '2.5'), form).toBe(true);
      expect(markedCell(text, '2.4'), form).toBe(false);
      expect(markedCell(text, 'Tiêu chí 2'), form).toBe(true);
      expect(markedCell(text, 'Tiêu chí 1'), form).toBe(false);
      expect(text, form).toContain('Tổng điểm (tạm tính)');
      expect(text, form).toContain(PROVISIONAL_NOTE);
      const rows = (await xlsxRows((await renderDocument(form, view, 'xlsx')).buffer)).flat();
      expect(rows, form).toContain('2.5 (tạm tính)');
      expect(rows, form).toContain('2.4');
      expect(rows, form).toContain(PROVISIONAL_NOTE);
    }
  });

  it('Mẫu 01 marks criterion 2 and the total, not criterion 1', async () => {
    const text = await docx('mau-01', mau01View(f));
    const lines = text.filter((t) => t.startsWith('- Số điểm đạt được của tiêu chí'));
    expect(lines[0]).not.toContain('tạm tính');
    expect(lines[1]).toMatch(/điểm \(tạm tính\)\.$/);
    expect(text.find((t) => t.startsWith('b) Tổng điểm'))).toContain('(tạm tính)');
    expect(text).toContain(PROVISIONAL_NOTE);
  });

  it('a framework with every value confirmed prints no mark at all', async () => {
    const all = facts(confirmed(null));
    for (const [form, view] of [
      ['mau-01', mau01View(all)],
      ['mau-02', mau02View(all)],
      ['mau-07', mau07View(all)],
    ] as const) {
      expect((await docx(form, view)).join('\n'), form).not.toContain('tạm tính');
    }
  });

  it('Mẫu 10 marks its points column when the results are provisional', async () => {
    const period = (result: Framework): PeriodFacts => {
      const r = facts(result).appraised;
      return {
        year: 2026,
        frameworkCode: 'TCPL-2021',
        organiser: { name: 'Tỉnh Thái Nguyên', kind: 'tinh' },
        organiserParent: null,
        legalBasis: [],
        evaluations: [
          {
            id: 'e1',
            unit: { name: 'Xã Đại Phúc', kind: 'xa' },
            state: 'decided_achieved',
            selfTotal: r!.total,
            appraised: r,
          },
        ],
      };
    };
    const decision = {
      number: '12/QĐ-UBND',
      signedOn: '2026-12-20',
      signerName: 'A',
      signerTitle: 'Chủ tịch',
    };
    const units = (p: PeriodFacts) =>
      p.evaluations.map((e) => ({
        unit: e.unit,
        total: e.appraised?.total ?? null,
        decided: true,
        achieved: true,
      }));
    const m10 = (p: PeriodFacts) => mau10View(p, units(p), decision, '2026-12-25');
    const marked = await docx('mau-10', m10(period(confirmed('2.5'))));
    expect(marked).toContain('Điểm số (tạm tính)');
    expect(marked).toContain(PROVISIONAL_NOTE);
    const plain = await docx('mau-10', m10(period(confirmed(null))));
    expect(plain.join('\n')).not.toContain('tạm tính');
  });
});
