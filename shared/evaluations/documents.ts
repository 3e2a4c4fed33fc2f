/**
 * The official forms (Mẫu 01–10, the CCHC report): which framework each belongs to, at which step
 * of an evaluation it can be made, how it is named and in which formats. The one table the server
 * (download routes, bulk export) and the web (menus, bulk choices) read.
 */
import type { Framework } from '../frameworks/model.ts';
import { hasStep } from './state-machine.ts';

export const EVALUATION_FORMS = ['mau-01', 'mau-02', 'mau-03', 'mau-07', 'cchc-deductions'] as const;
export const PERIOD_FORMS = ['mau-05', 'mau-06', 'mau-08', 'mau-09', 'mau-10'] as const;
export type EvaluationForm = (typeof EVALUATION_FORMS)[number];
export type PeriodForm = (typeof PERIOD_FORMS)[number];
export type StoredForm = EvaluationForm | PeriodForm;
export const STORED_FORMS = [...EVALUATION_FORMS, ...PERIOD_FORMS] as const;

export type DocumentFormat = 'docx' | 'xlsx' | 'pdf';

/** What a form reads of its framework. */
export type FormFramework = Pick<Framework, 'family' | 'model'> & {
  workflow: Pick<Framework['workflow'], 'publicPosting' | 'council'>;
};

/** The step an evaluation must have reached for its form: submitted (the snapshot), posted, appraised. */
export type EvaluationFormStep = 'submitted' | 'posted' | 'appraised';

type FormRule = {
  /** "Mẫu 01"; the CCHC report by its short name. */
  short: string;
  /** The title offered in menus: "Mẫu 01 — Báo cáo kết quả tự đánh giá". */
  title: string;
  /** The start of its file name: "Báo cáo Mẫu 01 - Phường Đức Xuân 2026.docx". */
  fileLabel: string;
  formats: readonly DocumentFormat[];
  /** Whether the form belongs to the framework's cycle at all (CCHC has no Mẫu 01; Mẫu 05 needs a council). */
  applies(framework: FormFramework): boolean;
};

const tcplPoints = (f: FormFramework) => f.family === 'tcpl' && f.model === 'points';

export const FORMS: Record<StoredForm, FormRule> = {
  'mau-01': {
    short: 'Mẫu 01',
    title: 'Mẫu 01 — Báo cáo kết quả tự đánh giá',
    fileLabel: 'Báo cáo Mẫu 01',
    formats: ['docx', 'pdf'],
    applies: tcplPoints,
  },
  'mau-02': {
    short: 'Mẫu 02',
    title: 'Mẫu 02 — Bảng tổng hợp điểm tự chấm',
    fileLabel: 'Bảng điểm Mẫu 02',
    formats: ['docx', 'xlsx', 'pdf'],
    applies: tcplPoints,
  },
  'mau-03': {
    short: 'Mẫu 03',
    title: 'Mẫu 03 — Tổng hợp ý kiến của Nhân dân',
    fileLabel: 'Tổng hợp ý kiến Mẫu 03',
    formats: ['docx', 'pdf'],
    applies: (f) => hasStep(f.workflow, 'posting'),
  },
  'mau-07': {
    short: 'Mẫu 07',
    title: 'Mẫu 07 — Bảng điểm thẩm định',
    fileLabel: 'Bảng điểm thẩm định Mẫu 07',
    formats: ['docx', 'xlsx', 'pdf'],
    applies: tcplPoints,
  },
  'cchc-deductions': {
    short: 'Báo cáo CCHC',
    title: 'Báo cáo khắc phục tiêu chí CCHC bị trừ điểm',
    fileLabel: 'Báo cáo khắc phục CCHC',
    formats: ['docx', 'xlsx', 'pdf'],
    applies: (f) => f.family === 'cchc' && f.model === 'points',
  },
  'mau-05': {
    short: 'Mẫu 05',
    title: 'Biên bản họp Hội đồng (Mẫu 05)',
    fileLabel: 'Biên bản Mẫu 05',
    formats: ['docx', 'pdf'],
    applies: (f) => tcplPoints(f) && hasStep(f.workflow, 'council'),
  },
  'mau-06': {
    short: 'Mẫu 06',
    title: 'Ý kiến thành viên Hội đồng bằng văn bản và tổng hợp (Mẫu 06)',
    fileLabel: 'Ý kiến thẩm định Mẫu 06',
    formats: ['docx', 'xlsx', 'pdf'],
    applies: (f) => tcplPoints(f) && hasStep(f.workflow, 'council'),
  },
  'mau-09': {
    short: 'Mẫu 09',
    title: 'Tổng hợp số liệu trên địa bàn (Mẫu 09)',
    fileLabel: 'Tổng hợp số liệu Mẫu 09',
    formats: ['docx', 'xlsx', 'pdf'],
    // The area summary exists for every TCPL framework (points or pass).
    applies: (f) => f.family === 'tcpl',
  },
  'mau-08': {
    short: 'Mẫu 08',
    title: 'Quyết định công nhận (Mẫu 08)',
    fileLabel: 'Quyết định Mẫu 08',
    formats: ['docx', 'pdf'],
    applies: tcplPoints,
  },
  'mau-10': {
    short: 'Mẫu 10',
    title: 'Báo cáo kết quả lên cấp trên (Mẫu 10)',
    fileLabel: 'Báo cáo Mẫu 10',
    formats: ['docx', 'pdf'],
    applies: tcplPoints,
  },
};

/** The step each evaluation form waits for. */
export const EVALUATION_FORM_STEP: Record<EvaluationForm, EvaluationFormStep> = {
  'mau-01': 'submitted',
  'mau-02': 'submitted',
  'mau-03': 'posted',
  'mau-07': 'appraised',
  'cchc-deductions': 'appraised',
};

/** Whether a form belongs to a framework's cycle at all. */
export function formApplies(form: StoredForm, framework: FormFramework): boolean {
  return FORMS[form].applies(framework);
}

export function isEvaluationForm(form: StoredForm): form is EvaluationForm {
  return (EVALUATION_FORMS as readonly string[]).includes(form);
}

/** The evaluation forms that can be made now: they belong to the framework and their step is reached. */
export function evaluationFormsAt(
  framework: FormFramework,
  reached: Record<EvaluationFormStep, boolean>,
): EvaluationForm[] {
  return EVALUATION_FORMS.filter((f) => formApplies(f, framework) && reached[EVALUATION_FORM_STEP[f]]);
}
