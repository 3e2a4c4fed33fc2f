import { sql } from 'kysely';
import type { Db } from './client.ts';

/** Whether the database answers and has been migrated (the /readyz probe); throws when not. */
export async function checkDatabaseReady(db: Db): Promise<void> {
  await sql`select 1 from schema_migrations limit 1`.execute(db);
}
