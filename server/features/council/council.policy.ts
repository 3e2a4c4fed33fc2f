import { can, type Actor } from '@shared/access/actor.ts';
import type { Permission, Role } from '@shared/access/roles.ts';
import { PROXY_NOTE_PREFIX } from '@shared/evaluations/evaluations.schemas.ts';

/** Whether the actor sees the council of a period organised at `periodPath` (otherwise: not found). */
export function canSeeCouncil(actor: Actor, periodPath: string): boolean {
  return can(actor, 'council.read', periodPath);
}

/** Whether the actor holds `permission` (council.manage, council.opinion, decisions.manage…) for the period. */
export function canActOnPeriod(actor: Actor, permission: Permission, periodPath: string): boolean {
  return can(actor, permission, periodPath);
}

/** A member speaks for themself; only the secretary (council.manage) records opinions for others. */
export function canRecordOpinionOf(actor: Actor, member: { userId: string | null }, periodPath: string) {
  return member.userId === actor.userId || can(actor, 'council.manage', periodPath);
}

/**
 * Whether an opinion may be recorded at this meeting, or the Vietnamese refusal. A member speaks for
 * himself; the secretary (council.manage) may write one down for another member only with a note
 * "Ghi thay theo …" saying on what basis. A member absent from a meeting has no opinion there: he
 * sends a written one (Mẫu 06). In a written consultation every member may answer.
 */
export function opinionRefusal(
  actor: Actor,
  periodPath: string,
  meeting: { mode: 'meeting' | 'written'; presentMemberIds: string[] },
  member: { id: string; userId: string | null; fullName: string },
  proxyNote: string | undefined,
): OpinionRefusal | null {
  if (meeting.mode === 'meeting' && !meeting.presentMemberIds.includes(member.id))
    return {
      reason: 'absent',
      message: `${member.fullName} vắng mặt tại cuộc họp nên không có ý kiến tại cuộc họp; thành viên vắng mặt gửi ý kiến bằng văn bản (Mẫu 06).`,
    };
  if (member.userId !== null && member.userId === actor.userId) return null;
  if (!can(actor, 'council.manage', periodPath))
    return { reason: 'not_own', message: 'Bạn chỉ ghi được ý kiến của chính mình.' };
  if (!isProxyNote(proxyNote))
    return {
      reason: 'note_required',
      message: `Ghi ý kiến thay ${member.fullName} cần ghi chú căn cứ, bắt đầu bằng "${PROXY_NOTE_PREFIX} …" (ví dụ: ${PROXY_NOTE_PREFIX} phát biểu tại cuộc họp).`,
    };
  return null;
}

export type OpinionRefusal = { reason: 'absent' | 'not_own' | 'note_required'; message: string };

/** "Ghi thay theo phát biểu tại cuộc họp": the prefix, then at least a few words of basis. */
export function isProxyNote(note: string | undefined): boolean {
  const text = note?.trim() ?? '';
  return (
    text.toLocaleLowerCase('vi').startsWith(PROXY_NOTE_PREFIX.toLocaleLowerCase('vi')) &&
    text.slice(PROXY_NOTE_PREFIX.length).trim().length >= 3
  );
}

/** Accounts that may sit on a council: council roles and the province's own staff. */
export const COUNCIL_ACCOUNT_ROLES: Role[] = [
  'council_member',
  'council_secretary',
  'province_admin',
  'province_reviewer',
];

/** The path of the province containing `path` ('/vn/19/…' → '/vn/19/'); the path itself above it. */
export function provincePathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 ? path : `/${parts.slice(0, 2).join('/')}/`;
}
