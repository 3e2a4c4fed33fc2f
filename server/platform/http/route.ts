import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodType } from 'zod';
import { can } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type { AppContext } from '@server/app-context.ts';
import type { ApiTokenContext, ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { findJsonProblem } from '@shared/json-guard.ts';
import { authenticateApiToken, type ApiTokenStore } from '@server/platform/auth/api-tokens.ts';
import { DomainError, ForbiddenError, UnauthenticatedError, ValidationError } from './errors.ts';

/**
 * Who may call an endpoint, stated where the endpoint is defined:
 * - `public`: anyone, signed in or not (sign-in page, public postings);
 * - `signedIn`: any signed-in user (their own profile);
 * - a permission: a signed-in user holding it at some unit. The service then checks the
 *   specific object's unit, and list queries are scoped in SQL (docs/ARCHITECTURE.md);
 * - an API token of a register (`{ apiToken: 'tthc' }`): another system (a one-stop desk) sending
 *   `Authorization: Bearer dg_…`; no session, no CSRF. The token is checked before the body is
 *   read, and the handler gets it in `ctx.apiToken` (its unit is the only one it may write);
 * - both (`{ permission, apiToken }`): a signed-in user holding the permission, or — when the request
 *   carries `Authorization: Bearer …` — a token of that register (the read-only analytics token of a
 *   province's portal); the handler gets a SignedInContext or an ApiTokenContext and scopes by either.
 */
export type RouteAccess =
  | 'public'
  | 'signedIn'
  | { permission: Permission }
  | { apiToken: string }
  | { permission: Permission; apiToken: string };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The HTTP exchange, for the few handlers that set cookies, status codes or stream files. */
export type Http = { request: FastifyRequest; reply: FastifyReply };

type Schemas = { body?: ZodType; query?: ZodType; params?: ZodType };
/** What the handler may return: the response contract's input (Dates before JSON), or anything without one. */
type Returned<R> = R extends ZodType ? z.input<R> : unknown;
type Infer<S, K extends keyof Schemas> =
  S extends Record<K, infer T extends ZodType> ? z.output<T> : undefined;

export type RouteDef<
  S extends Schemas = Schemas,
  A extends RouteAccess = RouteAccess,
  R extends ZodType | undefined = ZodType | undefined,
> = {
  method: Method;
  url: string;
  access: A;
  summary: string;
  /** Reachable while the user still has a temporary password (sign-out, the password change itself). */
  allowWithTemporaryPassword?: boolean;
  schemas?: S;
  /**
   * The JSON body's contract, shared with the web (shared/<feature>/*.contract.ts). The handler's
   * return type must fit its input; the integration tests check every response against it
   * (`registerRoutes`). None for file downloads.
   */
  response?: R;
  /**
   * Larger bodies than the application's 1 MB and JSON guard allow (a batch of dossiers):
   * bytes of the body, keys and array items in all (shared/json-guard.ts).
   */
  bodyLimits?: { bytes: number; jsonEntries: number };
  handler(
    input: { body: Infer<S, 'body'>; query: Infer<S, 'query'>; params: Infer<S, 'params'> },
    ctx: A extends 'public'
      ? ServiceContext
      : A extends { permission: Permission; apiToken: string }
        ? SignedInContext | ApiTokenContext
        : A extends { apiToken: string }
          ? ApiTokenContext
          : SignedInContext,
    http: Http,
  ): Promise<Returned<R>>;
};

/** Declares a route with its access rule and zod schemas; types flow from the schemas. */
export function defineRoute<
  S extends Schemas,
  A extends RouteAccess,
  R extends ZodType | undefined = undefined,
>(def: RouteDef<S, A, R>): RouteDef {
  return def as unknown as RouteDef;
}

/**
 * Registers routes: checks access, validates input with the shared zod schemas, runs the handler.
 * Under test (`NODE_ENV=test`, the integration tests) every JSON response is checked against the
 * route's response contract, so each test is also a contract test; in production it is not
 * checked again (the types already hold the presenters to it, and checking costs).
 */
export function registerRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  routes: RouteDef[],
  apiTokens?: ApiTokenStore,
) {
  const checkResponses = ctx.config.env === 'test';
  for (const route of routes) {
    const access = route.access;
    app.route({
      method: route.method,
      url: route.url,
      ...(route.bodyLimits ? { bodyLimit: route.bodyLimits.bytes } : {}),
      handler: async (request, reply) => {
        let actor = request.actor ?? null;
        let apiToken: ApiTokenContext['apiToken'] | undefined;
        const bearer = /^Bearer[ \t]/i.test(request.headers.authorization ?? '');
        if (typeof access === 'object' && 'apiToken' in access && (bearer || !('permission' in access))) {
          // Another system, not a person: whatever session the request carries is not used.
          if (!apiTokens) throw new UnauthenticatedError('Máy chủ chưa được cấu hình để nhận mã kết nối.');
          apiToken = await authenticateApiToken(ctx, apiTokens, access.apiToken, request);
          actor = null;
        } else if (access !== 'public') {
          if (!actor) throw new UnauthenticatedError();
          // A temporary password (new account, reset) is for changing, not for working: the server
          // refuses everything else until it is changed, whatever the UI shows.
          if (request.session?.mustChangePassword && !route.allowWithTemporaryPassword)
            throw new DomainError(
              403,
              'password_change_required',
              'Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu (mục Tài khoản) trước khi tiếp tục.',
            );
          if (typeof access === 'object' && 'permission' in access && !can(actor, access.permission))
            throw new ForbiddenError();
        }
        const entries = route.bodyLimits?.jsonEntries;
        const input = {
          body: parse(route.schemas?.body, request.body, 'body', entries),
          query: parse(route.schemas?.query, request.query, 'query'),
          params: parse(route.schemas?.params, request.params, 'params'),
        };
        const serviceContext = apiToken
          ? { actor, ip: request.ip, app: ctx, apiToken }
          : { actor, ip: request.ip, app: ctx };
        const result = await route.handler(input as never, serviceContext as never, {
          request,
          reply,
        });
        if (reply.sent) return reply;
        if (checkResponses && route.response) {
          const broken = contractProblem(route, result);
          // Said on stderr too: a test asserting only the status would otherwise show a bare 500.
          if (broken) {
            process.stderr.write(`${broken}\n`);
            throw new DomainError(500, 'response_contract_broken', broken);
          }
        }
        if (result === undefined) return reply.status(204).send();
        return result;
      },
    });
  }
}

function parse(schema: ZodType | undefined, value: unknown, where: string, maxEntries?: number) {
  if (!schema) return undefined;
  const hostile = findJsonProblem(value, where, maxEntries);
  if (hostile)
    throw new ValidationError(`Dữ liệu không hợp lệ: ${hostile.field} — ${hostile.message}`, [hostile]);
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => ({
    field: issue.path.length ? issue.path.join('.') : where,
    message: issue.message,
  }));
  throw new ValidationError(
    `Dữ liệu không hợp lệ: ${problems.map((p) => `${p.field} — ${p.message}`).join('; ')}`,
    problems,
  );
}

/**
 * Why a handler's result breaks its contract, or null: invalid, or carrying fields the
 * contract does not name (zod would silently strip them, the JSON would still send them).
 */
export function contractProblem(
  route: Pick<RouteDef, 'method' | 'url' | 'response'>,
  result: unknown,
): string | null {
  if (!route.response) return null;
  const where = `${route.method} ${route.url}`;
  const parsed = route.response.safeParse(result);
  if (!parsed.success)
    return `Response of ${where} breaks its contract: ${parsed.error.issues
      .map((i) => `${i.path.join('.') || '(root)'} — ${i.message}`)
      .join('; ')}`;
  const extra = extraFields(toJson(result), toJson(parsed.data), '');
  if (extra.length) return `Response of ${where} has fields its contract does not name: ${extra.join(', ')}`;
  return null;
}

function toJson(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

function extraFields(sent: unknown, contract: unknown, path: string): string[] {
  if (Array.isArray(sent) && Array.isArray(contract))
    return sent.flatMap((item, i) => extraFields(item, contract[i], `${path}[${i}]`));
  if (isPlainObject(sent) && isPlainObject(contract))
    return Object.keys(sent).flatMap((key) => {
      const at = path ? `${path}.${key}` : key;
      return key in contract ? extraFields(sent[key], contract[key], at) : [at];
    });
  return [];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
