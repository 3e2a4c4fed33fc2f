import { randomBytes } from 'node:crypto';

/** A multipart/form-data body with one file part, as a browser's form upload sends it. */
export function multipartBody(file: {
  data: Buffer;
  fileName: string;
  contentType?: string;
  fieldName?: string;
}): { payload: Buffer; headers: { 'content-type': string } } {
  const boundary = `----danhgia${randomBytes(8).toString('hex')}`;
  // Browsers send the file name as raw UTF-8 inside the quotes (WHATWG HTML), not RFC 2231-encoded.
  const head = Buffer.from(
    `--${boundary}\r\n` +
      `Content-Disposition: form-data; name="${file.fieldName ?? 'file'}"; filename="${file.fileName.replace(/"/g, '%22')}"\r\n` +
      `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
    'utf8',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
  return {
    payload: Buffer.concat([head, file.data, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
