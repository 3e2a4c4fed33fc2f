/** Addresses of the public pages (served by the light entry web/public.html). */

/** The posting page citizens read and comment on. */
export const postingPath = (evaluationId: string) => `/cong-khai/${evaluationId}`;

/** The printable notice for the notice board, with the posting page's address and QR code. */
export const postingNoticePath = (evaluationId: string) => `/cong-khai/${evaluationId}/thong-bao`;

/** The published recognition decision of a period. */
export const decisionPath = (periodId: string) => `/cong-bo/${periodId}`;

/** The full address a citizen types or scans, e.g. "https://danhgia.example.vn/cong-khai/…". */
export const postingUrl = (origin: string, evaluationId: string) => origin + postingPath(evaluationId);
