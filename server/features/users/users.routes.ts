import {
  createdUserResponse,
  passwordResetResponse,
  userPageResponse,
  userResponse,
} from '@shared/users/users.contract.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { createUserBody, listUsersQuery, roleGrantInput, roleParams, userIdParams } from './users.schemas.ts';
import {
  addRole,
  createUser,
  getUser,
  listUsers,
  removeRole,
  resetPassword,
  setActive,
} from './users.service.ts';

export const usersRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/users',
    access: { permission: 'users.read' },
    summary: 'Danh sách người dùng có vai trò tại các đơn vị trong phạm vi của mình',
    schemas: { query: listUsersQuery },
    response: userPageResponse,
    handler: ({ query }, ctx) => listUsers(ctx, query),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/users/:id',
    access: { permission: 'users.read' },
    summary: 'Một người dùng và các vai trò',
    schemas: { params: userIdParams },
    response: userResponse,
    handler: ({ params }, ctx) => getUser(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users',
    access: { permission: 'users.manage' },
    summary: 'Tạo người dùng với vai trò tại các đơn vị trong phạm vi của mình',
    schemas: { body: createUserBody },
    response: createdUserResponse,
    async handler({ body }, ctx, http) {
      http.reply.status(201);
      return createUser(ctx, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/reset-password',
    access: { permission: 'users.manage' },
    summary: 'Đặt lại mật khẩu (bắt buộc đổi khi đăng nhập, kết thúc mọi phiên)',
    schemas: { params: userIdParams },
    response: passwordResetResponse,
    handler: ({ params }, ctx) => resetPassword(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/deactivate',
    access: { permission: 'users.manage' },
    summary: 'Khoá (ngừng kích hoạt) tài khoản và kết thúc mọi phiên',
    schemas: { params: userIdParams },
    response: userResponse,
    handler: ({ params }, ctx) => setActive(ctx, params.id, false),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/activate',
    access: { permission: 'users.manage' },
    summary: 'Kích hoạt lại tài khoản',
    schemas: { params: userIdParams },
    response: userResponse,
    handler: ({ params }, ctx) => setActive(ctx, params.id, true),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/users/:id/roles',
    access: { permission: 'users.manage' },
    summary: 'Cấp một vai trò tại một đơn vị',
    schemas: { params: userIdParams, body: roleGrantInput },
    response: userResponse,
    async handler({ params, body }, ctx, http) {
      http.reply.status(201);
      return addRole(ctx, params.id, body);
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/users/:id/roles/:assignmentId',
    access: { permission: 'users.manage' },
    summary: 'Thu hồi một vai trò',
    schemas: { params: roleParams },
    response: userResponse,
    handler: ({ params }, ctx) => removeRole(ctx, params.id, params.assignmentId),
  }),
];
