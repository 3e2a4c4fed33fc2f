import type { z } from 'zod';
import type { Permission } from '@shared/access/roles.ts';
import type {
  createCouncilSchema,
  decisionSchema,
  meetingSchema,
  opinionSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { hasStep, nextState } from '@shared/evaluations/state-machine.ts';
import type { EvaluationResult } from '@shared/scoring/index.ts';
import { getFrameworkVersion } from '@server/features/frameworks/frameworks.catalog.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
} from '@server/platform/http/errors.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { isQuorate, quorumOf } from '@shared/evaluations/council.ts';
import { canActOnPeriod, canRecordOpinionOf, canSeeCouncil } from './council.policy.ts';
import {
  countQuorateMeetings,
  findCouncilIdOfPeriod,
  findDecidedEvaluations,
  findEvaluationOfPeriod,
  findEvaluationsOfPeriod,
  findOpinionsOfMeeting,
  findPeriodWithOrganiser,
  findPublishedDecision,
  getCouncilRecord,
  hasDecision,
  insertCouncil,
  insertCouncilMembers,
  insertDecision,
  insertMeeting,
  setDecidedState,
  upsertOpinion,
} from './council.repo.ts';

/** Loads a period and checks `permission` at its organising unit (404 outside scope, 403 without the right). */
async function loadPeriod(ctx: SignedInContext, periodId: string, permission: Permission) {
  const period = await findPeriodWithOrganiser(ctx.app.db, periodId);
  if (!period || !canSeeCouncil(ctx.actor, period.path))
    throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  if (!canActOnPeriod(ctx.actor, permission, period.path)) throw new ForbiddenError();
  const framework = await getFrameworkVersion(ctx.app.db, period.framework_version_id);
  return { period, framework };
}

/** The period's council (members, meetings, opinions); 404 when the period has none yet. */
async function loadCouncil(ctx: SignedInContext, periodId: string) {
  const councilId = await findCouncilIdOfPeriod(ctx.app.db, periodId);
  if (!councilId) throw new NotFoundError('Kỳ đánh giá chưa có Hội đồng.');
  return getCouncilRecord(ctx.app.db, councilId);
}

export async function createCouncil(
  ctx: SignedInContext,
  periodId: string,
  body: z.infer<typeof createCouncilSchema>,
) {
  const { period, framework } = await loadPeriod(ctx, periodId, 'council.manage');
  if (!hasStep(framework.workflow, 'council'))
    throw new ConflictError(`Bộ tiêu chí ${framework.code} không có bước Hội đồng.`);
  if (await findCouncilIdOfPeriod(ctx.app.db, periodId))
    throw new ConflictError('Kỳ đánh giá này đã có Hội đồng.');
  return ctx.app.db.transaction().execute(async (trx) => {
    const councilId = await insertCouncil(trx, { periodId, unitId: period.unit_id, name: body.name });
    await insertCouncilMembers(
      trx,
      body.members.map((m) => ({
        council_id: councilId,
        unit_id: period.unit_id,
        user_id: m.userId ?? null,
        full_name: m.fullName,
        position: m.position,
        council_role: m.councilRole,
      })),
    );
    await writeAudit(trx, {
      action: 'council.created',
      objectType: 'council',
      objectId: councilId,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { name: body.name, members: body.members.length },
    });
    return getCouncilRecord(trx, councilId);
  });
}

export async function getCouncil(ctx: SignedInContext, periodId: string) {
  await loadPeriod(ctx, periodId, 'council.read');
  return loadCouncil(ctx, periodId);
}

/** Records a meeting (quorum: at least two thirds present) or a written consultation. */
export async function recordMeeting(
  ctx: SignedInContext,
  periodId: string,
  body: z.infer<typeof meetingSchema>,
) {
  const { period } = await loadPeriod(ctx, periodId, 'council.manage');
  const { council, members } = await loadCouncil(ctx, periodId);
  const memberIds = new Set(members.map((m) => m.id));
  const present = [...new Set(body.presentMemberIds)];
  if (present.some((id) => !memberIds.has(id))) {
    throw new ValidationError('Có người dự họp không phải thành viên Hội đồng.', [
      { field: 'presentMemberIds', message: 'Thành viên không hợp lệ' },
    ]);
  }
  const quorum = quorumOf(members.length);
  const quorumMet = isQuorate(body.mode, present.length, members.length);
  if (body.mode === 'meeting' && !quorumMet) {
    throw new ValidationError(
      `Cuộc họp không đủ số lượng: có ${present.length}/${members.length} thành viên, cần ít nhất ${quorum} (2/3). Hãy họp lại hoặc lấy ý kiến bằng văn bản.`,
      [{ field: 'presentMemberIds', message: `Cần ít nhất ${quorum} thành viên` }],
    );
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    const meetingId = await insertMeeting(trx, {
      council_id: council.id,
      unit_id: period.unit_id,
      mode: body.mode,
      held_on: body.heldOn,
      location: body.location ?? null,
      present_member_ids: JSON.stringify(present),
      quorum_met: quorumMet,
      conclusions: body.conclusions ?? null,
      created_by: ctx.actor.userId,
    });
    await writeAudit(trx, {
      action: 'council.meeting-recorded',
      objectType: 'council_meeting',
      objectId: meetingId,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        mode: body.mode,
        heldOn: body.heldOn,
        present: present.length,
        members: members.length,
      },
    });
  });
  return loadCouncil(ctx, periodId);
}

/** One member's opinion on one commune (recorded by the member, or by the secretary for the minutes). */
export async function recordOpinion(
  ctx: SignedInContext,
  periodId: string,
  meetingId: string,
  body: z.infer<typeof opinionSchema>,
) {
  const { period } = await loadPeriod(ctx, periodId, 'council.opinion');
  const { members, meetings } = await loadCouncil(ctx, periodId);
  if (!meetings.some((m) => m.id === meetingId)) throw new NotFoundError('Không tìm thấy cuộc họp.');
  const member = members.find((m) => m.id === body.memberId);
  if (!member)
    throw new ValidationError('Người cho ý kiến không phải thành viên Hội đồng.', [
      { field: 'memberId', message: 'Không phải thành viên' },
    ]);
  if (!canRecordOpinionOf(ctx.actor, { userId: member.user_id }, period.path))
    throw new ForbiddenError('Bạn chỉ ghi được ý kiến của chính mình.');
  const evaluation = await findEvaluationOfPeriod(ctx.app.db, periodId, body.evaluationId);
  if (!evaluation) throw new NotFoundError('Không tìm thấy hồ sơ trong kỳ đánh giá.');
  if (evaluation.state !== 'appraised') throw new ConflictError('Chỉ cho ý kiến về hồ sơ đã thẩm định xong.');
  await ctx.app.db.transaction().execute(async (trx) => {
    await upsertOpinion(trx, {
      meeting_id: meetingId,
      member_id: member.id,
      evaluation_id: evaluation.id,
      unit_id: evaluation.unit_id,
      opinion: body.opinion,
      comment: body.comment ?? null,
    });
    await writeAudit(trx, {
      action: 'council.opinion-recorded',
      objectType: 'evaluation',
      objectId: evaluation.id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { member: member.full_name, opinion: body.opinion },
    });
  });
  return findOpinionsOfMeeting(ctx.app.db, meetingId);
}

/**
 * The competent chairman's recognition decision: the listed appraised communes achieve the
 * standard, the other appraised communes of the period do not. Each evaluation moves to its final
 * state with an audit row; all in one transaction.
 */
export async function issueDecision(
  ctx: SignedInContext,
  periodId: string,
  body: z.infer<typeof decisionSchema>,
) {
  const { period, framework } = await loadPeriod(ctx, periodId, 'decisions.manage');
  if (await hasDecision(ctx.app.db, periodId))
    throw new ConflictError('Kỳ đánh giá đã có quyết định công nhận.');
  const evaluations = await findEvaluationsOfPeriod(ctx.app.db, periodId);
  const appraised = evaluations.filter((e) => e.state === 'appraised');
  const achieved = new Set(body.achievedEvaluationIds);
  const unknown = body.achievedEvaluationIds.filter((id) => !appraised.some((e) => e.id === id));
  if (unknown.length) {
    throw new ValidationError(
      'Có hồ sơ trong danh sách đạt chuẩn chưa được thẩm định xong hoặc không thuộc kỳ này.',
      [{ field: 'achievedEvaluationIds', message: `${unknown.length} hồ sơ không hợp lệ` }],
    );
  }
  if (appraised.length === 0) throw new ConflictError('Chưa có hồ sơ nào đã thẩm định để quyết định.');
  // Recognition follows the conditions (Điều 4 QĐ 25): a commune whose appraised result does not
  // meet them cannot be listed as achieving the standard.
  const unmet = appraised.filter(
    (e) => achieved.has(e.id) && (e.appraised_result as EvaluationResult | null)?.recognised === false,
  );
  if (unmet.length) {
    throw new ValidationError(
      `Không thể công nhận đạt chuẩn: kết quả thẩm định của ${unmet.map((e) => e.name).join(', ')} chưa đáp ứng đủ điều kiện công nhận.`,
      [{ field: 'achievedEvaluationIds', message: `${unmet.length} đơn vị chưa đủ điều kiện` }],
    );
  }
  if (hasStep(framework.workflow, 'council') && (await countQuorateMeetings(ctx.app.db, periodId)) === 0) {
    throw new ConflictError(
      'Hội đồng chưa họp (đủ 2/3 thành viên) hoặc chưa lấy ý kiến bằng văn bản; chưa thể quyết định.',
    );
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const decisionId = await insertDecision(trx, {
      period_id: periodId,
      unit_id: period.unit_id,
      number: body.number,
      signed_on: body.signedOn,
      signer_name: body.signerName,
      signer_title: body.signerTitle,
      created_by: ctx.actor.userId,
    });
    for (const e of appraised) {
      const outcome = achieved.has(e.id) ? 'achieved' : 'not_achieved';
      const to = nextState(e.state, 'decide', framework.workflow, outcome)!;
      await setDecidedState(trx, e, to);
      await writeAudit(trx, {
        action: 'evaluation.decided',
        objectType: 'evaluation',
        objectId: e.id,
        unitId: e.unit_id,
        actor: ctx.actor,
        ip: ctx.ip,
        diff: { state: { from: e.state, to }, decision: body.number },
      });
    }
    await writeAudit(trx, {
      action: 'decision.issued',
      objectType: 'recognition_decision',
      objectId: decisionId,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { number: body.number, achieved: achieved.size, notAchieved: appraised.length - achieved.size },
    });
    return { id: decisionId };
  });
}

/** The published decision and the period's decided communes (public: anyone may read it). */
export async function getPublicDecision(ctx: ServiceContext, periodId: string) {
  const decision = await findPublishedDecision(ctx.app.db, periodId);
  if (!decision) throw new NotFoundError('Kỳ đánh giá chưa có quyết định công nhận.');
  return { decision, evaluations: await findDecidedEvaluations(ctx.app.db, periodId) };
}
