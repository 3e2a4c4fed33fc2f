import { useEffect } from 'react';
import { formatDate } from '@shared/format/vi.ts';
import { QrCode } from '@web/components/QrCode.tsx';
import { postingUrl } from '@web/components/public-links.ts';
import { Problem } from './Problem.tsx';
import type { PublicEvaluation } from './types.ts';
import { useJson } from './useJson.ts';

/** "chuẩn tiếp cận pháp luật năm 2025", or the framework's own name for another framework (CCHC). */
function subject(data: PublicEvaluation): string {
  return data.framework.code.startsWith('TCPL')
    ? `chuẩn tiếp cận pháp luật năm ${data.year}`
    : `theo ${data.framework.name} năm ${data.year}`;
}

/**
 * The notice the commune prints for its notice board (A4): what is posted, from when until when,
 * and how to comment — the address and its QR code. Loaded only on /cong-khai/:id/thong-bao.
 */
export function NoticePage({ id }: { id: string }) {
  const loaded = useJson<PublicEvaluation>(`/api/public/evaluations/${encodeURIComponent(id)}`);
  useEffect(() => {
    if (loaded.status === 'done') document.title = `Thông báo niêm yết — ${loaded.data.unitName}`;
  }, [loaded]);

  if (loaded.status === 'loading') return <p className="pg-loading">Đang tải…</p>;
  if (loaded.status === 'error')
    return <Problem title="Không tìm thấy trang niêm yết" detail={loaded.error.message} />;

  const data = loaded.data;
  const url = postingUrl(window.location.origin, data.id);
  const period = data.posting.until
    ? `từ ngày ${formatDate(data.posting.from)} đến hết ngày ${formatDate(data.posting.until)}`
    : `từ ngày ${formatDate(data.posting.from)}`;
  return (
    <>
      <nav className="pg-toolbar" aria-label="Thao tác">
        <a href={`/cong-khai/${data.id}`}>← Trang niêm yết</a>
        <button type="button" className="pg-button" onClick={() => window.print()}>
          In thông báo
        </button>
      </nav>
      <article className="pg-notice-sheet">
        <header className="pg-notice-head">
          <div>
            <p className="pg-upper">Ủy ban nhân dân</p>
            <p className="pg-upper pg-motto">
              <strong>{data.unitName}</strong>
            </p>
          </div>
          <div>
            <p className="pg-upper">
              <strong>Cộng hòa xã hội chủ nghĩa Việt Nam</strong>
            </p>
            <p className="pg-motto">
              <strong>Độc lập - Tự do - Hạnh phúc</strong>
            </p>
          </div>
        </header>
        <h1 className="pg-notice-title">
          THÔNG BÁO
          <span>Niêm yết công khai kết quả tự đánh giá, chấm điểm {subject(data)}</span>
        </h1>
        <p>
          {data.unitName} niêm yết công khai kết quả tự đánh giá, chấm điểm {subject(data)} để Nhân dân biết,
          theo dõi và góp ý.
        </p>
        <p>
          <strong>Thời gian niêm yết:</strong> {period}.
        </p>
        {data.result && (
          <p>
            <strong>Kết quả tự đánh giá:</strong> {data.result.totalDisplay}.
            {data.result.provisional && ' Một số điểm số còn tạm tính, chưa được đối chiếu với văn bản gốc.'}
          </p>
        )}
        <p>
          <strong>Cách xem và góp ý:</strong> quét mã QR dưới đây bằng điện thoại, hoặc truy cập địa chỉ bên
          dưới, để xem toàn bộ kết quả theo từng tiêu chí, chỉ tiêu và gửi ý kiến (ghi họ tên, nội dung; địa
          chỉ hoặc số điện thoại không bắt buộc). Không cần đăng nhập.
        </p>
        <figure className="pg-notice-qr">
          <div className="pg-notice-qr__code">
            <QrCode text={url} size="100%" label={`Mã QR dẫn tới ${url}`} />
          </div>
          <figcaption>{url}</figcaption>
        </figure>
        <footer className="pg-notice-sign">
          <p>
            <em>…………, ngày …… tháng …… năm ……</em>
          </p>
          <p className="pg-upper">
            <strong>Tm. Ủy ban nhân dân</strong>
          </p>
          <p className="pg-upper">
            <strong>Chủ tịch</strong>
          </p>
        </footer>
      </article>
    </>
  );
}
