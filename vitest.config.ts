import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = {
  '@shared': fileURLToPath(new URL('./shared', import.meta.url)),
  '@server': fileURLToPath(new URL('./server', import.meta.url)),
  '@web': fileURLToPath(new URL('./web/src', import.meta.url)),
};

// Three tiers (docs/ARCHITECTURE.md): pure unit tests, integration tests on a real
// database (PGlite, or the PostgreSQL server named by TEST_DATABASE_URL), and the
// journeys in real Chromium. `npm test` runs the first two (issue #9: under four minutes
// on two cores); `npm run test:e2e` the journeys, which CI runs after it.
export default defineConfig({
  resolve: { alias },
  test: {
    // Vitest's default on 2 cores is one worker (cores − 1): every file then waits for the previous one.
    // Tests mostly wait on PGlite, argon2 and child processes; two workers keep both cores busy.
    maxWorkers: 2,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'web/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['server/**/*.int.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
          setupFiles: ['server/test/integration-setup.ts'],
          // Files share the modules of their worker (each still opens its own database): importing the
          // whole server per file took longer than most files' tests (issue #9). A file must not rely on
          // module state another left behind; the suite passes in any order on both engines.
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One journey at a time: two Chromiums and two servers on two cores made clicks time out
          // intermittently (different journeys on different runs).
          fileParallelism: false,
        },
      },
    ],
  },
});
