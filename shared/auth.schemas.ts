import { z } from 'zod';
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

/** What GET /api/auth/me returns: the signed-in user, roles and the abilities the UI needs. */
export type MeResponse = {
  user: { id: string; username: string; fullName: string; mustChangePassword: boolean };
  grants: { role: string; roleLabel: string; unitId: string; unitName: string }[];
  permissions: string[];
  csrfToken: string;
  /**
   * Today on the business calendar ('YYYY-MM-DD', Vietnam time, shifted by CLOCK_OFFSET_DAYS on a training
   * copy): the web counts days left and marks overdue deadlines from it, never from the browser's clock.
   */
  today: string;
};

/** What GET /api/auth/session returns: the signed-in user, or null for an anonymous visitor (never a 401). */
export type SessionResponse = { me: MeResponse | null };
