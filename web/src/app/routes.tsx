import { lazy, type ComponentType, type ReactNode } from 'react';
import type { Permission } from '@shared/access/roles.ts';
/**
 * Each page is its own chunk, loaded when first visited: a commune officer opening the evaluation page
 * does not download the units, users or framework screens (page-weight budget in `npm run bench`).
 */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const HomePage = page(() => import('@web/features/home/HomePage.tsx'), 'HomePage');
const AccountPage = page(() => import('@web/features/account/AccountPage.tsx'), 'AccountPage');
const EvaluationsPage = lazy(async () => ({
  default: (await import('@web/features/evaluations/EvaluationsPage.tsx')).EvaluationsPage,
}));
const EvaluationPage = page(() => import('@web/features/evaluations/EvaluationPage.tsx'), 'EvaluationPage');
const PeriodsPage = page(() => import('@web/features/periods/PeriodsPage.tsx'), 'PeriodsPage');
const PeriodPage = page(() => import('@web/features/periods/PeriodPage.tsx'), 'PeriodPage');
const FrameworksPage = page(() => import('@web/features/frameworks/FrameworksPage.tsx'), 'FrameworksPage');
const FrameworkPage = page(() => import('@web/features/frameworks/FrameworkPage.tsx'), 'FrameworkPage');
const FrameworkEditorPage = page(
  () => import('@web/features/frameworks/FrameworkEditorPage.tsx'),
  'FrameworkEditorPage',
);
const CalendarPage = page(() => import('@web/features/calendar/CalendarPage.tsx'), 'CalendarPage');
const UnitsPage = page(() => import('@web/features/units/UnitsPage.tsx'), 'UnitsPage');
const UsersPage = page(() => import('@web/features/users/UsersPage.tsx'), 'UsersPage');
const AuditPage = page(() => import('@web/features/audit/AuditPage.tsx'), 'AuditPage');
const PlansPage = page(() => import('@web/features/plans/PlansPage.tsx'), 'PlansPage');
const PlanPage = page(() => import('@web/features/plans/PlanPage.tsx'), 'PlanPage');
const SurveysPage = page(() => import('@web/features/surveys/SurveysPage.tsx'), 'SurveysPage');
const SurveyPage = page(() => import('@web/features/surveys/SurveyPage.tsx'), 'SurveyPage');
const TthcRegisterPage = page(
  () => import('@web/features/registers/TthcRegisterPage.tsx'),
  'TthcRegisterPage',
);
const ApiTokensPage = page(() => import('@web/features/registers/ApiTokensPage.tsx'), 'ApiTokensPage');
const Bieu06Page = page(() => import('@web/features/tthc/Bieu06Page.tsx'), 'Bieu06Page');
const AnalyticsPage = page(() => import('@web/features/analytics/AnalyticsPage.tsx'), 'AnalyticsPage');
const BooksPage = page(() => import('@web/features/books/BooksPage.tsx'), 'BooksPage');

/** Pages inside the signed-in shell. A page with a permission is refused to users without it. */
export type AppRoute = { path: string; element: ReactNode; permission?: Permission };

export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage /> },
  { path: '/tai-khoan', element: <AccountPage /> },
  { path: '/danh-gia', element: <EvaluationsPage family="tcpl" />, permission: 'assessments.read' },
  { path: '/chi-so-cchc', element: <EvaluationsPage family="cchc" />, permission: 'assessments.read' },
  { path: '/danh-gia/:id', element: <EvaluationPage />, permission: 'assessments.read' },
  { path: '/ky-danh-gia', element: <PeriodsPage />, permission: 'periods.read' },
  { path: '/ky-danh-gia/:id', element: <PeriodPage />, permission: 'periods.read' },
  { path: '/bo-tieu-chi', element: <FrameworksPage />, permission: 'frameworks.read' },
  { path: '/bo-tieu-chi/:id', element: <FrameworkPage />, permission: 'frameworks.read' },
  { path: '/bo-tieu-chi/:id/sua', element: <FrameworkEditorPage />, permission: 'frameworks.manage' },
  { path: '/lich-ngay-nghi', element: <CalendarPage />, permission: 'periods.read' },
  { path: '/don-vi', element: <UnitsPage />, permission: 'units.read' },
  { path: '/nguoi-dung', element: <UsersPage />, permission: 'users.read' },
  { path: '/nhat-ky', element: <AuditPage />, permission: 'audit.read' },
  { path: '/ke-hoach', element: <PlansPage />, permission: 'registers.read' },
  { path: '/ke-hoach/:id', element: <PlanPage />, permission: 'registers.read' },
  { path: '/lay-y-kien', element: <SurveysPage />, permission: 'registers.read' },
  { path: '/lay-y-kien/:id', element: <SurveyPage />, permission: 'registers.read' },
  { path: '/so-tthc', element: <TthcRegisterPage />, permission: 'registers.read' },
  { path: '/so-tthc/ket-noi', element: <ApiTokensPage />, permission: 'registers.tokens' },
  { path: '/so-tthc/bieu-06', element: <Bieu06Page />, permission: 'registers.read' },
  { path: '/so-sach', element: <BooksPage />, permission: 'registers.read' },
  { path: '/thong-ke', element: <AnalyticsPage />, permission: 'assessments.read' },
];
