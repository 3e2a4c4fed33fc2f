import { describe, expect, it } from 'vitest';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import { definitionProblems } from './definition-problems.ts';

describe('the question editor’s checks', () => {
  it('accepts every template as it is', () => {
    for (const t of Object.values(SURVEY_TEMPLATES)) expect(definitionProblems(t.definition).size).toBe(0);
  });

  it('names the question and the field of each problem, in Vietnamese', () => {
    const d = structuredClone(SURVEY_TEMPLATES.satisfaction.definition);
    const [first, second] = d.sections[0]!.questions;
    second!.id = first!.id;
    d.sections[0]!.questions.push({ id: 'chon', type: 'single', text: 'Chọn', required: false, options: [] });
    d.sections[0]!.questions.push({ id: 'rong', type: 'text', text: '  ', required: false });
    const last = d.sections[0]!.questions.length - 1;
    const problems = definitionProblems(d);
    expect(problems.get('0.1')).toEqual(['Mã: Mã câu hỏi bị trùng']);
    expect(problems.get(`0.${last - 1}`)).toEqual(['Phương án: Câu hỏi lựa chọn cần phương án']);
    expect(problems.get(`0.${last}`)).toEqual(['Nội dung câu hỏi: Không được để trống']);
  });
});
