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
        projectService: { allowDefaultProject: ['vitest.config.ts'] },
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
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // packages/shared is imported by every process, including the renderer: no frameworks,
    // no drivers, no Node built-ins, no app code.
    files: ['packages/shared/src/**/*.ts'],
    ignores: ['packages/shared/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworkAndDrivers, message: 'packages/shared must stay platform-neutral.' },
            {
              group: ['@spapi/server', '@spapi/desktop', '@spapi/spapi-sim', '**/apps/**'],
              message: 'Libraries never import app code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The simulator stands in for Amazon: it never imports our server or apps.
    files: ['packages/spapi-sim/**/*.ts', 'packages/spapi-models/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@spapi/server', '@spapi/desktop', '**/apps/**'],
              message: 'Libraries never import app code.',
            },
          ],
        },
      ],
    },
  },
  {
    // The server never imports the desktop app, and never the simulator outside tests and the demo.
    files: ['apps/server/src/**/*.ts'],
    ignores: ['apps/server/src/**/*.test.ts', 'apps/server/src/demo.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@spapi/desktop', '**/apps/desktop/**'],
              message: 'The server never imports the desktop app.',
            },
            {
              group: ['@spapi/spapi-sim'],
              message: 'Only tests and the demo entry may use the simulator.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
