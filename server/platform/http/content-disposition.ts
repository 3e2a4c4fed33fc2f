/**
 * `Content-Disposition` for a download keeping the original (Vietnamese) file name: built by the
 * `content-disposition` package (RFC 6266, `filename*` in RFC 8187 encoding); ours is only the ASCII
 * fallback for old clients, the name without its marks.
 */
import { create } from 'content-disposition';
import { removeVietnameseMarks } from '@shared/format/vi.ts';

export function contentDisposition(fileName: string, type: 'attachment' | 'inline' = 'attachment'): string {
  const name = fileName.normalize('NFC');
  const fallback =
    removeVietnameseMarks(name)
      .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
      .trim() || 'tai-lieu';
  return create(name, { type, fallback });
}
