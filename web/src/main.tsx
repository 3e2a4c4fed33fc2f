import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { z } from 'zod';
import { AppLayout } from './app/AppLayout.tsx';
import { appRoutes } from './app/routes.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { PublicPostingPage } from './features/public/PublicPostingPage.tsx';
import { PublicDecisionPage } from './features/public/PublicDecisionPage.tsx';
import { hasPermission, useMe } from './lib/auth.tsx';

dayjs.locale('vi');
z.config(z.locales.vi());

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function RequireSignIn({
  children,
}: {
  children: (me: NonNullable<ReturnType<typeof useMe>['data']>) => ReactNode;
}) {
  const { data: me, isLoading, error } = useMe();
  const location = useLocation();
  if (isLoading) return <Spin fullscreen tip="Đang tải…" />;
  if (error)
    return <Result status="error" title="Không kết nối được máy chủ" subTitle="Vui lòng tải lại trang." />;
  if (!me) return <Navigate to="/dang-nhap" replace state={{ from: location.pathname }} />;
  // The server refuses everything but the password change while the password is temporary.
  if (me.user.mustChangePassword && location.pathname !== '/tai-khoan')
    return <Navigate to="/tai-khoan" replace />;
  return <>{children(me)}</>;
}

function Root() {
  return (
    <Routes>
      <Route path="/dang-nhap" element={<SignInPage />} />
      <Route path="/cong-khai/:id" element={<PublicPostingPage />} />
      <Route path="/cong-bo/:id" element={<PublicDecisionPage />} />
      <Route
        path="*"
        element={
          <RequireSignIn>
            {(me) => (
              <AppLayout me={me}>
                <Routes>
                  {appRoutes.map((route) => (
                    <Route
                      key={route.path}
                      path={route.path}
                      element={
                        !route.permission || hasPermission(me, route.permission) ? (
                          route.element
                        ) : (
                          <Result
                            status="403"
                            title="Không có quyền"
                            subTitle="Bạn không có quyền xem trang này."
                          />
                        )
                      }
                    />
                  ))}
                  <Route path="*" element={<Result status="404" title="Không tìm thấy trang" />} />
                </Routes>
              </AppLayout>
            )}
          </RequireSignIn>
        }
      />
    </Routes>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      theme={{
        token: { colorPrimary: '#a8071a', fontFamily: "system-ui, 'Segoe UI', Roboto, Arial, sans-serif" },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Root />
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
