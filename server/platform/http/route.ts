import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z, ZodType } from 'zod';
import { can } from '@shared/access/actor.ts';
import type { Permission } from '@shared/access/roles.ts';
import type { AppContext } from '@server/app-context.ts';
import type { ServiceContext, SignedInContext } from '@server/platform/context.ts';
import { findJsonProblem } from '@shared/json-guard.ts';
import { DomainError, ForbiddenError, UnauthenticatedError, ValidationError } from './errors.ts';

/**
 * Who may call an endpoint, stated where the endpoint is defined:
 * - `public`: anyone, signed in or not (sign-in page, public postings);
 * - `signedIn`: any signed-in user (their own profile);
 * - a permission: a signed-in user holding it at some unit. The service then checks the
 *   specific object's unit, and list queries are scoped in SQL (docs/ARCHITECTURE.md).
 */
export type RouteAccess = 'public' | 'signedIn' | { permission: Permission };

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The HTTP exchange, for the few handlers that set cookies, status codes or stream files. */
export type Http = { request: FastifyRequest; reply: FastifyReply };

type Schemas = { body?: ZodType; query?: ZodType; params?: ZodType };
type Infer<S, K extends keyof Schemas> =
  S extends Record<K, infer T extends ZodType> ? z.output<T> : undefined;

export type RouteDef<S extends Schemas = Schemas, A extends RouteAccess = RouteAccess> = {
  method: Method;
  url: string;
  access: A;
  summary: string;
  /** Reachable while the user still has a temporary password (sign-out, the password change itself). */
  allowWithTemporaryPassword?: boolean;
  schemas?: S;
  handler(
    input: { body: Infer<S, 'body'>; query: Infer<S, 'query'>; params: Infer<S, 'params'> },
    ctx: A extends 'public' ? ServiceContext : SignedInContext,
    http: Http,
  ): Promise<unknown>;
};

/** Declares a route with its access rule and zod schemas; types flow from the schemas. */
export function defineRoute<S extends Schemas, A extends RouteAccess>(def: RouteDef<S, A>): RouteDef {
  return def as unknown as RouteDef;
}

/** Registers routes: checks access, validates input with the shared zod schemas, runs the handler. */
export function registerRoutes(app: FastifyInstance, ctx: AppContext, routes: RouteDef[]) {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const actor = request.actor ?? null;
        if (route.access !== 'public') {
          if (!actor) throw new UnauthenticatedError();
          // A temporary password (new account, reset) is for changing, not for working: the server
          // refuses everything else until it is changed, whatever the UI shows.
          if (request.session?.mustChangePassword && !route.allowWithTemporaryPassword)
            throw new DomainError(
              403,
              'password_change_required',
              'Bạn đang dùng mật khẩu tạm thời. Hãy đổi mật khẩu (mục Tài khoản) trước khi tiếp tục.',
            );
          if (typeof route.access === 'object' && !can(actor, route.access.permission))
            throw new ForbiddenError();
        }
        const input = {
          body: parse(route.schemas?.body, request.body, 'body'),
          query: parse(route.schemas?.query, request.query, 'query'),
          params: parse(route.schemas?.params, request.params, 'params'),
        };
        const result = await route.handler(input as never, { actor, ip: request.ip, app: ctx } as never, {
          request,
          reply,
        });
        if (reply.sent) return reply;
        if (result === undefined) return reply.status(204).send();
        return result;
      },
    });
  }
}

function parse(schema: ZodType | undefined, value: unknown, where: string) {
  if (!schema) return undefined;
  const hostile = findJsonProblem(value, where);
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
