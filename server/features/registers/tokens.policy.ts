import { can, type Actor } from '@shared/access/actor.ts';
import type { TokenRegister } from '@shared/registers/tokens.contract.ts';

/** Pure rules about API tokens: (actor, unit or token) → boolean or refusal. */

/** Tokens of a commune are given and taken back by the administrators above it (registers.tokens). */
export function canManageTokensOf(actor: Actor, unit: { path: string }): boolean {
  return can(actor, 'registers.tokens', unit.path);
}

export function canRevokeToken(actor: Actor, token: { unit_path: string; revoked_at: Date | null }): boolean {
  return token.revoked_at === null && canManageTokensOf(actor, { path: token.unit_path });
}

/**
 * Why a unit cannot receive a token, or null: a register token writes one commune's register, so it is
 * given to a commune still in force (a unit merged away in 2025 keeps its old records, but receives
 * nothing new); a read-only analytics token reads a province's or a commune's figures.
 */
export function tokenUnitRefusal(
  unit: { level: string; name: string; valid_to: string | null },
  today: string,
  register: TokenRegister = 'tthc',
): string | null {
  if (register === 'analytics') {
    if (unit.level !== 'province' && unit.level !== 'commune')
      return 'Mã đọc thống kê chỉ cấp cho một tỉnh, thành phố hoặc một xã, phường.';
  } else if (unit.level !== 'commune') return 'Mã kết nối chỉ cấp cho đơn vị cấp xã (sổ của xã).';
  if (unit.valid_to !== null && unit.valid_to <= today)
    return `Đơn vị ${unit.name} đã hết hiệu lực: không cấp mã kết nối mới.`;
  return null;
}
