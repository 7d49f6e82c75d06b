// ESLint flat config: type-checked TypeScript rules, import zones that keep the architecture honest, and one
// reader of the environment (t3's restrictEnvAccess idea). `pnpm lint` runs it with --max-warnings 0.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

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
  {
    // Domain tests read fixture files and the shared datasets; the domain source itself stays pure.
    files: ['packages/domain/**/*.test.ts', 'packages/domain/**/*.testing.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // Tests read JSON bodies of unknown shape and assert on them field by field; the assertions are the types.
    files: ['**/*.test.ts', '**/*.test-support.ts', 'test/**/*.ts', 'apps/web/e2e/**/*.ts'],
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
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
