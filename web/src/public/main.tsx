/**
 * The light entry for citizens (web/public.html): react + react-dom and a small stylesheet, no antd,
 * no router, no query cache, no zod — the page must open fast on a cheap phone. The server sends
 * public.html for /cong-khai/*, /cong-bo/* and /khao-sat/* (server/app.ts).
 */
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { DecisionPage } from './DecisionPage.tsx';
import { PostingPage } from './PostingPage.tsx';
import { ProvincePage } from './ProvincePage.tsx';
import { Problem } from './Problem.tsx';
import { SurveyPage } from './SurveyPage.tsx';
import './public.css';

// Only the commune's officer prints the notice: the QR code generator is not downloaded by citizens.
const NoticePage = lazy(async () => ({ default: (await import('./NoticePage.tsx')).NoticePage }));

/** A path segment as written, or as sent when it is not valid percent-encoding. */
function segment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function page(pathname: string): ReactNode {
  const path = pathname.replace(/\/+$/, '');
  let m = /^\/cong-khai\/([^/]+)\/thong-bao$/.exec(path);
  if (m?.[1]) return <NoticePage id={segment(m[1])} />;
  m = /^\/cong-khai\/([^/]+)$/.exec(path);
  if (m?.[1]) return <PostingPage id={segment(m[1])} />;
  m = /^\/cong-bo\/tinh\/([^/]+)$/.exec(path);
  if (m?.[1]) return <ProvincePage code={segment(m[1])} />;
  m = /^\/cong-bo\/([^/]+)$/.exec(path);
  if (m?.[1]) return <DecisionPage id={segment(m[1])} />;
  m = /^\/khao-sat\/([^/]+)$/.exec(path);
  if (m?.[1]) return <SurveyPage code={segment(m[1])} />;
  return <Problem title="Không tìm thấy trang" detail="Vui lòng kiểm tra lại địa chỉ." />;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Suspense fallback={<p className="pg-loading">Đang tải…</p>}>{page(window.location.pathname)}</Suspense>
  </StrictMode>,
);
