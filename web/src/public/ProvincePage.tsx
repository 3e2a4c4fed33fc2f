import { useEffect } from 'react';
import { formatDate, formatPercent } from '@shared/format/vi.ts';
import type { PublicProvince } from '@shared/analytics/analytics.contract.ts';
import { Problem } from './Problem.tsx';
import { useJson } from './useJson.ts';

/**
 * /cong-bo/tinh/:code — a province's public figures for linking from its portal: the units recognised
 * in the latest year with a published decision, and the rate. Nothing else (no scores, no pending files).
 */
export function ProvincePage({ code }: { code: string }) {
  const loaded = useJson<PublicProvince>(`/api/public/provinces/${encodeURIComponent(code)}/recognition`);
  useEffect(() => {
    if (loaded.status === 'done')
      document.title = `Kết quả đánh giá chuẩn tiếp cận pháp luật — ${loaded.data.province}`;
  }, [loaded]);
  if (loaded.status === 'loading') return <p className="pg-loading">Đang tải…</p>;
  if (loaded.status === 'error')
    return loaded.error.status === 404 ? (
      <Problem title="Không tìm thấy tỉnh, thành phố" detail="Vui lòng kiểm tra lại địa chỉ." />
    ) : (
      <Problem title="Không tải được số liệu" detail={loaded.error.message} />
    );
  const d = loaded.data;
  if (d.year === null)
    return (
      <Problem
        title={`${d.province}: chưa có quyết định công nhận`}
        detail="Danh sách xã, phường, đặc khu đạt chuẩn tiếp cận pháp luật sẽ được công bố tại đây sau khi ban hành quyết định."
      />
    );
  return (
    <main className="pg-page">
      <header className="pg-header">
        <p className="pg-eyebrow">{d.province}</p>
        <h1>Xã, phường, đặc khu đạt chuẩn tiếp cận pháp luật năm {d.year}</h1>
      </header>
      <section className="pg-card">
        <p className="pg-total" data-testid="province-rate">
          {`${d.achieved}/${d.total} đơn vị đạt chuẩn, tỷ lệ ${formatPercent(d.percent ?? '0')}`}
        </p>
        <ul className="pg-muted">
          {d.decisions.map((x) => (
            <li key={x.periodId}>
              <a href={`/cong-bo/${x.periodId}`}>
                Quyết định số {x.number} ngày {formatDate(x.signedOn)}
              </a>{' '}
              — {x.issuer}
            </li>
          ))}
        </ul>
      </section>
      <section className="pg-card">
        <h2>Danh sách đơn vị đạt chuẩn ({d.recognised.length})</h2>
        <ol>
          {d.recognised.map((name, i) => (
            <li key={`${name}-${i}`}>{name}</li>
          ))}
        </ol>
      </section>
    </main>
  );
}
