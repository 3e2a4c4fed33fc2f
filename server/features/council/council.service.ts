import type { z } from 'zod';
import type { Permission } from '@shared/access/roles.ts';
import type {
  createCouncilSchema,
  decisionSchema,
  linkMemberSchema,
  meetingSchema,
  opinionSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { hasStep, nextState, STATE_LABELS } from '@shared/evaluations/state-machine.ts';
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
import {
  canActOnPeriod,
  canSeeCouncil,
  COUNCIL_ACCOUNT_ROLES,
  opinionRefusal,
  provincePathOf,
} from './council.policy.ts';
import {
  countQuorateMeetings,
  findCouncilAccount,
  findCouncilCandidates,
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
  updateMemberUser,
  upsertOpinion,
  type PeriodWithOrganiser,
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

/**
 * Refuses (400, Vietnamese) an account that does not exist, is locked out, or holds no council or
 * province role in the organiser's province; one account sits on a council once.
 */
async function checkLinkedUsers(
  ctx: SignedInContext,
  period: PeriodWithOrganiser,
  links: { field: string; userId: string }[],
) {
  const province = provincePathOf(period.path);
  const seen = new Set<string>();
  for (const { field, userId } of links) {
    if (seen.has(userId))
      throw new ValidationError('Một tài khoản chỉ được liên kết với một thành viên Hội đồng.', [
        { field, message: 'Tài khoản đã liên kết với thành viên khác' },
      ]);
    seen.add(userId);
    const account = await findCouncilAccount(ctx.app.db, userId, province, COUNCIL_ACCOUNT_ROLES);
    if (!account.exists)
      throw new ValidationError('Tài khoản liên kết không tồn tại.', [
        { field, message: 'Không tìm thấy tài khoản' },
      ]);
    if (!account.isActive)
      throw new ValidationError(`Tài khoản của ${account.fullName} đã bị khóa, không liên kết được.`, [
        { field, message: 'Tài khoản đã bị khóa' },
      ]);
    if (!account.inScope)
      throw new ValidationError(
        `Tài khoản của ${account.fullName} không có vai trò Hội đồng hoặc Sở Tư pháp trong tỉnh của đơn vị tổ chức đánh giá, không liên kết được.`,
        [{ field, message: 'Tài khoản ngoài phạm vi tỉnh' }],
      );
  }
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
  await checkLinkedUsers(
    ctx,
    period,
    body.members.flatMap((m, i) => (m.userId ? [{ field: `members.${i}.userId`, userId: m.userId }] : [])),
  );
  return ctx.app.db.transaction().execute(async (trx) => {
    const councilId = await insertCouncil(trx, { periodId, unitId: period.unit_id, name: body.name });
    await insertCouncilMembers(
      trx,
      body.members.map((m, rank) => ({
        council_id: councilId,
        rank,
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
      diff: {
        name: body.name,
        members: body.members.length,
        linked: body.members.filter((m) => m.userId).length,
      },
    });
    return getCouncilRecord(trx, councilId);
  });
}

export async function getCouncil(ctx: SignedInContext, periodId: string) {
  await loadPeriod(ctx, periodId, 'council.read');
  return loadCouncil(ctx, periodId);
}

/** Accounts that may be linked to a member: council and province roles at the organiser or below. */
export async function findCandidates(ctx: SignedInContext, periodId: string, q: string | undefined) {
  const { period } = await loadPeriod(ctx, periodId, 'council.manage');
  return findCouncilCandidates(ctx.app.db, period.path, COUNCIL_ACCOUNT_ROLES, q);
}

/** Links a member to an account (or unlinks with null) so that the member records his own opinions. */
export async function linkMember(
  ctx: SignedInContext,
  periodId: string,
  memberId: string,
  body: z.infer<typeof linkMemberSchema>,
) {
  const { period } = await loadPeriod(ctx, periodId, 'council.manage');
  const { council, members } = await loadCouncil(ctx, periodId);
  const member = members.find((m) => m.id === memberId);
  if (!member) throw new NotFoundError('Không tìm thấy thành viên Hội đồng.');
  if (body.userId) {
    if (members.some((m) => m.id !== memberId && m.user_id === body.userId))
      throw new ValidationError('Một tài khoản chỉ được liên kết với một thành viên Hội đồng.', [
        { field: 'userId', message: 'Tài khoản đã liên kết với thành viên khác' },
      ]);
    await checkLinkedUsers(ctx, period, [{ field: 'userId', userId: body.userId }]);
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    await updateMemberUser(trx, memberId, body.userId);
    await writeAudit(trx, {
      action: body.userId ? 'council.member-linked' : 'council.member-unlinked',
      objectType: 'council_member',
      objectId: memberId,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        council: council.id,
        member: member.full_name,
        userId: { from: member.user_id, to: body.userId },
      },
    });
  });
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
  const signers = meetingSigners(body, members, present);
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
      start_time: body.startTime ?? null,
      end_time: body.endTime ?? null,
      chair_member_id: signers.chair,
      secretary_member_id: signers.secretary,
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
        startTime: body.startTime ?? null,
        endTime: body.endTime ?? null,
        chair: signers.chair,
        secretary: signers.secretary,
      },
    });
  });
  return loadCouncil(ctx, periodId);
}

/**
 * Who signs the minutes of a meeting: the members picked, else the chair (or a vice-chair) and the
 * secretary if present; both must be present. A written consultation names the chair and secretary.
 */
function meetingSigners(
  body: z.infer<typeof meetingSchema>,
  members: { id: string; council_role: string }[],
  present: string[],
): { chair: string | null; secretary: string | null } {
  const here = (id: string | undefined) => (id && present.includes(id) ? id : undefined);
  const withRole = (role: string) => members.filter((m) => m.council_role === role).map((m) => m.id);
  if (body.mode === 'written')
    return { chair: withRole('chair')[0] ?? null, secretary: withRole('secretary')[0] ?? null };
  for (const [field, id] of [
    ['chairMemberId', body.chairMemberId],
    ['secretaryMemberId', body.secretaryMemberId],
  ] as const) {
    if (id && !here(id))
      throw new ValidationError('Người chủ trì và thư ký cuộc họp phải là thành viên có mặt.', [
        { field, message: 'Chọn trong số thành viên có mặt' },
      ]);
  }
  const chair =
    body.chairMemberId ?? [...withRole('chair'), ...withRole('vice_chair')].find((id) => here(id));
  const secretary = body.secretaryMemberId ?? withRole('secretary').find((id) => here(id));
  if (!chair || !secretary)
    throw new ValidationError(
      'Chủ tịch Hội đồng hoặc Thư ký vắng mặt: hãy chọn người chủ trì và người ghi biên bản trong số thành viên có mặt.',
      [
        ...(!chair ? [{ field: 'chairMemberId', message: 'Chọn người chủ trì' }] : []),
        ...(!secretary ? [{ field: 'secretaryMemberId', message: 'Chọn thư ký cuộc họp' }] : []),
      ],
    );
  if (chair === secretary)
    throw new ValidationError('Người chủ trì và thư ký cuộc họp phải là hai người khác nhau.', [
      { field: 'secretaryMemberId', message: 'Chọn người khác người chủ trì' },
    ]);
  return { chair, secretary };
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
  const meeting = meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new NotFoundError('Không tìm thấy cuộc họp.');
  const member = members.find((m) => m.id === body.memberId);
  if (!member)
    throw new ValidationError('Người cho ý kiến không phải thành viên Hội đồng.', [
      { field: 'memberId', message: 'Không phải thành viên' },
    ]);
  const refusal = opinionRefusal(
    ctx.actor,
    period.path,
    { mode: meeting.mode, presentMemberIds: meeting.present_member_ids },
    { id: member.id, userId: member.user_id, fullName: member.full_name },
    body.proxyNote,
  );
  if (refusal?.reason === 'absent') throw new ConflictError(refusal.message, { reason: 'absent' });
  if (refusal?.reason === 'not_own') throw new ForbiddenError(refusal.message);
  if (refusal?.reason === 'note_required')
    throw new ValidationError(refusal.message, [
      { field: 'proxyNote', message: 'Cần ghi chú "Ghi thay theo …"' },
    ]);
  const own = member.user_id !== null && member.user_id === ctx.actor.userId;
  const proxyNote = own ? null : body.proxyNote!.trim();
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
      recorded_by: ctx.actor.userId,
      proxy_note: proxyNote,
    });
    await writeAudit(trx, {
      action: 'council.opinion-recorded',
      objectType: 'evaluation',
      objectId: evaluation.id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        meeting: meetingId,
        member: member.full_name,
        opinion: body.opinion,
        ...(proxyNote ? { proxyNote } : {}),
      },
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
  // One decision per period, issued when every unit is final (ADR 0008): a decision taken while
  // some communes are still being assessed would leave them with no decision possible.
  const pending = evaluations
    .filter((e) => e.state !== 'appraised')
    .sort((x, y) => x.name.localeCompare(y.name, 'vi'));
  if (pending.length) {
    throw new ConflictError(
      `Chưa thể ban hành quyết định: còn ${pending.length}/${evaluations.length} đơn vị chưa thẩm định xong (${pending
        .map((e) => `${e.name}: ${STATE_LABELS[e.state]}`)
        .join('; ')}). Quyết định công nhận được ban hành một lần cho tất cả đơn vị của kỳ.`,
      { reason: 'units_pending', units: pending.map((e) => ({ id: e.id, name: e.name, state: e.state })) },
    );
  }
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
