/** Downloads of generated documents: a file response saved under the Vietnamese name the server gives. */
import { parse } from 'content-disposition';
import { ApiError } from '@web/lib/api.ts';

/** The file name of a Content-Disposition header, the UTF-8 `filename*` when present (parsed by the package). */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  try {
    return parse(disposition).parameters.filename || fallback;
  } catch {
    return fallback;
  }
}

/** GETs `url` and saves the file; a refusal (409 "chưa thẩm định", 503 "Chưa cài LibreOffice") throws ApiError. */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(
      response.status,
      data?.error?.code ?? 'unknown',
      data?.error?.message ?? `Máy chủ trả lỗi ${response.status}.`,
    );
  }
  const blob = await response.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileNameFrom(response.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the blob goes away.
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export type DocumentFormat = 'docx' | 'xlsx' | 'pdf';

export type DocumentChoice = { form: string; label: string; formats: DocumentFormat[] };

/** What the evaluation's documents menu offers at its current step (the server checks again). */
export function evaluationDocumentChoices(e: {
  submitted: boolean;
  posted: boolean;
  appraised: boolean;
  family: string | undefined;
  model: string;
  publicPosting: boolean;
}): DocumentChoice[] {
  const choices: DocumentChoice[] = [];
  const tcplPoints = e.family !== 'cchc' && e.model === 'points';
  if (tcplPoints && e.submitted) {
    choices.push({ form: 'mau-01', label: 'Mẫu 01 — Báo cáo kết quả tự đánh giá', formats: ['docx', 'pdf'] });
    choices.push({
      form: 'mau-02',
      label: 'Mẫu 02 — Bảng tổng hợp điểm tự chấm',
      formats: ['docx', 'xlsx', 'pdf'],
    });
  }
  if (e.posted && e.publicPosting)
    choices.push({
      form: 'mau-03',
      label: 'Mẫu 03 — Tổng hợp ý kiến của Nhân dân',
      formats: ['docx', 'pdf'],
    });
  if (tcplPoints && e.appraised)
    choices.push({ form: 'mau-07', label: 'Mẫu 07 — Bảng điểm thẩm định', formats: ['docx', 'xlsx', 'pdf'] });
  if (e.family === 'cchc' && e.appraised)
    choices.push({
      form: 'cchc-deductions',
      label: 'Báo cáo khắc phục tiêu chí CCHC bị trừ điểm',
      formats: ['docx', 'xlsx', 'pdf'],
    });
  return choices;
}
