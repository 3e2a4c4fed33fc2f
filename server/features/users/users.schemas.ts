import { z } from 'zod';
import { newPasswordSchema } from '@shared/auth.schemas.ts';
import { ROLES } from '@shared/access/roles.ts';
import { LIMITS } from '@shared/limits.ts';

export const userIdParams = z.object({ id: z.uuid('Mã người dùng không hợp lệ') });
export const roleParams = z.object({
  id: z.uuid('Mã người dùng không hợp lệ'),
  assignmentId: z.uuid('Mã phân quyền không hợp lệ'),
});

export const roleGrantInput = z.object({
  role: z.enum(ROLES, { error: 'Vai trò không hợp lệ' }),
  unitId: z.uuid('Mã đơn vị không hợp lệ'),
});
export type RoleGrantInput = z.output<typeof roleGrantInput>;

export const usernameSchema = z
  .string()
  .trim()
  .min(3, 'Tên đăng nhập phải có ít nhất 3 ký tự')
  .max(LIMITS.usernameMax)
  .regex(/^[a-zA-Z0-9._-]+$/, 'Tên đăng nhập chỉ gồm chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới');

export const createUserBody = z.object({
  username: usernameSchema,
  fullName: z.string().trim().min(2, 'Vui lòng nhập họ và tên').max(200),
  email: z.email('Thư điện tử không hợp lệ').nullish(),
  password: newPasswordSchema.optional(),
  roles: z.array(roleGrantInput).min(1, 'Cần ít nhất một vai trò').max(20),
});
export type CreateUserBody = z.output<typeof createUserBody>;

export const listUsersQuery = z.object({
  search: z.string().trim().max(100).optional(),
  unitId: z.uuid('Mã đơn vị không hợp lệ').optional(),
  status: z.enum(['active', 'inactive', 'all']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListUsersQuery = z.output<typeof listUsersQuery>;
