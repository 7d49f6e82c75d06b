/**
 * The real help-desk exports the team keeps beside the repository (`../shared/datasets`, each with its
 * SOURCE.md). CI and the team's checkouts have them; a clone of the repository alone does not, and then every
 * test that reads them is skipped, with one line per file saying how many and why. The built-in presets are
 * still tested on the repository's own fixtures (packages/domain/src/mapping/presets/fixtures/).
 */
import { existsSync } from 'node:fs';
import { afterAll, describe, test, type TestOptions } from 'vitest';

const DATASETS_ROOT = new URL('../../shared/datasets/', import.meta.url);

export const datasetsPresent = existsSync(DATASETS_ROOT);

/** A file of `../shared/datasets`, e.g. `datasetFile('plum-zendesk/da_assignment.csv')`. */
export function datasetFile(relativePath: string): URL {
  return new URL(relativePath, DATASETS_ROOT);
}

const ABSENT_REASON =
  `../shared/datasets (real help-desk exports kept beside the repository) is not at ${DATASETS_ROOT.pathname}; ` +
  'the built-in presets are still tested on the fixtures in packages/domain/src/mapping/presets/fixtures/';

// Module state is per test file (Vitest isolates modules per file), so the list is this file's.
const skippedInFile: string[] = [];
function noteSkipped(name: string): void {
  if (skippedInFile.length === 0) {
    afterAll(() =>
      console.warn(
        `[datasets] skipped ${skippedInFile.length} dataset test(s)/suite(s) in this file ` +
          `(${skippedInFile.map((n) => `"${n}"`).join(', ')}): ${ABSENT_REASON}`,
      ),
    );
  }
  skippedInFile.push(name);
}

type Body = () => unknown;

/** `test` that runs only where the datasets are present; skipped (and named in the message) otherwise. */
export function datasetTest(name: string, options: TestOptions | Body, body?: Body): void {
  const [opts, fn] = typeof options === 'function' ? [{}, options] : [options, body!];
  if (datasetsPresent) test(name, opts, fn);
  else {
    noteSkipped(name);
    test.skip(name, opts, fn);
  }
}

/**
 * `describe` for a suite whose hooks read the datasets: keep every read inside the hooks and tests (the body
 * itself runs either way, to collect them), and Vitest skips them all, hooks included, when absent.
 */
export function describeWithDatasets(name: string, body: () => void): void {
  if (datasetsPresent) describe(name, body);
  else {
    noteSkipped(name);
    describe.skip(name, body);
  }
}
