import type { Actor } from '@shared/access/actor.ts';
import type { AppContext } from '@server/app-context.ts';

/**
 * What a service function is given: who acts, from where, and the application's parts (database, file
 * store, logger, configuration). No HTTP objects, so the CLI and jobs call the same services as routes.
 */
export type ServiceContext = {
  actor: Actor | null;
  /** Client address for the audit trail ('cli' from the command line). */
  ip: string;
  app: AppContext;
};

export type SignedInContext = ServiceContext & { actor: Actor };

/**
 * Another system acting through an API token (route access `{ apiToken }`): no person, so no actor;
 * the token says which unit's register it may write. Audit rows name the token in their details.
 */
export type ApiTokenContext = ServiceContext & {
  actor: null;
  apiToken: { id: string; unitId: string; register: string; name: string };
};

/**
 * The command line acting as the system, with no signed-in user: bootstrapping the first system
 * administrator, importing units, listing every unit. Safe because whoever runs the CLI already holds
 * the database (the data folder or DATABASE_URL), and because nothing but `cliContext` makes one:
 * routes build their contexts in registerRoutes without `system`, so a public route's context (actor
 * null) can never be passed where a SystemContext is expected. Audit rows show no actor and ip 'cli'.
 */
export type SystemContext = ServiceContext & { actor: null; system: true };

/** A context for the command line: acts as `actor`, or as the system when none is given. */
export function cliContext(app: AppContext): SystemContext;
export function cliContext(app: AppContext, actor: Actor): SignedInContext;
export function cliContext(app: AppContext, actor: Actor | null = null): ServiceContext {
  if (actor) return { actor, ip: 'cli', app };
  const system: SystemContext = { actor: null, ip: 'cli', app, system: true };
  return system;
}

/** Whether a service runs for the command line as the system (see SystemContext). */
export function isSystem(ctx: ServiceContext): ctx is SystemContext {
  return (ctx as Partial<SystemContext>).system === true && ctx.actor === null;
}
