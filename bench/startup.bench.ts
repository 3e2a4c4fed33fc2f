/**
 * Start-up benchmark: cold start (new data folder: database created, migrated, demo data seeded),
 * warm start (same folder again), and migration time on both engines.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../server/db/client.ts';
import { migrate } from '../server/db/migrator.ts';
import { createServerDatabase } from '../server/test/test-db.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Milliseconds from spawning `npm start`'s script until the server prints its URL. */
function timeStart(dataDir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('đang chạy tại')) {
        const ms = performance.now() - started;
        child.once('exit', () => resolve(ms));
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => {
      if (!output.includes('đang chạy tại')) reject(new Error(`start failed (${code}):\n${output}`));
    });
  });
}

async function timeMigration(target: Parameters<typeof openDatabase>[0]): Promise<number> {
  const handle = await openDatabase(target);
  try {
    return (await migrate(handle.db)).ms;
  } finally {
    await handle.close();
  }
}

const rows: [string, string][] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'danhgia-bench-'));
try {
  rows.push([
    'Khởi động lần đầu (tạo CSDL, migration, dữ liệu mẫu)',
    `${(await timeStart(dataDir)).toFixed(0)} ms`,
  ]);
  rows.push(['Khởi động lại (CSDL đã có)', `${(await timeStart(dataDir)).toFixed(0)} ms`]);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
rows.push([
  'Migration trên PGlite (CSDL mới, trong bộ nhớ)',
  `${(await timeMigration({ engine: 'pglite', dataDir: null })).toFixed(0)} ms`,
]);

const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const probe = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2000 });
const reachable = await probe.connect().then(
  () => probe.end().then(() => true),
  () => false,
);
if (reachable) {
  const server = await createServerDatabase(serverUrl);
  try {
    rows.push([
      'Migration trên PostgreSQL (CSDL mới)',
      `${(await timeMigration({ engine: 'postgres', url: server.url })).toFixed(0)} ms`,
    ]);
  } finally {
    await server.drop();
  }
} else {
  rows.push(['Migration trên PostgreSQL', 'bỏ qua: không kết nối được máy chủ']);
}

for (const [name, value] of rows) console.log(`${name.padEnd(58)} ${value}`);
