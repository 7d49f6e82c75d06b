import { describe, expect, it } from 'vitest';
import { daysInMonth, localMonth, monthElapsedDays, monthWeekdays } from './month-to-date.ts';

describe('the month so far', () => {
  it.each([
    ['2026-02', 28],
    ['2028-02', 29],
    ['2026-03', 31],
    ['2026-04', 30],
  ])('%s has %i days', (month, days) => expect(daysInMonth(month)).toBe(days));

  it('gives each day its weekday, Monday = 0 (1 March 2026 is a Sunday)', () => {
    expect(monthWeekdays('2026-03').slice(0, 8)).toEqual([6, 0, 1, 2, 3, 4, 5, 6]);
  });

  it.each([
    ['2026-03-16T12:00:00Z', 'UTC', '2026-03', 15.5],
    ['2026-03-01T00:00:00Z', 'UTC', '2026-03', 0],
    ['2026-02-28T23:00:00Z', 'UTC', '2026-03', 0],
    ['2026-04-02T00:00:00Z', 'UTC', '2026-03', 31],
    // 23:30 UTC on 31 March is 01:30 on 1 April in Berlin: the local month has just begun.
    ['2026-03-31T23:30:00Z', 'Europe/Berlin', '2026-04', 1.5 / 24],
  ])('at %s in %s, %s has %f days elapsed', (at, zone, month, elapsed) => {
    expect(monthElapsedDays(month, new Date(at), zone)).toBeCloseTo(elapsed, 9);
  });

  it('names the local month', () => {
    expect(localMonth(new Date('2026-03-31T23:30:00Z'), 'Europe/Berlin')).toBe('2026-04');
    expect(localMonth(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-03');
  });
});
