import { useEffect } from 'react';
import { formatDate, formatLongDate, formatPercent } from '@shared/format/vi.ts';
import type { PublicDecision } from '@web/features/periods/periods.api.ts';
import { decimalOrDash } from './format.ts';
import { Problem } from './Problem.tsx';
import { useJson } from './useJson.ts';

type DecisionUnit = PublicDecision['achieved'][number];

function UnitList({ title, units }: { title: string; units: DecisionUnit[] }) {
  return (
    <section className="pg-card">
      <h2>
        {title} ({units.length})
      </h2>
      {units.length === 0 ? (
        <p className="pg-muted">Không có đơn vị nào.</p>
      ) : (
        <table className="pg-table">
          <thead>
            <tr>
              <th scope="col" className="pg-num">
                STT
              </th>
              <th scope="col">Đơn vị</th>
              <th scope="col" className="pg-wide-only">
                Mã
              </th>
              <th scope="col" className="pg-num">
                Điểm thẩm định
              </th>
            </tr>
          </thead>
          <tbody>
            {units.map((u, i) => (
              <tr key={u.code}>
                <td className="pg-num">{i + 1}</td>
                <td>{u.name}</td>
                <td className="pg-wide-only">{u.code}</td>
                <td className="pg-num">{decimalOrDash(u.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The published recognition decision, open to everyone (no sign-in). */
export function DecisionPage({ id }: { id: string }) {
  const loaded = useJson<PublicDecision>(`/api/public/periods/${encodeURIComponent(id)}/decision`);
  useEffect(() => {
    if (loaded.status === 'done')
      document.title = `Quyết định công nhận đạt chuẩn tiếp cận pháp luật năm ${loaded.data.year}`;
  }, [loaded]);

  if (loaded.status === 'loading') return <p className="pg-loading">Đang tải…</p>;
  if (loaded.status === 'error')
    return loaded.error.status === 404 ? (
      <Problem
        title="Chưa có quyết định công nhận"
        detail="Danh sách xã, phường, đặc khu được công nhận sẽ được công bố tại đây sau khi ban hành quyết định."
      />
    ) : (
      <Problem title="Không tải được quyết định" detail={loaded.error.message} />
    );

  const d = loaded.data;
  return (
    <main className="pg-page">
      <header className="pg-header">
        <p className="pg-eyebrow">{d.issuingUnit}</p>
        <h1>Quyết định công nhận xã, phường, đặc khu đạt chuẩn tiếp cận pháp luật năm {d.year}</h1>
        <p className="pg-muted">
          Quyết định số {d.number}, {formatLongDate(d.signedOn)} · {d.periodName}
        </p>
      </header>
      <section className="pg-card">
        <dl className="pg-facts">
          <div>
            <dt>Số quyết định</dt>
            <dd>{d.number}</dd>
          </div>
          <div>
            <dt>Ngày ký</dt>
            <dd>{formatDate(d.signedOn)}</dd>
          </div>
          <div>
            <dt>Người ký</dt>
            <dd>
              {d.signerName} — {d.signerTitle}
            </dd>
          </div>
          <div>
            <dt>Cơ quan ban hành</dt>
            <dd>{d.issuingUnit}</dd>
          </div>
        </dl>
        <p className="pg-total" data-testid="decision-summary">
          {`${d.summary.achieved}/${d.summary.total} xã, phường đạt chuẩn, tỷ lệ ${formatPercent(d.summary.percent)}`}
        </p>
      </section>
      <UnitList title="Đạt chuẩn tiếp cận pháp luật" units={d.achieved} />
      <UnitList title="Không đạt chuẩn tiếp cận pháp luật" units={d.notAchieved} />
    </main>
  );
}
