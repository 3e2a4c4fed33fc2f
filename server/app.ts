import { analyticsRoutes } from './features/analytics/analytics.routes.ts';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { constants as zlibConstants } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { AppContext } from './app-context.ts';
import { checkDatabaseReady } from './db/readiness.ts';
import { authRoutes } from './features/auth/auth.routes.ts';
import { sessionStore } from './features/auth/sessions.repo.ts';
import { jobsRoutes } from './platform/jobs/jobs.routes.ts';
import { unitsRoutes } from './features/units/units.routes.ts';
import { usersRoutes } from './features/users/users.routes.ts';
import { auditRoutes } from './features/audit/audit.routes.ts';
import { calendarRoutes } from './features/calendar/calendar.routes.ts';
import { evaluationRoutes } from './features/evaluations/evaluations.routes.ts';
import { councilRoutes } from './features/council/council.routes.ts';
import { appraisalRoutes } from './features/appraisal/appraisal.routes.ts';
import { evidenceRoutes } from './features/evidence/evidence.routes.ts';
import { frameworksRoutes } from './features/frameworks/frameworks.routes.ts';
import { frameworkDraftsRoutes } from './features/frameworks/framework-drafts.routes.ts';
import { rescoreRoutes } from './features/periods/rescore.routes.ts';
import { postingRoutes } from './features/posting/posting.routes.ts';
import { periodsRoutes } from './features/periods/periods.routes.ts';
import { gapsRoutes } from './features/evaluations/gaps.routes.ts';
import { documentsRoutes } from './features/documents/documents.routes.ts';
import { plansRoutes } from './features/plans/plans.routes.ts';
import { booksRoutes } from './features/books/books.routes.ts';
import { tthcDossiersRoutes } from './features/tthc/tthc.dossiers.routes.ts';
import { tthcImportRoutes } from './features/tthc/tthc.import.routes.ts';
import { tokensRoutes } from './features/registers/tokens.routes.ts';
import { pushRoutes } from './features/registers/push.routes.ts';
import { apiTokenStore } from './features/registers/tokens.repo.ts';
import { bieu06Routes } from './features/tthc/bieu06.routes.ts';
import { surveysRoutes } from './features/surveys/surveys.routes.ts';
import { registerSessions } from './platform/auth/session-plugin.ts';
import { frameworkErrors, notFoundBody, registerErrorHandler } from './platform/http/error-handler.ts';
import { registerRoutes, type RouteDef } from './platform/http/route.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/dist');
/** The citizens' pages (posting, printable notice, published decision, survey answering), answered with web/public.html. */
const PUBLIC_PAGES = /^\/(cong-khai|cong-bo|khao-sat)(\/|\?|$)/;

/** Every API route of the application, in one list: the access tests iterate over it. */
export const apiRoutes: RouteDef[] = [
  ...authRoutes,
  ...jobsRoutes,
  ...unitsRoutes,
  ...usersRoutes,
  ...auditRoutes,
  ...calendarRoutes,
  ...periodsRoutes,
  ...evaluationRoutes,
  ...appraisalRoutes,
  ...councilRoutes,
  ...postingRoutes,
  ...evidenceRoutes,
  ...frameworksRoutes,
  ...frameworkDraftsRoutes,
  ...rescoreRoutes,
  ...gapsRoutes,
  ...documentsRoutes,
  ...plansRoutes,
  ...booksRoutes,
  ...tthcDossiersRoutes,
  ...tthcImportRoutes,
  ...tokensRoutes,
  ...pushRoutes,
  ...bieu06Routes,
  ...surveysRoutes,
  ...analyticsRoutes,
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
    // Router errors (a path parameter too long, a bad percent-encoding) answered in Vietnamese too.
    frameworkErrors,
    // One line per request drowns the console of a commune's laptop; requests are logged at debug
    // level below, and server errors always (error handler).
    logController: new LogController({ disableRequestLogging: true }),
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.debug(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });
  registerErrorHandler(app);
  await app.register(cookie);
  // Streamed uploads (evidence files); limits are set per route where the file is read.
  await app.register(multipart);
  // Responses over 1 KB are compressed when the client accepts it (JSON of an evaluation shrinks ~10×);
  // brotli at a low quality: on-the-fly compression must cost less than it saves on a slow link.
  await app.register(compress, {
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  registerSessions(app, ctx, sessionStore);
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
      await checkDatabaseReady(ctx.db);
      return { status: 'ready', engine: ctx.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', message: 'Cơ sở dữ liệu chưa sẵn sàng.' });
    }
  });

  registerRoutes(app, ctx, apiRoutes, apiTokenStore);

  const serveWeb = options.serveWeb === true && existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb)
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: 'index.html',
      // .br/.gz written at build time (web/vite.config.ts) are sent as they are.
      preCompressed: true,
      setHeaders(res, filePath) {
        // Hashed file names change with their content: cache them for a year; index.html never.
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET outside /api gets index.html, except the
    // citizens' pages, which are their own light entry (web/public.html, no antd).
    if (serveWeb && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile(PUBLIC_PAGES.test(request.url) ? 'public.html' : 'index.html');
    }
    return reply.status(404).send(notFoundBody(request.method, request.url));
  });
  return app;
}
