import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@server/config.ts';
import {
  LocalFileStore,
  S3FileStore,
  StoredFileMissingError,
  createFileStore,
  newStorageKey,
  type FileStore,
} from './file-store.ts';

async function read(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The same behaviour is asked of every implementation. */
function behavesLikeAFileStore(name: string, store: () => FileStore) {
  describe(name, () => {
    it('stores a buffer and a stream, and reads back the same bytes', async () => {
      const a = newStorageKey('evidence');
      const b = newStorageKey('evidence');
      const bytes = Buffer.from('%PDF-1.4 tài liệu kiểm chứng', 'utf8');
      await store().put(a, bytes);
      await store().put(b, Readable.from([Buffer.from('phần 1 '), Buffer.from('phần 2')]));
      expect(await read(await store().get(a))).toEqual(bytes);
      expect((await read(await store().get(b))).toString('utf8')).toBe('phần 1 phần 2');
    });

    it('deletes, and a missing key is reported as such', async () => {
      const key = newStorageKey('evidence');
      await store().put(key, Buffer.from('x'));
      await store().delete(key);
      await expect(store().get(key)).rejects.toBeInstanceOf(StoredFileMissingError);
      await store().delete(key); // deleting twice is harmless
    });

    it('refuses keys it did not make (no path traversal)', async () => {
      await expect(store().put('../etc/passwd', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
      await expect(store().get('evidence/../../x')).rejects.toThrow(/invalid storage key/);
    });
  });
}

const localRoot = mkdtempSync(path.join(tmpdir(), 'danhgia-files-'));
behavesLikeAFileStore('local disk store', () => new LocalFileStore(localRoot));

describe('local disk store, failures', () => {
  it('leaves nothing behind when the upload stream fails midway', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'danhgia-files-'));
    const store = new LocalFileStore(root);
    const failing = new Readable({
      read() {
        this.push(Buffer.from('bắt đầu'));
        this.destroy(new Error('client went away'));
      },
    });
    const key = newStorageKey('evidence');
    await expect(store.put(key, failing)).rejects.toThrow('client went away');
    expect(readdirSync(path.join(root, 'evidence'))).toEqual([]);
  });
});

// An S3-compatible server in this process (s3rver), so the real AWS SDK client is exercised.
let s3rver: S3rver;
let s3: S3FileStore;
beforeAll(async () => {
  s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: mkdtempSync(path.join(tmpdir(), 'danhgia-s3rver-')),
    configureBuckets: [{ name: 'ho-so' }],
  });
  const { port } = await s3rver.run();
  s3 = new S3FileStore('ho-so', {
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });
});
afterAll(async () => {
  s3?.close();
  await s3rver?.close();
});

behavesLikeAFileStore('S3-compatible store (s3rver)', () => s3);

describe('storage configuration', () => {
  const dataDir = () => mkdtempSync(path.join(tmpdir(), 'danhgia-config-'));
  const problemsOf = (env: Record<string, string>) => {
    try {
      loadConfig({ DATA_DIR: dataDir(), ...env });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  };

  it('defaults to DATA_DIR/files on this machine', () => {
    const dir = dataDir();
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.storage).toEqual({ kind: 'local', dir: path.join(dir, 'files') });
    expect(createFileStore(config.storage)).toBeInstanceOf(LocalFileStore);
  });

  it('STORAGE=s3 without bucket and keys refuses to start, listing each missing setting', () => {
    expect(problemsOf({ STORAGE: 's3' })).toEqual([
      'S3_BUCKET: bắt buộc khi STORAGE=s3',
      'S3_ACCESS_KEY_ID: bắt buộc khi STORAGE=s3',
      'S3_SECRET_ACCESS_KEY: bắt buộc khi STORAGE=s3',
    ]);
    expect(problemsOf({ STORAGE: 's3', S3_BUCKET: 'ho-so', S3_ACCESS_KEY_ID: 'k' })).toEqual([
      'S3_SECRET_ACCESS_KEY: bắt buộc khi STORAGE=s3',
    ]);
  });

  it('rejects an unknown STORAGE, a malformed endpoint and a non-boolean path style', () => {
    const problems = problemsOf({ STORAGE: 'ftp', S3_ENDPOINT: 'minio:9000', S3_FORCE_PATH_STYLE: 'có' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('STORAGE:'))).toContain('phải là local hoặc s3');
    // Missing S3 settings are listed together with the other problems.
    expect(problemsOf({ STORAGE: 's3', S3_ENDPOINT: 'minio:9000' })).toEqual([
      'S3_ENDPOINT: phải là địa chỉ http:// hoặc https://',
      'S3_BUCKET: bắt buộc khi STORAGE=s3',
      'S3_ACCESS_KEY_ID: bắt buộc khi STORAGE=s3',
      'S3_SECRET_ACCESS_KEY: bắt buộc khi STORAGE=s3',
    ]);
    expect(problems.find((p) => p.startsWith('S3_ENDPOINT:'))).toContain('phải là địa chỉ http');
    expect(problems.find((p) => p.startsWith('S3_FORCE_PATH_STYLE:'))).toContain('true hoặc false');
  });

  it('builds the S3 store from a complete configuration', () => {
    const config = loadConfig({
      DATA_DIR: dataDir(),
      STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'ho-so',
      S3_ACCESS_KEY_ID: 'khoa',
      S3_SECRET_ACCESS_KEY: 'bi-mat',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config.storage).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'ho-so',
      region: 'us-east-1',
      accessKeyId: 'khoa',
      secretAccessKey: 'bi-mat',
      forcePathStyle: true,
    });
    const store = createFileStore(config.storage);
    expect(store).toBeInstanceOf(S3FileStore);
    (store as S3FileStore).close();
  });
});
