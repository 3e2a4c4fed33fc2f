/** Receiving one uploaded file (multipart field "file") into a temporary folder, for a synchronous import. */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { formatDecimal } from '@shared/format/vi.ts';
import { ValidationError } from '@server/platform/http/errors.ts';

/** Saves the uploaded file to a temporary folder (at most `maxBytes`); `done` removes it. */
export async function receiveToTemp(request: FastifyRequest, maxBytes: number, prefix = 'danhgia-upload-') {
  if (!request.isMultipart())
    throw new ValidationError('Hãy gửi tệp dưới dạng multipart/form-data (trường "file").', [
      { field: 'file', message: 'Không phải multipart/form-data' },
    ]);
  const part = await request
    .file({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 11 }, throwFileSizeLimit: false })
    .catch(() => {
      throw new ValidationError('Dữ liệu tải lên không đọc được. Hãy chọn lại tệp và thử lại.', [
        { field: 'file', message: 'Dữ liệu multipart hỏng' },
      ]);
    });
  if (!part) throw new ValidationError('Chưa chọn tệp.', [{ field: 'file', message: 'Chưa chọn tệp' }]);
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  const done = () => rm(dir, { recursive: true, force: true });
  const file = path.join(dir, 'upload');
  await pipeline(part.file, createWriteStream(file));
  if (part.file.truncated) {
    await done();
    const mb = formatDecimal(maxBytes / 1024 / 1024);
    throw new ValidationError(`Tệp quá lớn (tối đa ${mb} MB).`, [{ field: 'file', message: 'Tệp quá lớn' }]);
  }
  return { file, fileName: part.filename || 'tệp tải lên', done };
}
