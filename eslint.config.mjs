import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { layersPlugin } from './eslint/layers.mjs';

// core/ is the pure domain shared by the mini-program and the functions: no SDK, no Taro, no I/O.
const forbiddenInCore = [
  { name: 'wx-server-sdk', message: 'core/ is pure: the SDK belongs in server/.' },
  ...['fs', 'path', 'http', 'https', 'net', 'child_process', 'worker_threads', 'os', 'crypto'].flatMap((m) => [
    { name: m, message: 'core/ is pure: no Node I/O.' },
    { name: `node:${m}`, message: 'core/ is pure: no Node I/O.' },
  ]),
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-h5/', '.localcloud/', 'coverage/', 'cloudfunctions/*/index.js', 'test-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: forbiddenInCore,
        patterns: [{ group: ['@tarojs/*'], message: 'core/ is pure: no Taro.' }],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ is pure: no process.' }],
    },
  },
  {
    // server/ is layered and core/ stands alone: imports point down only (eslint/layers.mjs).
    files: ['server/**/*.ts', 'core/**/*.ts'],
    plugins: { kaidian: layersPlugin },
    rules: { 'kaidian/import-direction': 'error' },
  },
  {
    // One typed way to name a collection: COLLECTIONS (core/collections.ts, typed by DocByCollection and
    // checked against database/collections.json) — a misspelt string would read an empty collection.
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.property.name='collection'][arguments.0.type='Literal']",
        message: 'Name collections with COLLECTIONS.<name> (core/collections.ts), not a string.',
      }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-var-requires': 'off' },
  },
);
