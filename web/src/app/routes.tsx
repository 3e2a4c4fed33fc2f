import type { ReactNode } from 'react';
import type { Permission } from '@shared/access/roles.ts';
import { HomePage } from '@web/features/home/HomePage.tsx';
import { AccountPage } from '@web/features/account/AccountPage.tsx';
import { CalendarPage } from '@web/features/calendar/CalendarPage.tsx';

/** Pages inside the signed-in shell. A page with a permission is refused to users without it. */
export type AppRoute = { path: string; element: ReactNode; permission?: Permission };

export const appRoutes: AppRoute[] = [
  { path: '/', element: <HomePage /> },
  { path: '/tai-khoan', element: <AccountPage /> },
  { path: '/lich-ngay-nghi', element: <CalendarPage />, permission: 'periods.read' },
];
