import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { AttemptLimiter } from './platform/auth/attempt-limiter.ts';
import type { FileStore } from './platform/storage/file-store.ts';

/** What every request handler and job can reach: configuration, the database, the logger. */
export type AppContext = {
  config: Config;
  db: Db;
  engine: 'pglite' | 'postgres';
  log: Logger;
  /** Sign-in attempts per client address (in memory, per process). */
  signInLimiter: AttemptLimiter;
  /** Public comments per client address (in memory, per process). */
  commentLimiter: AttemptLimiter;
  /** Refused API tokens per client address (in memory, per process): slows down guessing. */
  apiTokenLimiter: AttemptLimiter;
  /** Uploaded files (evidence): local folder or S3-compatible bucket, per configuration. */
  files: FileStore;
};
