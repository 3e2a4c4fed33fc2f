import type { Generated } from 'kysely';
import type { UnitsTables } from '@server/features/units/units.tables.ts';
import type { UsersTables } from '@server/features/users/users.tables.ts';
import type { AuditTables } from '@server/platform/audit/audit.tables.ts';
import type { JobsTables } from '@server/platform/jobs/jobs.tables.ts';

/** The typed shape of the database: each feature declares its own tables in `<feature>.tables.ts`. */
export interface Database extends UnitsTables, UsersTables, AuditTables, JobsTables {
  schema_migrations: { name: string; checksum: string; applied_at: Generated<Date> };
}
