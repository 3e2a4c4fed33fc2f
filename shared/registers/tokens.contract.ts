import { z } from 'zod';
import { instant } from '../contract.ts';

/**
 * API tokens of the registers (server/features/registers/tokens.routes.ts): an administrator gives a
 * one-stop system a token for one commune's register; the system then pushes dossiers with it
 * (docs/api-push-tthc.md). `analytics`: a read-only token of a province (or commune) for its portal,
 * accepted by GET /api/analytics/* only, scoped to its unit (docs/api-analytics.md).
 */

export const TOKEN_REGISTERS = ['tthc', 'analytics'] as const;
export type TokenRegister = (typeof TOKEN_REGISTERS)[number];
export const TOKEN_REGISTER_LABELS: Record<TokenRegister, string> = {
  tthc: 'Sổ hồ sơ TTHC',
  analytics: 'Thống kê (chỉ đọc)',
};

export const createTokenBody = z.object({
  unitId: z.uuid('Mã đơn vị không hợp lệ'),
  register: z
    .enum(TOKEN_REGISTERS, { error: 'Loại kết nối không hợp lệ (chỉ nhận "tthc" hoặc "analytics")' })
    .default('tthc'),
  name: z
    .string({ error: 'Vui lòng nhập tên kết nối' })
    .trim()
    .min(3, 'Tên kết nối cần ít nhất 3 ký tự (ví dụ "Hệ thống một cửa tỉnh")')
    .max(200, 'Tên kết nối tối đa 200 ký tự'),
});
export type CreateTokenBody = z.output<typeof createTokenBody>;

export const listTokensQuery = z.object({
  unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
  /** Revoked tokens are listed too unless `active=1`. */
  active: z.enum(['0', '1']).optional(),
});
export type ListTokensQuery = z.output<typeof listTokensQuery>;

export const tokenIdParams = z.object({ id: z.uuid('Mã kết nối không hợp lệ') });

export const tokenResponse = z.object({
  id: z.string(),
  name: z.string(),
  register: z.string(),
  registerLabel: z.string(),
  unit: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  createdBy: z.string().nullable(),
  createdAt: instant,
  lastUsedAt: instant.nullable(),
  revokedAt: instant.nullable(),
  revokedBy: z.string().nullable(),
  abilities: z.object({ canRevoke: z.boolean() }),
});
export type TokenView = z.output<typeof tokenResponse>;

export const tokenListResponse = z.object({ items: z.array(tokenResponse) });

/** The new token: the only answer that ever carries the token itself. */
export const createdTokenResponse = z.object({ token: z.string(), item: tokenResponse });
export type CreatedToken = z.output<typeof createdTokenResponse>;
