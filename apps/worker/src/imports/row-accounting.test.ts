import { describe, expect, test } from 'vitest';
import { assertRowsAddUp, RowAccountingError } from './run-import.ts';

describe('an import must account for every row before it may succeed', () => {
  const counts = { rowsRead: 10, rowsLoaded: 5, rowsReplaced: 2, rowsSkipped: 1, rowsRejected: 2 };
  test.each<[string, typeof counts, number, boolean]>([
    ['adds up', counts, 7, true],
    ['a row missing', { ...counts, rowsRead: 11 }, 7, false],
    ['a staged row lost before the commit', counts, 8, false],
  ])('%s', (_name, final, staged, ok) => {
    if (ok) expect(() => assertRowsAddUp(final, staged)).not.toThrow();
    else expect(() => assertRowsAddUp(final, staged)).toThrow(RowAccountingError);
  });

  test('the message names every count', () => {
    expect(() => assertRowsAddUp({ ...counts, rowsRead: 11 }, 7)).toThrow(
      'The rows do not add up: read 11, but loaded 5 + replaced 2 + skipped 1 + rejected 2 = 10 (7 rows were staged). Nothing was imported.',
    );
  });
});
