import type { ReactNode } from 'react';
import type { Permission } from '@shared/access/roles.ts';
import { HomePage } from '@web/features/home/HomePage.tsx';
import { AccountPage } from '@web/features/account/AccountPage.tsx';
import { EvaluationsPage } from '@web/features/evaluations/EvaluationsPage.tsx';
import { EvaluationPage } from '@web/features/evaluations/EvaluationPage.tsx';
import { PeriodsPage } from '@web/features/periods/PeriodsPage.tsx';
import { PeriodPage } from '@web/features/periods/PeriodPage.tsx';
import { FrameworksPage } from '@web/features/frameworks/FrameworksPage.tsx';
import { FrameworkPage } from '@web/features/frameworks/FrameworkPage.tsx';
import { CalendarPage } from '@web/features/calendar/CalendarPage.tsx';
import { UnitsPage } from '@web/features/units/UnitsPage.tsx';
import { UsersPage } from '@web/features/users/UsersPage.tsx';
import { AuditPage } from '@web/features/audit/AuditPage.tsx';

/** Pages inside the signed-in shell. A page with a permission is refused to users without it. */
export type AppRoute = { path: string; element: ReactNode; permission?: Permission };

export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage /> },
  { path: '/tai-khoan', element: <AccountPage /> },
  { path: '/danh-gia', element: <EvaluationsPage />, permission: 'assessments.read' },
  { path: '/danh-gia/:id', element: <EvaluationPage />, permission: 'assessments.read' },
  { path: '/ky-danh-gia', element: <PeriodsPage />, permission: 'periods.read' },
  { path: '/ky-danh-gia/:id', element: <PeriodPage />, permission: 'periods.read' },
  { path: '/bo-tieu-chi', element: <FrameworksPage />, permission: 'frameworks.read' },
  { path: '/bo-tieu-chi/:id', element: <FrameworkPage />, permission: 'frameworks.read' },
  { path: '/lich-ngay-nghi', element: <CalendarPage />, permission: 'periods.read' },
  { path: '/don-vi', element: <UnitsPage />, permission: 'units.read' },
  { path: '/nguoi-dung', element: <UsersPage />, permission: 'users.read' },
  { path: '/nhat-ky', element: <AuditPage />, permission: 'audit.read' },
];
