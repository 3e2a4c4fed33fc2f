/**
 * `Content-Disposition` for a download keeping the original (Vietnamese) file name: an ASCII
 * fallback for old clients, and the exact UTF-8 name in `filename*` (RFC 6266 with RFC 5987 encoding).
 */
export function contentDisposition(fileName: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  const fallback =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
      .trim() || 'tai-lieu';
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName.normalize('NFC'))}`;
}

/** Percent-encodes all but RFC 5987 attr-chars (encodeURIComponent leaves ' ( ) * ! unescaped). */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
