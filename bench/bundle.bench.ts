/**
 * Page weight: the JavaScript a browser downloads before a page can show, gzip-compressed, from the
 * Vite manifest of a fresh build (the entry, the lazily loaded chunks the route needs, and every chunk
 * they import statically). Budgets from the pilot issue: the officer's evaluation page under 400 KB,
 * the public posting page under 150 KB, the survey answering page (same entry) under 100 KB. Exits 1 when a budget is exceeded.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

type Chunk = { file: string; imports?: string[]; css?: string[] };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'web/dist');
const build = spawnSync(
  process.execPath,
  [
    path.join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'web/vite.config.ts',
    '--logLevel',
    'warn',
  ],
  { cwd: root, stdio: 'inherit' },
);
if (build.status !== 0) process.exit(1);
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8')) as Record<
  string,
  Chunk
>;

/** The chunks loaded for these manifest keys, with everything they import statically. */
function closure(keys: string[]): Set<string> {
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest has no ${key}`);
    if (files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  keys.forEach(visit);
  return files;
}

const gzipSize = (file: string) => gzipSync(readFileSync(path.join(dist, file)), { level: 9 }).length;

const pages = [
  {
    name: 'Trang đánh giá của công chức xã (/danh-gia/:id)',
    keys: ['index.html', 'src/app/SignedInApp.tsx', 'src/features/evaluations/EvaluationPage.tsx'],
    budgetKb: 400,
  },
  {
    name: 'Trang niêm yết công khai (/cong-khai/:id)',
    // Its own light entry (web/public.html); the notice page and its QR code load only on /thong-bao.
    keys: ['public.html'],
    budgetKb: 150,
  },
  {
    name: 'Trang trả lời phiếu lấy ý kiến (/khao-sat/:code)',
    // The same light entry: a resident answers on a cheap phone over a slow link (issue #17).
    keys: ['public.html'],
    budgetKb: 100,
  },
  {
    name: 'Trang đăng nhập (/dang-nhap)',
    keys: ['index.html', 'src/features/auth/SignInPage.tsx'],
    // No budget in the pilot issue: shown so that its growth is seen.
    budgetKb: null,
  },
] satisfies { name: string; keys: string[]; budgetKb: number | null }[];

let over = 0;
const all = Object.values(manifest).reduce((sum, c) => sum + gzipSize(c.file), 0);
console.log(
  `Toàn bộ JavaScript (gzip): ${(all / 1024).toFixed(1)} KB trong ${Object.keys(manifest).length} tệp`,
);
for (const page of pages) {
  const files = [...closure(page.keys)];
  const kb = files.reduce((sum, f) => sum + gzipSize(f), 0) / 1024;
  const ok = page.budgetKb === null || kb <= page.budgetKb;
  if (!ok) over++;
  const verdict = page.budgetKb === null ? '' : `, ngân sách ${page.budgetKb} KB — ${ok ? 'đạt' : 'VƯỢT'}`;
  console.log(`${page.name}: ${kb.toFixed(1)} KB gzip ban đầu (${files.length} tệp)${verdict}`);
}
process.exit(over ? 1 : 0);
