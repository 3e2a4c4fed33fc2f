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
  expires_at: Date;
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
 * How long a session and its actor, once read, answer the next requests of the same session
 * without the two queries (session + role grants). On the embedded engine every query waits for the
 * one connection, so these two were a third of a read's queries. Every state-changing request
 * clears the whole cache when it completes (sign-out, role or account changes take effect at once);
 * changes made outside HTTP (the CLI, another process) take effect within this delay.
 * Off in tests, which change sessions directly in the database.
 */
const CACHE_MS = 2_000;

type CachedSession = { session: LiveSession; actor: Actor; until: number };

/**
 * Resolves the signed-in actor from the session cookie on every request, and enforces CSRF:
 * a state-changing request made with a session must carry the session's token in a header,
 * which a page on another site cannot read.
 */
export function registerSessions(app: FastifyInstance, ctx: AppContext, store: SessionStore) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  const cacheMs = ctx.config.env === 'test' ? 0 : CACHE_MS;
  const cache = new Map<string, CachedSession>();
  // Bumped on every clear: a lookup that started before a change must not cache what it read.
  let generation = 0;
  const clear = () => {
    generation++;
    cache.clear();
  };
  const lookUp = async (id: string): Promise<CachedSession | undefined> => {
    const now = Date.now();
    const hit = cache.get(id);
    if (hit && hit.until > now && hit.session.expires_at.getTime() > now) {
      return hit;
    }
    const started = generation;
    const session = await store.findLiveSession(ctx.db, id);
    if (!session) {
      cache.delete(id);
      return undefined;
    }
    const actor = await store.loadActor(ctx.db, session.user_id, session.username, session.full_name);
    const entry = { session, actor, until: now + cacheMs };
    // Not a session that must change its password: the change may be made on another instance
    // (ADR 0020), and this one would send the user back to the password form for up to CACHE_MS.
    if (cacheMs > 0 && started === generation && !session.must_change_password) {
      if (cache.size > 10_000) cache.clear();
      cache.set(id, entry);
    }
    return entry;
  };
  app.addHook('onResponse', async (request) => {
    if (cacheMs > 0 && !SAFE_METHODS.has(request.method)) clear();
  });
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await lookUp(sessionIdOf(token));
    if (!found) return;
    const { session } = found;
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
    request.actor = found.actor;
    // Sliding expiry, written at most once a minute per session.
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
      const expiresAt = new Date(Date.now() + ctx.config.sessionTtlMs);
      await store.touchSession(ctx.db, session.id, expiresAt);
      found.session = { ...session, last_seen_at: new Date(), expires_at: expiresAt };
    }
  });
}
