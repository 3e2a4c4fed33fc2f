/**
 * `npm start`: builds the web app when its sources are newer than the last build, then starts
 * the server (which serves the build). One command for a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const builtIndex = path.join(root, 'web/dist/index.html');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const sourcesChanged =
  !existsSync(builtIndex) ||
  Math.max(newestMtime(path.join(root, 'web')), newestMtime(path.join(root, 'shared'))) >
    statSync(builtIndex).mtimeMs;

if (sourcesChanged) {
  console.log('Đang dựng giao diện web (vite build)…');
  const result = spawnSync(
    process.execPath,
    [
      path.join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'web/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) {
    console.error('Không dựng được giao diện web. Xem lỗi ở trên.');
    process.exit(result.status ?? 1);
  }
}

// The browser tests build once before starting several instances at the same moment (e2e/support.ts).
if (process.env.DANHGIA_BUILD_ONLY === '1') process.exit(0);
await import('../server/main.ts');
