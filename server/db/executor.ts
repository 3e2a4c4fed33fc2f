import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** The database or a transaction on it: repositories accept either, services choose. */
export type Executor = Kysely<Database> | Transaction<Database>;
export type Trx = Transaction<Database>;
