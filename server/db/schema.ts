import type { Generated } from 'kysely';
import type { UnitsTables } from '@server/features/units/units.tables.ts';
import type { UsersTables } from '@server/features/users/users.tables.ts';
import type { AuditTables } from '@server/platform/audit/audit.tables.ts';
import type { JobsTables } from '@server/platform/jobs/jobs.tables.ts';
import type { AttemptsTables } from '@server/platform/auth/attempts.tables.ts';
import type { CalendarTables } from '@server/features/calendar/calendar.tables.ts';
import type { EvaluationsTables } from '@server/features/evaluations/evaluations.tables.ts';
import type { CouncilTables } from '@server/features/council/council.tables.ts';
import type { EvidenceTables } from '@server/features/evidence/evidence.tables.ts';
import type { TthcTables } from '@server/features/tthc/tthc.tables.ts';
import type { RegistersTables } from '@server/features/registers/registers.tables.ts';
import type { PlansTables } from '@server/features/plans/plans.tables.ts';
import type { SurveysTables } from '@server/features/surveys/surveys.tables.ts';
import type { FrameworkDraftsTables } from '@server/features/frameworks/framework-drafts.tables.ts';
import type { BooksTables } from '@server/features/books/books.tables.ts';
import type { AnalyticsTables } from '@server/features/analytics/analytics.tables.ts';

/** The typed shape of the database: each feature declares its own tables in `<feature>.tables.ts`. */
export interface Database
  extends
    UnitsTables,
    UsersTables,
    AuditTables,
    JobsTables,
    AttemptsTables,
    EvaluationsTables,
    CouncilTables,
    EvidenceTables,
    CalendarTables,
    TthcTables,
    RegistersTables,
    PlansTables,
    SurveysTables,
    FrameworkDraftsTables,
    BooksTables,
    AnalyticsTables {
  schema_migrations: { name: string; checksum: string; applied_at: Generated<Date> };
}
