import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { z } from 'zod';

// The citizens' pages (/cong-khai, /cong-bo) are a separate light entry: web/public.html.
const SignInPage = lazy(async () => ({
  default: (await import('./features/auth/SignInPage.tsx')).SignInPage,
}));
const SignedInApp = lazy(async () => ({ default: (await import('./app/SignedInApp.tsx')).SignedInApp }));

dayjs.locale('vi');
z.config(z.locales.vi());

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function Root() {
  return (
    <Routes>
      <Route path="/dang-nhap" element={<SignInPage />} />
      <Route path="*" element={<SignedInApp />} />
    </Routes>
  );
}

// Someone who asked the system for less motion (prefers-reduced-motion) gets panels, menus and dialogs
// that open at once; antd animates them otherwise.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      theme={{
        token: {
          colorPrimary: '#a8071a',
          fontFamily: "system-ui, 'Segoe UI', Roboto, Arial, sans-serif",
          motion: !reducedMotion,
        },
      }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <Suspense fallback={<Spin fullscreen tip="Đang tải…" />}>
              <Root />
            </Suspense>
          </BrowserRouter>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
