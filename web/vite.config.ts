import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// No React plugin: Vite compiles TSX itself (automatic JSX runtime from tsconfig); we give up
// fast refresh in development to keep one dependency fewer.
/**
 * Writes .br and .gz beside each text asset once at build time, so the server sends compressed files
 * without compressing on every request (@fastify/static `preCompressed`).
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'danhgia-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(js|css|html|svg)$/.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const content = readFileSync(file);
        if (content.length < 1024) continue;
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
      }
    },
  };
}

/** Paths the server answers with public.html (server/app.ts); the same in development. */
const PUBLIC_PAGES = /^\/(cong-khai|cong-bo)(\/|\?|$)/;

/** In development, the citizens' pages are served by their own light entry, as in production. */
function publicPagesInDev(): Plugin {
  return {
    name: 'danhgia-public-pages',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && PUBLIC_PAGES.test(req.url)) req.url = '/public.html';
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  plugins: [precompress(), publicPagesInDev()],
  base: '/',
  resolve: {
    alias: {
      '@shared': fileURLToPath(new URL('../shared', import.meta.url)),
      '@web': fileURLToPath(new URL('./src', import.meta.url)),
    },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // Read by bench/bundle.bench.ts to sum what a page downloads first.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      // Two pages: the signed-in application, and the citizens' light public pages (react only).
      input: {
        index: path.join(root, 'index.html'),
        public: path.join(root, 'public.html'),
      },
      // antd marks files "use client" for React Server Components; meaningless in this SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
