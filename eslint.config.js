import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layering (shared/ pure, routes without SQL, services without HTTP, platform without features) is
// checked by scripts/check-layers.ts (`npm run lint:layers`), not here: one mechanism for all of it.
export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'resources/', 'test-artifacts/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
