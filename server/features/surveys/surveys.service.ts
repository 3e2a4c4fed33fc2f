/**
 * Surveys (issue #17, ADR 0017): create from a template, open, close, print slips, type paper answers;
 * residents answer on the public page (one answer per slip or per device, rate-limited, honeypot);
 * invited accounts answer signed in. Each change and its audit row in one transaction.
 */
import { scopePaths } from '@shared/access/actor.ts';
import { addDays } from '@shared/dates.ts';
import { nextWorkingDayOnOrAfter } from '@shared/calendar/working-days.ts';
import {
  answerProblems,
  cleanAnswers,
  definitionSchema,
  normaliseSlipCode,
  SLIP_CODE,
  type AnswerSource,
  type AnswerValues,
  type CreateSurveyBody,
  type SurveyKind,
} from '@shared/surveys/surveys.ts';
import { SURVEY_TEMPLATES } from '@shared/surveys/templates.ts';
import { percentText, summariseAnswers } from '@shared/surveys/results.ts';
import { loadWorkingCalendar } from '@server/features/calendar/calendar.service.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { businessClock } from '@server/platform/clock/clock.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import type { Transaction } from 'kysely';
import type { Executor } from '@server/db/executor.ts';
import type { Database } from '@server/db/schema.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import { answeringRefusal, canEditSurvey, canReadSurvey, isInvited } from './surveys.policy.ts';
import {
  claimRespondent,
  countRespondents,
  countSlips,
  findAnswers,
  findInvitedSurveys,
  findSurvey,
  findSurveyByCode,
  findSurveys,
  findUnitPath,
  findUsersByIds,
  insertAnswer,
  insertSlips,
  insertSurvey,
  setSurveyStatus,
  useSlip,
  type SurveyRow,
} from './surveys.repo.ts';
import { surveyDocuments } from './survey.document.ts';
import {
  issueTicket,
  newSlipCode,
  newSurveyCode,
  newTicketSecret,
  slipHash,
  ticketCount,
} from './surveys.tickets.ts';

const NOT_FOUND = 'Không tìm thấy phiếu lấy ý kiến.';
const PUBLIC_NOT_FOUND = 'Không có phiếu lấy ý kiến nào ở địa chỉ này.';
const THANKS = 'Cảm ơn Ông/Bà đã cho ý kiến. Ý kiến đã được ghi nhận (không ghi tên người trả lời).';
/** Audit rows of residents' answers name no one and keep no address (ADR 0017). */
const ANONYMOUS = 'Người trả lời ẩn danh';

/** The closing date, or the next working day when it is a weekend or holiday (BLDS 2015 Đ148). */
export async function lastDayOf(db: Executor, closesOn: string): Promise<string> {
  const calendar = await loadWorkingCalendar(db, closesOn, addDays(closesOn, 30));
  return nextWorkingDayOnOrAfter(closesOn, calendar);
}

async function loadSurvey(ctx: SignedInContext, id: string) {
  const survey = await findSurvey(ctx.app.db, id);
  if (!survey || !canReadSurvey(ctx.actor, survey.unit_path)) throw new NotFoundError(NOT_FOUND);
  return survey;
}

async function loadSurveyForEdit(ctx: SignedInContext, id: string) {
  const survey = await loadSurvey(ctx, id);
  if (!canEditSurvey(ctx.actor, survey.unit_path)) throw new ForbiddenError();
  return survey;
}

export async function listSurveys(
  ctx: SignedInContext,
  filter: { unitId?: string; year?: number; kind?: SurveyKind },
) {
  return findSurveys(ctx.app.db, scopePaths(ctx.actor, 'registers.read'), filter);
}

export async function createSurvey(ctx: SignedInContext, body: CreateSurveyBody): Promise<string> {
  const unit = await findUnitPath(ctx.app.db, body.unitId);
  if (!unit || !canReadSurvey(ctx.actor, unit.path)) throw new NotFoundError('Không tìm thấy đơn vị.');
  if (!canEditSurvey(ctx.actor, unit.path)) throw new ForbiddenError();
  const template = SURVEY_TEMPLATES[body.kind];
  const definition = body.definition ? definitionSchema.parse(body.definition) : template.definition;
  const audience = body.audience ?? template.audience;
  if (audience !== 'public' && body.requireSlip)
    throw new ValidationError('Phiếu in mã chỉ dùng cho người dân trả lời qua đường dẫn công khai.', [
      { field: 'requireSlip', message: 'Không dùng cho người trả lời đăng nhập' },
    ]);
  const invitees = [...new Set(body.inviteeIds)];
  if (invitees.length) {
    const found = await findUsersByIds(ctx.app.db, invitees);
    if (found.length !== invitees.length)
      throw new ValidationError('Có tài khoản được mời không tồn tại.', [
        { field: 'inviteeIds', message: 'Không tồn tại' },
      ]);
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const id = await insertSurvey(trx, {
      unit_id: unit.id,
      kind: body.kind,
      audience,
      code: newSurveyCode(),
      title: body.title ?? template.title,
      intro: body.intro ?? template.intro,
      definition: JSON.stringify(definition),
      // A custom questionnaire keeps the kind's figure only if it still has the figure's question.
      figure:
        template.figure &&
        definition.sections.some((s) => s.questions.some((q) => q.id === template.figure!.question))
          ? JSON.stringify(template.figure)
          : null,
      opens_on: body.opensOn,
      closes_on: body.closesOn,
      require_slip: body.requireSlip,
      device_limit: body.deviceLimit,
      ticket_secret: newTicketSecret(),
      invitee_ids: JSON.stringify(invitees),
      created_by: ctx.actor.userId,
    });
    await writeAudit(trx, {
      action: 'survey.created',
      objectType: 'survey',
      objectId: id,
      unitId: unit.id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        kind: body.kind,
        audience,
        opensOn: body.opensOn,
        closesOn: body.closesOn,
        invitees: invitees.length,
      },
    });
    return id;
  });
}

/** A survey with its results, slips and respondents, as the officer's page shows it. */
export async function getSurvey(ctx: SignedInContext, id: string) {
  const survey = await loadSurvey(ctx, id);
  const [answers, slips, respondents, invitees, lastDay] = await Promise.all([
    findAnswers(ctx.app.db, id),
    countSlips(ctx.app.db, id),
    countRespondents(ctx.app.db, id),
    findUsersByIds(ctx.app.db, survey.invitee_ids),
    lastDayOf(ctx.app.db, survey.closes_on),
  ]);
  return {
    survey,
    results: summariseAnswers(survey.definition, survey.figure, answers),
    slips,
    respondents,
    invitees,
    lastDay,
  };
}
export type LoadedSurvey = Awaited<ReturnType<typeof getSurvey>>;

const STATUS_AUDIT = { open: 'survey.opened', closed: 'survey.closed' } as const;

async function changeStatus(ctx: SignedInContext, id: string, to: 'open' | 'closed') {
  const survey = await loadSurveyForEdit(ctx, id);
  const allowed = to === 'open' ? survey.status === 'draft' : survey.status === 'open';
  if (!allowed)
    throw new ConflictError(
      to === 'open' ? 'Chỉ mở lấy ý kiến được phiếu đang dự thảo.' : 'Chỉ kết thúc được đợt đang lấy ý kiến.',
    );
  await ctx.app.db.transaction().execute(async (trx) => {
    await setSurveyStatus(trx, id, to);
    await writeAudit(trx, {
      action: STATUS_AUDIT[to],
      objectType: 'survey',
      objectId: id,
      unitId: survey.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { status: { from: survey.status, to } },
    });
  });
}
export const openSurvey = (ctx: SignedInContext, id: string) => changeStatus(ctx, id, 'open');
export const closeSurvey = (ctx: SignedInContext, id: string) => changeStatus(ctx, id, 'closed');

/** New one-time codes for printed slips; shown once, only their hashes are kept. */
export async function printSlips(ctx: SignedInContext, id: string, count: number) {
  const survey = await loadSurveyForEdit(ctx, id);
  if (survey.audience !== 'public') throw new ConflictError('Phiếu in mã chỉ dùng cho người dân.');
  if (survey.status === 'closed') throw new ConflictError('Đợt lấy ý kiến đã kết thúc.');
  const codes = [...new Set(Array.from({ length: count }, newSlipCode))];
  await ctx.app.db.transaction().execute(async (trx) => {
    await insertSlips(trx, id, codes.map(slipHash));
    await writeAudit(trx, {
      action: 'survey.slips-printed',
      objectType: 'survey',
      objectId: id,
      unitId: survey.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      // The number only: the codes never enter the trail.
      diff: { count: codes.length },
    });
  });
  return {
    codes: codes.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`),
    publicPath: `/khao-sat/${survey.code}`,
  };
}

function checkAnswers(survey: Pick<SurveyRow, 'definition'>, values: AnswerValues): AnswerValues {
  const problems = answerProblems(survey.definition, values);
  if (problems.length) throw new ValidationError('Phiếu trả lời chưa hợp lệ.', problems);
  const clean = cleanAnswers(values);
  if (!Object.keys(clean).length) throw new ValidationError('Phiếu chưa có câu trả lời nào.');
  return clean;
}

async function storeAnswer(
  trx: Transaction<Database>,
  survey: Pick<SurveyRow, 'id' | 'unit_id'>,
  source: AnswerSource,
  answers: AnswerValues,
) {
  await insertAnswer(trx, {
    survey_id: survey.id,
    unit_id: survey.unit_id,
    source,
    answers: JSON.stringify(answers),
    received_on: businessClock().today,
  });
}

/** An officer types a paper slip's answers (marked `paper`), while open or after closing. */
export async function addPaperAnswer(ctx: SignedInContext, id: string, values: AnswerValues) {
  const survey = await loadSurveyForEdit(ctx, id);
  if (survey.audience !== 'public')
    throw new ConflictError('Chỉ nhập phiếu giấy cho phiếu lấy ý kiến người dân.');
  if (survey.status === 'draft') throw new ConflictError('Phiếu chưa mở lấy ý kiến.');
  const answers = checkAnswers(survey, values);
  await ctx.app.db.transaction().execute(async (trx) => {
    await storeAnswer(trx, survey, 'paper', answers);
    await writeAudit(trx, {
      action: 'survey.paper-answer-added',
      objectType: 'survey',
      objectId: id,
      unitId: survey.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { source: 'paper' },
    });
  });
}

async function getPublic(ctx: ServiceContext, code: string) {
  const survey = await findSurveyByCode(ctx.app.db, code);
  if (!survey || survey.audience !== 'public' || survey.status === 'draft')
    throw new NotFoundError(PUBLIC_NOT_FOUND);
  return survey;
}

/** What the public answering page shows: the questionnaire, and why it takes no answer now, if so. */
export async function getPublicSurvey(ctx: ServiceContext, code: string) {
  const survey = await getPublic(ctx, code);
  const lastDay = await lastDayOf(ctx.app.db, survey.closes_on);
  return {
    code: survey.code,
    title: survey.title,
    intro: survey.intro,
    unitName: survey.unit_name,
    definition: survey.definition,
    requireSlip: survey.require_slip,
    closesOn: lastDay,
    refusal: answeringRefusal(survey, businessClock().today, lastDay),
  };
}

/**
 * A resident's answer from the public page. Order of checks: the address's rate (every attempt
 * counts), the survey and its dates, the honeypot (thanked, nothing stored), the answers, then one
 * answer per slip (its code used once) or per device (the signed ticket's count under the limit).
 * Returns the device's new ticket when one was used.
 */
export async function answerPublic(
  ctx: ServiceContext,
  code: string,
  body: { answers: AnswerValues; slipCode?: string; website?: string },
  ticket: string | undefined,
): Promise<{ message: string; ticket: string | null }> {
  const wait = await ctx.app.commentLimiter.hit(`survey:${ctx.ip}`);
  if (wait > 0)
    throw new TooManyRequestsError(
      `Có quá nhiều phiếu gửi từ cùng một địa chỉ. Vui lòng thử lại sau ${Math.ceil(wait / 60)} phút.`,
      wait,
    );
  const survey = await getPublic(ctx, code);
  const lastDay = await lastDayOf(ctx.app.db, survey.closes_on);
  const refusal = answeringRefusal(survey, businessClock().today, lastDay);
  if (refusal) throw new ConflictError(refusal);
  if (body.website?.trim()) return { message: THANKS, ticket: null };
  const answers = checkAnswers(survey, body.answers);
  const slip = body.slipCode ? normaliseSlipCode(body.slipCode) : '';
  const bySlip = survey.require_slip || slip !== '';
  if (bySlip && !SLIP_CODE.test(slip))
    throw new ValidationError('Cần nhập đúng mã in trên phiếu (10 ký tự).', [
      { field: 'slipCode', message: 'Mã phiếu không hợp lệ' },
    ]);
  const sent = bySlip ? 0 : ticketCount(survey.ticket_secret, survey.id, ticket);
  if (!bySlip && sent >= survey.device_limit)
    throw new ConflictError(
      survey.device_limit === 1
        ? 'Thiết bị này đã gửi ý kiến cho phiếu này. Mỗi người chỉ trả lời một lần.'
        : `Thiết bị này đã gửi đủ ${survey.device_limit} phiếu (giới hạn mỗi thiết bị).`,
      { reason: 'duplicate' },
    );
  await ctx.app.db.transaction().execute(async (trx) => {
    if (bySlip) {
      const outcome = await useSlip(trx, survey.id, slipHash(slip));
      if (outcome === 'unknown')
        throw new ValidationError('Mã phiếu không đúng.', [
          { field: 'slipCode', message: 'Không có phiếu mang mã này' },
        ]);
      if (outcome === 'spent')
        throw new ConflictError('Mã phiếu này đã được dùng. Mỗi phiếu chỉ trả lời một lần.', {
          reason: 'duplicate',
        });
    }
    await storeAnswer(trx, survey, 'online', answers);
    await writeAudit(trx, {
      action: 'survey.answered',
      objectType: 'survey',
      objectId: survey.id,
      unitId: survey.unit_id,
      actorLabel: ANONYMOUS,
      diff: { source: 'online', bySlip },
    });
  });
  return { message: THANKS, ticket: bySlip ? null : issueTicket(survey.ticket_secret, survey.id, sent + 1) };
}

/** Open surveys the signed-in account is invited to, with whether it answered. */
export async function listInvited(ctx: SignedInContext) {
  return findInvitedSurveys(ctx.app.db, ctx.actor.userId);
}

/** An invited official or council member answers signed in, once (recorded apart from the answer). */
export async function answerSignedIn(ctx: SignedInContext, id: string, values: AnswerValues) {
  const survey = await findSurvey(ctx.app.db, id);
  if (!survey || survey.audience === 'public' || !isInvited(survey.invitee_ids, ctx.actor.userId))
    throw new NotFoundError(NOT_FOUND);
  const lastDay = await lastDayOf(ctx.app.db, survey.closes_on);
  const refusal = answeringRefusal(survey, businessClock().today, lastDay);
  if (refusal) throw new ConflictError(refusal);
  const answers = checkAnswers(survey, values);
  await ctx.app.db.transaction().execute(async (trx) => {
    if (!(await claimRespondent(trx, id, ctx.actor.userId)))
      throw new ConflictError('Ông/Bà đã trả lời phiếu này.', { reason: 'duplicate' });
    await storeAnswer(trx, survey, 'signed_in', answers);
    await writeAudit(trx, {
      action: 'survey.answered',
      objectType: 'survey',
      objectId: id,
      unitId: survey.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { source: 'signed_in' },
    });
  });
  return { message: 'Đã ghi nhận ý kiến của Ông/Bà.' };
}

const DOCUMENT_TITLES: Record<SurveyKind, { prefix: string; docType: string; lines: string[] }> = {
  mau04: {
    prefix: 'mau-04',
    docType: 'Bản tổng hợp',
    lines: [
      'kết quả lấy ý kiến về hình thức, mô hình thông tin, phổ biến,',
      'giáo dục pháp luật hiệu quả tại cơ sở',
    ],
  },
  mau06: {
    prefix: 'mau-06',
    docType: 'Bản tổng hợp',
    lines: ['ý kiến của thành viên Hội đồng đánh giá chuẩn tiếp cận pháp luật'],
  },
  satisfaction: {
    prefix: 'khao-sat-hai-long',
    docType: 'Báo cáo',
    lines: ['kết quả khảo sát sự hài lòng của người dân về công tác tiếp cận pháp luật'],
  },
};

/** The summary of the results (Mẫu 04 / Mẫu 06 / satisfaction) as DOCX, XLSX or PDF. */
export async function getSurveyDocument(ctx: SignedInContext, id: string, format: 'docx' | 'xlsx' | 'pdf') {
  const { survey, results } = await getSurvey(ctx, id);
  const titles = DOCUMENT_TITLES[survey.kind];
  const year = Number(survey.closes_on.slice(0, 4));
  const place = survey.unit_name.replace(/^(xã|phường|thị trấn|đặc khu)\s+/iu, '');
  const share = (count: number, of: number) => percentText(count, of);
  const data = {
    header: {
      issuingAgency: `Ủy ban nhân dân\n${survey.unit_name}`,
      place,
      year,
    },
    filePrefix: titles.prefix,
    docType: titles.docType,
    summaryLines: [...titles.lines, `năm ${year}`],
    unitName: survey.unit_name,
    year,
    surveyTitle: survey.title,
    opensOn: survey.opens_on,
    closesOn: survey.closes_on,
    total: results.total,
    online: results.bySource.online,
    paper: results.bySource.paper,
    signedIn: results.bySource.signed_in,
    questions: results.questions.map((q) => ({
      text: q.text,
      answered: q.answered,
      rows: q.options
        ? q.options.map((o) => ({ label: o.label, count: o.count, percent: share(o.count, q.answered) }))
        : q.scale
          ? q.scale.counts.map((c, i) => ({ label: `Mức ${i + 1}`, count: c, percent: share(c, q.answered) }))
          : [],
      average: q.scale?.average ?? null,
      texts: q.texts,
    })),
    figure: results.figure,
  };
  return surveyDocuments.renderDocument('survey-summary', data, format);
}
