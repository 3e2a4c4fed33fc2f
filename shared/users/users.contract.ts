import { z } from 'zod';
import { ROLES } from '../access/roles.ts';
import { instant, pageOf } from '../contract.ts';

/** Responses of /api/users (server/features/users/users.routes.ts). */

export const userRoleResponse = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  roleLabel: z.string(),
  unitId: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  abilities: z.object({ canRemove: z.boolean() }),
});

export const userResponse = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: instant.nullable(),
  createdAt: instant,
  roles: z.array(userRoleResponse),
  abilities: z.object({ canManage: z.boolean(), canResetPassword: z.boolean(), canDeactivate: z.boolean() }),
});

export const userPageResponse = pageOf(userResponse);

/** A new account, with the temporary password the server made up when none was given. */
export const createdUserResponse = z.object({ user: userResponse, generatedPassword: z.string().nullable() });

export const passwordResetResponse = z.object({ temporaryPassword: z.string() });
