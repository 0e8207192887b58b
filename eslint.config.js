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

const NOT_IN_EDITION = ['document', 'window', 'process', 'Buffer', 'require', '__dirname'];
/** A string that starts like an SQL statement (upper case, as db/ writes them). */
const SQL_START = String.raw`/^\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|CREATE|DROP|ALTER|WITH|BEGIN|COMMIT|VACUUM|ATTACH)\s/`;

// Globals only a browser has (the DOM), as opposed to those Node and browsers share.
const BROWSER_ONLY = Object.keys(globals.browser).filter(
  (name) => !(name in globals['shared-node-browser']) && !NOT_IN_EDITION.includes(name),
);

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
      'no-restricted-globals': ['error', ...NOT_IN_EDITION],
    },
  },
  {
    // edition/ touches no DOM outside print/browser/ (the paginator that runs in the
    // print page). Types are kept out by type-checking edition/ without the DOM library
    // (edition/tsconfig.json); this keeps out the values.
    files: ['edition/**/*.ts'],
    ignores: ['edition/print/browser/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...NOT_IN_EDITION,
        ...BROWSER_ONLY.map((name) => ({
          name,
          message: 'edition/ touches no DOM outside print/browser/: take what the browser gives as an argument.',
        })),
      ],
    },
  },
  {
    // SQL lives in db/ behind typed functions: a statement written anywhere else is refused.
    files: ['edition/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[`Literal[value=${SQL_START}]`, `TemplateElement[value.raw=${SQL_START}]`].map((selector) => ({
          selector,
          message: 'SQL belongs in db/: add a typed function there and call it.',
        })),
      ],
    },
  },
);
