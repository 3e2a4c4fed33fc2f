import type { FastifyInstance } from 'fastify';
import type { Actor } from '@shared/access/actor.ts';
import type { AppContext } from '@server/app-context.ts';
import { findLiveSession, loadActor, touchSession } from '@server/features/auth/sessions.repo.ts';
import { ForbiddenError } from '@server/platform/http/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE, safeEqual, sessionIdOf } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: { id: string; csrfToken: string; mustChangePassword: boolean } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves the signed-in actor from the session cookie on every request, and enforces CSRF:
 * a state-changing request made with a session must carry the session's token in a header,
 * which a page on another site cannot read.
 */
export function registerSessions(app: FastifyInstance, ctx: AppContext) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findLiveSession(ctx.db, sessionIdOf(token));
    if (!session) return;
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrf_token)) {
        throw new ForbiddenError('Phiên làm việc không hợp lệ (thiếu mã CSRF). Vui lòng tải lại trang.');
      }
    }
    request.session = {
      id: session.id,
      csrfToken: session.csrf_token,
      mustChangePassword: session.must_change_password,
    };
    request.actor = await loadActor(ctx.db, session.user_id, session.username, session.full_name);
    // Sliding expiry, written at most once a minute per session.
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await touchSession(ctx.db, session.id, new Date(Date.now() + ctx.config.sessionTtlMs));
    }
  });
}
