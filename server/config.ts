import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { MailConfig } from './platform/mail/mailer.ts';

/**
 * Configuration, read once from the environment at boot and validated: the process refuses to
 * start on bad configuration and lists every problem (docs/configuration in README.md).
 */
const booleanText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'phải là true hoặc false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z
    .enum(['production', 'development', 'test'], {
      error: 'phải là production, development hoặc test',
    })
    .default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce
    .number({ error: 'phải là một số' })
    .int('phải là số nguyên')
    .min(0, 'phải từ 0 đến 65535')
    .max(65535, 'phải từ 0 đến 65535')
    .default(3000),
  DATA_DIR: z.string().min(1, 'không được để trống').default('./data'),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isPostgresUrl(v), {
      message: 'phải là địa chỉ PostgreSQL dạng postgres://người_dùng@máy:cổng/tên_csdl',
    })
    .transform((v) => (v ? v : undefined)),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'phải là fatal, error, warn, info, debug, trace hoặc silent',
    })
    .default('info'),
  SESSION_TTL_HOURS: z.coerce.number({ error: 'phải là một số' }).positive('phải lớn hơn 0').default(12),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { error: 'phải là auto, true hoặc false' })
    .default('auto'),
  TRUST_PROXY: booleanText.default(false),
  /** Connections of this instance's pool on the PostgreSQL server (instances × pool ≤ max_connections). */
  DATABASE_POOL_SIZE: z.coerce
    .number({ error: 'phải là một số' })
    .int('phải là số nguyên')
    .min(1, 'phải từ 1 đến 200')
    .max(200, 'phải từ 1 đến 200')
    .default(10),
  SEED_DEMO: booleanText.optional(),
  CLOCK_OFFSET_DAYS: z.coerce
    .number({ error: 'phải là một số nguyên' })
    .int('phải là một số nguyên')
    .min(-3650, 'phải từ -3650 đến 3650')
    .max(3650, 'phải từ -3650 đến 3650')
    .default(0),
  AUDIT_KEY: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || v.length >= 32, {
      message: 'phải dài ít nhất 32 ký tự (ví dụ: openssl rand -hex 32)',
    }),
  JOB_POLL_MS: z.coerce.number({ error: 'phải là một số' }).int().min(50).max(60_000).default(1000),
  STORAGE: z.enum(['local', 's3'], { error: 'phải là local hoặc s3' }).default('local'),
  /** STORAGE=local: the folder of stored files; one folder every instance mounts (NFS) when there are several. */
  FILES_DIR: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined)),
  S3_ENDPOINT: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isHttpUrl(v), {
      message: 'phải là địa chỉ http:// hoặc https://',
    })
    .transform((v) => (v ? v : undefined)),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanText.default(false),
  SMTP_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || isSmtpUrl(v), {
      message: 'phải là địa chỉ smtp://người_dùng:mật_khẩu@máy:cổng hoặc smtps://…',
    })
    .transform((v) => (v ? v : undefined)),
  MAIL_FROM: z.string().min(3, 'phải là địa chỉ người gửi').default('Đánh giá cấp xã <no-reply@localhost>'),
});

/** Where evidence files are kept: a folder under DATA_DIR, or an S3-compatible bucket (docs/adr/0009). */
export type StorageConfig =
  | { kind: 'local'; dir: string }
  | {
      kind: 's3';
      endpoint: string | undefined;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

export type Config = {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  engine: 'pglite' | 'postgres';
  logLevel: string;
  sessionTtlMs: number;
  cookieSecure: 'auto' | boolean;
  trustProxy: boolean;
  /** Size of the pg pool (server engine). */
  databasePoolSize: number;
  seedDemo: boolean;
  jobPollMs: number;
  /** Key sealing the audit trail (ADR 0012); unset: DATA_DIR/audit.key, created at first start. */
  auditKey: string | undefined;
  clockOffsetDays: number;
  storage: StorageConfig;
  /** Reminders by e-mail; off (undefined) unless SMTP_URL is set. */
  mail: MailConfig | undefined;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cấu hình không hợp lệ:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses and checks the environment; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError([
      ...parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
      ...(env.STORAGE === 's3' ? missingS3Settings(env) : []),
    ]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const dirProblem = checkWritableDir(dataDir);
  const storage = storageConfig(e, dataDir);
  const problems = [
    ...(dirProblem ? [`DATA_DIR: ${dirProblem}`] : []),
    ...(Array.isArray(storage) ? storage : []),
  ];
  if (problems.length || Array.isArray(storage)) throw new ConfigError(problems);
  const engine = e.DATABASE_URL ? 'postgres' : 'pglite';
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    engine,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE === 'auto' ? 'auto' : e.COOKIE_SECURE === 'true',
    trustProxy: e.TRUST_PROXY,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    // Demo data only on the embedded engine unless asked for: a server database is someone's real data.
    seedDemo: e.SEED_DEMO ?? engine === 'pglite',
    jobPollMs: e.JOB_POLL_MS,
    auditKey: e.AUDIT_KEY,
    clockOffsetDays: e.CLOCK_OFFSET_DAYS,
    storage,
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.MAIL_FROM } : undefined,
  };
}

/** The storage settings, or every missing S3 setting when STORAGE=s3 is incomplete. */
function storageConfig(e: z.output<typeof envSchema>, dataDir: string): StorageConfig | string[] {
  if (e.STORAGE === 'local')
    return { kind: 'local', dir: e.FILES_DIR ? path.resolve(e.FILES_DIR) : path.join(dataDir, 'files') };
  const missing = missingS3Settings(e);
  if (missing.length) return missing;
  return {
    kind: 's3',
    endpoint: e.S3_ENDPOINT,
    bucket: e.S3_BUCKET!.trim(),
    // Most S3-compatible servers ignore the region, but requests are signed with one.
    region: e.S3_REGION?.trim() || 'us-east-1',
    accessKeyId: e.S3_ACCESS_KEY_ID!.trim(),
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
}

function missingS3Settings(env: Record<string, unknown>): string[] {
  return (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const)
    .filter((name) => typeof env[name] !== 'string' || !(env[name] as string).trim())
    .map((name) => `${name}: bắt buộc khi STORAGE=s3`);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkWritableDir(dir: string): string | undefined {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    const probe = path.join(dir, `.write-test-${process.pid}`);
    writeFileSync(probe, '');
    rmSync(probe);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'không có quyền ghi'
        : code === 'ENOTDIR' || code === 'EEXIST'
          ? 'không phải là thư mục'
          : `không tạo được (${code ?? 'lỗi không rõ'})`;
    return `thư mục ${dir} ${reason}`;
  }
}
