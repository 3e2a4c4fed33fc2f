/** Downloads of generated documents: a file response saved under the Vietnamese name the server gives. */
import { parse } from 'content-disposition';
import {
  evaluationFormsAt,
  FORMS,
  type DocumentFormat,
  type EvaluationForm,
  type EvaluationFormStep,
  type FormFramework,
} from '@shared/evaluations/documents.ts';
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

export type DocumentChoice = { form: EvaluationForm; label: string; formats: readonly DocumentFormat[] };

/** What the evaluation's documents menu offers at its current step (the server checks again). */
export function evaluationDocumentChoices(
  framework: FormFramework,
  reached: Record<EvaluationFormStep, boolean>,
): DocumentChoice[] {
  return evaluationFormsAt(framework, reached).map((form) => ({
    form,
    label: FORMS[form].title,
    formats: FORMS[form].formats,
  }));
}
