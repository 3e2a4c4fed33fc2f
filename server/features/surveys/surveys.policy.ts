/** Who may do what with a survey, and whether it takes answers on a day. Pure. */
import { can, type Actor } from '@shared/access/actor.ts';
import { formatDate } from '@shared/format/vi.ts';
import type { SurveyStatus } from '@shared/surveys/surveys.ts';

/** A commune's surveys are read by the commune and the units above it (registers.read). */
export function canReadSurvey(actor: Actor, unitPath: string): boolean {
  return can(actor, 'registers.read', unitPath);
}

export function canEditSurvey(actor: Actor, unitPath: string): boolean {
  return can(actor, 'registers.edit', unitPath);
}

type Window = { status: SurveyStatus; opens_on: string; closes_on: string };

/**
 * Why a survey takes no answer on `today`, or null. `lastDay` is the closing date moved to the next
 * working day when it falls on a weekend or holiday (Bộ luật Dân sự 2015 Điều 148, as every deadline).
 */
export function answeringRefusal(survey: Window, today: string, lastDay: string): string | null {
  if (survey.status === 'draft') return 'Phiếu chưa mở lấy ý kiến.';
  if (survey.status === 'closed') return 'Đợt lấy ý kiến đã kết thúc. Cảm ơn Ông/Bà đã quan tâm.';
  if (today < survey.opens_on) return `Đợt lấy ý kiến bắt đầu từ ngày ${formatDate(survey.opens_on)}.`;
  if (today > lastDay) return `Đợt lấy ý kiến đã kết thúc ngày ${formatDate(lastDay)}.`;
  return null;
}

/** Whether the signed-in account is among those invited to answer. */
export function isInvited(inviteeIds: readonly string[], userId: string): boolean {
  return inviteeIds.includes(userId);
}
