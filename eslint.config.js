import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first (docs/architecture.md). A folder may import only the folders before it in this list
 * (and itself); `npm test` fails on an upward import or an import cycle. `src/errors.ts` and `src/index.ts` sit outside
 * the layers (the first is below all, the second the public barrel above all).
 */
const LAYERS = ['numeric', 'io', 'mdp', 'policy', 'mirror', 'verify', 'experiments', 'suite', 'cli'];
const layerZones = LAYERS.flatMap((layer, i) =>
  LAYERS.slice(i + 1).map((higher) => ({
    target: `./src/${layer}`,
    from: `./src/${higher}`,
    message: `src/${layer} is below src/${higher}: it must not import it (docs/architecture.md)`,
  })),
);
/** verify/ is pure mathematics: no fast-check, no file system, no threads, no processes. */
const PURE = ['fast-check', 'node:fs', 'node:worker_threads', 'node:child_process', 'vitest'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**', 'coverage/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', performance: 'readonly', URL: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/extensions': ['.ts', '.js'],
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } }),
      ],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: layerZones }],
    },
  },
  // A test may use a higher layer as its oracle (an environment's η* by policy iteration).
  { files: ['src/**/*.test.ts'], rules: { 'import-x/no-restricted-paths': 'off' } },
  {
    files: ['src/verify/**/*.ts'],
    ignores: ['src/verify/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: PURE.map((name) => ({
            name,
            message: 'src/verify is pure: no harness imports (docs/architecture.md)',
          })),
        },
      ],
    },
  },
);
