import type { z } from 'zod';
import { can } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type {
  createCouncilSchema,
  decisionSchema,
  meetingSchema,
  opinionSchema,
} from '@shared/evaluations/evaluations.schemas.ts';
import { nextState } from '@shared/evaluations/state-machine.ts';
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
import type { Executor } from '@server/db/executor.ts';
import { sql } from 'kysely';

/** At least two thirds of the members present (TT 09/2021): ⌈2n/3⌉. */
export function quorumOf(members: number): number {
  return Math.ceil((2 * members) / 3);
}

/** Loads a period and checks `permission` at its organising unit (404 outside scope, 403 without the right). */
async function loadPeriod(ctx: SignedInContext, periodId: string, permission: Permission) {
  const period = await ctx.app.db
    .selectFrom('evaluation_periods')
    .innerJoin('units', 'units.id', 'evaluation_periods.unit_id')
    .select([
      'evaluation_periods.id',
      'evaluation_periods.unit_id',
      'evaluation_periods.framework_version_id',
      'evaluation_periods.year',
      'units.path',
      'units.name as unit_name',
    ])
    .where('evaluation_periods.id', '=', periodId)
    .executeTakeFirst();
  if (!period || !can(ctx.actor, 'council.read', period.path))
    throw new NotFoundError('Không tìm thấy kỳ đánh giá.');
  if (!can(ctx.actor, permission, period.path)) throw new ForbiddenError();
  const framework = await getFrameworkVersion(ctx.app.db, period.framework_version_id);
  return { period, framework };
}

export async function createCouncil(
  ctx: SignedInContext,
  periodId: string,
  body: z.infer<typeof createCouncilSchema>,
) {
  const { period, framework } = await loadPeriod(ctx, periodId, 'council.manage');
  if (!framework.workflow.council)
    throw new ConflictError(`Bộ tiêu chí ${framework.code} không có bước Hội đồng.`);
  const existing = await ctx.app.db
    .selectFrom('councils')
    .select('id')
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (existing) throw new ConflictError('Kỳ đánh giá này đã có Hội đồng.');
  return ctx.app.db.transaction().execute(async (trx) => {
    const council = await trx
      .insertInto('councils')
      .values({ period_id: periodId, unit_id: period.unit_id, name: body.name })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('council_members')
      .values(
        body.members.map((m) => ({
          council_id: council.id,
          unit_id: period.unit_id,
          user_id: m.userId ?? null,
          full_name: m.fullName,
          position: m.position,
          council_role: m.councilRole,
        })),
      )
      .execute();
    await writeAudit(trx, {
      action: 'council.created',
      objectType: 'council',
      objectId: council.id,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { name: body.name, members: body.members.length },
    });
    return getCouncilTx(trx, council.id);
  });
}

async function getCouncilTx(db: Executor, councilId: string) {
  const council = await db
    .selectFrom('councils')
    .selectAll()
    .where('id', '=', councilId)
    .executeTakeFirstOrThrow();
  const members = await db
    .selectFrom('council_members')
    .select(['id', 'full_name', 'position', 'council_role', 'user_id'])
    .where('council_id', '=', councilId)
    .orderBy('created_at')
    .execute();
  const meetings = await db
    .selectFrom('council_meetings')
    .select(['id', 'mode', 'held_on', 'location', 'present_member_ids', 'quorum_met', 'conclusions'])
    .where('council_id', '=', councilId)
    .orderBy('held_on')
    .execute();
  return {
    id: council.id,
    periodId: council.period_id,
    name: council.name,
    quorum: quorumOf(members.length),
    members: members.map((m) => ({
      id: m.id,
      fullName: m.full_name,
      position: m.position,
      councilRole: m.council_role,
      userId: m.user_id,
    })),
    meetings: await Promise.all(
      meetings.map(async (m) => ({
        id: m.id,
        mode: m.mode,
        heldOn: m.held_on,
        location: m.location,
        presentMemberIds: m.present_member_ids,
        quorumMet: m.quorum_met,
        conclusions: m.conclusions,
        opinions: await opinionsOf(db, m.id),
      })),
    ),
  };
}

export async function getCouncil(ctx: SignedInContext, periodId: string) {
  await loadPeriod(ctx, periodId, 'council.read');
  const council = await ctx.app.db
    .selectFrom('councils')
    .select('id')
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (!council) throw new NotFoundError('Kỳ đánh giá chưa có Hội đồng.');
  return getCouncilTx(ctx.app.db, council.id);
}

/** Records a meeting (quorum: at least two thirds present) or a written consultation. */
export async function recordMeeting(
  ctx: SignedInContext,
  periodId: string,
  body: z.infer<typeof meetingSchema>,
) {
  const { period } = await loadPeriod(ctx, periodId, 'council.manage');
  const council = await getCouncil(ctx, periodId);
  const memberIds = new Set(council.members.map((m) => m.id));
  const present = [...new Set(body.presentMemberIds)];
  if (present.some((id) => !memberIds.has(id))) {
    throw new ValidationError('Có người dự họp không phải thành viên Hội đồng.', [
      { field: 'presentMemberIds', message: 'Thành viên không hợp lệ' },
    ]);
  }
  const quorumMet = body.mode === 'written' ? true : present.length >= council.quorum;
  if (body.mode === 'meeting' && !quorumMet) {
    throw new ValidationError(
      `Cuộc họp không đủ số lượng: có ${present.length}/${council.members.length} thành viên, cần ít nhất ${council.quorum} (2/3). Hãy họp lại hoặc lấy ý kiến bằng văn bản.`,
      [{ field: 'presentMemberIds', message: `Cần ít nhất ${council.quorum} thành viên` }],
    );
  }
  await ctx.app.db.transaction().execute(async (trx) => {
    const meeting = await trx
      .insertInto('council_meetings')
      .values({
        council_id: council.id,
        unit_id: period.unit_id,
        mode: body.mode,
        held_on: body.heldOn,
        location: body.location ?? null,
        present_member_ids: JSON.stringify(present),
        quorum_met: quorumMet,
        conclusions: body.conclusions ?? null,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, {
      action: 'council.meeting-recorded',
      objectType: 'council_meeting',
      objectId: meeting.id,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: {
        mode: body.mode,
        heldOn: body.heldOn,
        present: present.length,
        members: council.members.length,
      },
    });
  });
  return getCouncil(ctx, periodId);
}

/** One member's opinion on one commune (recorded by the member, or by the secretary for the minutes). */
export async function recordOpinion(
  ctx: SignedInContext,
  periodId: string,
  meetingId: string,
  body: z.infer<typeof opinionSchema>,
) {
  const { period } = await loadPeriod(ctx, periodId, 'council.opinion');
  const council = await getCouncil(ctx, periodId);
  const meeting = council.meetings.find((m) => m.id === meetingId);
  if (!meeting) throw new NotFoundError('Không tìm thấy cuộc họp.');
  const member = council.members.find((m) => m.id === body.memberId);
  if (!member)
    throw new ValidationError('Người cho ý kiến không phải thành viên Hội đồng.', [
      { field: 'memberId', message: 'Không phải thành viên' },
    ]);
  // A member speaks for themself; only the secretary (council.manage) records for others.
  if (member.userId !== ctx.actor.userId && !can(ctx.actor, 'council.manage', period.path))
    throw new ForbiddenError('Bạn chỉ ghi được ý kiến của chính mình.');
  const evaluation = await ctx.app.db
    .selectFrom('evaluations')
    .select(['id', 'unit_id', 'state'])
    .where('id', '=', body.evaluationId)
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (!evaluation) throw new NotFoundError('Không tìm thấy hồ sơ trong kỳ đánh giá.');
  if (evaluation.state !== 'appraised') throw new ConflictError('Chỉ cho ý kiến về hồ sơ đã thẩm định xong.');
  await ctx.app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('council_opinions')
      .values({
        meeting_id: meetingId,
        member_id: member.id,
        evaluation_id: evaluation.id,
        unit_id: evaluation.unit_id,
        opinion: body.opinion,
        comment: body.comment ?? null,
      })
      .onConflict((oc) =>
        oc
          .columns(['meeting_id', 'member_id', 'evaluation_id'])
          .doUpdateSet({ opinion: body.opinion, comment: body.comment ?? null }),
      )
      .execute();
    await writeAudit(trx, {
      action: 'council.opinion-recorded',
      objectType: 'evaluation',
      objectId: evaluation.id,
      unitId: evaluation.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { member: member.fullName, opinion: body.opinion },
    });
  });
  return opinionsOf(ctx.app.db, meetingId);
}

async function opinionsOf(db: Executor, meetingId: string) {
  return db
    .selectFrom('council_opinions')
    .select(['member_id as memberId', 'evaluation_id as evaluationId', 'opinion', 'comment'])
    .where('meeting_id', '=', meetingId)
    .execute();
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
  const already = await ctx.app.db
    .selectFrom('recognition_decisions')
    .select('id')
    .where('period_id', '=', periodId)
    .executeTakeFirst();
  if (already) throw new ConflictError('Kỳ đánh giá đã có quyết định công nhận.');
  const evaluations = await ctx.app.db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select([
      'evaluations.id',
      'evaluations.unit_id',
      'evaluations.state',
      'evaluations.version',
      'evaluations.appraised_result',
      'units.name',
    ])
    .where('period_id', '=', periodId)
    .execute();
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
  if (framework.workflow.council) {
    const quorate = await ctx.app.db
      .selectFrom('council_meetings')
      .innerJoin('councils', 'councils.id', 'council_meetings.council_id')
      .select(sql<number>`count(*)`.as('n'))
      .where('councils.period_id', '=', periodId)
      .where('council_meetings.quorum_met', '=', true)
      .executeTakeFirst();
    if (!quorate || Number(quorate.n) === 0)
      throw new ConflictError(
        'Hội đồng chưa họp (đủ 2/3 thành viên) hoặc chưa lấy ý kiến bằng văn bản; chưa thể quyết định.',
      );
  }
  return ctx.app.db.transaction().execute(async (trx) => {
    const decision = await trx
      .insertInto('recognition_decisions')
      .values({
        period_id: periodId,
        unit_id: period.unit_id,
        number: body.number,
        signed_on: body.signedOn,
        signer_name: body.signerName,
        signer_title: body.signerTitle,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const e of appraised) {
      const outcome = achieved.has(e.id) ? 'achieved' : 'not_achieved';
      const to = nextState(e.state, 'decide', framework.workflow, outcome)!;
      await trx
        .updateTable('evaluations')
        .set({ state: to, version: e.version + 1, updated_at: new Date() })
        .where('id', '=', e.id)
        .where('version', '=', e.version)
        .execute();
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
      objectId: decision.id,
      unitId: period.unit_id,
      actor: ctx.actor,
      ip: ctx.ip,
      diff: { number: body.number, achieved: achieved.size, notAchieved: appraised.length - achieved.size },
    });
    return { id: decision.id };
  });
}

/** The published decision with its lists of units achieved and not achieved (Mẫu 08 data), and the Mẫu 10 counts. */
export async function getPublicDecision(ctx: ServiceContext, periodId: string) {
  const decision = await ctx.app.db
    .selectFrom('recognition_decisions')
    .innerJoin('evaluation_periods', 'evaluation_periods.id', 'recognition_decisions.period_id')
    .innerJoin('units', 'units.id', 'recognition_decisions.unit_id')
    .select([
      'recognition_decisions.number',
      'recognition_decisions.signed_on',
      'recognition_decisions.signer_name',
      'recognition_decisions.signer_title',
      'evaluation_periods.year',
      'evaluation_periods.name as period_name',
      'units.name as unit_name',
    ])
    .where('recognition_decisions.period_id', '=', periodId)
    .executeTakeFirst();
  if (!decision) throw new NotFoundError('Kỳ đánh giá chưa có quyết định công nhận.');
  const rows = await ctx.app.db
    .selectFrom('evaluations')
    .innerJoin('units', 'units.id', 'evaluations.unit_id')
    .select(['units.name', 'units.code', 'evaluations.state', 'evaluations.appraised_result'])
    .where('evaluations.period_id', '=', periodId)
    .where('evaluations.state', 'in', ['decided_achieved', 'decided_not_achieved'])
    .execute();
  const sortVi = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');
  const present = (r: (typeof rows)[number]) => ({
    name: r.name,
    code: r.code,
    total: (r.appraised_result as EvaluationResult | null)?.total ?? null,
  });
  const achieved = rows
    .filter((r) => r.state === 'decided_achieved')
    .map(present)
    .sort(sortVi);
  const notAchieved = rows
    .filter((r) => r.state === 'decided_not_achieved')
    .map(present)
    .sort(sortVi);
  const total = achieved.length + notAchieved.length;
  return {
    number: decision.number,
    signedOn: decision.signed_on,
    signerName: decision.signer_name,
    signerTitle: decision.signer_title,
    issuingUnit: decision.unit_name,
    year: decision.year,
    periodName: decision.period_name,
    achieved,
    notAchieved,
    summary: {
      achieved: achieved.length,
      total,
      percent: total ? ((achieved.length * 100) / total).toFixed(2).replace(/\.?0+$/, '') : '0',
    },
  };
}
