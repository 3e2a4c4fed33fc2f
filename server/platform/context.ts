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
