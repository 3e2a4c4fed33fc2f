import { z } from 'zod';
import { PERMISSIONS, ROLES } from './access/roles.ts';
import { LIMITS } from './limits.ts';
import { passwordWeakness } from './password-strength.ts';

export const signInSchema = z.object({
  username: z.string().trim().min(1, 'Vui lòng nhập tên đăng nhập').max(LIMITS.usernameMax),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu').max(LIMITS.passwordMax),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** A password being set (changed, or given to a new account): long enough and hard to guess. */
export const newPasswordSchema = z
  .string()
  .min(LIMITS.passwordMin, `Mật khẩu mới phải có ít nhất ${LIMITS.passwordMin} ký tự`)
  .max(LIMITS.passwordMax)
  .superRefine((password, ctx) => {
    if (password.length < LIMITS.passwordMin) return; // said once, by min()
    const weakness = passwordWeakness(password);
    if (weakness) ctx.addIssue({ code: 'custom', message: weakness });
  });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Vui lòng nhập mật khẩu hiện tại'),
    newPassword: newPasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    message: 'Mật khẩu mới phải khác mật khẩu hiện tại',
  });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

/** What GET /api/auth/me (and the sign-in) returns: the signed-in user, roles and the abilities the UI needs. */
export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    mustChangePassword: z.boolean(),
  }),
  grants: z.array(
    z.object({ role: z.enum(ROLES), roleLabel: z.string(), unitId: z.string(), unitName: z.string() }),
  ),
  permissions: z.array(z.enum(PERMISSIONS)),
  csrfToken: z.string(),
  /**
   * Today on the business calendar ('YYYY-MM-DD', Vietnam time, shifted by CLOCK_OFFSET_DAYS on a training
   * copy): the web counts days left and marks overdue deadlines from it, never from the browser's clock.
   */
  today: z.string(),
});
export type MeResponse = z.output<typeof meResponse>;

/** What GET /api/auth/session returns: the signed-in user, or null for an anonymous visitor (never a 401). */
export const sessionResponse = z.object({ me: meResponse.nullable() });
export type SessionResponse = z.output<typeof sessionResponse>;

/** What signing out everywhere returns: how many sessions were ended. */
export const signedOutEverywhereResponse = z.object({ ended: z.number() });
