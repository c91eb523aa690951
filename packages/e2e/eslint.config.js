import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals, for the plain .mjs benchmarks (the TypeScript files get them from @types/node). */
const nodeGlobals = Object.fromEntries(
  [
    'process',
    'console',
    'fetch',
    'setTimeout',
    'clearTimeout',
    'setInterval',
    'clearInterval',
    'performance',
    'URL',
    'Buffer',
    'AbortController',
    'AbortSignal',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.mjs'], languageOptions: { globals: nodeGlobals } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
