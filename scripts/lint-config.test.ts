/**
 * The lint configuration's guard rails, each shown to fail on a deliberately bad file: web features importing
 * each other, the worker importing the API, production code importing test support, hooks called
 * conditionally, and an import cycle. Type-aware rules are switched off here (the bad files are virtual).
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  ignore: false,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], ...tseslint.configs.disableTypeChecked }],
});

async function ruleIds(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('lint guard rails', { timeout: 60_000 }, () => {
  it('rejects a web feature importing another feature', async () => {
    const code =
      "import { VendorTermsPanel } from '../../terms/components/VendorTermsPanel.tsx';\nexport { VendorTermsPanel };\n";
    expect(await ruleIds(code, 'apps/web/src/features/vendors/components/Bad.tsx')).toContain('no-restricted-imports');
    // The same import from the app's routes (which compose features) is fine.
    expect(
      await ruleIds(code.replace('../../terms', '../../features/terms'), 'apps/web/src/app/routes/Good.tsx'),
    ).toEqual([]);
  });

  it('rejects a worker feature importing another, and the worker importing the API', async () => {
    expect(
      await ruleIds("export { recompute } from '../metrics/recompute.job.ts';\n", 'apps/worker/src/reports/bad.ts'),
    ).toContain('no-restricted-imports');
    expect(
      await ruleIds("export { buildApp } from '../../../api/src/app.ts';\n", 'apps/worker/src/reports/bad.ts'),
    ).toContain('no-restricted-imports');
  });

  it('rejects production code importing test support, and lets tests do it', async () => {
    const code = "import { readCsv } from './csv.testing.ts';\nexport const rows = readCsv;\n";
    expect(await ruleIds(code, 'packages/domain/src/mapping/bad.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(code, 'packages/domain/src/mapping/good.test.ts')).not.toContain('no-restricted-syntax');
    const harness =
      "import { createTestDatabase } from '../../../../test/harness.ts';\nexport { createTestDatabase };\n";
    expect(await ruleIds(harness, 'packages/db/src/imports/bad.ts')).toContain('no-restricted-syntax');
    // The package fixtures, by their package path, from an API feature and from the worker.
    const fixtures =
      "import { insertCases } from '@scorecard/db/metrics/case-fixtures.testing';\nexport { insertCases };\n";
    expect(await ruleIds(fixtures, 'apps/api/src/scorecards/bad.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(fixtures, 'apps/worker/src/metrics/bad.ts')).toContain('no-restricted-syntax');
    expect(await ruleIds(fixtures, 'apps/api/src/scorecards/good.int.test.ts')).not.toContain('no-restricted-syntax');
  });

  it('keeps the packages in their layers: db reads no files, ingest has no database, reporting no SQL', async () => {
    const reads = "export { readRows } from '@scorecard/ingest/export-file';\n";
    expect(await ruleIds(reads, 'packages/db/src/imports/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(reads, 'apps/worker/src/imports/good.ts')).not.toContain('no-restricted-imports');
    const queries = "export { findImport } from '@scorecard/db/imports/imports';\n";
    expect(await ruleIds(queries, 'packages/ingest/src/bad.ts')).toContain('no-restricted-imports');
    expect(await ruleIds(queries, 'packages/reporting/src/good.ts')).not.toContain('no-restricted-imports');
    expect(await ruleIds("export { sql } from 'kysely';\n", 'packages/reporting/src/bad.ts')).toContain(
      'no-restricted-imports',
    );
  });

  it('rejects a hook called conditionally in the dashboard', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Bad({ on }: { on: boolean }) {',
      '  if (on) useState(0);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(code, 'apps/web/src/components/Bad.tsx')).toContain('react-hooks/rules-of-hooks');
  });

  it('rejects an import cycle', async () => {
    const [result] = await eslint.lintFiles(['scripts/lint-fixtures/cycle/first.ts']);
    expect(result?.messages.map((m) => m.ruleId)).toContain('import-x/no-cycle');
  });
});
