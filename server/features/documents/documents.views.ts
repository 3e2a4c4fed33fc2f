/**
 * Loads what a document needs from the database and builds its view model (from-data/*), refusing
 * with a Vietnamese 409 when the data does not exist yet. Shared by the download routes (after the
 * scoped load) and the bulk job (authorised when it was enqueued).
 */
import {
  EVALUATION_FORM_STEP,
  FORMS,
  formApplies,
  type DocumentFormat,
  type EvaluationForm,
  type EvaluationFormStep,
  type PeriodForm,
  type StoredForm,
} from '@shared/evaluations/documents.ts';
import { rankPeriod } from '@shared/evaluations/ranking.ts';
import type { Framework } from '@shared/frameworks/model.ts';
import type { EvaluationResult } from '@shared/scoring/types.ts';
import type { Executor } from '@server/db/executor.ts';
import { ConflictError, DomainError, ValidationError } from '@server/platform/http/errors.ts';
import { todayInVietnam } from '@server/platform/clock/clock.ts';
import { PdfUnavailableError } from '@server/platform/documents/pdf.ts';
import {
  DocumentDataError,
  UnknownDocumentError,
  type RenderedDocument,
} from '@server/platform/documents/registry.ts';
import { findAppraisedTotalsOfPeriod } from '@server/features/appraisal/appraisal.repo.ts';
import { findRemediationOf, findTasks } from '@server/features/plans/plans.repo.ts';
import { groupByOfficerPost } from '@shared/plans/remediation.ts';
import { renderDocument } from './documents.registry.ts';
import {
  findAssignments,
  findComments,
  findCouncilOfPeriod,
  findDecision,
  findPeriodEvaluations,
  findUserName,
  getUnitWithParent,
  type StoredEvaluation,
} from './documents.repo.ts';
import {
  cchcDeductionsView,
  mau01View,
  mau02View,
  mau03View,
  mau07View,
  type EvaluationFacts,
} from './from-data/evaluation-views.ts';
import { storedPeriodReport, storedPeriodUnits } from '@server/features/analytics/analytics.service.ts';
import {
  mau05View,
  mau06View,
  mau08View,
  mau09View,
  mau10View,
  type CouncilFacts,
  type PeriodFacts,
} from './from-data/period-views.ts';
import { runningName, type UnitRef } from './from-data/naming.ts';

/** 503: the server cannot produce PDF (LibreOffice missing); the message says what to install. */
export class PdfServiceUnavailableError extends DomainError {
  constructor(message: string) {
    super(503, 'pdf_unavailable', message);
  }
}

/** The period's organiser and framework, as the views need them. */
export type PeriodContext = {
  id: string;
  year: number;
  organiserId: string;
  framework: Framework;
};

function refuseIfNotApplicable(form: StoredForm, framework: Framework) {
  if (!formApplies(form, framework))
    throw new ConflictError(`${FORMS[form].fileLabel} không áp dụng cho bộ tiêu chí ${framework.code}.`, {
      reason: 'form_not_applicable',
    });
}

/** Why a form waits for its step (EVALUATION_FORM_STEP). */
const NOT_REACHED: Record<EvaluationFormStep, (label: string) => string> = {
  submitted: (label) => `Hồ sơ chưa được Chủ tịch UBND chốt và nộp nên chưa lập được ${label}.`,
  posted: (label) => `Hồ sơ chưa được niêm yết lấy ý kiến Nhân dân nên chưa lập được ${label}.`,
  appraised: (label) => `Hồ sơ chưa được thẩm định xong nên chưa lập được ${label}.`,
};

const dateOf = (value: Date | null) => (value ? todayInVietnam(value) : null);

/** Builder errors (missing chair, no appraised unit…) are states the user can fix: 409 with their message. */
function conflictFrom<T>(build: () => T): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new ConflictError(error instanceof Error ? error.message : String(error), {
      reason: 'missing_data',
    });
  }
}

async function evaluationFacts(
  db: Executor,
  e: StoredEvaluation,
  period: PeriodContext,
): Promise<EvaluationFacts> {
  const own = await getUnitWithParent(db, e.unit_id);
  const organiser = await getUnitWithParent(db, period.organiserId);
  const council = await findCouncilOfPeriod(db, period.id);
  const snapshot = e.submitted_snapshot as {
    result: EvaluationResult;
    narrative?: Record<string, string>;
  } | null;
  const owners = Object.fromEntries(
    (await findAssignments(db, e.id)).map((a) => [a.node_code, a.full_name] as const),
  );
  return {
    unit: own.unit,
    parent: own.parent,
    organiser: organiser.unit,
    year: period.year,
    displayRounding: period.framework.rounding.display,
    submitted: snapshot?.result ?? (e.self_result as EvaluationResult),
    narrative: snapshot?.narrative ?? e.narrative,
    submittedOn: dateOf(e.submitted_at),
    submittedBy: await findUserName(db, e.submitted_by),
    appraised: e.appraised_result as EvaluationResult | null,
    appraisedOn: dateOf(e.appraised_at),
    councilName: council?.council.name ?? null,
    councilChair: council?.members.find((m) => m.council_role === 'chair')?.full_name ?? null,
    owners,
  };
}

/** The view model of one commune's form, from stored data; 409 when that data does not exist yet. */
export async function buildEvaluationView(
  db: Executor,
  e: StoredEvaluation,
  period: PeriodContext,
  form: EvaluationForm,
): Promise<unknown> {
  refuseIfNotApplicable(form, period.framework);
  const label = FORMS[form].fileLabel;
  const reached: Record<EvaluationFormStep, boolean> = {
    submitted: !!e.submitted_snapshot,
    posted: !!e.posted_from && !!e.posted_until,
    appraised: !!e.appraised_result,
  };
  const step = EVALUATION_FORM_STEP[form];
  if (!reached[step]) throw new ConflictError(NOT_REACHED[step](label), { reason: `not_${step}` });
  const facts = await evaluationFacts(db, e, period);
  switch (form) {
    case 'mau-01':
      return conflictFrom(() => mau01View(facts));
    case 'mau-02':
      return conflictFrom(() => mau02View(facts));
    case 'mau-07':
      return conflictFrom(() => mau07View(facts));
    case 'mau-03': {
      const comments = await findComments(db, e.id);
      const open = comments.filter((c) => !c.response?.trim()).length;
      if (open)
        throw new ConflictError(
          `Còn ${open} ý kiến của Nhân dân chưa được trả lời; hãy trả lời trước khi lập ${label}.`,
          {
            reason: 'unanswered_comments',
          },
        );
      return mau03View(
        facts,
        { from: e.posted_from!, to: e.posted_until! },
        comments.map((c) => ({
          author: c.author_name,
          content: c.content,
          response: c.response,
          kind: c.response_kind,
        })),
      );
    }
    case 'cchc-deductions': {
      const ranks = rankPeriod(await findAppraisedTotalsOfPeriod(db, period.id));
      const decision = await findDecision(db, period.id);
      const organiser = await getUnitWithParent(db, period.organiserId);
      // The remediation plan proposed from this evaluation (Kế hoạch > Lập kế hoạch khắc phục), if any.
      const plan = await findRemediationOf(db, e.id);
      const remediation = plan
        ? groupByOfficerPost(
            (await findTasks(db, plan.id)).map((t) => ({
              code: t.code,
              title: t.title,
              lead: t.lead,
              target: t.target,
              dueOn: t.due_on,
              status: t.status,
            })),
          )
        : undefined;
      return conflictFrom(() =>
        cchcDeductionsView(facts, {
          remediation,
          decision: decision
            ? {
                number: decision.number,
                date: decision.signed_on,
                issuer: `UBND ${runningName(organiser.unit)}`,
              }
            : null,
          // Among every appraised commune of the period, as the results screen ranks them.
          rank: ranks.get(e.id),
          date: todayInVietnam(),
        }),
      );
    }
  }
}

async function periodFacts(db: Executor, period: PeriodContext): Promise<PeriodFacts> {
  const organiser = await getUnitWithParent(db, period.organiserId);
  const rows = await findPeriodEvaluations(db, period.id);
  return {
    year: period.year,
    frameworkCode: period.framework.code,
    organiser: organiser.unit,
    organiserParent: organiser.parent && organiser.parent.kind !== 'quoc_gia' ? organiser.parent : null,
    legalBasis: period.framework.legalBasis,
    evaluations: rows.map((r) => ({
      id: r.id,
      unit: { name: r.unit_name, kind: r.unit_kind as string } satisfies UnitRef,
      state: r.state,
      selfTotal: (r.self_result as EvaluationResult | null)?.total ?? null,
      appraised: r.appraised_result as EvaluationResult | null,
      provisional: !!((r.appraised_result ?? r.self_result) as EvaluationResult | null)?.provisional,
    })),
  };
}

/** The view model of a period form (Mẫu 05, 08, 10), from stored data; 409 when that data does not exist yet. */
export async function buildPeriodView(
  db: Executor,
  period: PeriodContext,
  form: PeriodForm,
): Promise<unknown> {
  refuseIfNotApplicable(form, period.framework);
  const label = FORMS[form].fileLabel;
  const facts = await periodFacts(db, period);
  if (form === 'mau-09') {
    // The same query layer as the appraisal screen's summary and the analytics dashboard (ADR 0018):
    // appraised results where they exist, otherwise the submitted self-assessment.
    const report = await storedPeriodReport(db, period.id);
    return conflictFrom(() => mau09View(facts, report, todayInVietnam()));
  }
  if (form === 'mau-05' || form === 'mau-06') {
    const found = await findCouncilOfPeriod(db, period.id);
    if (!found?.meeting)
      throw new ConflictError(
        form === 'mau-05'
          ? `Hội đồng chưa họp (đủ 2/3 thành viên) nên chưa lập được ${label}.`
          : `Hội đồng chưa lấy ý kiến thẩm định nên chưa lập được ${label}.`,
        { reason: 'no_meeting' },
      );
    const meeting = found.meeting;
    const council: CouncilFacts = {
      name: found.council.name,
      members: found.members.map((m) => ({
        id: m.id,
        name: m.full_name,
        position: m.position,
        role: m.council_role,
      })),
      meeting: {
        mode: meeting.mode,
        heldOn: meeting.held_on,
        location: meeting.location,
        presentMemberIds: meeting.present_member_ids,
        conclusions: meeting.conclusions,
        startTime: meeting.start_time,
        endTime: meeting.end_time,
        chairMemberId: meeting.chair_member_id,
        secretaryMemberId: meeting.secretary_member_id,
      },
      opinions: found.opinions.map((o) => ({
        memberId: o.member_id,
        evaluationId: o.evaluation_id,
        opinion: o.opinion,
        comment: o.comment,
      })),
    };
    return conflictFrom(() => (form === 'mau-05' ? mau05View(facts, council) : mau06View(facts, council)));
  }
  const decision = await findDecision(db, period.id);
  if (!decision)
    throw new ConflictError(`Kỳ đánh giá chưa có quyết định công nhận nên chưa lập được ${label}.`, {
      reason: 'no_decision',
    });
  const d = {
    number: decision.number,
    signedOn: decision.signed_on,
    signerName: decision.signer_name,
    signerTitle: decision.signer_title,
  };
  if (form === 'mau-08') return conflictFrom(() => mau08View(facts, d));
  // Mẫu 10's units and figures: the dashboard's query layer, as Mẫu 09's (ADR 0018).
  const units = await storedPeriodUnits(db, period.id);
  return conflictFrom(() => mau10View(facts, units, d, todayInVietnam()));
}

/**
 * Renders a view model; the file is named "Báo cáo Mẫu 01 - Phường Đức Xuân 2026.docx".
 * Registry errors become domain errors: PDF without LibreOffice → 503, a format the form lacks → 400.
 */
export async function renderStoredDocument(
  form: StoredForm,
  view: unknown,
  format: DocumentFormat,
  subject: { name: string; year: number },
): Promise<RenderedDocument> {
  try {
    const rendered = await renderDocument(form, view, format);
    return { ...rendered, fileName: `${FORMS[form].fileLabel} - ${subject.name} ${subject.year}.${format}` };
  } catch (error) {
    if (error instanceof PdfUnavailableError) throw new PdfServiceUnavailableError(error.message);
    if (error instanceof UnknownDocumentError)
      throw new ValidationError(error.message, [
        { field: 'format', message: `Chọn: ${error.available.join(', ')}` },
      ]);
    if (error instanceof DocumentDataError)
      throw new ConflictError(
        `Dữ liệu đã lưu chưa đủ để lập ${FORMS[form].fileLabel}: ${error.issues.join('; ')}`,
        {
          reason: 'missing_data',
        },
      );
    throw error;
  }
}
