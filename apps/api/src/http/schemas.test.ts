import fc from 'fast-check';
import { FIRST_YEAR, LAST_YEAR, parseWeekLabel } from '@scorecard/domain/weeks';
import { describe, expect, it } from 'vitest';
import Type from 'typebox';
import Value from 'typebox/value';
import { DAY_PATTERN, PageQuery, WEEK_LABEL_PATTERN } from './schemas.ts';

const weekPattern = new RegExp(WEEK_LABEL_PATTERN);
const dayPattern = new RegExp(DAY_PATTERN);

describe('shared request schemas', () => {
  it.each([
    ['2026-W47', true],
    [`${FIRST_YEAR}-W01`, true],
    [`${LAST_YEAR}-W52`, true],
    [`${FIRST_YEAR - 1}-W52`, false],
    [`${LAST_YEAR + 1}-W01`, false],
    ['9999-W52', false],
    ['0000-W01', false],
    ['2026-W00', false],
    ['2026-W54', false],
  ])('week label %s matches: %s', (label, expected) => {
    expect(weekPattern.test(label)).toBe(expected);
  });

  it.each([
    ['2026-11-16', true],
    ['0000-01-01', false],
    ['9999-12-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-32', false],
  ])('day %s matches: %s', (day, expected) => {
    expect(dayPattern.test(day)).toBe(expected);
  });

  // The schema (a regular expression) and the domain's parser hold the same year range: every label the
  // parser accepts passes the schema, and every label the schema passes is one the parser reads or rejects
  // as a week that does not exist (W53 of a 52-week year), never as a year out of range.
  it('agrees with parseWeekLabel on the supported years', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 53 }), (year, week) => {
        const label = `${String(year).padStart(4, '0')}-W${String(week).padStart(2, '0')}`;
        const inRange = year >= FIRST_YEAR && year <= LAST_YEAR;
        expect(weekPattern.test(label)).toBe(inRange);
        if (!inRange) expect(parseWeekLabel(label)).toBeNull();
        else if (week <= 52) expect(parseWeekLabel(label)).not.toBeNull();
      }),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [{}, true],
    [{ limit: 1, offset: 0 }, true],
    [{ limit: 30, offset: 10_000_000 }, true],
    [{ limit: 31 }, false],
    [{ limit: 0 }, false],
    [{ offset: 10_000_001 }, false],
    [{ offset: -1 }, false],
    [{ limit: 2.5 }, false],
  ])('a page of at most 30 rows accepts %j: %s', (query, expected) => {
    expect(Value.Check(Type.Object(PageQuery({ maxLimit: 30, defaultLimit: 10 })), query)).toBe(expected);
  });
});
