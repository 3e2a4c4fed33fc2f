import type { Db } from '@server/db/client.ts';
import { LIMITS } from '@shared/limits.ts';
import { hitAttemptCounter, pruneAttemptCounters, readAttemptCounter } from './attempts.repo.ts';

/** How often one process removes counters whose window has ended. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Counts attempts per key in a window of `windowMs` that starts at the key's first attempt, in the
 * database (table attempt_counters), so every instance behind a load balancer counts the same
 * attempts (ADR 0020). `name` separates the limiters sharing the table.
 */
export class AttemptLimiter {
  private lastPrune = 0;
  constructor(
    private readonly db: Db,
    readonly name: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait when `key` is over the limit, else 0; records nothing. */
  async check(key: string): Promise<number> {
    const { hits, waitSeconds } = await readAttemptCounter(this.db, this.name, key);
    return hits >= this.max ? waitSeconds : 0;
  }

  /** Records an attempt; returns seconds to wait when over the limit (the attempt is refused), else 0. */
  async hit(key: string): Promise<number> {
    const { hits, waitSeconds } = await hitAttemptCounter(this.db, this.name, key, this.max, this.windowMs);
    if (Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await pruneAttemptCounters(this.db);
    }
    return hits > this.max ? waitSeconds : 0;
  }
}

/** The application's three limiters (AppContext), on `db`. */
export function createAttemptLimiters(db: Db) {
  return {
    signInLimiter: new AttemptLimiter(
      db,
      'sign-in',
      LIMITS.signInPerIpPerWindow,
      LIMITS.signInIpWindowMinutes * 60_000,
    ),
    commentLimiter: new AttemptLimiter(
      db,
      'comment',
      LIMITS.publicCommentsPerWindow,
      LIMITS.publicCommentWindowMinutes * 60_000,
    ),
    apiTokenLimiter: new AttemptLimiter(
      db,
      'api-token',
      LIMITS.apiTokenFailuresPerWindow,
      LIMITS.apiTokenFailureWindowMinutes * 60_000,
    ),
  };
}
