import type { FastifyInstance } from 'fastify';
import type { Actor } from '@shared/access/actor.ts';
import type { AppContext } from '@server/app-context.ts';
import type { Db } from '@server/db/client.ts';
import { ForbiddenError } from '@server/platform/http/errors.ts';
import { CSRF_HEADER, SESSION_COOKIE, safeEqual, sessionIdOf } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: { id: string; csrfToken: string; mustChangePassword: boolean } | null;
  }
}

/** A live session of an active user, as the session store finds it. */
export type LiveSession = {
  id: string;
  user_id: string;
  csrf_token: string;
  last_seen_at: Date;
  username: string;
  full_name: string;
  must_change_password: boolean;
};

/**
 * Where sessions and actors are read from. Supplied by features/auth (sessions.repo.ts) when the app is
 * built: the mechanism lives here, the tables (sessions, users, role grants) belong to features.
 */
export type SessionStore = {
  findLiveSession(db: Db, id: string): Promise<LiveSession | undefined>;
  loadActor(db: Db, userId: string, username: string, fullName: string): Promise<Actor>;
  touchSession(db: Db, id: string, expiresAt: Date): Promise<void>;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves the signed-in actor from the session cookie on every request, and enforces CSRF:
 * a state-changing request made with a session must carry the session's token in a header,
 * which a page on another site cannot read.
 */
export function registerSessions(app: FastifyInstance, ctx: AppContext, store: SessionStore) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await store.findLiveSession(ctx.db, sessionIdOf(token));
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
    request.actor = await store.loadActor(ctx.db, session.user_id, session.username, session.full_name);
    // Sliding expiry, written at most once a minute per session.
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      await store.touchSession(ctx.db, session.id, new Date(Date.now() + ctx.config.sessionTtlMs));
    }
  });
}
