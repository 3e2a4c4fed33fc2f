import { isoDateSchema } from '../dates.ts';
import { z } from 'zod';
import { NARRATIVE_SECTIONS, type NarrativeSection } from './narrative.ts';

const isoDate = isoDateSchema;
const uuid = z.uuid('Mã không hợp lệ');
const version = z.number({ error: 'Thiếu số phiên bản hồ sơ (expectedVersion)' }).int().positive();

export const createPeriodSchema = z
  .object({
    unitId: uuid,
    year: z.number().int().min(2000).max(2100),
    name: z.string().trim().min(3, 'Tên kỳ đánh giá quá ngắn').max(200),
    evaluatingLevel: z.enum(['district', 'province'], { error: 'Cấp đánh giá phải là huyện hoặc tỉnh' }),
    frameworkCode: z.string().min(1, 'Chọn bộ tiêu chí'),
    registrationDue: isoDate.nullable().optional(),
    selfAssessmentDue: isoDate,
    postingDays: z.number().int().min(5, 'Thời gian niêm yết tối thiểu 5 ngày').max(60).default(5),
    submissionDue: isoDate,
    appraisalDue: isoDate,
    decisionDue: isoDate,
    unitIds: z.array(uuid).min(1, 'Chọn ít nhất một đơn vị tham gia').max(5000),
  })
  .refine((p) => p.selfAssessmentDue <= p.submissionDue, {
    path: ['submissionDue'],
    message: 'Hạn gửi hồ sơ phải sau hạn tự đánh giá',
  })
  .refine((p) => p.submissionDue <= p.appraisalDue, {
    path: ['appraisalDue'],
    message: 'Hạn thẩm định phải sau hạn gửi hồ sơ',
  })
  .refine((p) => p.appraisalDue <= p.decisionDue, {
    path: ['decisionDue'],
    message: 'Hạn quyết định phải sau hạn thẩm định',
  });
export type CreatePeriodInput = z.infer<typeof createPeriodSchema>;

export { NARRATIVE_SECTIONS, type NarrativeSection } from './narrative.ts';

export const saveSelfAssessmentSchema = z.object({
  expectedVersion: version,
  /** The engine's EvaluationInput (values, manual entries with reasons, facts); validated against the framework. */
  input: z.record(z.string(), z.unknown()).optional(),
  /**
   * "refuse" (default): any unreadable value refuses the whole save. "report": the values that cannot be
   * read are left out, the rest is saved and scored, and each left-out value comes back in `inputIssues`
   * (the self-assessment page, so a typing mistake in one field never holds back the rest of the draft).
   */
  invalidValues: z.enum(['refuse', 'report']).optional(),
  notes: z.record(z.string(), z.string().max(5000)).optional(),
  /**
   * Input id → the officer's reason for scoring a bound input (computed from a register) with another
   * value than the computed one (ADR 0013); required then, at least OVERRIDE_REASON_MIN characters.
   */
  overrides: z.record(z.string(), z.string().max(2000, 'Lý do điều chỉnh quá dài')).optional(),
  narrative: z
    .object(
      Object.fromEntries(
        Object.keys(NARRATIVE_SECTIONS).map((k) => [k, z.string().max(20_000).optional()]),
      ) as Record<NarrativeSection, z.ZodOptional<z.ZodString>>,
    )
    .optional(),
});
export type SaveSelfAssessmentInput = z.infer<typeof saveSelfAssessmentSchema>;

export const transitionSchema = z.object({ expectedVersion: version });

export const reopenSchema = z.object({
  expectedVersion: version,
  until: isoDate,
  reason: z.string().trim().min(5, 'Ghi rõ lý do mở lại'),
});

/** Reopening a closed dossier for correction (ADR 0019): the commune's new deadline and the reason it reads. */
export const reopenCorrectionSchema = z.object({
  expectedVersion: version,
  until: isoDate,
  reason: z.string().trim().min(10, 'Ghi rõ lý do mở lại để xã biết cần sửa gì').max(2000, 'Lý do quá dài'),
});

export const assignSchema = z.object({
  nodeCode: z.string().min(1),
  userId: uuid,
});

export const verdictSchema = z
  .object({
    nodeCode: z.string().min(1, 'Thiếu mã chỉ tiêu'),
    verdict: z.enum(['accept', 'adjust', 'explain'], {
      error: 'Kết luận phải là chấp nhận, điều chỉnh hoặc yêu cầu giải trình',
    }),
    points: z
      .string()
      .regex(/^\d+(\.\d+)?$/, 'Điểm phải là số không âm, dùng dấu chấm thập phân')
      .optional(),
    passed: z.boolean().optional(),
    reason: z.string().trim().max(5000).optional(),
  })
  .refine((v) => v.verdict === 'accept' || (v.reason && v.reason.length >= 5), {
    path: ['reason'],
    message: 'Phải ghi lý do khi điều chỉnh hoặc yêu cầu giải trình',
  })
  .refine((v) => v.verdict !== 'adjust' || v.points !== undefined || v.passed !== undefined, {
    path: ['points'],
    message: 'Nhập điểm (hoặc kết quả đạt/không đạt) sau điều chỉnh',
  });
export type VerdictInput = z.infer<typeof verdictSchema>;

export const explainSchema = z.object({
  expectedVersion: version,
  explanations: z.record(z.string(), z.string().trim().min(5, 'Nội dung giải trình quá ngắn').max(10_000)),
});

export const publicCommentSchema = z.object({
  authorName: z.string().trim().min(2, 'Vui lòng nhập họ tên').max(120),
  authorContact: z.string().trim().max(200).optional(),
  content: z
    .string()
    .trim()
    .min(10, 'Ý kiến cần ít nhất 10 ký tự')
    .max(5000, 'Ý kiến quá dài (tối đa 5.000 ký tự)'),
});

/** How the commune handled a comment (Mẫu 03): tiếp thu (accepted) or giải trình (explained). */
export const COMMENT_RESPONSE_KINDS = ['accepted', 'explained'] as const;
export type CommentResponseKind = (typeof COMMENT_RESPONSE_KINDS)[number];
export const COMMENT_RESPONSE_KIND_LABELS: Record<CommentResponseKind, string> = {
  accepted: 'Tiếp thu',
  explained: 'Giải trình',
};

export const commentResponseSchema = z.object({
  response: z.string().trim().min(5, 'Nội dung tiếp thu, giải trình quá ngắn').max(10_000),
  kind: z.enum(COMMENT_RESPONSE_KINDS, { error: 'Chọn "Tiếp thu" hoặc "Giải trình"' }),
  /** The respondedAt the writer saw; absent or null means "no response yet", so an existing one is
   *  never replaced by someone who has not seen it. */
  expectedRespondedAt: z.iso
    .datetime({ offset: true, error: 'Thời điểm ghi nhận không hợp lệ (expectedRespondedAt)' })
    .nullable()
    .default(null),
});

export const idParams = z.object({ id: uuid });
export const commentParams = z.object({ id: uuid, commentId: uuid });

export const COUNCIL_ROLE_LABELS = {
  chair: 'Chủ tịch Hội đồng',
  vice_chair: 'Phó Chủ tịch Hội đồng',
  member: 'Thành viên',
  secretary: 'Thư ký',
} as const;

/** A council has at most 15 members (TT 09/2021). */
export const COUNCIL_MAX_MEMBERS = 15;

export const createCouncilSchema = z.object({
  name: z.string().trim().min(5).max(300),
  members: z
    .array(
      z.object({
        fullName: z.string().trim().min(2, 'Nhập họ tên thành viên').max(120),
        position: z.string().trim().min(2, 'Nhập chức vụ').max(200),
        councilRole: z.enum(['chair', 'vice_chair', 'member', 'secretary']),
        userId: uuid.optional(),
      }),
    )
    .min(3, 'Hội đồng cần ít nhất 3 thành viên')
    .max(COUNCIL_MAX_MEMBERS, `Hội đồng có tối đa ${COUNCIL_MAX_MEMBERS} thành viên`)
    .refine(
      (m) => m.filter((x) => x.councilRole === 'chair').length === 1,
      'Hội đồng phải có đúng một Chủ tịch',
    )
    .refine((m) => m.some((x) => x.councilRole === 'secretary'), 'Hội đồng phải có Thư ký'),
});

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng hh:mm, ví dụ 08:30');

export const meetingSchema = z
  .object({
    mode: z.enum(['meeting', 'written'], { error: 'Hình thức phải là họp hoặc lấy ý kiến bằng văn bản' }),
    heldOn: isoDate,
    location: z.string().trim().max(300).optional(),
    presentMemberIds: z.array(uuid).max(COUNCIL_MAX_MEMBERS),
    conclusions: z.string().trim().max(20_000).optional(),
    /** Left out when nobody noted them: the minutes then print blanks, never a guess. */
    startTime: clockTime.optional(),
    endTime: clockTime.optional(),
    /** Who chaired and who took the minutes (members present); default: the chair and the secretary. */
    chairMemberId: uuid.optional(),
    secretaryMemberId: uuid.optional(),
  })
  .refine((m) => !m.startTime || !m.endTime || m.startTime < m.endTime, {
    path: ['endTime'],
    message: 'Giờ kết thúc phải sau giờ bắt đầu',
  });

/** A note the secretary must give when recording an opinion for another member. */
export const PROXY_NOTE_PREFIX = 'Ghi thay theo';

export const opinionSchema = z.object({
  memberId: uuid,
  evaluationId: uuid,
  opinion: z.enum(['achieved', 'not_achieved'], { error: 'Ý kiến phải là đạt hoặc không đạt' }),
  comment: z.string().trim().max(5000).optional(),
  /** Required when the actor is not the member: "Ghi thay theo ý kiến phát biểu tại cuộc họp". */
  proxyNote: z.string().trim().max(1000).optional(),
});

/** Links a council member to a user account (null: unlink). */
export const linkMemberSchema = z.object({ userId: uuid.nullable() });

export const councilCandidatesQuery = z.object({ q: z.string().trim().max(100).optional() });

export const decisionSchema = z.object({
  number: z.string().trim().min(3, 'Nhập số quyết định, ví dụ 123/QĐ-UBND').max(60),
  signedOn: isoDate,
  signerName: z.string().trim().min(2).max(120),
  signerTitle: z.string().trim().min(2).max(200),
  achievedEvaluationIds: z.array(uuid).max(5000),
});
