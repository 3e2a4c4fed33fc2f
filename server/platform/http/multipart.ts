import type { FastifyRequest } from 'fastify';
import type { IncomingFile } from '@server/platform/storage/file-store.ts';
import { ValidationError } from './errors.ts';

/**
 * Reads the one file part of a multipart request (field "file"), up to `maxBytes`. A larger file is
 * not refused here: the service checks `isTruncated()` so the answer is its own Vietnamese 413.
 */
export async function receiveFile(
  request: FastifyRequest,
  maxBytes: number,
): Promise<IncomingFile | undefined> {
  if (!request.isMultipart()) {
    throw new ValidationError('Hãy gửi tệp dưới dạng multipart/form-data (trường "file").', [
      { field: 'file', message: 'Không phải multipart/form-data' },
    ]);
  }
  let part;
  try {
    part = await request.file({
      limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 },
      throwFileSizeLimit: false,
    });
  } catch {
    throw new ValidationError('Dữ liệu tải lên không đọc được. Hãy chọn lại tệp và thử lại.', [
      { field: 'file', message: 'Dữ liệu multipart hỏng' },
    ]);
  }
  if (!part) return undefined;
  return { fileName: part.filename, stream: part.file, isTruncated: () => part.file.truncated };
}
