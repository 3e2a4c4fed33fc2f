/** The checks of a survey questionnaire as the editor shows them (QuestionEditor.tsx). */
import { definitionSchema, type SurveyDefinition } from '@shared/surveys/surveys.ts';

export { definitionProblems };

/** The problems of a questionnaire, by "section.question" path ("" for the whole). */
function definitionProblems(definition: SurveyDefinition): Map<string, string[]> {
  const problems = new Map<string, string[]>();
  const parsed = definitionSchema.safeParse(definition);
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const [, si, , qi] = issue.path;
    const key = typeof si === 'number' ? (typeof qi === 'number' ? `${si}.${qi}` : `${si}`) : '';
    const field = issue.path.slice(typeof qi === 'number' ? 4 : typeof si === 'number' ? 2 : 0).join('.');
    problems.set(key, [
      ...(problems.get(key) ?? []),
      field ? `${fieldName(field)}: ${issue.message}` : issue.message,
    ]);
  }
  return problems;
}

function fieldName(path: string): string {
  const [head, index, leaf] = path.split('.');
  const names: Record<string, string> = {
    id: 'Mã',
    text: 'Nội dung câu hỏi',
    title: 'Tên phần',
    options: 'Phương án',
    scale: 'Thang điểm',
    questions: 'Câu hỏi',
    sections: 'Phần',
  };
  const base = names[head ?? ''] ?? head ?? '';
  if (index === undefined) return base;
  const sub = leaf === 'id' ? 'mã' : leaf === 'label' ? 'nội dung' : leaf === 'max' ? 'số mức' : (leaf ?? '');
  return `${base} ${Number(index) + 1}${sub ? ` (${sub})` : ''}`;
}
