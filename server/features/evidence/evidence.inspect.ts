import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import {
  ALLOWED_EVIDENCE_LABEL,
  SIGNATURE_BYTES,
  detectFamily,
  detectOfficePackage,
  type EvidenceContentType,
} from '@shared/evaluations/evidence.ts';
import { ValidationError } from '@server/platform/http/errors.ts';

const HEAD_BYTES = 64 * 1024;
// A ZIP's central directory (every part name) sits at its end; 256 KB holds thousands of entries.
const TAIL_BYTES = 256 * 1024;

export const wrongTypeError = () =>
  new ValidationError(`Chỉ nhận tệp ${ALLOWED_EVIDENCE_LABEL}. Nội dung tệp này không thuộc các loại đó.`, [
    { field: 'file', message: 'Loại tệp không được chấp nhận' },
  ]);

/**
 * Passes an upload through unchanged while computing its SHA-256 and size, and fails the stream
 * as soon as the first bytes show a kind of file we do not accept (so nothing more is stored).
 */
export class EvidenceInspector extends Transform {
  private readonly hash = createHash('sha256');
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private family: EvidenceContentType | 'zip' | null | undefined;
  private digest: string | undefined;
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.hash.update(chunk);
    this.size += chunk.length;
    if (this.head.length < HEAD_BYTES)
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD_BYTES - this.head.length)]);
    if (this.family === undefined && this.head.length >= SIGNATURE_BYTES) {
      this.family = detectFamily(this.head);
      if (this.family === null) return callback(wrongTypeError());
    }
    if (this.family === 'zip' || this.family === undefined) {
      this.tail = Buffer.concat([this.tail, chunk]);
      if (this.tail.length > TAIL_BYTES) this.tail = this.tail.subarray(this.tail.length - TAIL_BYTES);
    }
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback) {
    // Files shorter than the signature are judged on what there is.
    if (this.family === undefined && this.size > 0) {
      this.family = detectFamily(this.head);
      if (this.family === null) return callback(wrongTypeError());
    }
    callback();
  }

  /** The file's SHA-256, hex; only once the stream has ended. */
  sha256(): string {
    this.digest ??= this.hash.digest('hex');
    return this.digest;
  }

  /** The accepted type the content shows, or null (e.g. a ZIP that is neither DOCX nor XLSX). */
  contentType(): EvidenceContentType | null {
    if (this.family === 'zip') return detectOfficePackage(this.head, this.tail);
    return this.family ?? null;
  }
}
