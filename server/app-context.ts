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
  /** Sign-in attempts per client address (in the database, shared by every instance). */
  signInLimiter: AttemptLimiter;
  /** Public comments and survey answers per client address (in the database). */
  commentLimiter: AttemptLimiter;
  /** Refused API tokens per client address (in the database): slows down guessing. */
  apiTokenLimiter: AttemptLimiter;
  /** Uploaded files (evidence): local folder or S3-compatible bucket, per configuration. */
  files: FileStore;
};
