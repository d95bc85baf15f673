// Lint: the layers of docs/architecture.md as rules on import direction, plus the recommended
// checks of ESLint, typescript-eslint and eslint-plugin-svelte. Formatting is Prettier's (120
// columns, .prettierrc.json); `npm run lint` runs both and is part of `npm test`.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

const NODE = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'zlib'];
/** What a pure layer may not import: the store, the use cases, the front doors, anything with
 * side effects (Node's own modules included). */
const SIDE_EFFECTS = [
  '**/store/**',
  '**/services/**',
  '**/api/**',
  '**/app/**',
  '**/http/**',
  '**/secrets/**',
  '**/outbox/**',
  'electron',
  'better-sqlite3',
  'keytar',
  'nodemailer',
  ...NODE,
];
const restrict = (...groups) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: groups.map(([group, message, allowTypeImports = false]) => ({ group, message, allowTypeImports })) },
  ],
});

export default ts.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'docs/**', 'resources/**'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      [['**/main/**', 'electron', ...NODE], 'The renderer reaches the engine only through preload/contract.'],
      [['**/preload/index*'], 'The renderer reaches the engine only through preload/contract.'],
      [
        ['**/contract/channels', '**/contract/schemas/*'],
        'Types only here: the zod schemas stay out of the renderer bundle.',
        true,
      ],
    ),
  },
  {
    files: ['preload/contract/**'],
    rules: restrict([
      ['**/main/**', '**/renderer/**', 'electron', ...NODE],
      'The contract is shared by both sides: types and schemas only.',
    ]),
  },
  {
    files: ['main/portal/**'],
    rules: restrict([SIDE_EFFECTS, 'main/portal is the pure engine: no store, no services, no side effects.']),
  },
  {
    files: ['main/services/**', 'main/store/**'],
    rules: restrict(
      [
        ['**/api/**', '**/app/**', '**/http/**', 'electron'],
        'Use cases and the store never reach the layers above them (api, app, http).',
      ],
      [
        ['**/hub/**', '**/sync/**'],
        'Services and the store reach the hub only through main/hub-protocol (its API, errors and wire types) and main/intents.',
      ],
    ),
  },
  {
    // The intents' rules run on both stores: pure, like the engine they build on.
    files: ['main/intents/**', 'main/hub-protocol/**'],
    rules: restrict([
      [...SIDE_EFFECTS, '**/hub/**', '**/sync/**', 'pg'],
      'main/intents and main/hub-protocol are shared by the workstation and the hub: declarations and pure rules only.',
    ]),
  },
  {
    files: ['main/hub/**'],
    rules: restrict([
      [
        '**/sync/**',
        '**/services/**',
        '**/store/**',
        '**/api/**',
        '**/app/**',
        '**/http/**',
        'electron',
        'better-sqlite3',
        'keytar',
      ],
      "The hub shares with workstations only main/hub-protocol, main/intents and the engine: never a workstation's internals.",
    ]),
  },
  {
    files: ['main/sync/**'],
    rules: restrict([
      ['**/hub/**', '**/services/**', '**/api/**', '**/app/**', '**/http/**', 'electron', 'pg'],
      "The sync client speaks to the hub through main/hub-protocol: never the hub's files, nor the services above it.",
    ]),
  },
);
