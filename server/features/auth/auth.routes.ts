import type { FastifyReply } from 'fastify';
import {
  changePasswordSchema,
  meResponse,
  signedOutEverywhereResponse,
  signInSchema,
  sessionResponse,
} from '@shared/auth.schemas.ts';
import { noContent } from '@shared/contract.ts';
import type { AppContext } from '@server/app-context.ts';
import { SESSION_COOKIE, SIGNED_IN_HINT_COOKIE } from '@server/platform/auth/tokens.ts';
import { defineRoute } from '@server/platform/http/route.ts';
import { changePassword, presentMe, signIn, signOut } from './auth.service.ts';

function setSessionCookie(reply: FastifyReply, app: AppContext, token: string, expires: Date) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
    expires,
  });
  reply.setCookie(SIGNED_IN_HINT_COOKIE, '1', {
    path: '/',
    httpOnly: false,
    sameSite: 'lax',
    secure: app.config.cookieSecure,
    expires,
  });
}

function clearSessionCookies(reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
}

export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/auth/sign-in',
    access: 'public',
    summary: 'Đăng nhập bằng tên đăng nhập và mật khẩu',
    schemas: { body: signInSchema },
    response: meResponse,
    async handler({ body }, ctx, http) {
      const result = await signIn(ctx.app, ctx.app.signInLimiter, body, {
        ip: ctx.ip,
        userAgent: http.request.headers['user-agent'] ?? null,
      });
      setSessionCookie(http.reply, ctx.app, result.token, result.expiresAt);
      return result.me;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/me',
    access: 'signedIn',
    allowWithTemporaryPassword: true,
    summary: 'Người dùng đang đăng nhập, vai trò và quyền',
    response: meResponse,
    async handler(_input, ctx, http) {
      const session = http.request.session!;
      return presentMe(ctx.actor, session.mustChangePassword, session.csrfToken);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/session',
    access: 'public',
    summary: 'Phiên hiện tại: người dùng đang đăng nhập, hoặc null khi chưa đăng nhập (không trả 401)',
    response: sessionResponse,
    async handler(_input, ctx, http) {
      const session = http.request.session;
      if (!ctx.actor || !session) return { me: null };
      return { me: presentMe(ctx.actor, session.mustChangePassword, session.csrfToken) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/sign-out',
    access: 'signedIn',
    allowWithTemporaryPassword: true,
    summary: 'Đăng xuất khỏi phiên này',
    response: noContent,
    async handler(_input, ctx, http) {
      await signOut(ctx, http.request.session!.id, false);
      clearSessionCookies(http.reply);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/sign-out-everywhere',
    access: 'signedIn',
    allowWithTemporaryPassword: true,
    summary: 'Đăng xuất khỏi mọi thiết bị',
    response: signedOutEverywhereResponse,
    async handler(_input, ctx, http) {
      const ended = await signOut(ctx, http.request.session!.id, true);
      clearSessionCookies(http.reply);
      return { ended };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/password',
    access: 'signedIn',
    allowWithTemporaryPassword: true,
    summary: 'Đổi mật khẩu của chính mình',
    schemas: { body: changePasswordSchema },
    response: noContent,
    async handler({ body }, ctx, http) {
      await changePassword(ctx, http.request.session!.id, body);
    },
  }),
];
