import { sql } from 'kysely';
import type { Db } from './client.ts';

// Any constant shared by every process of this application (the migrator's is 726_001).
const STARTUP_LOCK_KEY = 726_002;

/**
 * Runs the start-up data steps (built-in frameworks, holidays, demo seed, recurring jobs) holding a
 * session advisory lock on one connection: several instances started at once take turns, and each
 * after the first finds the work done (every step checks before it writes). `fn` must use the
 * connection it is given, never the pool.
 */
export async function withStartupLock<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_KEY})`.execute(conn);
    try {
      return await fn(conn);
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_KEY})`.execute(conn);
    }
  });
}
