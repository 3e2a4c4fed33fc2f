import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from './app-context.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { jobsRoutes } from './platform/jobs/jobs.routes.ts';
import { unitsRoutes } from './features/units/units.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import { calendarRoutes } from './features/calendar/calendar.routes.ts';
import { councilRoutes, evaluationRoutes } from './features/evaluations/evaluations.routes.ts';
import { evidenceRoutes } from './features/evidence/evidence.routes.ts';
import { frameworksRoutes } from './features/frameworks/frameworks.routes.ts';
import { postingRoutes } from './features/posting/posting.routes.ts';
import { gapsRoutes } from './features/evaluations/gaps.routes.ts';
import { documentsRoutes } from './features/documents/documents.routes.ts';
import { registerSessions } from './platform/auth/session-plugin.ts';
import { notFoundBody, registerErrorHandler } from './platform/http/error-handler.ts';
import { registerRoutes, type RouteDef } from './platform/http/route.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');

/** Every API route of the application, in one list: the access tests iterate over it. */
export const apiRoutes: RouteDef[] = [
  ...authRoutes,
  ...jobsRoutes,
  ...unitsRoutes,
  ...usersRoutes,
  ...auditRoutes,
  ...calendarRoutes,
  ...evaluationRoutes,
  ...councilRoutes,
  ...postingRoutes,
  ...evidenceRoutes,
  ...frameworksRoutes,
  ...gapsRoutes,
  ...documentsRoutes,
];

/** Builds the HTTP application (not listening): used by main.ts and by the integration tests. */
export async function buildApp(
  ctx: AppContext,
  options: { serveWeb?: boolean } = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
  });
  registerErrorHandler(app);
  await app.register(cookie);
  // Streamed uploads (evidence files); limits are set per route where the file is read.
  await app.register(multipart);
  registerSessions(app, ctx);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        // Ant Design writes its styles into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Evidence previews show files fetched with the session through blob: URLs.
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameSrc: ["'self'", 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // No upgrade-insecure-requests: communes also serve it over plain HTTP on their own network.
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // Not for sibling hosts: the product may sit under a shared government domain.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
  });
  app.addHook('onSend', async (request, reply) => {
    // Helmet has no Permissions-Policy: the app uses none of these browser features.
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    // API answers (a signed-in user's data, the sign-in's CSRF token) must not be kept by the
    // browser or a proxy; a route that sets its own rule (downloads) keeps it.
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store');
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1 from schema_migrations limit 1`.execute(ctx.db);
      return { status: 'ready', engine: ctx.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'Cơ sở dữ liệu chưa sẵn sàng.' });
    }
  });

  registerRoutes(app, ctx, apiRoutes);

  const serveWeb = options.serveWeb === true && existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET outside /api gets index.html.
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
}
