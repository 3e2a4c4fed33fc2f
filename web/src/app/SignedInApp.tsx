import { Result, Spin } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { AppLayout } from './AppLayout.tsx';
import { appRoutes } from './routes.tsx';

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

/** The signed-in shell: menu, and each page loaded on first visit (its own chunk). */
export function SignedInApp() {
  return (
    <RequireSignIn>
      {(me) => (
        <AppLayout me={me}>
          <Suspense fallback={<Spin tip="Đang tải…" style={{ display: 'block', margin: '48px auto' }} />}>
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
          </Suspense>
        </AppLayout>
      )}
    </RequireSignIn>
  );
}
