// ESLint flat config: type-checked TypeScript rules, import zones that keep the architecture honest, and one
// reader of the environment (t3's restrictEnvAccess idea). `pnpm lint` runs it with --max-warnings 0.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

// apps/api/src/<feature>/ folders may import only these shared folders, never each other.
const API_SHARED_FOLDERS = ['http', 'auth', 'plugins'];
const apiFeatures = readdirSync(path.join(import.meta.dirname, 'apps/api/src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !API_SHARED_FOLDERS.includes(entry.name))
  .map((entry) => entry.name);

const apiFeatureZones = apiFeatures.map((feature) => ({
  files: [`apps/api/src/${feature}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: apiFeatures
          .filter((other) => other !== feature)
          .map((other) => ({
            group: [`../${other}/*`, `**/apps/api/src/${other}/*`],
            message: `Features do not import each other (${feature} → ${other}); share through http/, auth/, plugins/ or a package.`,
          })),
      },
    ],
  },
}));

// apps/web/src/features/<feature>/ folders never import each other: the app's routes compose them
// (bulletproof-react's one-way imports: app → features → components/lib).
const webFeatures = readdirSync(path.join(import.meta.dirname, 'apps/web/src/features'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const webFeatureZones = webFeatures.map((feature) => ({
  files: [`apps/web/src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...webFeatures
            .filter((other) => other !== feature)
            .map((other) => ({
              group: [`../../${other}/*`, `**/features/${other}/*`],
              message: `Web features do not import each other (${feature} → ${other}); compose them in src/app/routes.`,
            })),
          { group: ['**/app/*', '**/app/**'], message: 'Features do not import the app; the app imports features.' },
        ],
      },
    ],
  },
}));

// apps/worker/src/<feature>/ folders share only runtime.ts / handlers.ts and the packages, never each other
// or the API and the dashboard.
const WORKER_FEATURES = readdirSync(path.join(import.meta.dirname, 'apps/worker/src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const workerZones = [
  {
    files: ['apps/worker/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', '**/api/src/**', '**/apps/web/**', '**/web/src/**'],
              message: 'The worker shares code with the API through packages/, not by importing apps/api or apps/web.',
            },
          ],
        },
      ],
    },
  },
  ...WORKER_FEATURES.map((feature) => ({
    files: [`apps/worker/src/${feature}/**/*.ts`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/api/**', '**/api/src/**', '**/apps/web/**', '**/web/src/**'],
              message: 'The worker shares code with the API through packages/, not by importing apps/api or apps/web.',
            },
            ...WORKER_FEATURES.filter((other) => other !== feature).map((other) => ({
              group: [`../${other}/*`, `**/apps/worker/src/${other}/*`],
              message: `Worker features do not import each other (${feature} → ${other}); share through a package.`,
            })),
          ],
        },
      ],
    },
  })),
];

// Test support (`*.testing.ts`, the harness in test/) is never imported by production code.
// esquery regexes cannot contain '/', hence \x2F.
const TEST_SUPPORT_IMPORT = String.raw`/(\.testing(\.ts)?|(^|\x2F)test\x2F[^\x2F]+)$/`;
const testSupportGuard = {
  files: ['**/*.{ts,tsx}'],
  ignores: ['**/*.test.ts', '**/*.testing.ts', 'test/**', 'apps/web/e2e/**', 'bench/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: `ImportDeclaration[source.value=${TEST_SUPPORT_IMPORT}], ImportExpression[source.value=${TEST_SUPPORT_IMPORT}], ExportNamedDeclaration[source.value=${TEST_SUPPORT_IMPORT}], ExportAllDeclaration[source.value=${TEST_SUPPORT_IMPORT}]`,
        message: 'Production code never imports test support (*.testing.ts, test/): move what it needs into src.',
      },
    ],
  },
};

/** A package's forbidden imports (`[patterns, message]` pairs), apps always among them; its tests are exempt. */
function packageZone(files, forbidden) {
  return {
    files: [files],
    ignores: ['**/*.test.ts', '**/*.testing.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...forbidden.map(([group, message]) => ({ group, message })),
            { group: ['**/apps/**'], message: 'Packages never import the apps: the apps import packages.' },
          ],
        },
      ],
    },
  };
}

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'bench/results/',
      'test-artifacts/',
      '.uploads/',
      'packages/db/src/schema.generated.ts',
      'apps/web/src/lib/api.generated.ts',
      // Deliberately bad code that scripts/lint-config.test.ts lints on purpose.
      'scripts/lint-fixtures/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Fastify plugins and hooks signal completion by returning a promise, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only packages/config reads the environment: take a Config (loadConfig) instead.',
        },
      ],
    },
  },
  {
    files: ['packages/config/src/config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['packages/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@scorecard/db',
                '@scorecard/db/*',
                '@scorecard/jobs',
                'fastify',
                'fastify-*',
                '@fastify/*',
                'bullmq',
                'ioredis',
                'pg',
                'pg-*',
                'kysely',
                'node:fs',
                'node:fs/*',
                'fs',
                'fs/*',
                '**/packages/db/**',
                '**/apps/**',
              ],
              message: 'packages/domain is pure: no database, HTTP, queue or file-system imports.',
            },
          ],
        },
      ],
    },
  },
  // The packages' layers: db is the client, migrations and queries; ingest reads files and accepts rows without
  // a database; reporting composes from db's query functions without SQL of its own. None imports an app.
  packageZone('packages/db/**/*.ts', [
    [
      ['@scorecard/ingest', '@scorecard/ingest/*', '@scorecard/reporting', '@scorecard/reporting/*'],
      'packages/db holds the client, migrations and query functions: file reading is packages/ingest, reports packages/reporting.',
    ],
  ]),
  packageZone('packages/ingest/**/*.ts', [
    [
      ['@scorecard/db', '@scorecard/db/*', '@scorecard/reporting', '@scorecard/reporting/*', 'kysely', 'pg', 'pg-*'],
      'packages/ingest reads files and accepts rows without a database: the API and the worker store what it returns.',
    ],
  ]),
  packageZone('packages/reporting/**/*.ts', [
    [
      ['@scorecard/ingest', '@scorecard/ingest/*', 'kysely', 'pg', 'pg-*'],
      'packages/reporting composes from the query functions of packages/db: queries live in packages/db/src/<feature>/.',
    ],
  ]),
  {
    // Domain tests read fixture files and the shared datasets; the domain source itself stays pure.
    files: ['packages/domain/**/*.test.ts', 'packages/domain/**/*.testing.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests read JSON bodies of unknown shape and assert on them field by field; the assertions are the types.
    files: ['**/*.test.ts', '**/*.testing.ts', 'test/**/*.ts', 'apps/web/e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  {
    // Harnesses that start child processes (tests, benchmarks, the start script) pass the environment on.
    files: ['**/*.int.test.ts', '**/*.e2e.test.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  apiFeatureZones,
  webFeatureZones,
  workerZones,
  testSupportGuard,
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // No import cycles anywhere (between packages they are also impossible: the workspace graph is a DAG).
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
