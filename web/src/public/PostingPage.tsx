import { useEffect } from 'react';
import { NARRATIVE_SECTIONS } from '@shared/evaluations/narrative.ts';
import { CommentForm } from './CommentForm.tsx';
import { dateOrDash, PROVISIONAL_FRAMEWORK_LABEL, PROVISIONAL_LABEL } from './format.ts';
import { Problem } from './Problem.tsx';
import { ResultTree } from './ResultTree.tsx';
import { learnCsrfTokenIfSignedIn } from './session.ts';
import type { PublicEvaluation } from './types.ts';
import { useJson } from './useJson.ts';

/** The posted self-assessment, open to everyone (no sign-in), with the citizens' comment form. */
export function PostingPage({ id }: { id: string }) {
  const loaded = useJson<PublicEvaluation>(`/api/public/evaluations/${encodeURIComponent(id)}`);
  useEffect(learnCsrfTokenIfSignedIn, []);
  useEffect(() => {
    if (loaded.status === 'done') document.title = `Niêm yết công khai — ${loaded.data.unitName}`;
  }, [loaded]);

  if (loaded.status === 'loading') return <p className="pg-loading">Đang tải…</p>;
  if (loaded.status === 'error')
    return (
      <Problem
        title={loaded.error.status === 0 ? 'Không tải được trang niêm yết' : 'Không tìm thấy trang niêm yết'}
        detail={
          loaded.error.status === 400
            ? 'Địa chỉ trang không đúng. Vui lòng kiểm tra lại.'
            : loaded.error.message
        }
      />
    );

  const data = loaded.data;
  const result = data.result;
  const narrative = Object.entries(NARRATIVE_SECTIONS).filter(([k]) => data.narrative[k]?.trim());
  return (
    <main className="pg-page">
      <header className="pg-header">
        <p className="pg-eyebrow">Niêm yết công khai kết quả tự đánh giá</p>
        <h1>{data.unitName}</h1>
        <span className="pg-chip">{data.stateLabel}</span>
      </header>

      <section className="pg-card">
        <dl className="pg-facts">
          <div>
            <dt>Năm đánh giá</dt>
            <dd>{data.year}</dd>
          </div>
          <div>
            <dt>Kỳ đánh giá</dt>
            <dd>{data.periodName}</dd>
          </div>
          <div>
            <dt>Bộ tiêu chí</dt>
            <dd>
              {data.framework.name}
              {result?.provisional && (
                <>
                  {' '}
                  <span className="pg-chip pg-chip--warn">{PROVISIONAL_FRAMEWORK_LABEL}</span>
                </>
              )}
            </dd>
          </div>
          <div>
            <dt>Thời gian niêm yết</dt>
            <dd>
              {dateOrDash(data.posting.from)} – {dateOrDash(data.posting.until)}
            </dd>
          </div>
        </dl>
      </section>

      {result && (
        <section className="pg-card" aria-labelledby="pg-result">
          <h2 id="pg-result">Kết quả tự đánh giá</h2>
          <p className="pg-total">{result.totalDisplay}</p>
          <p>{result.recognitionExplanation}</p>
          {result.provisional && (
            <p>
              <span className="pg-chip pg-chip--warn">{PROVISIONAL_LABEL}</span>
            </p>
          )}
          <p className="pg-muted pg-small">Chạm vào từng tiêu chí để xem các chỉ tiêu và cách tính điểm.</p>
          <ResultTree nodes={result.criteria} />
        </section>
      )}

      {narrative.length > 0 && (
        <section className="pg-card" aria-labelledby="pg-report">
          <h2 id="pg-report">Báo cáo kết quả</h2>
          {narrative.map(([k, label]) => (
            <div key={k} className="pg-narrative">
              <h3>{label}</h3>
              <p>{data.narrative[k]}</p>
            </div>
          ))}
        </section>
      )}

      <section className="pg-card" aria-labelledby="pg-comments">
        <h2 id="pg-comments">Góp ý của người dân</h2>
        {data.acceptingComments ? (
          <CommentForm evaluationId={data.id} />
        ) : (
          <p>Thời gian nhận ý kiến đã kết thúc.</p>
        )}
      </section>
    </main>
  );
}
