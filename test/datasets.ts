/**
 * The real help-desk exports the team keeps beside the repository (`../shared/datasets`, each with its
 * SOURCE.md). CI and the team's checkouts have them; a clone of the repository alone does not, and then every
 * test that reads them is skipped, and says so with the reason. Vitest's summary counts them as skipped. The built-in presets are
 * still tested on the repository's own fixtures (packages/domain/src/mapping/presets/fixtures/).
 */
import { existsSync } from 'node:fs';
import { describe, test, type TestOptions } from 'vitest';

const DATASETS_ROOT = new URL('../../shared/datasets/', import.meta.url);

export const datasetsPresent = existsSync(DATASETS_ROOT);

/** A file of `../shared/datasets`, e.g. `datasetFile('plum-zendesk/da_assignment.csv')`. */
export function datasetFile(relativePath: string): URL {
  return new URL(relativePath, DATASETS_ROOT);
}

const ABSENT_REASON =
  `../shared/datasets (real help-desk exports kept beside the repository) is not at ${DATASETS_ROOT.pathname}; ` +
  'the built-in presets are still tested on the fixtures in packages/domain/src/mapping/presets/fixtures/ and, ' +
  'end to end, on the generated exports of test/preset-exports.ts';

// Said when the test is collected (a file whose tests are all skipped runs no hooks): one line per skipped
// test or suite, the reason once per file (module state is per file: Vitest isolates modules per file).
let reasonGiven = false;
function noteSkipped(name: string): void {
  console.warn(`[datasets] skipped "${name}"${reasonGiven ? '' : `: ${ABSENT_REASON}`}`);
  reasonGiven = true;
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
