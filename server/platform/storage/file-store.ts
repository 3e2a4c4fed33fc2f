import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { StorageConfig } from '@server/config.ts';

/**
 * Where uploaded files live, behind one small interface (docs/adr/0009-evidence-storage.md). Keys are
 * chosen by the server (random, never a user's file name); the database row says what a key holds.
 */
/** An uploaded file as the HTTP layer hands it over (platform/http/multipart.ts): read only after every check. */
export type IncomingFile = { fileName: string; stream: Readable; isTruncated(): boolean };

export interface FileStore {
  /** Stores the bytes under `key`; on failure nothing is left under the key. */
  put(key: string, body: Readable | Buffer): Promise<void>;
  /** The bytes stored under `key`; throws StoredFileMissingError when there are none. */
  get(key: string): Promise<Readable>;
  /** Removes `key`; removing a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

export class StoredFileMissingError extends Error {
  constructor(key: string) {
    super(`stored file missing: ${key}`);
  }
}

// Keys are ours (e.g. "evidence/<uuid>"), so a strict shape also rules out path traversal on disk.
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/;

function checkKey(key: string) {
  if (!KEY_PATTERN.test(key)) throw new Error(`invalid storage key: ${key}`);
}

/** A new random key under `prefix`, e.g. "evidence/3f0c…". */
export function newStorageKey(prefix: string): string {
  return `${prefix}/${randomUUID()}`;
}

/** Files in a folder on this machine (DATA_DIR/files by default). */
export class LocalFileStore implements FileStore {
  constructor(readonly root: string) {}

  private pathOf(key: string) {
    checkKey(key);
    return path.join(this.root, ...key.split('/'));
  }

  async put(key: string, body: Readable | Buffer): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Written beside the target then renamed: a reader never sees a half-written file.
    const temp = `${target}.${randomUUID()}.part`;
    try {
      await pipeline(Buffer.isBuffer(body) ? Readable.from([body]) : body, createWriteStream(temp));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const target = this.pathOf(key);
    try {
      await stat(target);
    } catch {
      throw new StoredFileMissingError(key);
    }
    return createReadStream(target);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

/** Objects in a bucket of an S3-compatible service (AWS S3, MinIO, Ceph, Viettel/FPT object storage…). */
export class S3FileStore implements FileStore {
  private readonly client: S3Client;

  constructor(
    private readonly bucket: string,
    options: {
      endpoint?: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    },
  ) {
    this.client = new S3Client({
      endpoint: options.endpoint,
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Checksums only when the service asks: several S3-compatible servers reject the newer headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable | Buffer): Promise<void> {
    checkKey(key);
    // A single PUT needs the length up front; files are capped (LIMITS.evidenceMaxBytes), so
    // collecting them in memory is bounded.
    const bytes = Buffer.isBuffer(body) ? body : await collect(body);
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentLength: bytes.length }),
    );
  }

  async get(key: string): Promise<Readable> {
    checkKey(key);
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return result.Body as Readable;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey')
        throw new StoredFileMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    checkKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  /** Releases the HTTP connections (tests, shutdown). */
  close() {
    this.client.destroy();
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The store the configuration asks for (STORAGE=local|s3). */
export function createFileStore(config: StorageConfig): FileStore {
  if (config.kind === 'local') return new LocalFileStore(config.dir);
  return new S3FileStore(config.bucket, config);
}
