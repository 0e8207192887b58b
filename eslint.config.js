// Lint: typescript-eslint for the whole tree, eslint-plugin-solid for the renderer, and
// import restrictions that keep the layers pointing one way: renderer -> edition <- db <- electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import solid from 'eslint-plugin-solid/configs/typescript';
import globals from 'globals';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const layer = (target, forbidden, message, more = []) => ({
  files: [`${target}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [...forbidden.map((group) => ({ group: [group], message })), ...more],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // No import circles, type-only imports included: a circle hides which module owns a
    // concept, and the layers stay a tree only if their folders do.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver()],
      // The rule reads each imported file itself, and needs to be told it is TypeScript.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ...solid,
    languageOptions: { ...solid.languageOptions, globals: globals.browser },
  },
  layer(
    'edition',
    [
      '**/db/**',
      '**/electron/**',
      '**/renderer/**',
      'node:*',
      'electron',
      'better-sqlite3',
      'fs',
      'path',
      'worker_threads',
    ],
    'edition/ is pure TypeScript: it may not import Node, Electron, the store or the UI.',
    [
      {
        group: ['**/protocol.ts', '**/protocol'],
        message:
          'The model knows nothing of the transport: only the hosts and the API client import edition/protocol.ts.',
      },
    ],
  ),
  layer('db', ['**/electron/**', '**/renderer/**', 'electron'], 'db/ depends on edition/ only.'),
  layer(
    'renderer',
    ['**/db/**', '**/electron/**', 'node:*', 'electron', 'better-sqlite3'],
    'renderer/ talks to the Node side only through the typed API.',
  ),
  {
    files: ['edition/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-globals': ['error', 'document', 'window', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
);
