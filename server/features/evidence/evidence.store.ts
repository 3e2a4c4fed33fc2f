/**
 * Stores one uploaded evidence file (an evaluation's indicator, a plan task's result): streamed
 * through the type/size/SHA-256 inspector into the file store under a random key, then checked. A
 * refused file leaves nothing stored. The caller writes its row and audit in one transaction and,
 * if that fails, removes the stored bytes (`discardStored`).
 */
import { LIMITS } from '@shared/limits.ts';
import { cleanFileName, type EvidenceContentType } from '@shared/evaluations/evidence.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { DomainError, ValidationError } from '@server/platform/http/errors.ts';
import type { AppContext } from '@server/app-context.ts';
import { newStorageKey, type IncomingFile } from '@server/platform/storage/file-store.ts';
import { EvidenceInspector, wrongTypeError } from './evidence.inspect.ts';

export class FileTooLargeError extends DomainError {
  constructor() {
    super(
      413,
      'too_large',
      `Tệp quá lớn: mỗi tài liệu kiểm chứng tối đa ${formatDecimal(LIMITS.evidenceMaxBytes / 1024 / 1024)} MB.`,
    );
  }
}

const interruptedUploadError = () =>
  new ValidationError('Tệp tải lên bị gián đoạn, chưa nhận đủ nội dung. Hãy tải lên lại.', [
    { field: 'file', message: 'Dữ liệu tải lên không trọn vẹn' },
  ]);

export interface StoredUpload {
  key: string;
  fileName: string;
  contentType: EvidenceContentType;
  size: number;
  sha256: string;
}

export async function storeEvidenceUpload(
  app: Pick<AppContext, 'files'>,
  prefix: string,
  file: IncomingFile | undefined,
): Promise<StoredUpload> {
  if (!file)
    throw new ValidationError('Chưa chọn tệp để tải lên.', [{ field: 'file', message: 'Chưa có tệp' }]);
  // The multipart parser fails the file stream when the request ends before the file does; it
  // may already have done so while the request was being checked.
  let uploadError: Error | null = file.stream.errored;
  if (uploadError) throw interruptedUploadError();
  const key = newStorageKey(prefix);
  const inspector = new EvidenceInspector();
  file.stream.on('error', (error) => {
    uploadError = error;
    inspector.destroy(error);
  });
  // The upload starts flowing before the store attaches its own listeners (it may first create a
  // folder); the store still sees the error, from the destroyed stream.
  inspector.on('error', () => {});
  try {
    await app.files.put(key, file.stream.pipe(inspector));
  } catch (error) {
    // Let the parser read the rest of the request (bounded by the size limit) so the answer gets through.
    file.stream.unpipe(inspector);
    file.stream.resume();
    throw uploadError ? interruptedUploadError() : error;
  }
  const contentType = inspector.contentType();
  const problem = file.isTruncated()
    ? new FileTooLargeError()
    : inspector.size === 0
      ? new ValidationError('Tệp rỗng, không có nội dung.', [{ field: 'file', message: 'Tệp rỗng' }])
      : contentType === null
        ? wrongTypeError()
        : null;
  if (problem || !contentType) {
    await app.files.delete(key);
    throw problem ?? wrongTypeError();
  }
  return {
    key,
    fileName: cleanFileName(file.fileName, contentType),
    contentType,
    size: inspector.size,
    sha256: inspector.sha256(),
  };
}

/** Removes stored bytes whose row could not be written (logged, never thrown over the first error). */
export async function discardStored(app: Pick<AppContext, 'files' | 'log'>, key: string): Promise<void> {
  await app.files.delete(key).catch((cleanup: Error) => {
    app.log.error({ err: cleanup, key }, 'could not remove a stored file after a failed upload');
  });
}
