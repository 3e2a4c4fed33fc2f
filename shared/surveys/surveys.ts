/**
 * Opinion polls and satisfaction surveys (issue #17, ADR 0017): kinds, audiences, statuses, the
 * question model (sections of single / multiple choice, scale and short-text questions), the request
 * schemas shared by the web forms and the server, and the pure check of one set of answers.
 */
import { z } from 'zod';
import { isoDateSchema } from '../dates.ts';

export const SURVEY_KINDS = ['mau04', 'mau06', 'satisfaction'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];
export const SURVEY_KIND_LABELS: Record<SurveyKind, string> = {
  mau04: 'Phiếu lấy ý kiến về hình thức, mô hình PBGDPL (Mẫu 04)',
  mau06: 'Phiếu lấy ý kiến thành viên Hội đồng (Mẫu 06)',
  satisfaction: 'Khảo sát sự hài lòng của người dân',
};

/** Who answers: residents through the public link, named officials or council members signed in. */
export const SURVEY_AUDIENCES = ['public', 'officials', 'council'] as const;
export type SurveyAudience = (typeof SURVEY_AUDIENCES)[number];
export const SURVEY_AUDIENCE_LABELS: Record<SurveyAudience, string> = {
  public: 'Người dân (đường dẫn công khai, không cần đăng nhập)',
  officials: 'Cán bộ, công chức được mời (đăng nhập)',
  council: 'Thành viên Hội đồng (đăng nhập)',
};

export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Record<SurveyStatus, string> = {
  draft: 'Dự thảo',
  open: 'Đang lấy ý kiến',
  closed: 'Đã kết thúc',
};

/** How an answer reached the survey: typed on the public page, from a paper slip, or signed in. */
export const ANSWER_SOURCES = ['online', 'paper', 'signed_in'] as const;
export type AnswerSource = (typeof ANSWER_SOURCES)[number];
export const ANSWER_SOURCE_LABELS: Record<AnswerSource, string> = {
  online: 'Trực tuyến',
  paper: 'Phiếu giấy (cán bộ nhập)',
  signed_in: 'Đăng nhập',
};

export const QUESTION_TYPES = ['single', 'multiple', 'scale', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const key = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'Mã chỉ gồm chữ không dấu, số và dấu gạch dưới (tối đa 40)');
const label = (max: number) =>
  z.string().trim().min(1, 'Không được để trống').max(max, `Tối đa ${max} ký tự`);

export const questionSchema = z.strictObject({
  id: key,
  type: z.enum(QUESTION_TYPES),
  text: label(500),
  required: z.boolean().default(false),
  /** Single and multiple choice. */
  options: z
    .array(z.strictObject({ id: key, label: label(200) }))
    .max(30)
    .optional(),
  /** Scale questions: 1..max (max 3–10) with the words at both ends. */
  scale: z
    .strictObject({ max: z.number().int().min(3).max(10), minLabel: label(60), maxLabel: label(60) })
    .optional(),
});
export type Question = z.output<typeof questionSchema>;

export const sectionSchema = z.strictObject({
  title: label(300),
  questions: z.array(questionSchema).min(1).max(60),
});
export type Section = z.output<typeof sectionSchema>;

/**
 * How the answers become the figure a framework reads: the share of answers whose `question` is a
 * hit — for a choice question one of `options`, for a scale question at least `atLeast`.
 */
export const figureSchema = z.strictObject({
  question: key,
  options: z.array(key).optional(),
  atLeast: z.number().int().optional(),
  label: z.string(),
});
export type SurveyFigure = z.output<typeof figureSchema>;

export const definitionSchema = z
  .strictObject({ sections: z.array(sectionSchema).min(1).max(20) })
  .superRefine((d, ctx) => {
    const ids = new Set<string>();
    d.sections.forEach((s, si) =>
      s.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (ids.has(q.id))
          ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: 'Mã câu hỏi bị trùng' });
        ids.add(q.id);
        if ((q.type === 'single' || q.type === 'multiple') && !(q.options?.length ?? 0))
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'options'],
            message: 'Câu hỏi lựa chọn cần phương án',
          });
        if (q.type === 'scale' && !q.scale)
          ctx.addIssue({ code: 'custom', path: [...path, 'scale'], message: 'Câu hỏi thang điểm cần thang' });
      }),
    );
  });
export type SurveyDefinition = z.output<typeof definitionSchema>;

export function questionsOf(definition: SurveyDefinition): Question[] {
  return definition.sections.flatMap((s) => s.questions);
}

/** One set of answers: a choice id, several choice ids, a scale number or a short text, by question id. */
export const answerValuesSchema = z.record(
  z.string().max(40),
  z.union([z.string().max(500, 'Tối đa 500 ký tự'), z.array(z.string().max(40)).max(30), z.number().int()]),
);
export type AnswerValues = z.output<typeof answerValuesSchema>;

/**
 * The problems of one set of answers against the survey's questions (Vietnamese, by question id);
 * empty when it may be stored. Unknown questions and empty texts are problems / dropped by `cleanAnswers`.
 */
export function answerProblems(
  definition: SurveyDefinition,
  values: AnswerValues,
): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const byId = new Map(questionsOf(definition).map((q) => [q.id, q]));
  for (const id of Object.keys(values))
    if (!byId.has(id)) problems.push({ field: `answers.${id}`, message: 'Không có câu hỏi này' });
  for (const q of byId.values()) {
    const v = values[q.id];
    const field = `answers.${q.id}`;
    const empty = v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
    if (empty) {
      if (q.required) problems.push({ field, message: `Câu "${q.text}" cần được trả lời` });
      continue;
    }
    const optionIds = new Set((q.options ?? []).map((o) => o.id));
    if (q.type === 'single' && (typeof v !== 'string' || !optionIds.has(v)))
      problems.push({ field, message: 'Phương án không hợp lệ' });
    if (
      q.type === 'multiple' &&
      (!Array.isArray(v) || v.some((x) => !optionIds.has(x)) || new Set(v).size !== v.length)
    )
      problems.push({ field, message: 'Phương án không hợp lệ' });
    if (q.type === 'scale' && (typeof v !== 'number' || v < 1 || v > (q.scale?.max ?? 5)))
      problems.push({ field, message: `Chọn một mức từ 1 đến ${q.scale?.max ?? 5}` });
    if (q.type === 'text' && typeof v !== 'string') problems.push({ field, message: 'Cần nhập chữ' });
  }
  return problems;
}

/** The answers as stored: empty ones dropped, texts trimmed. */
export function cleanAnswers(values: AnswerValues): AnswerValues {
  const out: AnswerValues = {};
  for (const [id, v] of Object.entries(values)) {
    const x = typeof v === 'string' ? v.trim() : v;
    if (x === '' || (Array.isArray(x) && x.length === 0)) continue;
    out[id] = x;
  }
  return out;
}

/** Whether an answer counts as a hit of the survey's figure. */
export function isFigureHit(figure: SurveyFigure, values: AnswerValues): boolean {
  const v = values[figure.question];
  if (typeof v === 'number') return figure.atLeast !== undefined && v >= figure.atLeast;
  if (typeof v === 'string') return (figure.options ?? []).includes(v);
  return false;
}

/** The short code of the public link (/khao-sat/<code>): 8 letters and digits, no look-alikes. */
export const SURVEY_CODE = /^[a-hjkmnp-z2-9]{8}$/;
/** A printed slip's one-time code: 10 such characters, shown in groups of 5. */
export const SLIP_CODE = /^[A-HJKMNP-Z2-9]{10}$/;

export function normaliseSlipCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const createSurveySchema = z
  .strictObject({
    unitId: z.uuid('Mã đơn vị không hợp lệ'),
    kind: z.enum(SURVEY_KINDS),
    audience: z.enum(SURVEY_AUDIENCES).optional(),
    title: label(300).optional(),
    intro: z.string().trim().max(2000).optional(),
    opensOn: isoDateSchema,
    closesOn: isoDateSchema,
    /** Answers only with a printed slip's code (otherwise: one answer per device, see deviceLimit). */
    requireSlip: z.boolean().default(false),
    /** Answers one device may send when no slip is used (a family sharing a phone: raise it). */
    deviceLimit: z.number().int().min(1).max(10).default(1),
    /** Signed-in audiences: the accounts invited. */
    inviteeIds: z.array(z.uuid()).max(200).default([]),
    /** A custom questionnaire instead of the kind's template. */
    definition: definitionSchema.optional(),
  })
  .refine((b) => b.closesOn >= b.opensOn, {
    path: ['closesOn'],
    message: 'Ngày kết thúc không được trước ngày bắt đầu',
  });
export type CreateSurveyBody = z.output<typeof createSurveySchema>;

export const surveysQuery = z.object({
  unitId: z.uuid().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.enum(SURVEY_KINDS).optional(),
});

export const slipsSchema = z.strictObject({ count: z.number().int().min(1).max(500) });

export const paperAnswerSchema = z.strictObject({ answers: answerValuesSchema });

export const publicAnswerSchema = z.strictObject({
  answers: answerValuesSchema,
  slipCode: z.string().max(20).optional(),
  /** Honeypot: a field people never see; a script that fills it is thanked and ignored. */
  website: z.string().max(200).optional(),
});

export const signedInAnswerSchema = z.strictObject({ answers: answerValuesSchema });

export const surveyDocumentQuery = z.object({ format: z.enum(['docx', 'xlsx', 'pdf']).default('docx') });
