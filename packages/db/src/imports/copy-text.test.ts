import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instant } from './copy-text.ts';

// The whole range a Date can hold: ±100,000,000 days around 1970.
const LIMIT_MS = 8.64e15;

describe('instant', () => {
  it('writes what toISOString writes, for random instants over the whole range a Date holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -LIMIT_MS, max: LIMIT_MS }), (ms) => {
        const date = new Date(ms);
        expect(instant(date)).toBe(date.toISOString());
      }),
      { numRuns: 20_000 },
    );
  });

  it('writes what toISOString writes for runs of nearby instants, as an export lists them', () => {
    // The steps cross midnights, month ends, leap days, years and the 1970 epoch.
    const runs = fc.tuple(
      fc.integer({ min: -5e12, max: 5e12 }),
      fc.array(fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), { minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(runs, ([start, steps]) => {
        let ms = start;
        for (const step of steps) {
          ms += step;
          expect(instant(new Date(ms))).toBe(new Date(ms).toISOString());
        }
      }),
    );
  });

  it('keeps the edges exact: the last millisecond of a day, the epoch, six-digit years', () => {
    for (const text of [
      '2026-01-05T23:59:59.999Z',
      '2026-01-06T00:00:00.000Z',
      '1969-12-31T23:59:59.999Z',
      '1970-01-01T00:00:00.000Z',
      '0000-01-01T00:00:00.001Z',
      '0999-12-31T23:59:59.999Z',
      '9999-12-31T23:59:59.999Z',
      '+010000-01-01T00:00:00.000Z',
      '2024-02-29T12:00:00.000Z',
      '1900-02-28T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
    ]) {
      expect(instant(new Date(text))).toBe(text);
    }
  });

  it('throws on an invalid date, as toISOString does', () => {
    expect(() => instant(new Date(Number.NaN))).toThrow(RangeError);
  });
});
