// ESLint flat config. Boundaries between packages and trust zones are enforced here
// (STYLE.md rule 1), not by review.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const frameworkAndDrivers = [
  'express',
  'express/*',
  'electron',
  'electron/*',
  'better-sqlite3',
  'pg',
  'kysely',
  'winston',
  'axios',
  'node:*',
];

const simFeatures = ['lwa', 'orders-v0', 'orders-2026', 'tokens', 'reports', 'sandbox', 'control'];

const appCode = ['@spapi/server', '@spapi/desktop', '**/apps/**'];

/** Libraries that only their owner folder in apps/server may import. */
const owners = {
  crypto: {
    folders: ['crypto'],
    group: ['libsodium*', 'sodium-native', 'sodium-plus', 'tweetnacl'],
    message: 'Only apps/server/src/crypto calls libsodium (STYLE.md rule 7).',
  },
  logging: {
    folders: ['logging', 'audit'],
    group: ['winston', 'winston/*', 'winston-*', 'logform', 'triple-beam'],
    message: 'Log through apps/server/src/logging (STYLE.md rule 8).',
  },
  tls: {
    folders: ['tls'],
    group: ['selfsigned'],
    message: 'Certificates come from apps/server/src/tls.',
  },
  storage: {
    folders: ['storage'],
    group: ['better-sqlite3', 'pg', 'pg-*'],
    message: 'Database drivers are opened only in apps/server/src/storage.',
  },
  spapi: {
    folders: ['spapi'],
    group: ['axios', 'axios/*'],
    message: 'Amazon is called only through apps/server/src/spapi.',
  },
};

function ownedBans(except) {
  return Object.entries(owners)
    .filter(([owner]) => owner !== except)
    .map(([, { group, message }]) => ({ group, message }));
}

const serverBans = [
  {
    group: ['@spapi/desktop', '**/apps/desktop/**'],
    message: 'The server never imports the desktop app.',
  },
  { group: ['@spapi/spapi-sim'], message: 'Only tests and the demo entry may use the simulator.' },
];

function zone(files, patterns) {
  return { files, rules: { 'no-restricted-imports': ['error', { patterns }] } };
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.tsbuild/**',
      'packages/spapi-models/models/**',
      '**/coverage/**',
      'e2e/artifacts/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 400, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Plain JS and the root Vitest config (outside every tsconfig) are linted without types.
    files: ['**/*.js', 'vitest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  // Import boundaries. In flat config a later block's `no-restricted-imports` replaces an
  // earlier one, so each zone lists every ban that applies to it.
  zone(
    ['packages/shared/src/**/*.ts'],
    [
      { group: frameworkAndDrivers, message: 'packages/shared must stay platform-neutral.' },
      { group: appCode, message: 'Libraries never import app code.' },
      ...ownedBans(),
    ],
  ),
  zone(
    ['packages/spapi-sim/**/*.ts', 'packages/spapi-models/**/*.ts'],
    [{ group: appCode, message: 'Libraries never import app code.' }, ...ownedBans()],
  ),
  // Simulator features import only core/ and data/, never each other.
  ...simFeatures.map((feature) =>
    zone(
      [`packages/spapi-sim/src/${feature}/**/*.ts`],
      [
        { group: appCode, message: 'Libraries never import app code.' },
        ...ownedBans(),
        {
          group: simFeatures.filter((f) => f !== feature).map((f) => `../${f}/*`),
          message: 'Simulator features import only core/ and data/.',
        },
      ],
    ),
  ),
  // The server never imports the desktop app, and the simulator only from tests and the demo.
  // Libraries with an owner folder are imported only there (STYLE.md rules 7 and 8).
  zone(['apps/server/src/**/*.ts'], [...serverBans, ...ownedBans()]),
  // Tests and the demo entry may start the simulator.
  zone(['apps/server/src/**/*.test.ts', 'apps/server/src/demo.ts'], ownedBans()),
  ...Object.entries(owners).map(([owner, { folders }]) =>
    zone(
      folders.map((f) => `apps/server/src/${f}/**/*.{ts,js}`),
      [...serverBans, ...ownedBans(owner)],
    ),
  ),
  // An owner folder's tests may also start the simulator.
  ...Object.entries(owners).map(([owner, { folders }]) =>
    zone(
      folders.map((f) => `apps/server/src/${f}/**/*.test.ts`),
      ownedBans(owner),
    ),
  ),
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
